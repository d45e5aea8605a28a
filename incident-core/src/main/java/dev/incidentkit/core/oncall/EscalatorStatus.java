package dev.incidentkit.core.oncall;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link Escalator} has fared since it was built: what a host shows on a status page.
 *
 * @param steps steps taken
 * @param failures steps and ticks that failed (each logged once at WARN)
 * @param undeliverablePages pages that reached nobody, and went on to the next level at once
 * @param lastFailure the last failure's message, if any
 * @param lastFailureAt when it happened
 * @since 0.4.0
 */
public record EscalatorStatus(
        long steps, long failures, long undeliverablePages, Optional<String> lastFailure, Optional<Instant> lastFailureAt) {

    /** Checks that no component is null. */
    public EscalatorStatus {
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
    }
}
