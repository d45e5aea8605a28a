package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.StoredEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The incidents one notifier has seen lately, each as it stands after the last event read:
 * what fills a notification's title, severity, status and service. An event that does not
 * follow the snapshot (the first one read of an incident that started before the notifier did,
 * or after its slot went to another incident) rebuilds the incident from its stream.
 *
 * <p>A direct-mapped cache, one slot per hash of the incident id, rather than an LRU map: the
 * worker records every event's incident here, prepared or not, and the access-ordered map's
 * relinking was most of a worker's time once events came prepared. Two incidents that share a
 * slot cost a rebuild now and then. Not thread-safe: one per worker.
 */
final class IncidentSnapshots {

    private final EventStore store;
    private final @Nullable Incident[] recent;
    private final int mask;

    /** @param capacity slots, rounded up to a power of two */
    IncidentSnapshots(EventStore store, int capacity) {
        this.store = store;
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        this.recent = new Incident[size];
        this.mask = size - 1;
    }

    /** @return the incident after {@code event}, which becomes the snapshot */
    Incident after(RecordedEvent event) {
        int i = index(event.incidentId());
        Incident current = recent[i];
        Incident next;
        if (event.version() == 1) {
            next = IncidentFold.replay(List.of(event));
        } else if (current != null && current.version() == event.version() - 1
                && current.id().equals(event.incidentId())) {
            next = IncidentFold.apply(current, List.of(event));
        } else {
            next = at(store, event);
        }
        recent[i] = next;
        return next;
    }

    /** Takes {@code incident} as the latest snapshot of its id, prepared by a command or another worker. */
    void remember(Incident incident) {
        recent[index(incident.id())] = incident;
    }

    void clear() {
        Arrays.fill(recent, null);
    }

    private int index(String incidentId) {
        int h = incidentId.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }

    /** @return the incident after {@code event}, rebuilt from the stored stream */
    static Incident at(EventStore store, RecordedEvent event) {
        List<RecordedEvent> history = new ArrayList<>((int) Math.min(event.version(), 1_024));
        for (StoredEvent s : store.readStream(event.incidentId(), 0)) {
            if (s.version() >= event.version()) {
                break;
            }
            history.add(Events.decode(s));
        }
        if (history.size() != event.version() - 1) {
            throw new IllegalStateException("Incident " + event.incidentId() + " has " + history.size()
                    + " events before version " + event.version() + " in the store; expected " + (event.version() - 1) + ".");
        }
        history.add(event);
        return IncidentFold.replay(history);
    }
}
