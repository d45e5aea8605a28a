package dev.incidentkit.core.sla;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.TestHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Builds an incident's history by hand, for the pure SLA functions: no store, no manager. It keeps
 * the incident's status and severity so that each step names where it comes from; the events are
 * chained by {@link TestHistory}, as in the export tests.
 */
final class History {

    static final String ID = "INC-2025-001";

    private final TestHistory history;
    private final Instant declaredAt;
    private Status status = Status.OPEN;
    private Severity severity;
    /** When the last step of a generated lifecycle happened. */
    Instant lastAt;

    private History(Severity severity, Instant detectedAt, Instant declaredAt) {
        this.severity = severity;
        this.declaredAt = declaredAt;
        this.lastAt = declaredAt;
        this.history = TestHistory.declared(declaredAt, "alice", new IncidentEvent.Declared(ID, "Checkout latency",
                severity, "checkout", Status.OPEN, "", detectedAt, detectedAt, false));
    }

    static History declared(Severity severity, Instant at) {
        return new History(severity, at, at);
    }

    static History declared(Severity severity, Instant detectedAt, Instant declaredAt) {
        return new History(severity, detectedAt, declaredAt);
    }

    Instant declaredAt() {
        return declaredAt;
    }

    /** @return the instant {@code minutes} after the declaration */
    Instant plus(long minutes) {
        return declaredAt.plus(Duration.ofMinutes(minutes));
    }

    History ack(Instant at) {
        status = Status.ACKNOWLEDGED;
        return add(at, new IncidentEvent.Acknowledged("on it", Optional.empty()));
    }

    History to(Status to, Instant at) {
        IncidentEvent.StatusChanged e = new IncidentEvent.StatusChanged(status, to, "");
        status = to;
        return add(at, e);
    }

    History reopen(Instant at) {
        return to(Status.INVESTIGATING, at);
    }

    History note(Instant at) {
        return add(at, new IncidentEvent.NoteAdded("update"));
    }

    History severity(Severity to, Instant at) {
        IncidentEvent.SeverityChanged e = new IncidentEvent.SeverityChanged(severity, to, "");
        severity = to;
        return add(at, e);
    }

    History cancel(Instant at) {
        status = Status.CANCELED;
        return add(at, new IncidentEvent.Canceled("declared by mistake"));
    }

    History assign(Instant at) {
        return add(at, new IncidentEvent.RoleAssigned(dev.incidentkit.core.Role.COMMANDER,
                dev.incidentkit.core.Actor.of("carol")));
    }

    History add(Instant at, IncidentEvent event) {
        history.add(at, "alice", event);
        return this;
    }

    List<RecordedEvent> events() {
        return history.events();
    }
}
