package dev.incidentkit.core.metrics;

import dev.incidentkit.core.Milestones;
import java.time.Instant;
import java.util.Optional;

/**
 * The interval metrics of the design contract (section 4): each the time between two milestones
 * of one incident. MTBF, which runs between two incidents of a service, is reported apart
 * ({@link MetricsReport#mtbf()}).
 *
 * <p>An incident that lacks either milestone of a metric is left out of that metric and counted
 * as {@link DurationStats#missing()}. Only MTTI can lack its start milestone (an incident resolved
 * without ever being acknowledged); the others start at milestones every incident has.
 *
 * <p>Intervals are taken as recorded. Back-dating can put a milestone before the one it is
 * measured from (an identification back-dated before the acknowledgement), and the interval is
 * then negative; it is kept, not clamped, so that the report shows the data as it is.
 *
 * @since 0.1.0
 */
public enum Metric {
    /** Mean time to detect: impact started to detected. */
    MTTD("impact started", "detected"),
    /** Mean time to acknowledge: detected to the first acknowledgement. */
    MTTA("detected", "first acknowledged"),
    /** Mean time to identify: the first acknowledgement to the first identification. */
    MTTI("first acknowledged", "first identified"),
    /** Mean time to mitigate: impact started to the first mitigation. */
    MTTM("impact started", "first mitigated"),
    /** Mean time to resolve: detected to the last resolution. */
    MTTR("detected", "last resolved");

    private final String from;
    private final String to;

    Metric(String from, String to) {
        this.from = from;
        this.to = to;
    }

    /** @return the milestone the interval starts at, in words, such as {@code detected} */
    public String from() {
        return from;
    }

    /** @return the milestone the interval ends at, in words, such as {@code last resolved} */
    public String to() {
        return to;
    }

    /**
     * @param milestones an incident's milestones
     * @return the instant this metric starts at, if the incident reached it
     */
    public Optional<Instant> start(Milestones milestones) {
        switch (this) {
            case MTTD:
            case MTTM:
                return Optional.of(milestones.impactStartedAt());
            case MTTA:
            case MTTR:
                return Optional.of(milestones.detectedAt());
            default:
                return milestones.acknowledgedAt();
        }
    }

    /**
     * @param milestones an incident's milestones
     * @return the instant this metric ends at, if the incident reached it
     */
    public Optional<Instant> end(Milestones milestones) {
        switch (this) {
            case MTTD:
                return Optional.of(milestones.detectedAt());
            case MTTA:
                return milestones.acknowledgedAt();
            case MTTI:
                return milestones.identifiedAt();
            case MTTM:
                return milestones.mitigatedAt();
            default:
                return milestones.resolvedAt();
        }
    }
}
