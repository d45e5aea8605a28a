package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.StoredEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The incidents one notifier has seen lately, each as it stands after the last event read:
 * what fills a notification's title, severity, status and service. An event that does not
 * follow the snapshot (the first one read of an incident that started before the notifier did,
 * or after an eviction) rebuilds the incident from its stream. Not thread-safe: one per worker.
 */
final class IncidentSnapshots {

    private final EventStore store;
    private final Map<String, Incident> recent;

    IncidentSnapshots(EventStore store, int capacity) {
        this.store = store;
        this.recent = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Incident> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return the incident after {@code event}, which becomes the snapshot */
    Incident after(RecordedEvent event) {
        Incident current = recent.get(event.incidentId());
        Incident next;
        if (event.version() == 1) {
            next = IncidentFold.replay(List.of(event));
        } else if (current != null && current.version() == event.version() - 1) {
            next = IncidentFold.apply(current, List.of(event));
        } else {
            next = at(store, event);
        }
        recent.put(next.id(), next);
        return next;
    }

    /** Takes {@code incident} as the latest snapshot of its id, prepared by another worker. */
    void remember(Incident incident) {
        recent.put(incident.id(), incident);
    }

    void clear() {
        recent.clear();
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
