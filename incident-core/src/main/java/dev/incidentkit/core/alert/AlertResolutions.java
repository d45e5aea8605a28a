package dev.incidentkit.core.alert;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.spi.AlertStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The intake's other half: what follows an alert's resolution or acknowledgment at its source.
 * The resolution goes on the alert's incident ({@code incident.alert_resolved}), once; when it
 * was the incident's last firing alert, a note says so, or (with {@link AlertRules#autoResolve()})
 * the incident resolves, once, and only if no alert joined it meanwhile. Thread-safe.
 */
final class AlertResolutions {

    /** How many times the firing alerts are counted again when an alert joins meanwhile. */
    private static final int MAX_COUNTS = 3;

    private final IncidentManager incidents;
    private final AlertStore store;
    private final AlertRules rules;

    AlertResolutions(IncidentManager incidents, AlertStore store, AlertRules rules) {
        this.incidents = incidents;
        this.store = store;
        this.rules = rules;
    }

    AlertReceipt resolve(AlertSignal.Resolved signal, Actor actor, Instant now) {
        Optional<Alert> resolved = store.receiveResolved(signal.source(), signal.dedupKey(), now);
        if (resolved.isEmpty()) {
            Optional<Alert> stored = store.find(signal.source(), signal.dedupKey());
            // A retry of a resolution whose event was not written (the store failed, or the
            // process died, after the alert was marked resolved): write it now. Idempotent.
            stored.filter(a -> a.status() == AlertStatus.RESOLVED && a.incidentId().isPresent())
                    .ifPresent(a -> resolvedOn(a.incidentId().get(), a, actor));
            return new AlertReceipt(AlertReceipt.Outcome.NOT_FIRING, stored, Optional.empty());
        }
        Alert alert = resolved.get();
        alert.incidentId().ifPresent(incidentId -> resolvedOn(incidentId, alert, actor));
        return new AlertReceipt(AlertReceipt.Outcome.RESOLVED, Optional.of(alert), alert.incidentId());
    }

    /** Writes an alert's resolution on its incident, then, if it was the last firing one, says so. */
    void resolvedOn(String incidentId, Alert alert, Actor actor) {
        long version = incidents.execute(incidentId, new Command.ResolveAlert(alert.id(), alert.details().source(),
                        alert.details().dedupKey(), alert.details().summary(), alert.repeats()),
                CommandContext.as(actor).commandId("alert:" + alert.id() + ":resolved")).version();
        // Counted after the version is known, and written only at that version: an alert that
        // joins meanwhile moves the version, and the count is taken again.
        for (int attempt = 0; attempt < MAX_COUNTS && store.firingCount(incidentId) == 0; attempt++) {
            try {
                allResolved(incidentId, actor, version);
                return;
            } catch (ConcurrencyConflictException e) {
                version = incidents.find(incidentId).map(Incident::version).orElse(version);
            }
        }
    }

    /**
     * The last firing alert of an incident resolved: resolve it, or say so, once. Resolvers of an
     * incident's last alerts (threads or processes) may each count no alert firing; they all name
     * the same last-resolved alert, the newest received (the store's order), in the command id,
     * so that the first writes and the others find its command.
     */
    private void allResolved(String incidentId, Actor actor, long version) {
        Optional<Incident> incident = incidents.find(incidentId);
        List<Alert> newest = store.alerts(AlertQuery.recent().incident(incidentId).limit(1));
        if (incident.isEmpty() || !incident.get().status().isActive() || newest.isEmpty()) {
            return;
        }
        Alert last = newest.get(0);
        CommandContext context = CommandContext.as(actor).commandId("alert:" + last.id() + ":all-resolved:"
                + last.lastSeen()).expectVersion(version);
        String note = "Every alert of this incident has resolved (the last: " + last.details().title() + ").";
        if (rules.autoResolve()) {
            try {
                incidents.resolve(incidentId, note, context);
            } catch (IllegalTransitionException e) {
                // Resolved meanwhile by someone else: what auto-resolve wanted.
            }
        } else {
            incidents.addNote(incidentId, note, context);
        }
    }

    AlertReceipt acknowledge(AlertSignal.Acknowledged signal, Actor actor) {
        Optional<Alert> alert = store.find(signal.source(), signal.dedupKey());
        if (alert.isEmpty() || alert.get().status() != AlertStatus.FIRING) {
            return new AlertReceipt(AlertReceipt.Outcome.NOT_FIRING, alert, Optional.empty());
        }
        Optional<String> incidentId = alert.get().incidentId();
        if (incidentId.isPresent()) {
            Optional<Incident> incident = incidents.find(incidentId.get());
            if (incident.isPresent() && incident.get().status() == Status.OPEN) {
                try {
                    incidents.acknowledge(incidentId.get(), "Acknowledged at " + signal.source() + " (alert "
                            + alert.get().details().title() + ")", CommandContext.as(actor));
                } catch (IllegalTransitionException e) {
                    // Acknowledged or moved on meanwhile: nothing left to do.
                }
            }
        }
        return new AlertReceipt(AlertReceipt.Outcome.ACKNOWLEDGED, alert, incidentId);
    }
}
