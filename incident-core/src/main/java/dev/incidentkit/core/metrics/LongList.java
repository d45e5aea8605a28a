package dev.incidentkit.core.metrics;

import java.util.Arrays;

/** A growable array of longs: values kept without boxing, ready to be selected from in place. */
final class LongList {

    long[] values;
    int size;

    LongList(int capacity) {
        values = new long[Math.max(capacity, 4)];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1) + 1);
        }
        values[size++] = value;
    }
}
