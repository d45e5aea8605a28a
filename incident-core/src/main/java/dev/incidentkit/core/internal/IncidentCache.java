package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.notify.spi.Notification;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The one answer, for a manager and its notifier workers, to "incident X as it stood at version
 * N": an {@link Entry} keyed by incident id and version, checked against the hash of the event
 * of that version, so that an entry is never stale (an incident at a version never changes).
 * Only a shortcut: a miss costs a fold or a replay from the store, never a wrong answer.
 *
 * <p>Three indexes over the same entries, because the users know different parts of the key. A
 * command knows the incident id only and wants its newest version ({@link #newest}), which it
 * then catches up from the store: a map by id, bounded without a global lock (past its capacity
 * it drops arbitrary entries down to 90%). A worker knows the id, the version and the store
 * position of the event it reads, a little or far behind the commands, and wants that version or
 * the one before, to fold the event onto ({@link #at}). What commands commit goes into a ring
 * indexed by the event's position: consecutive events fill consecutive slots, so that a command
 * pays one release store into a cache line it wrote a moment ago, not three stores into random
 * lines that the workers on the other core have just read (that cost the command thread about
 * 135 ns of CPU a command with three notifiers, by ThreadMXBean on a busy 2-core machine: all it
 * paid for them). Beside it, a four-way set-associative
 * ring keyed by id and version holds what workers fold and, put there by the first worker that
 * passes it, what commands committed, so that the version before an event is found without its
 * position; an event is decoded and folded once for all workers. In a set, a new entry takes the
 * slot of the entry whose event is oldest in the store: the workers read in store order, so that
 * is the entry they are most likely done with, and the events in flight (a few thousand while the
 * workers catch up after a burst) stay, as do the alternating events of a few incidents.
 *
 * <p>For the workers, an entry also carries the event of its version, decoded, and its
 * notification once one worker made it; these go once every worker has passed the event, so that
 * the cache holds the data of the events in flight only (the incidents themselves stay until
 * their slot is taken). A worker without the lease never passes: then its entries hold their
 * event until the slot or the id's newest entry is replaced, which bounds them.
 *
 * <p>Thread-safe and lock-free. Two puts racing into one set may lose one of them, or leave a
 * slot's key beside another entry until the slot is taken again; both cost misses, never a wrong
 * answer, since a lookup checks the entry it finds.
 */
final class IncidentCache {

    /**
     * An incident at its version, the hash of its event of that version (the next event chains
     * from it), when its status last changed (for {@link Backdating#order}), and the position of
     * that event in the store; for the workers, the event itself and its notification.
     */
    static final class Entry {
        private static final AtomicIntegerFieldUpdater<Entry> PENDING =
                AtomicIntegerFieldUpdater.newUpdater(Entry.class, "pending");

        private final Incident incident;
        private final String lastHash;
        private final Instant lastMoveAt;
        private final long position;
        /** Plain: cleared by another thread once every worker passed, a race that only costs a decode. */
        private @Nullable RecordedEvent event;
        private volatile @Nullable Notification notification;
        /** Workers that have yet to pass the event; the last one drops the event and notification. */
        private volatile int pending;
        /**
         * Put by a command into the ring by position only: the first worker that passes it adds it
         * to the ring by id and version. Plain: written before the entry's release store.
         */
        private boolean byPositionOnly;

        /**
         * @param position the store position of the event of this version
         * @param event that event, decoded, if the workers may use it
         */
        Entry(Incident incident, String lastHash, Instant lastMoveAt, long position, @Nullable RecordedEvent event) {
            this.incident = incident;
            this.lastHash = lastHash;
            this.lastMoveAt = lastMoveAt;
            this.position = position;
            this.event = event;
        }

        Incident incident() {
            return incident;
        }

        String lastHash() {
            return lastHash;
        }

        Instant lastMoveAt() {
            return lastMoveAt;
        }

        /** @return the event of this version, decoded, unless every worker has passed it */
        @Nullable RecordedEvent event() {
            return event;
        }

        /**
         * @return the notification of {@code e}, the event of this version, made by {@code factory}
         *     once for all workers while the event is held
         */
        Notification notification(RecordedEvent e, NotificationFactory factory) {
            Notification n = notification;
            if (n == null) {
                n = factory.notification(e, incident);
                if (event != null) {
                    notification = n;
                }
            }
            return n;
        }

        private boolean is(String incidentId, long version) {
            return incident.version() == version && incident.id().equals(incidentId);
        }

    }

    private final ConcurrentHashMap<String, Entry> newest = new ConcurrentHashMap<>();
    private final int newestCapacity;
    /** Slots per set of the ring. */
    private static final int WAYS = 4;
    /** Sets of {@link #WAYS} slots, side by side; null without notifiers. */
    private final @Nullable AtomicReferenceArray<@Nullable Entry> recent;
    /** What commands committed, at their event's position modulo its length; null without notifiers. */
    private final @Nullable AtomicReferenceArray<@Nullable Entry> committed;
    private final int positionMask;
    /**
     * Beside each slot, its entry's {@link #key} and event position, so that a lookup or a put
     * reads one run of longs instead of up to four entries scattered over the heap (that was 7% of
     * the dispatcher's time). Plain: a torn or stale read costs a miss or another victim, never a
     * wrong answer, since a lookup checks the entry itself. A key of 0 is an empty slot.
     */
    private final long[] keys;
    private final long[] positions;
    private final int setMask;
    private final int workers;

    /**
     * @param newestCapacity incidents whose newest version is kept for commands; 0 keeps none
     * @param recentSlots slots of the ring for the workers, rounded up to a power of two; 0 for none
     * @param workers the workers that pass each event: its data leaves once they all did
     */
    IncidentCache(int newestCapacity, int recentSlots, int workers) {
        this.newestCapacity = newestCapacity;
        this.workers = workers;
        if (recentSlots > 0) {
            int size = Math.max(2 * WAYS, Integer.highestOneBit(Math.max(2, recentSlots - 1)) << 1);
            this.recent = new AtomicReferenceArray<>(size);
            this.keys = new long[size];
            this.positions = new long[size];
            this.setMask = size / WAYS - 1;
            this.committed = new AtomicReferenceArray<>(size);
            this.positionMask = size - 1;
        } else {
            this.recent = null;
            this.committed = null;
            this.positionMask = 0;
            this.keys = new long[0];
            this.positions = new long[0];
            this.setMask = 0;
        }
    }

    /** @return the newest entry a command or a load put for {@code incidentId}; it may be behind the store */
    @Nullable Entry newest(String incidentId) {
        return newest.get(incidentId);
    }

    /**
     * @param position the store position of that event: an entry a command committed is found by it
     * @return the entry of {@code incidentId} at {@code version} whose event has the hash {@code
     *     hash}, if the cache holds it
     */
    @Nullable Entry at(String incidentId, long version, String hash, long position) {
        AtomicReferenceArray<@Nullable Entry> c = committed;
        if (c != null) {
            Entry e = c.getAcquire((int) position & positionMask);
            if (e != null && e.position == position && e.is(incidentId, version) && e.lastHash.equals(hash)) {
                return e;
            }
        }
        return at(incidentId, version, hash);
    }

    /**
     * @return the entry of {@code incidentId} at {@code version} whose event has the hash {@code
     *     hash}, if the cache holds it by id and version (a command's newest, what a worker folded
     *     or passed); {@link #at(String, long, String, long)} finds what commands committed too
     */
    @Nullable Entry at(String incidentId, long version, String hash) {
        Entry e = null;
        AtomicReferenceArray<@Nullable Entry> r = recent;
        if (r != null) {
            long key = key(incidentId, version);
            int first = WAYS * set(key);
            for (int slot = first; slot < first + WAYS; slot++) {
                if (keys[slot] == key) {
                    Entry x = r.get(slot);
                    if (x != null && x.is(incidentId, version)) {
                        e = x;
                        break;
                    }
                }
            }
        }
        if (e == null) {
            e = newest.get(incidentId);
        }
        return e != null && e.is(incidentId, version) && e.lastHash.equals(hash) ? e : null;
    }

    /**
     * Keeps an entry a command made or loaded: as the id's newest, unless a newer one is there, and
     * for the workers: by position if it carries its event (a command's commit), else by id and
     * version (a load, rare).
     */
    void put(Entry entry) {
        AtomicReferenceArray<@Nullable Entry> c = committed;
        if (c == null) {
            entry.event = null;
        } else if (entry.event != null) {
            entry.byPositionOnly = true;
            // Release stores, not volatile ones: the append signal fired after a command's put is
            // the fence that publishes them.
            Entry.PENDING.lazySet(entry, workers);
            c.setRelease((int) entry.position & positionMask, entry);
        } else {
            putRecent(entry);
        }
        if (newestCapacity == 0) {
            return;
        }
        newest.merge(entry.incident.id(), entry,
                (old, neu) -> neu.incident.version() >= old.incident.version() ? neu : old);
        if (newest.size() > newestCapacity) {
            int target = newestCapacity - newestCapacity / 10;
            Iterator<String> ids = newest.keySet().iterator();
            while (newest.size() > target && ids.hasNext()) {
                ids.next();
                ids.remove();
            }
        }
    }

    /** Keeps an entry a worker folded, for the other workers and for its own next event of the incident. */
    void putRecent(Entry entry) {
        AtomicReferenceArray<@Nullable Entry> r = recent;
        if (r == null) {
            return;
        }
        if (entry.event != null) {
            // A release store, not a volatile one: the slot's release store below publishes it.
            Entry.PENDING.lazySet(entry, workers);
        }
        index(r, entry);
    }

    /** Puts {@code entry} in the ring by id and version. */
    private void index(AtomicReferenceArray<@Nullable Entry> r, Entry entry) {
        long key = key(entry.incident.id(), entry.incident.version());
        int first = WAYS * set(key);
        int into = first;
        long oldest = Long.MAX_VALUE;
        for (int slot = first; slot < first + WAYS; slot++) {
            long k = keys[slot];
            if (k == 0 || k == key) {
                into = slot;
                break;
            }
            if (positions[slot] < oldest) {
                oldest = positions[slot];
                into = slot;
            }
        }
        keys[into] = key;
        positions[into] = entry.position;
        // A release store: the entry is complete before another worker can find it.
        r.setRelease(into, entry);
    }

    /**
     * A worker is done with the event of {@code entry}: the first one adds a command's entry to the
     * ring by id and version (for the fold of a later event that was not committed here, which
     * knows the version before but not its position), the last one drops the event's data.
     */
    void passed(Entry entry) {
        int left = Entry.PENDING.decrementAndGet(entry);
        AtomicReferenceArray<@Nullable Entry> r = recent;
        if (left == workers - 1 && entry.byPositionOnly && r != null) {
            index(r, entry);
        }
        if (left == 0) {
            entry.event = null;
            entry.notification = null;
        }
    }

    /** Forgets the newest entry of {@code incidentId}: a command found it behind the store. */
    void invalidate(String incidentId) {
        newest.remove(incidentId);
    }

    /** @return the id's hash and the version in one long, never 0 (versions start at 1) */
    static long key(String incidentId, long version) {
        return ((long) incidentId.hashCode() << 32) | (version & 0xFFFF_FFFFL);
    }

    /** Mixes a key (MurmurHash3's finalizer): ids differ in their last digits only. */
    int set(long key) {
        int h = (int) (key >>> 32) * 31 + (int) key;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h & setMask;
    }
}
