package dev.incidentkit.core.statuspage;

import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.event.IncidentEvent.PublicUpdatePosted;
import dev.incidentkit.core.event.RecordedEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One public update as a status page shows it: an {@code incident.public_update} event, without
 * who wrote it.
 *
 * @param id the event's id: stable, the id of the update in a feed
 * @param postedAt when it was posted
 * @param title the incident's public title as of this update
 * @param status where the incident stood for customers
 * @param impact how its services worked
 * @param message what customers read
 * @since 0.5.0
 */
public record PublicUpdate(UUID id, Instant postedAt, String title, PublicStatus status, ComponentStatus impact,
        String message) {

    /** Checks that no component is null. */
    public PublicUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(postedAt, "postedAt");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(message, "message");
    }

    /**
     * @param e a recorded {@code incident.public_update}
     * @return that update
     * @throws IllegalArgumentException if {@code e} is another event
     */
    public static PublicUpdate of(RecordedEvent e) {
        if (!(e.event() instanceof PublicUpdatePosted p)) {
            throw new IllegalArgumentException("not a public update: " + e.type());
        }
        return new PublicUpdate(e.eventId(), e.occurredAt(), p.title(), p.status(), p.impact(), p.message());
    }

    /**
     * @param history an incident's events
     * @return its public updates, oldest first: by when they were posted, then by version
     */
    public static List<PublicUpdate> in(List<RecordedEvent> history) {
        return history.stream().filter(e -> e.event() instanceof PublicUpdatePosted)
                .sorted(Comparator.comparing(RecordedEvent::occurredAt).thenComparingLong(RecordedEvent::version))
                .map(PublicUpdate::of).toList();
    }

    /**
     * What the next public update of an incident says of its status unless the responder says
     * otherwise: what the last one said, unless it said "resolved" (then a new update is news that
     * it is not over); without such an update, what the incident's own status suggests.
     *
     * @param incident the incident
     * @param last its last public update, if any
     * @return the suggested status
     */
    public static PublicStatus suggestedStatus(Incident incident, Optional<PublicUpdate> last) {
        if (last.isPresent() && last.get().status() != PublicStatus.RESOLVED) {
            return last.get().status();
        }
        return switch (incident.status()) {
            case IDENTIFIED -> PublicStatus.IDENTIFIED;
            case MITIGATED -> PublicStatus.MONITORING;
            case RESOLVED, CLOSED, CANCELED, DUPLICATE -> PublicStatus.RESOLVED;
            default -> PublicStatus.INVESTIGATING;
        };
    }

    /**
     * What the next public update says of the impact unless the responder says otherwise:
     * operational once resolved; else what the last unresolved update said; else what the severity
     * suggests (SEV-1 a major outage, SEV-2 a partial one, else degraded performance).
     *
     * @param incident the incident
     * @param last its last public update, if any
     * @param status the status the next update says
     * @return the suggested impact
     */
    public static ComponentStatus suggestedImpact(Incident incident, Optional<PublicUpdate> last, PublicStatus status) {
        if (status == PublicStatus.RESOLVED) {
            return ComponentStatus.OPERATIONAL;
        }
        if (last.isPresent() && last.get().status() != PublicStatus.RESOLVED) {
            return last.get().impact();
        }
        return switch (incident.severity()) {
            case SEV1 -> ComponentStatus.MAJOR_OUTAGE;
            case SEV2 -> ComponentStatus.PARTIAL_OUTAGE;
            case SEV3, SEV4 -> ComponentStatus.DEGRADED_PERFORMANCE;
        };
    }
}
