package dev.incidentkit.core.sla;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SLA clocks of an incident at an instant, as {@link SlaPolicy#status} computes them from its
 * history.
 *
 * @param incidentId the incident
 * @param at the instant the status is for
 * @param severity its severity at that instant
 * @param status its lifecycle status at that instant
 * @param clocks each clock its severity has a target for: always acknowledge and resolve,
 *     update when the severity has an update target
 * @since 0.1.0
 */
public record SlaStatus(String incidentId, Instant at, Severity severity, Status status, Map<SlaKind, SlaClock> clocks) {

    /** Checks that no component is null and copies the clocks. */
    public SlaStatus {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        clocks = clocks.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(clocks));
    }

    /**
     * @param kind a clock
     * @return its status, if the severity has a target for it
     */
    public Optional<SlaClock> clock(SlaKind kind) {
        return Optional.ofNullable(clocks.get(kind));
    }

    /** @return whether any clock is breached */
    public boolean isBreached() {
        for (SlaClock c : clocks.values()) {
            if (c.state() == SlaState.BREACHED) {
                return true;
            }
        }
        return false;
    }

    /**
     * When the next breach can happen if nothing changes: the earliest deadline of a pending
     * clock, or {@link #at()} itself when a severity change at that very instant has put a
     * pending clock's deadline behind it (the clock breaches at the change).
     *
     * @return the earliest instant, not before {@link #at()}, at which a pending clock runs out
     */
    public Optional<Instant> nextDeadline() {
        Instant next = null;
        for (SlaClock c : clocks.values()) {
            if (c.state() == SlaState.PENDING && c.deadline().isPresent()) {
                Instant due = c.deadline().get().isBefore(at) ? at : c.deadline().get();
                if (next == null || due.isBefore(next)) {
                    next = due;
                }
            }
        }
        return Optional.ofNullable(next);
    }
}
