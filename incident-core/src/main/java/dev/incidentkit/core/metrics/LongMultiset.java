package dev.incidentkit.core.metrics;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * A sorted multiset of longs with its exact sum: values come and go in O(log n), and the
 * nearest-rank percentiles are read by one walk over the distinct values, without sorting.
 */
final class LongMultiset {

    private final TreeMap<Long, long[]> counts = new TreeMap<>();
    private final Sum128 sum = new Sum128();
    private long size;

    void add(long value) {
        counts.computeIfAbsent(value, v -> new long[1])[0]++;
        sum.add(value);
        size++;
    }

    void remove(long value) {
        long[] count = counts.get(value);
        if (count == null) {
            throw new NoSuchElementException("not in the multiset: " + value);
        }
        if (--count[0] == 0) {
            counts.remove(value);
        }
        sum.subtract(value);
        size--;
    }

    long size() {
        return size;
    }

    DurationStats stats(long missing) {
        if (size == 0) {
            return DurationStats.empty(missing);
        }
        long[] ranks = {DurationStats.nearestRank(50, size), DurationStats.nearestRank(90, size),
            DurationStats.nearestRank(95, size), DurationStats.nearestRank(99, size)};
        long[] values = new long[ranks.length];
        Iterator<Map.Entry<Long, long[]>> it = counts.entrySet().iterator();
        long seen = 0;
        long value = 0;
        for (int r = 0; r < ranks.length; r++) {
            while (seen < ranks[r]) {
                Map.Entry<Long, long[]> e = it.next();
                value = e.getKey();
                seen += e.getValue()[0];
            }
            values[r] = value;
        }
        return new DurationStats(size, Rules.duration(sum.mean(size)), Rules.duration(values[0]),
                Rules.duration(values[1]), Rules.duration(values[2]), Rules.duration(values[3]),
                Rules.duration(counts.lastKey()), missing);
    }
}
