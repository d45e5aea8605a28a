package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest known snapshot of recently used incidents, with the hash of their last event (the
 * next event chains from it). Only a shortcut: a reader still asks the store for newer events,
 * and an append still checks the version.
 *
 * <p>Bounded without a global lock: past its capacity it drops arbitrary entries down to 90%, so
 * that the occasional sweep costs O(capacity) and the common path one hash-map operation.
 */
final class SnapshotCache {

    /**
     * An incident at its version, the hash of its event of that version, and when its status last
     * changed (for {@link Backdating#order}).
     */
    record Snapshot(Incident incident, String lastHash, Instant lastMoveAt) {}

    private final ConcurrentHashMap<String, Snapshot> map = new ConcurrentHashMap<>();
    private final int capacity;

    SnapshotCache(int capacity) {
        this.capacity = capacity;
    }

    Optional<Snapshot> get(String incidentId) {
        return Optional.ofNullable(map.get(incidentId));
    }

    /** Keeps {@code snapshot} unless a newer one of the same incident is there already. */
    void put(Snapshot snapshot) {
        if (capacity == 0) {
            return;
        }
        map.merge(snapshot.incident().id(), snapshot,
                (old, neu) -> neu.incident().version() >= old.incident().version() ? neu : old);
        if (map.size() > capacity) {
            int target = capacity - capacity / 10;
            Iterator<String> keys = map.keySet().iterator();
            while (map.size() > target && keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        }
    }

    void invalidate(String incidentId) {
        map.remove(incidentId);
    }
}
