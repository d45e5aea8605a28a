/**
 * Incident metrics (design contract, section 4): the intervals between milestones (MTTD, MTTA,
 * MTTI, MTTM, MTTR), MTBF per service, incident frequency, SLA compliance, acknowledge times per
 * responder, reopen rate and action-item closure, computed in one pass by {@link
 * dev.incidentkit.core.metrics.Metrics#compute} or kept up to date event by event by a {@link
 * dev.incidentkit.core.metrics.MetricsProjection}; and the SLO error-budget burn-rate calculator
 * with multi-window alerting ({@link dev.incidentkit.core.metrics.BurnRates}).
 *
 * <p>Everything here is a pure function of its input or, for the projection, of the events it was
 * given. No method reads a clock: an instant that matters (the end of a window, "now" for the
 * burn rate or for overdue action items) is always an argument.
 */
@NullMarked
package dev.incidentkit.core.metrics;

import org.jspecify.annotations.NullMarked;
