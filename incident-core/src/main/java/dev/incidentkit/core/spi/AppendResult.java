package dev.incidentkit.core.spi;

import java.util.List;

/**
 * What {@link EventStore#append} stored.
 *
 * @param events the events as stored, with their positions, in version order; never empty
 * @param alreadyStored true when the same events had been appended before and nothing was written
 * @since 0.1.0
 */
public record AppendResult(List<StoredEvent> events, boolean alreadyStored) {

    /**
     * Copies the list and checks that it is not empty.
     *
     * @throws IllegalArgumentException if {@code events} is empty
     */
    public AppendResult {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append stores at least one event");
        }
    }

    /** @return the stream's version after the append */
    public long lastVersion() {
        return events.get(events.size() - 1).version();
    }
}
