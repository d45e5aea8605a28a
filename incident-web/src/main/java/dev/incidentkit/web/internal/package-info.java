/**
 * The implementation of IncidentKit's web module. Not an API: anything here may change in any
 * release without notice. Depend on {@code dev.incidentkit.web} instead.
 */
@NullMarked
package dev.incidentkit.web.internal;

import org.jspecify.annotations.NullMarked;
