/**
 * Alerts in: what a monitoring system says ({@link dev.incidentkit.core.alert.AlertSignal}),
 * deduplicated and grouped into incidents by {@link dev.incidentkit.core.alert.AlertIntake} under
 * {@link dev.incidentkit.core.alert.AlertRules}, with silences and maintenance windows ({@link
 * dev.incidentkit.core.alert.Silence}). The store decides every race ({@link
 * dev.incidentkit.core.spi.AlertStore}), so that many processes on one database agree; the
 * alerts' events ({@code incident.alert_attached}, {@code incident.alert_resolved}) go on their
 * incident's timeline and hash chain.
 */
@NullMarked
package dev.incidentkit.core.alert;

import org.jspecify.annotations.NullMarked;
