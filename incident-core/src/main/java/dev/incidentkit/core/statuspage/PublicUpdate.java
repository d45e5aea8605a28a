package dev.incidentkit.core.statuspage;

import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.event.IncidentEvent.PublicUpdatePosted;
import dev.incidentkit.core.event.RecordedEvent;
import java.time.Instant;
import java.util.Objects;
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
}
