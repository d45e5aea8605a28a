package dev.incidentkit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An SLA clock that ran out: one {@code incident.sla_breached} event as the incident records it
 * ({@link Incident#slaBreaches()}), or a breach that {@link dev.incidentkit.core.sla.SlaPolicy#breaches}
 * finds in a history, which the {@link dev.incidentkit.core.sla.SlaMonitor} then records. A breach
 * is the same one as another of the same kind and deadline ({@link #isSameAs}): recording it twice
 * writes nothing.
 *
 * @param kind which clock ran out
 * @param target its target under the severity then in force
 * @param deadline when it ran out. For an incident resolved without an acknowledgement (an
 *     acknowledge miss) this is the acknowledge deadline in force at the resolution, which may lie
 *     after it.
 * @param breachedAt when the breach became a fact: the deadline, or later if the deadline lay in
 *     the past when it came into force (an escalation; a detection before the declaration), or the
 *     resolution for an acknowledge miss. A recorded breach's event is back-dated to this instant,
 *     and the incident reads it back from the event's {@code occurredAt}.
 * @since 0.1.0
 */
public record SlaBreach(SlaKind kind, Duration target, Instant deadline, Instant breachedAt) {

    /** Checks that no component is null. */
    public SlaBreach {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(breachedAt, "breachedAt");
    }

    /**
     * @param other another breach, such as one the incident recorded
     * @return whether both are the same breach: same kind and deadline (the target and the
     *     instant it became a fact may differ, as for a breach recorded by hand)
     * @since 0.2.0
     */
    public boolean isSameAs(SlaBreach other) {
        return other.kind == kind && other.deadline.equals(deadline);
    }
}
