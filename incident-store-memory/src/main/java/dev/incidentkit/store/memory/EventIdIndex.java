package dev.incidentkit.store.memory;

import dev.incidentkit.core.StoreException;
import java.util.UUID;

/**
 * Event id to log index, for the store's idempotency and duplicate checks: an open-addressing
 * hash table over primitive arrays, linear probing, at most half full.
 *
 * <p>Why not a {@code HashMap<UUID, StoredEvent>}: every append looks up an id that is almost
 * never there, in a table of millions; a {@code HashMap} follows a bucket, a node and the key's
 * {@code UUID} through three cache misses to say no, and keeps a node object per event for the
 * garbage collector to trace. Here a slot is three adjacent longs of one array, the id's two
 * halves and the log index: one miss, and no object per event.
 *
 * <p>Not thread-safe: the store calls it under its append lock.
 */
final class EventIdIndex {

    /** Three longs a slot must still index a Java array. */
    private static final int MAX_SLOTS = 1 << 29;

    /**
     * Three longs a slot: the id's most and least significant bits, then its log index plus one
     * (0 marks an empty slot).
     */
    private long[] slots;
    private int mask;
    private int size;

    EventIdIndex(int initialSlots) {
        allocate(Integer.highestOneBit(Math.max(16, initialSlots - 1)) << 1);
    }

    /** @return the log index of {@code id}, or -1 if it is not indexed */
    int get(UUID id) {
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        for (int slot = slot(msb, lsb); ; slot = (slot + 1) & mask) {
            long value = slots[3 * slot + 2];
            if (value == 0) {
                return -1;
            }
            if (slots[3 * slot] == msb && slots[3 * slot + 1] == lsb) {
                return (int) value - 1;
            }
        }
    }

    /**
     * Makes room for {@code more} ids, so that the {@link #put}s that follow cannot fail: the
     * store calls it before the point from which an append must not fail.
     *
     * @throws StoreException if the index is full
     */
    void reserve(int more) {
        long needed = 2L * (size + more);
        if (needed > MAX_SLOTS) {
            throw new StoreException("The in-memory store is full: it indexes at most " + MAX_SLOTS / 2
                    + " events.");
        }
        while (needed > mask + 1) {
            grow();
        }
    }

    /**
     * Indexes {@code id} at {@code logIndex}, in the room {@link #reserve} made; the caller has
     * checked that it is not indexed yet.
     */
    void put(UUID id, int logIndex) {
        insert(id.getMostSignificantBits(), id.getLeastSignificantBits(), logIndex + 1);
        size++;
    }

    int size() {
        return size;
    }

    private void insert(long msb, long lsb, long value) {
        int slot = slot(msb, lsb);
        while (slots[3 * slot + 2] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[3 * slot] = msb;
        slots[3 * slot + 1] = lsb;
        slots[3 * slot + 2] = value;
    }

    private void grow() {
        long[] old = slots;
        allocate(2 * (mask + 1));
        for (int i = 0; i < old.length; i += 3) {
            if (old[i + 2] != 0) {
                insert(old[i], old[i + 1], old[i + 2]);
            }
        }
    }

    private void allocate(int count) {
        slots = new long[3 * count];
        mask = count - 1;
    }

    /**
     * Mixes both halves (the finalizer of MurmurHash3): ids from the library are UUIDv7, whose high
     * bits are a timestamp shared by the ids of one millisecond, but any caller may choose its ids.
     */
    private int slot(long msb, long lsb) {
        long h = msb * 0x9E3779B97F4A7C15L ^ lsb;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
