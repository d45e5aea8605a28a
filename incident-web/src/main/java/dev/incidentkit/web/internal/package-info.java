/**
 * The implementation of {@code incident-web}: the Jetty handler, the route table, request
 * parsing, the problem documents, secrets and the live event streams. Free to change in any
 * release without notice: nothing here is API; depend on {@code dev.incidentkit.web} instead. The
 * wire formats it writes are documented where they are public: in the OpenAPI document served at
 * {@code /api/v1/openapi.json} (the resource {@code dev/incidentkit/web/openapi.json}).
 */
@NullMarked
package dev.incidentkit.web.internal;

import org.jspecify.annotations.NullMarked;
