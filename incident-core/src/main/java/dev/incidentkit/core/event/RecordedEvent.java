package dev.incidentkit.core.event;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An event with its envelope, as read back from the store: the typed {@link IncidentEvent} and
 * the {@link StoredEvent} it was decoded from (position, versions, times, actor, hashes and the
 * data exactly as stored).
 *
 * @param stored the event as stored
 * @param event its typed data
 * @since 0.1.0
 */
public record RecordedEvent(StoredEvent stored, IncidentEvent event) {

    /** Checks that no component is null. */
    public RecordedEvent {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(event, "event");
    }

    /** @return the event id, also the CloudEvents {@code id} */
    public UUID eventId() {
        return stored.record().eventId();
    }

    /** @return the incident */
    public String incidentId() {
        return stored.record().incidentId();
    }

    /** @return the version within the incident, from 1 */
    public long version() {
        return stored.record().version();
    }

    /** @return the position in the store's global order */
    public LogPosition position() {
        return stored.position();
    }

    /** @return the CloudEvents type */
    public String type() {
        return stored.record().type();
    }

    /** @return when it happened */
    public Instant occurredAt() {
        return stored.record().occurredAt();
    }

    /** @return when it was recorded */
    public Instant recordedAt() {
        return stored.record().recordedAt();
    }

    /** @return who did it */
    public Actor actor() {
        return Actor.of(stored.record().actor());
    }

    /** @return the client command id that produced it, if any */
    public Optional<String> commandId() {
        return stored.record().commandId();
    }
}
