package dev.incidentkit.store.memory;

import java.util.Arrays;

/**
 * The log indexes of one stream's events, in version order: an append-only {@code int} array that
 * one writer at a time appends to and any number of readers read without locks, published like
 * {@link AppendOnlyList} (the array first, then the volatile size). Ints, not the events
 * themselves: a stream costs four bytes an event and no object the garbage collector must trace.
 */
final class IndexList {

    private volatile int[] indexes = new int[8];
    private volatile int size;

    /** Makes room for {@code more} indexes, so that the {@link #addRange} that follows cannot fail. */
    void reserve(int more) {
        int n = size;
        if (n + more > indexes.length) {
            indexes = Arrays.copyOf(indexes, Math.max(n + more, n * 2));
        }
    }

    /** Appends {@code count} consecutive indexes from {@code first}, published together. */
    void addRange(int first, int count) {
        reserve(count);
        int[] array = indexes;
        int n = size;
        for (int i = 0; i < count; i++) {
            array[n + i] = first + i;
        }
        size = n + count;
    }

    int size() {
        return size;
    }

    /** @return a copy of the indexes from {@code from} on, as published now */
    int[] from(int from) {
        int n = size;
        int[] array = indexes;
        return from >= n ? new int[0] : Arrays.copyOfRange(array, from, n);
    }

    /** Replaces the stream's indexes; for tests that tamper with a store. Callers serialize with appends. */
    void replace(int[] replacement) {
        // The size first when it shrinks, so that no reader pairs the old size with the new array.
        if (replacement.length < size) {
            size = replacement.length;
            indexes = replacement.clone();
        } else {
            indexes = replacement.clone();
            size = replacement.length;
        }
    }
}
