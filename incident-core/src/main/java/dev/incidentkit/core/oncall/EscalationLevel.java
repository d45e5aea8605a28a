package dev.incidentkit.core.oncall;

import dev.incidentkit.core.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One level of an {@link EscalationPolicy}: whom it pages, how long they have to acknowledge
 * before the next level is paged, the severities it takes part in, and what happens when its
 * schedules have nobody on call.
 *
 * <p>The time belongs to the level that is paged, as in PagerDuty ("escalates after"): level 1 at
 * T with 5 minutes, level 2 with 10 minutes, level 3 with 15 minutes page at T, T+5 min and T+15
 * min. So a level that a severity leaves out takes its time with it, and the last level's time is
 * the wait before the policy repeats.
 *
 * @param escalateAfter how long those paged have to acknowledge before the next level is paged;
 *     positive, whole seconds
 * @param targets whom it pages, in order; at least one
 * @param severities the severities it pages for; at least one (a level outside them is passed
 *     over, with no step and no time)
 * @param ifNobodyOnCall what happens when its targets resolve to nobody at the instant it is due
 * @since 0.4.0
 */
public record EscalationLevel(Duration escalateAfter, List<Target> targets, Set<Severity> severities, IfNobody ifNobodyOnCall) {

    /** What a level does when its targets resolve to nobody at the instant it is due. */
    public enum IfNobody {
        /** The next level is paged at once, at the same instant; at the last level, as {@link #WAIT}. */
        SKIP,
        /** The level's time passes as if someone had been paged, and the step says nobody was. */
        WAIT
    }

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException naming {@code escalateAfter}, {@code targets} or {@code
     *     severities} if one breaks the rules above
     */
    public EscalationLevel {
        Objects.requireNonNull(escalateAfter, "escalateAfter");
        if (escalateAfter.isNegative() || escalateAfter.isZero() || escalateAfter.getNano() != 0) {
            throw Checks.bad("escalateAfter", "must be a positive whole number of seconds", escalateAfter);
        }
        targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
        if (targets.isEmpty()) {
            throw Checks.bad("targets", "must name at least one person or schedule", targets);
        }
        Objects.requireNonNull(severities, "severities");
        if (severities.isEmpty()) {
            throw Checks.bad("severities", "must hold at least one severity", severities);
        }
        severities = Collections.unmodifiableSet(EnumSet.copyOf(severities));
        Objects.requireNonNull(ifNobodyOnCall, "ifNobodyOnCall");
    }

    /**
     * @param escalateAfter how long those paged have to acknowledge
     * @param first a target
     * @param more more targets, paged after {@code first}
     * @return a level for every severity that {@link IfNobody#SKIP skips} when nobody is on call
     * @throws IllegalArgumentException naming {@code escalateAfter} if it is not positive
     */
    public static EscalationLevel of(Duration escalateAfter, Target first, Target... more) {
        List<Target> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(more));
        return new EscalationLevel(escalateAfter, all, EnumSet.allOf(Severity.class), IfNobody.SKIP);
    }

    /**
     * @param first a severity
     * @param more more severities
     * @return this level, paging for those severities only
     */
    public EscalationLevel onlyFor(Severity first, Severity... more) {
        return new EscalationLevel(escalateAfter, targets, EnumSet.of(first, more), ifNobodyOnCall);
    }

    /**
     * @param choice what to do when nobody is on call
     * @return this level, doing that
     */
    public EscalationLevel ifNobodyOnCall(IfNobody choice) {
        return new EscalationLevel(escalateAfter, targets, severities, choice);
    }

    /** @return whether this level pages for {@code severity} */
    public boolean appliesTo(Severity severity) {
        return severities.contains(severity);
    }
}
