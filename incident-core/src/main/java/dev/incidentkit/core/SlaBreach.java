package dev.incidentkit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A recorded SLA breach.
 *
 * @param kind which clock ran out
 * @param target its target
 * @param deadline when it ran out
 * @since 0.1.0
 */
public record SlaBreach(SlaKind kind, Duration target, Instant deadline) {

    /** Checks that no component is null. */
    public SlaBreach {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(deadline, "deadline");
    }
}
