package dev.incidentkit.core.spi;

import java.util.Objects;

/**
 * An {@link EventRecord} with the global position the store gave it.
 *
 * @param position where it stands in the store's global order
 * @param record the event as written
 * @since 0.1.0
 */
public record StoredEvent(LogPosition position, EventRecord record) {

    /** Checks that no component is null. */
    public StoredEvent {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(record, "record");
    }

    /** @return the incident this event belongs to */
    public String incidentId() {
        return record.incidentId();
    }

    /** @return its version within the incident */
    public long version() {
        return record.version();
    }
}
