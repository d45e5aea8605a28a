package dev.incidentkit.core.oncall;

import dev.incidentkit.core.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an incident's escalation stands: a small value to store and reload. While it runs, {@link
 * #at()} is when its next step is due, and {@link Escalations#due} says what that step is and
 * gives the state after it; nothing else changes it except {@link #acknowledge}.
 *
 * @param policyId the {@link EscalationPolicy}'s id
 * @param incidentId the incident escalated
 * @param severity the incident's severity when the escalation started
 * @param triggeredAt when it started
 * @param round the time through the policy's levels, from 1
 * @param level the number (from 1) of the level due next; once exhausted, of the last one stepped
 * @param at while it runs, when the next step is due; when acknowledged, the acknowledgment; when
 *     exhausted, the last step
 * @param status whether it runs
 * @param lastLevel the number of the level stepped last; 0 before the first step
 * @param lastPaged whom that step paged, possibly nobody
 * @since 0.4.0
 */
public record Escalation(
        String policyId,
        String incidentId,
        Severity severity,
        Instant triggeredAt,
        int round,
        int level,
        Instant at,
        Status status,
        int lastLevel,
        List<String> lastPaged) {

    /** Whether an escalation runs, and if not, why. */
    public enum Status {
        /** Its next step is due at {@link Escalation#at()}. */
        RUNNING,
        /** Someone acknowledged the incident or a page; nothing more is paged. */
        ACKNOWLEDGED,
        /** Its last level of its last round was stepped and nobody acknowledged. */
        EXHAUSTED
    }

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException naming {@code policyId}, {@code incidentId}, {@code round},
     *     {@code level}, {@code at}, {@code lastLevel} or {@code lastPaged} if one is out of range
     */
    public Escalation {
        Checks.id("policyId", policyId);
        Checks.id("incidentId", incidentId);
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(triggeredAt, "triggeredAt");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        if (round < 1) {
            throw Checks.bad("round", "must be at least 1", round);
        }
        if (level < 1) {
            throw Checks.bad("level", "must be at least 1", level);
        }
        if (lastLevel < 0) {
            throw Checks.bad("lastLevel", "must not be negative", lastLevel);
        }
        if (at.isBefore(triggeredAt)) {
            throw Checks.bad("at", "must not be before triggeredAt (" + triggeredAt + ")", at);
        }
        lastPaged = Checks.ids("lastPaged", lastPaged);
    }

    /** @return when the next step is due; empty once it has stopped */
    public Optional<Instant> dueAt() {
        return status == Status.RUNNING ? Optional.of(at) : Optional.empty();
    }

    /**
     * Stops the escalation: acknowledging the incident, or any of its pages, does it. Once stopped,
     * it stays as it is.
     *
     * @param when the acknowledgment
     * @return the acknowledged escalation, or this one if it had already stopped
     * @throws IllegalArgumentException naming {@code when} if it is before the escalation started
     */
    public Escalation acknowledge(Instant when) {
        Objects.requireNonNull(when, "when");
        if (when.isBefore(triggeredAt)) {
            throw Checks.bad("when", "must not be before the escalation started (" + triggeredAt + ")", when);
        }
        if (status != Status.RUNNING) {
            return this;
        }
        return new Escalation(policyId, incidentId, severity, triggeredAt, round, level, when, Status.ACKNOWLEDGED, lastLevel, lastPaged);
    }
}
