/**
 * Service-level targets of incidents: the {@link dev.incidentkit.core.sla.SlaPolicy} (per-severity
 * targets to acknowledge, resolve and post updates, optionally on a {@link
 * dev.incidentkit.core.sla.BusinessCalendar}), the {@link dev.incidentkit.core.sla.SlaStatus} of an
 * incident at any instant, and the {@link dev.incidentkit.core.sla.SlaMonitor} that records each
 * breach once as an {@code incident.sla_breached} event.
 */
@NullMarked
package dev.incidentkit.core.sla;

import org.jspecify.annotations.NullMarked;
