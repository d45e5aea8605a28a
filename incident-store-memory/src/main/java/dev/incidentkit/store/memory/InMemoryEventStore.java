package dev.incidentkit.store.memory;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.DuplicateEventException;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.Lease;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The storage SPI in memory: IncidentKit's embedded default, for tests, demos and applications
 * that keep their incidents elsewhere. Everything is lost when the process ends.
 *
 * <p>What it keeps: the global log of event records; each incident's stream (the log indexes of
 * its events) together with its summary, the read model's row ({@link IncidentSummary}); the ids
 * of the incidents, in order; the command ids an append recorded; the incident numbers of each
 * year; and the checkpoints.
 *
 * <p>Appends are serialized by one lock, held for a few field writes: that is what makes the
 * global positions gapless and in commit order, so that a reader of {@link #readAll} never skips
 * an event. Reads take no lock at all: streams and the global log are append-only arrays
 * published through a volatile size. A stream and its summary are published by one volatile
 * write, so that {@link #readStream} and {@link #summary} never disagree, and a summary is shown
 * once {@link #readAll} shows its events too; an append that is
 * refused, or a retry that finds its events stored, leaves the summary as it was. Nothing is
 * copied per append, and nothing is pushed to listeners from inside the lock.
 *
 * <p>Queries ({@link #findSummaries}, {@link #countSummaries}) scan the summaries, one per
 * incident, without replaying an event; a page keeps its first {@code limit} answers in a bounded
 * heap, so that it costs O(incidents &middot; log limit), not a sort of every match.
 *
 * <p>It keeps the notification dispatcher's delivery state too ({@link DeliveryStore}): leases
 * and dead letters, each notifier's under a lock of its own.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class InMemoryEventStore implements EventStore, DeliveryStore {

    private final ReentrantLock appendLock = new ReentrantLock();
    /**
     * Every record, position {@code p} at index {@code p - 1}. Records, not {@link StoredEvent}s:
     * the position is the index, so a stored event is made when it is read, and the store keeps
     * two objects an event fewer for the garbage collector to trace.
     */
    private final AppendOnlyList<EventRecord> log = new AppendOnlyList<>(1024);
    /** Each incident's events, as log indexes in version order, and its summary. */
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    /**
     * The ids of the streams that have events, in order, for {@link #incidentIds}: a rebuild walks
     * them a page at a time, and each page costs its size, not a sort of every id.
     */
    private final ConcurrentSkipListSet<String> ids = new ConcurrentSkipListSet<>();
    /** Read and written only under {@link #appendLock}. */
    private final EventIdIndex byEventId = new EventIdIndex(1024);
    private final Map<String, CommandRecord> commands = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> numbers = new ConcurrentHashMap<>();
    private final Map<String, LogPosition> checkpoints = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryEventStore() {}

    @Override
    public AppendResult append(String incidentId, long expectedVersion, List<EventRecord> events,
            IncidentSummary summary) {
        checkBatch(incidentId, expectedVersion, events);
        IncidentSummary.requireFor(incidentId, events, summary);
        List<String> attachedAlerts = AlertStore.attachedBy(events);
        appendLock.lock();
        try {
            if (byEventId.get(events.get(0).eventId()) >= 0) {
                return alreadyStored(events);
            }
            Stream stream = streams.get(incidentId);
            long actual = stream == null ? 0 : stream.size();
            if (actual != expectedVersion) {
                throw new ConcurrencyConflictException(incidentId, expectedVersion, actual);
            }
            Set<String> commandIds = Set.of();
            for (int i = 0; i < events.size(); i++) {
                EventRecord e = events.get(i);
                // The first id was looked up above already.
                if (i > 0 && byEventId.get(e.eventId()) >= 0) {
                    throw new DuplicateEventException(e.eventId());
                }
                if (e.commandId().isPresent()) {
                    if (commandIds.isEmpty()) {
                        commandIds = new HashSet<>();
                    }
                    commandIds.add(e.commandId().get());
                }
            }
            for (String commandId : commandIds) {
                if (commands.containsKey(commandId)) {
                    throw new DuplicateCommandException(commandId);
                }
            }
            if (stream == null) {
                stream = new Stream();
                streams.put(incidentId, stream);
            }
            // Room first, where running out of it (or of memory) changes nothing a reader sees.
            int first = log.size();
            EventRecord[] records = events.toArray(new EventRecord[0]);
            byEventId.reserve(records.length);
            Stream.Published next = stream.prepare(first, records.length, summary);
            log.write(records);
            StoredEvent[] stored = new StoredEvent[records.length];
            for (int i = 0; i < records.length; i++) {
                stored[i] = stored(first + i, records[i]);
            }
            // Checked and reserved: from here on nothing can fail, so the append is all or nothing.
            for (int i = 0; i < records.length; i++) {
                byEventId.put(records[i].eventId(), first + i);
            }
            // Before the events are published: whoever reads an attached alert's event finds the alert attached.
            if (!attachedAlerts.isEmpty()) {
                alerts.attach(attachedAlerts, incidentId);
            }
            // Published with one write each, so that no reader sees half of the batch; the stream
            // and its summary together first, so that an event a reader finds in the log is in its
            // stream and its summary too.
            stream.publish(next);
            log.publish(first + records.length);
            if (expectedVersion == 0) {
                ids.add(incidentId);
            }
            long lastVersion = events.get(events.size() - 1).version();
            for (String commandId : commandIds) {
                commands.put(commandId, new CommandRecord(commandId, incidentId, lastVersion));
            }
            return new AppendResult(List.of(stored), false);
        } finally {
            appendLock.unlock();
        }
    }

    private AppendResult alreadyStored(List<EventRecord> events) {
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (EventRecord e : events) {
            int index = byEventId.get(e.eventId());
            StoredEvent s = index < 0 ? null : stored(index, log.get(index));
            if (s == null || !s.record().equals(e)) {
                throw new DuplicateEventException(e.eventId());
            }
            stored.add(s);
        }
        return new AppendResult(stored, true);
    }

    private static void checkBatch(String incidentId, long expectedVersion, List<EventRecord> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one event");
        }
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must not be negative: " + expectedVersion);
        }
        long version = expectedVersion;
        // A command writes one event or a few: comparing pairs beats building a set, up to a point.
        boolean few = events.size() <= 8;
        Set<UUID> eventIds = few ? Set.of() : new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            EventRecord e = events.get(i);
            if (few ? appearsBefore(events, i) : !eventIds.add(e.eventId())) {
                throw new IllegalArgumentException("event id " + e.eventId() + " appears twice in the batch");
            }
            if (!e.incidentId().equals(incidentId)) {
                throw new IllegalArgumentException("event " + e.eventId() + " belongs to " + e.incidentId()
                        + ", not to " + incidentId);
            }
            if (e.version() != ++version) {
                throw new IllegalArgumentException("event " + e.eventId() + " has version " + e.version()
                        + " where " + version + " was expected");
            }
        }
    }

    private static boolean appearsBefore(List<EventRecord> events, int i) {
        UUID id = events.get(i).eventId();
        for (int j = 0; j < i; j++) {
            if (events.get(j).eventId().equals(id)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<IncidentSummary> summary(String incidentId) {
        Stream stream = streams.get(incidentId);
        return stream == null ? Optional.empty() : Optional.ofNullable(visibleSummary(stream));
    }

    /**
     * The stream's summary once {@link #readAll} returns its events too. An append publishes the
     * stream with its summary, then the log, two writes apart under the append lock; a reader that
     * comes between them waits for the second, so that no read sees a summary whose events the
     * log does not show yet.
     */
    private @Nullable IncidentSummary visibleSummary(Stream stream) {
        Stream.Published p = stream.published();
        if (p.size() > 0) {
            int last = p.indexes()[p.size() - 1];
            while (log.size() <= last) {
                Thread.yield();
            }
        }
        return p.summary();
    }

    /**
     * One pass over the summaries, keeping the first {@code limit} in a bounded heap: O(n log
     * limit), where sorting every match would cost O(n log n) and a copy of them all.
     */
    @Override
    public List<IncidentSummary> findSummaries(IncidentQuery query, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        Comparator<IncidentSummary> order = query.comparator();
        // The heap's head is the last of the best found so far: the one a better match evicts.
        PriorityQueue<IncidentSummary> best = new PriorityQueue<>(Math.min(limit, 64) + 1, order.reversed());
        for (Stream stream : streams.values()) {
            IncidentSummary s = visibleSummary(stream);
            if (s == null || !query.matches(s) || !query.isAfterCursor(s)) {
                continue;
            }
            if (best.size() < limit) {
                best.add(s);
            } else if (order.compare(s, best.peek()) < 0) {
                best.poll();
                best.add(s);
            }
        }
        IncidentSummary[] out = best.toArray(new IncidentSummary[0]);
        Arrays.sort(out, order);
        return List.of(out);
    }

    @Override
    public long countSummaries(IncidentQuery query) {
        long n = 0;
        for (Stream stream : streams.values()) {
            IncidentSummary s = visibleSummary(stream);
            if (s != null && query.matches(s)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Under the append lock, so that no append runs between the check of the stream's version and
     * the write: an append either came first (the stream is past the summary, which is refused)
     * or comes after and replaces the summary with its own.
     */
    @Override
    public boolean saveSummary(IncidentSummary summary) {
        appendLock.lock();
        try {
            Stream stream = streams.get(summary.id());
            if (stream == null || stream.size() == 0 || stream.size() != summary.version()) {
                return false;
            }
            stream.replaceSummary(summary);
            return true;
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public List<String> incidentIds(String after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        List<String> page = new ArrayList<>(Math.min(limit, 1_024));
        for (String id : ids.tailSet(after, false)) {
            if (page.size() == limit) {
                break;
            }
            page.add(id);
        }
        return page;
    }

    @Override
    public List<StoredEvent> readStream(String incidentId, long afterVersion) {
        Stream stream = streams.get(incidentId);
        if (stream == null || afterVersion >= stream.size()) {
            return List.of();
        }
        int[] indexes = stream.from((int) Math.max(0, afterVersion));
        StoredEvent[] out = new StoredEvent[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            // Published to this reader by the stream's size, which was written after the record.
            out[i] = stored(indexes[i], log.written(indexes[i]));
        }
        return Arrays.asList(out);
    }

    @Override
    public List<StoredEvent> readAll(LogPosition after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        // Positions are gapless from 1, so position p sits at index p - 1.
        int from = (int) Math.min(Integer.MAX_VALUE, after.position());
        List<EventRecord> records = log.slice(from, limit);
        StoredEvent[] out = new StoredEvent[records.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = stored(from + i, records.get(i));
        }
        return Arrays.asList(out);
    }

    @Override
    public LogPosition head() {
        int n = log.size();
        return n == 0 ? LogPosition.START : LogPosition.of(n);
    }

    private static StoredEvent stored(int index, EventRecord record) {
        return new StoredEvent(LogPosition.of(index + 1L), record);
    }

    @Override
    public long nextIncidentNumber(int year) {
        return numbers.computeIfAbsent(year, y -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public Optional<CommandRecord> findCommand(String commandId) {
        return Optional.ofNullable(commands.get(commandId));
    }

    @Override
    public Optional<LogPosition> checkpoint(String name) {
        return Optional.ofNullable(checkpoints.get(name));
    }

    @Override
    public void saveCheckpoint(String name, LogPosition position) {
        checkpoints.put(name, position);
    }

    /**
     * Rewrites one stream's stored records as an attacker with access to the storage would: for
     * tests that prove {@code verify} catches changed, removed and reordered events. The records
     * keep the positions of the slots they land in. Never use it otherwise.
     */
    void tamper(String incidentId, UnaryOperator<List<EventRecord>> rewrite) {
        appendLock.lock();
        try {
            Stream stream = streams.get(incidentId);
            int[] indexes = stream.from(0);
            List<EventRecord> records = new ArrayList<>();
            for (int index : indexes) {
                records.add(log.get(index));
            }
            List<EventRecord> rewritten = rewrite.apply(records);
            for (int i = 0; i < rewritten.size(); i++) {
                log.set(indexes[i], rewritten.get(i));
            }
            stream.replace(Arrays.copyOf(indexes, rewritten.size()));
        } finally {
            appendLock.unlock();
        }
    }

    // ----------------------------------------------------------------------------------------
    // Delivery state of the notification dispatcher
    // ----------------------------------------------------------------------------------------

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Map<String, LinkedHashMap<UUID, DeadLetter>> deadLetters = new ConcurrentHashMap<>();

    /** @return this store, which keeps leases and dead letters */
    private final InMemoryAlertStore alerts = new InMemoryAlertStore();

    /** @return the alerts, groups, storm counters and silences, kept in memory beside the events */
    @Override
    public Optional<AlertStore> alertStore() {
        return Optional.of(alerts);
    }

    private final InMemoryEscalationStore escalations = new InMemoryEscalationStore();

    /** @return the escalation timers, kept in memory beside the events */
    @Override
    public Optional<EscalationStore> escalationStore() {
        return Optional.of(escalations);
    }

    @Override
    public Optional<DeliveryStore> deliveryStore() {
        return Optional.of(this);
    }

    @Override
    public boolean acquireLease(String notifier, String owner, Instant now, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        Lease wanted = new Lease(owner, now.plus(ttl));
        // compute() runs under the map's lock for this key: the check and the write are one step.
        Lease result = leases.compute(notifier, (n, current) ->
                current == null || current.owner().equals(owner) || !current.isHeldAt(now) ? wanted : current);
        return result == wanted;
    }

    @Override
    public void releaseLease(String notifier, String owner) {
        leases.computeIfPresent(notifier, (n, current) -> current.owner().equals(owner) ? null : current);
    }

    @Override
    public Optional<Lease> lease(String notifier) {
        return Optional.ofNullable(leases.get(notifier));
    }

    @Override
    public void addDeadLetter(DeadLetter deadLetter) {
        LinkedHashMap<UUID, DeadLetter> letters = deadLetters.computeIfAbsent(deadLetter.notifier(), n -> new LinkedHashMap<>());
        synchronized (letters) {
            // put() on a present key keeps its place in a LinkedHashMap: a replaced letter stays where it was.
            letters.put(deadLetter.eventId(), deadLetter);
        }
    }

    @Override
    public List<DeadLetter> deadLetters(String notifier) {
        LinkedHashMap<UUID, DeadLetter> letters = deadLetters.get(notifier);
        if (letters == null) {
            return List.of();
        }
        synchronized (letters) {
            return List.copyOf(letters.values());
        }
    }

    @Override
    public boolean removeDeadLetter(String notifier, UUID eventId) {
        LinkedHashMap<UUID, DeadLetter> letters = deadLetters.get(notifier);
        if (letters == null) {
            return false;
        }
        synchronized (letters) {
            return letters.remove(eventId) != null;
        }
    }
}
