package dev.incidentkit.core.internal;

import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.IncidentCache.Entry;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.StoredEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the notifier workers a stored event with the incident it left: from the shared {@link
 * IncidentCache}, else folded onto the version before it (from the cache too), else replayed from
 * the incident's stream; what it folds goes into the cache for the other workers. Thread-safe.
 */
final class EventPreparer {

    private final EventStore store;
    private final IncidentCache cache;

    EventPreparer(EventStore store, IncidentCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /**
     * @return the entry of the incident after {@code stored}
     * @throws dev.incidentkit.core.StoreException if the store fails
     * @throws RuntimeException if the event, or one before it, cannot be read
     */
    Entry prepare(StoredEvent stored) {
        EventRecord r = stored.record();
        Entry hit = cache.at(r.incidentId(), r.version(), r.hash(), stored.position().position());
        if (hit != null) {
            return hit;
        }
        Entry made = after(Events.decode(stored));
        cache.putRecent(made);
        return made;
    }

    /** @return the event of {@code entry}, which is {@code stored}: as the cache holds it, or decoded again */
    static RecordedEvent event(Entry entry, StoredEvent stored) {
        RecordedEvent e = entry.event();
        return e != null ? e : Events.decode(stored);
    }

    private Entry after(RecordedEvent event) {
        EventRecord r = event.stored().record();
        long position = event.stored().position().position();
        List<RecordedEvent> one = List.of(event);
        if (r.version() == 1) {
            return new Entry(IncidentFold.replay(one), r.hash(), Backdating.lastMove(event.occurredAt(), one), position,
                    event);
        }
        Entry before = cache.at(r.incidentId(), r.version() - 1, r.prevHash());
        if (before != null) {
            return new Entry(IncidentFold.apply(before.incident(), one), r.hash(),
                    Backdating.lastMove(before.lastMoveAt(), one), position, event);
        }
        return replayed(event);
    }

    /** @return the incident after {@code event}, rebuilt from the stored stream */
    private Entry replayed(RecordedEvent event) {
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
        return new Entry(IncidentFold.replay(history), event.stored().record().hash(),
                Backdating.lastMove(history.get(0).occurredAt(), history), event.stored().position().position(), event);
    }
}
