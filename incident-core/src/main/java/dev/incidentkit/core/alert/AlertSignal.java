package dev.incidentkit.core.alert;

import dev.incidentkit.core.internal.Validation;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a monitoring system says about an alert: what a receiver hands to {@link
 * AlertIntake#receive}.
 *
 * @since 0.3.0
 */
public sealed interface AlertSignal {

    /** @return the system that sent it */
    String source();

    /** @return the alert's dedup key */
    String dedupKey();

    /**
     * The alert fires (again).
     *
     * @param details what the source says about it
     * @param groupKey the source's own group of it (Alertmanager's {@code groupKey}), if it has one
     */
    record Firing(AlertDetails details, Optional<String> groupKey) implements AlertSignal {
        /** Checks that no component is null, and the group key's length. */
        public Firing {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(groupKey, "groupKey");
            groupKey.ifPresent(k -> Validation.text("group_key", k, 1, 1024));
        }

        @Override
        public String source() {
            return details.source();
        }

        @Override
        public String dedupKey() {
            return details.dedupKey();
        }
    }

    /**
     * The alert stopped firing.
     *
     * @param source the system that sent it
     * @param dedupKey its dedup key
     */
    record Resolved(String source, String dedupKey) implements AlertSignal {
        /** Checks both, as {@link AlertDetails} does. */
        public Resolved {
            Validation.service("source", Objects.requireNonNull(source, "source"));
            Validation.singleLine("dedup_key", Objects.requireNonNull(dedupKey, "dedupKey"), 1, 255);
        }
    }

    /**
     * Someone acknowledged the alert at its source (PagerDuty's {@code acknowledge}): its incident
     * is acknowledged, if it is still open.
     *
     * @param source the system that sent it
     * @param dedupKey its dedup key
     */
    record Acknowledged(String source, String dedupKey) implements AlertSignal {
        /** Checks both, as {@link AlertDetails} does. */
        public Acknowledged {
            Validation.service("source", Objects.requireNonNull(source, "source"));
            Validation.singleLine("dedup_key", Objects.requireNonNull(dedupKey, "dedupKey"), 1, 255);
        }
    }
}
