package dev.incidentkit.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The instants the metrics measure between. A milestone an incident skipped (a resolve straight
 * from OPEN skips the acknowledgement) stays empty.
 *
 * @param impactStartedAt when users started to feel it
 * @param detectedAt when it was noticed; SLA clocks start here
 * @param declaredAt when it was declared
 * @param acknowledgedAt the first acknowledgement
 * @param identifiedAt when the cause was first identified
 * @param mitigatedAt when user impact first stopped
 * @param resolvedAt the last resolution; empty again after a reopen
 * @param closedAt the last closing; empty again after a reopen
 * @since 0.1.0
 */
public record Milestones(
        Instant impactStartedAt,
        Instant detectedAt,
        Instant declaredAt,
        Optional<Instant> acknowledgedAt,
        Optional<Instant> identifiedAt,
        Optional<Instant> mitigatedAt,
        Optional<Instant> resolvedAt,
        Optional<Instant> closedAt) {

    /** Checks that no component is null. */
    public Milestones {
        Objects.requireNonNull(impactStartedAt, "impactStartedAt");
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(declaredAt, "declaredAt");
        Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
        Objects.requireNonNull(identifiedAt, "identifiedAt");
        Objects.requireNonNull(mitigatedAt, "mitigatedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        Objects.requireNonNull(closedAt, "closedAt");
    }
}
