package dev.incidentkit.store.memory;

import dev.incidentkit.core.query.IncidentSummary;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One incident in the store: the log indexes of its events, in version order, and its summary,
 * which one writer at a time changes and any number of readers read without locks. Both are
 * published together by one volatile write of an immutable {@link Published}, so that no reader
 * sees events without the summary that follows them, or the reverse. Ints, not the events
 * themselves: a stream costs four bytes an event and no object the garbage collector must trace.
 */
final class Stream {

    /**
     * What readers see. The array may hold more than {@code size} indexes (room written ahead of
     * the next publication); readers look at the first {@code size} only, which never change.
     */
    record Published(int[] indexes, int size, @Nullable IncidentSummary summary) {}

    private volatile Published published = new Published(new int[8], 0, null);

    /**
     * Writes {@code count} consecutive indexes from {@code first} after the published ones,
     * growing the array if needed, and returns them with the summary, ready for {@link #publish}.
     * Nothing a reader sees changes. Callers serialize with every other writer.
     */
    Published prepare(int first, int count, IncidentSummary summary) {
        Published p = published;
        int n = p.size();
        int[] array = p.indexes();
        if (n + count > array.length) {
            array = Arrays.copyOf(array, Math.max(n + count, n * 2));
        }
        for (int i = 0; i < count; i++) {
            array[n + i] = first + i;
        }
        return new Published(array, n + count, summary);
    }

    /** Makes a {@link #prepare prepared} state the one readers see, with one write. */
    void publish(Published next) {
        published = next;
    }

    /** @return the events and summary as published now */
    Published published() {
        return published;
    }

    int size() {
        return published.size();
    }

    /** Replaces the summary, whatever its version, keeping the events. Callers serialize with every other writer. */
    void replaceSummary(IncidentSummary summary) {
        Published p = published;
        published = new Published(p.indexes(), p.size(), summary);
    }

    /** @return a copy of the indexes from {@code from} on, as published now */
    int[] from(int from) {
        Published p = published;
        return from >= p.size() ? new int[0] : Arrays.copyOfRange(p.indexes(), from, p.size());
    }

    /** Replaces the stream's indexes, keeping its summary; for tests that tamper with a store. Callers serialize with appends. */
    void replace(int[] replacement) {
        Published p = published;
        published = new Published(replacement.clone(), replacement.length, p.summary());
    }
}
