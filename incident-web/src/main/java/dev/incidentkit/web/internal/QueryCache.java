package dev.incidentkit.web.internal;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.spi.LogPosition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The answers of {@code GET /api/v1/incidents} and the dashboard's reads, reused while nothing
 * was recorded: a dashboard that many people keep open asks the same pages every few seconds, and
 * a page changes only when an event is recorded. An answer is reused while the event log's head ({@link
 * IncidentManager#head()}, one indexed read) and this server's count of writes are what they were
 * before it was rendered:
 *
 * <ul>
 *   <li>a write through this server is seen by the next read at once (the count moves before
 *       the write's answer leaves);
 *   <li>a write by the host or another process is seen once the log's head passes it: at once on
 *       H2 and the memory store; on PostgreSQL, when no older transaction is still open (the same
 *       moment the live event stream sends it);
 *   <li>a page rendered while an event was being recorded is kept under the head read before
 *       it, so it is rendered again at the next request.
 * </ul>
 *
 * At most {@code capacity} answers are kept, the least recently used dropped first; 0 keeps none.
 * Thread-safe.
 */
public final class QueryCache {

    private final IncidentManager incidents;
    private final int capacity;
    private final AtomicLong writes = new AtomicLong();
    private final Map<Object, Entry> entries;

    private record Entry(LogPosition head, long writes, Object answer) {}

    /**
     * @param incidents whose log's head tells when an answer is out of date
     * @param capacity how many answers to keep, 0 for none
     */
    QueryCache(IncidentManager incidents, int capacity) {
        this.incidents = incidents;
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @param <T> the answer's type, the same for every use of a key
     * @param key what the answer answers, with value equality: the parsed query (an {@code
     *     IncidentQuery}), never text that two different requests could spell alike; a record of
     *     its own for each other use, holding what else the answer depends on (such as the minute)
     * @param render the answer as it is now
     * @return the answer kept for the key, if still up to date, else a new one
     */
    @SuppressWarnings("unchecked") // a key's answers are all of one type: its use's
    public <T> T answer(Object key, Supplier<T> render) {
        if (capacity == 0) {
            return render.get();
        }
        long writesBefore = writes.get();
        LogPosition head = incidents.head();
        Entry kept;
        synchronized (entries) {
            kept = entries.get(key);
        }
        if (kept != null && kept.writes() == writesBefore && kept.head().equals(head)) {
            return (T) kept.answer();
        }
        T answer = render.get();
        synchronized (entries) {
            entries.put(key, new Entry(head, writesBefore, answer));
        }
        return answer;
    }

    /** Called after every write through this server, before its answer is sent. */
    void written() {
        writes.incrementAndGet();
    }
}
