package dev.incidentkit.core.sla;

import dev.incidentkit.core.SlaKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One SLA clock of an incident at an instant, as {@link SlaPolicy#status} computes it.
 *
 * @param kind which clock
 * @param target its target under the severity in force
 * @param deadline when it runs (or ran) out; empty while the clock is paused or stopped before
 *     it had one (a canceled incident's, or the update clock of an incident no longer active)
 * @param state met, pending or breached
 * @param remaining for a pending clock, how much of its target is left: working time if the
 *     severity uses a {@link BusinessCalendar}, and not counting paused time; zero otherwise
 * @param overdue for a breached clock, the wall-clock time from the deadline until the clock
 *     stopped, or until the instant asked about while it still runs; zero otherwise
 * @param paused whether the clock is paused: the resolve clock while MITIGATED, when the policy
 *     pauses it
 * @since 0.1.0
 */
public record SlaClock(
        SlaKind kind,
        Duration target,
        Optional<Instant> deadline,
        SlaState state,
        Duration remaining,
        Duration overdue,
        boolean paused) {

    /** Checks that no component is null. */
    public SlaClock {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(overdue, "overdue");
    }
}
