/**
 * The HTTP API of IncidentKit, embedded in a host: {@code dev.incidentkit.web.IncidentWeb} serves
 * an {@link dev.incidentkit.core.IncidentManager} under {@code /api/v1}, with the {@link
 * dev.incidentkit.web.Authenticator}s that say who calls, and the manager's {@link
 * dev.incidentkit.core.access.Authorizer} that says what they may do.
 */
@NullMarked
package dev.incidentkit.web;

import org.jspecify.annotations.NullMarked;
