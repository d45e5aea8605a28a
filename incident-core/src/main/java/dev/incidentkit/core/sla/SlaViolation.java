package dev.incidentkit.core.sla;

import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.SlaKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A clock that ran out, as {@link SlaPolicy#breaches} finds it in an incident's history: what the
 * {@link SlaMonitor} records as an {@code incident.sla_breached} event.
 *
 * @param kind which clock
 * @param target its target under the severity then in force
 * @param deadline when it ran out. For an incident resolved without an acknowledgement (an
 *     acknowledge miss) this is the acknowledge deadline in force at the resolution, which may lie
 *     after it.
 * @param breachedAt when the breach became a fact: the deadline, or later if the deadline lay
 *     in the past when it came into force (an escalation; a detection before the declaration), or
 *     the resolution for an acknowledge miss. The breach event is back-dated to this instant.
 * @since 0.1.0
 */
public record SlaViolation(SlaKind kind, Duration target, Instant deadline, Instant breachedAt) {

    /** Checks that no component is null. */
    public SlaViolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(breachedAt, "breachedAt");
    }

    /** @return the breach as the incident records it */
    public SlaBreach toBreach() {
        return new SlaBreach(kind, target, deadline);
    }

    /**
     * @param breach a recorded breach
     * @return whether it records this violation: same kind and deadline
     */
    public boolean isRecordedAs(SlaBreach breach) {
        return breach.kind() == kind && breach.deadline().equals(deadline);
    }
}
