package dev.incidentkit.core.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Incident ids ordered by when they are next due: a binary heap with lazy invalidation. Moving
 * an incident pushes a new entry and leaves the old one in the heap, where it is dropped when it
 * comes up (it is no longer the incident's live entry); the heap is rebuilt when dropped entries
 * outnumber the live ones. Taking what is due costs O((due + dropped) log n), whatever n is.
 *
 * <p>Not thread-safe: {@link SlaMonitor} uses it under its lock.
 */
final class DeadlineQueue {

    private static final Comparator<Entry> ORDER =
            Comparator.comparing((Entry e) -> e.due).thenComparingLong(e -> e.sequence);

    private PriorityQueue<Entry> heap = new PriorityQueue<>(ORDER);
    private final Map<String, Entry> live = new HashMap<>();
    private long sequence;
    private long examined;

    private static final class Entry {
        final Instant due;
        final long sequence;
        final String incidentId;

        Entry(Instant due, long sequence, String incidentId) {
            this.due = due;
            this.sequence = sequence;
            this.incidentId = incidentId;
        }
    }

    /** Makes {@code due} the incident's next due instant, replacing any it had. */
    void schedule(String incidentId, Instant due) {
        Entry current = live.get(incidentId);
        if (current != null && current.due.equals(due)) {
            return;
        }
        Entry entry = new Entry(due, sequence++, incidentId);
        live.put(incidentId, entry);
        heap.add(entry);
        compactIfStale();
    }

    /** Forgets the incident. */
    void remove(String incidentId) {
        if (live.remove(incidentId) != null) {
            compactIfStale();
        }
    }

    /**
     * Takes every incident due strictly before {@code now}, earliest first, and forgets them: the
     * caller schedules them again.
     */
    List<String> pollDue(Instant now) {
        List<String> due = new ArrayList<>();
        while (!heap.isEmpty() && heap.peek().due.isBefore(now)) {
            Entry e = heap.poll();
            examined++;
            if (live.get(e.incidentId) == e) {
                live.remove(e.incidentId);
                due.add(e.incidentId);
            }
        }
        return due;
    }

    /** @return how many incidents are scheduled */
    int size() {
        return live.size();
    }

    /** @return how many heap entries are held, dropped ones included */
    int heapSize() {
        return heap.size();
    }

    /** @return how many heap entries {@link #pollDue} has looked at, in total */
    long examined() {
        return examined;
    }

    private void compactIfStale() {
        if (heap.size() > 2 * live.size() + 1024) {
            PriorityQueue<Entry> fresh = new PriorityQueue<>(Math.max(16, live.size()), ORDER);
            fresh.addAll(live.values());
            heap = fresh;
        }
    }
}
