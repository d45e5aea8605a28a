package dev.incidentkit.store.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list that one writer at a time appends to and any number of readers read without locks.
 *
 * <p>The writer stores the elements (growing the array first when full: amortized O(1), never a
 * copy per append), then publishes them by writing the volatile {@code size}. A reader reads
 * {@code size} first, then {@code elements}: since the writer wrote the array before the size, the
 * reader sees an array holding at least {@code size} elements.
 */
final class AppendOnlyList<T> {

    private volatile Object[] elements;
    private volatile int size;

    AppendOnlyList(int initialCapacity) {
        elements = new Object[Math.max(1, initialCapacity)];
    }

    /**
     * Writes every element of {@code added} after the published ones, without publishing them:
     * {@link #publish} does, so that a reader sees all of them or none, and the caller may publish
     * something else in between. Callers serialize their calls.
     */
    void write(T[] added) {
        Object[] array = elements;
        int n = size;
        int newSize = n + added.length;
        if (newSize > array.length) {
            array = Arrays.copyOf(array, Math.max(newSize, n * 2));
            elements = array;
        }
        System.arraycopy(added, 0, array, n, added.length);
    }

    /** Publishes the elements written up to {@code newSize}. */
    void publish(int newSize) {
        size = newSize;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    T get(int index) {
        int n = size;
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException(index);
        }
        return (T) elements[index];
    }

    /**
     * An element that may not be published yet, for a reader who learned its index from a later
     * publication (a stream's, written after this list's array and before its size).
     */
    @SuppressWarnings("unchecked")
    T written(int index) {
        return (T) elements[index];
    }

    /** The elements from {@code from} (inclusive), at most {@code max} of them. */
    @SuppressWarnings("unchecked")
    List<T> slice(int from, int max) {
        int n = size;
        Object[] array = elements;
        int to = (int) Math.min(n, (long) from + max);
        if (from >= to) {
            return List.of();
        }
        List<T> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add((T) array[i]);
        }
        return out;
    }

    /** Replaces an element; for tests that tamper with a store. Callers serialize with appends. */
    void set(int index, T element) {
        elements[index] = element;
    }
}
