package dev.incidentkit.store.memory;

import java.util.UUID;

/**
 * Event id to log index, for the store's idempotency and duplicate checks: an open-addressing
 * hash table over primitive arrays, linear probing, at most half full.
 *
 * <p>Why not a {@code HashMap<UUID, StoredEvent>}: every append looks up an id that is almost
 * never there, in a table of millions; a {@code HashMap} follows a bucket, a node and the key's
 * {@code UUID} through three cache misses to say no, and keeps a node object per event for the
 * garbage collector to trace. Here the two halves of the id sit side by side in one {@code long[]}:
 * one miss, and no object per event.
 *
 * <p>Not thread-safe: the store calls it under its append lock.
 */
final class EventIdIndex {

    /** Two longs a slot: the id's most and least significant bits. */
    private long[] keys;
    /** The log index plus one of the id in the same slot; 0 marks an empty slot. */
    private int[] values;
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
            int value = values[slot];
            if (value == 0) {
                return -1;
            }
            if (keys[2 * slot] == msb && keys[2 * slot + 1] == lsb) {
                return value - 1;
            }
        }
    }

    /** Indexes {@code id} at {@code logIndex}; the caller has checked that it is not indexed yet. */
    void put(UUID id, int logIndex) {
        if (2 * (size + 1) > values.length) {
            grow();
        }
        insert(id.getMostSignificantBits(), id.getLeastSignificantBits(), logIndex + 1);
        size++;
    }

    int size() {
        return size;
    }

    private void insert(long msb, long lsb, int value) {
        int slot = slot(msb, lsb);
        while (values[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        keys[2 * slot] = msb;
        keys[2 * slot + 1] = lsb;
        values[slot] = value;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(oldValues.length * 2);
        for (int slot = 0; slot < oldValues.length; slot++) {
            if (oldValues[slot] != 0) {
                insert(oldKeys[2 * slot], oldKeys[2 * slot + 1], oldValues[slot]);
            }
        }
    }

    private void allocate(int slots) {
        keys = new long[2 * slots];
        values = new int[slots];
        mask = slots - 1;
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
