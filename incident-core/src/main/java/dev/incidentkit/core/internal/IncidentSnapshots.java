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
 * <p>A two-way set-associative cache rather than an LRU map: the worker records every event's
 * incident here, prepared or not, and the access-ordered map's relinking was most of a worker's
 * time once events came prepared. Each incident id hashes to a set of two slots, and a new
 * incident takes the one used less recently, so that two incidents whose events alternate never
 * evict each other; only a third active incident in the same set costs a rebuild. Not
 * thread-safe: one per worker.
 */
final class IncidentSnapshots {

    private final EventStore store;
    /** Sets of two slots, side by side. */
    private final @Nullable Incident[] recent;
    /** Per set, the slot (0 or 1) used last. */
    private final byte[] lastUsed;
    private final int setMask;

    /** @param capacity slots, rounded up to a power of two */
    IncidentSnapshots(EventStore store, int capacity) {
        this.store = store;
        int size = Math.max(4, Integer.highestOneBit(Math.max(2, capacity - 1)) << 1);
        this.recent = new Incident[size];
        this.lastUsed = new byte[size / 2];
        this.setMask = size / 2 - 1;
    }

    /** @return the incident after {@code event}, which becomes the snapshot */
    Incident after(RecordedEvent event) {
        String id = event.incidentId();
        int set = set(id);
        int slot = slotOf(set, id);
        Incident current = slot < 0 ? null : recent[slot];
        Incident next;
        if (event.version() == 1) {
            next = IncidentFold.replay(List.of(event));
        } else if (current != null && current.version() == event.version() - 1) {
            next = IncidentFold.apply(current, List.of(event));
        } else {
            next = at(store, event);
        }
        keep(set, slot, next);
        return next;
    }

    /** Takes {@code incident} as the latest snapshot of its id, prepared by a command or another worker. */
    void remember(Incident incident) {
        int set = set(incident.id());
        keep(set, slotOf(set, incident.id()), incident);
    }

    void clear() {
        Arrays.fill(recent, null);
    }

    /** @return the slot of the set holding incident {@code id}, or -1 */
    private int slotOf(int set, String id) {
        for (int slot = 2 * set; slot < 2 * set + 2; slot++) {
            Incident i = recent[slot];
            if (i != null && i.id().equals(id)) {
                return slot;
            }
        }
        return -1;
    }

    /** Stores {@code incident} in {@code slot}, or, for an incident not in the set, in its less recently used slot. */
    private void keep(int set, int slot, Incident incident) {
        int into = slot >= 0 ? slot : 2 * set + (1 - lastUsed[set]);
        recent[into] = incident;
        lastUsed[set] = (byte) (into - 2 * set);
    }

    /** Mixes the id's hash (MurmurHash3's finalizer): ids differ in their last digits only. */
    int set(String incidentId) {
        int h = incidentId.hashCode();
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h & setMask;
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
