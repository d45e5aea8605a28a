package dev.incidentkit.core.oncall;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link Escalator#tick()} did.
 *
 * @param at the tick's instant, by the manager's clock
 * @param started escalations started, one per incident declared on a covered service
 * @param stopped escalations stopped, their incidents acknowledged or moved on
 * @param pages people paged
 * @param nobodyOnCall levels stepped with nobody on call
 * @param undeliverable pages found to reach nobody at once (no contact method a notifier takes)
 * @param missed steps passed over because the step after them was due too (no escalator ran
 *     when they were due); the timeline says how many
 * @param lost steps whose claim was taken over or whose escalation was acknowledged meanwhile
 * @param failed steps that failed: logged, counted in {@link Escalator#status()}, taken again later
 * @param nextDue when the next step is due, if any runs
 * @since 0.4.0
 */
public record EscalationTick(
        Instant at,
        int started,
        int stopped,
        int pages,
        int nobodyOnCall,
        int undeliverable,
        int missed,
        int lost,
        int failed,
        Optional<Instant> nextDue) {

    /** Checks that no component is null. */
    public EscalationTick {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(nextDue, "nextDue");
    }
}
