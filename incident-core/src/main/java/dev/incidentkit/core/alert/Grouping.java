package dev.incidentkit.core.alert;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which open incident a new alert joins. A group is a key; an alert joins the incident of its
 * group while that incident is active (open to mitigated) and, for label groups, while the
 * group's last alert came within the window. Otherwise it declares a new incident.
 *
 * @since 0.3.0
 */
public sealed interface Grouping {

    /**
     * By the source's own group (Alertmanager's {@code groupKey}), as Alertmanager grouped the
     * notification; an alert without one is a group of its own.
     *
     * @return the grouping
     */
    static Grouping bySourceGroup() {
        return new BySourceGroup();
    }

    /**
     * By equal values of the named labels: of all of them (a missing label counts as empty), or
     * of any one of them. With any, a group takes the values of every alert that joins it: an
     * alert equal to any of them, on any of the labels, joins too.
     *
     * @param match all or any
     * @param window how long after its last alert a group still takes new ones
     * @param labels the label names, at least one
     * @return the grouping
     */
    static Grouping byLabels(Match match, Duration window, List<String> labels) {
        return new ByLabels(match, window, labels);
    }

    /** @return every alert declares an incident of its own */
    static Grouping never() {
        return new Never();
    }

    /** All of the labels or any one of them. */
    enum Match {
        /** Every named label has the same value. */
        ALL,
        /** At least one named label has the same value. */
        ANY
    }

    /** See {@link #bySourceGroup()}. */
    record BySourceGroup() implements Grouping {}

    /**
     * See {@link #byLabels}.
     *
     * @param match all or any
     * @param window how long after its last alert a group still takes new ones
     * @param labels the label names
     */
    record ByLabels(Match match, Duration window, List<String> labels) implements Grouping {
        /** Checks the rules of {@link #byLabels}. */
        public ByLabels {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(window, "window");
            labels = List.copyOf(labels);
            if (labels.isEmpty() || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a label grouping needs labels and a positive window");
            }
        }
    }

    /** See {@link #never()}. */
    record Never() implements Grouping {}
}
