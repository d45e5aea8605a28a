package dev.incidentkit.core.metrics;

import java.util.OptionalDouble;

/**
 * Postmortem action items closed within 90 days of being added ({@link
 * Metrics#ACTION_ITEM_DEADLINE}), over the action items of the covered incidents.
 *
 * <p>Each item is in exactly one class: <b>closed in time</b> (completed at most 90 days after it
 * was added), <b>closed late</b> (completed later), <b>overdue</b> (still open, and more than 90
 * days had passed at the query's {@link MetricQuery#asOf()}), or <b>pending</b> (still open and
 * not yet 90 days old, or no {@code asOf} was given). The closure ratio is closed in time over
 * the decided items: closed in time, closed late and overdue.
 *
 * @param closedInTime completed within 90 days
 * @param closedLate completed after more than 90 days
 * @param overdue open for more than 90 days
 * @param pending open, and not yet 90 days old (or no {@code asOf})
 * @since 0.1.0
 */
public record ActionItemClosure(long closedInTime, long closedLate, long overdue, long pending) {

    /** No action items. */
    public static final ActionItemClosure NONE = new ActionItemClosure(0, 0, 0, 0);

    /** Checks the counts. */
    public ActionItemClosure {
        if (closedInTime < 0 || closedLate < 0 || overdue < 0 || pending < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** @return every item counted */
    public long total() {
        return closedInTime + closedLate + overdue + pending;
    }

    /** @return the items whose 90 days are over or that are completed */
    public long decided() {
        return closedInTime + closedLate + overdue;
    }

    /** @return closed in time over decided, 0 to 1; empty when nothing is decided */
    public OptionalDouble closedInTimeRatio() {
        return decided() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) closedInTime / decided());
    }
}
