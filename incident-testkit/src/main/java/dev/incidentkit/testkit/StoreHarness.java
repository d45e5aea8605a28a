package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.internal.Events;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every concern of {@link EventStoreContract} works with: the running test's store, events
 * chained as core chains them, and helpers to read and compare a store. A concern extends this
 * class and is nested in the contract with one line; the store comes from the contract, which
 * opens it before each test and closes it after.
 */
@ExtendWith(ContractResolver.class)
abstract class StoreHarness {

    /** Events are stamped from here on: a fixed instant with microseconds, as core records them. */
    static final Instant T0 = Instant.parse("2025-08-23T14:30:00.123456Z");

    /** How long a concurrency test may run before it counts as hung; never reached when it passes. */
    static final long TIMEOUT_SECONDS = 60;

    static final String NOTE_ADDED = "incident.note_added";

    EventStore store;
    private EventStoreContract contract;

    /** Takes the store of the running test from the adapter's contract test it runs in. */
    @BeforeEach
    final void bindStore(EventStoreContract contract) {
        this.contract = contract;
        store = contract.store();
    }

    /**
     * @param store the running test's store
     * @return the adapter's way to alter what {@code store} holds behind its back
     */
    final Tampering tampering(EventStore store) {
        return contract.tampering(store);
    }

    /**
     * @param store the running test's store
     * @return how another JVM opens the storage of {@code store}, if it can
     */
    final Optional<SharedStore> sharedStore(EventStore store) {
        return contract.sharedStore(store);
    }

    /**
     * What a test chooses about one event; chaining fills in the id, version and hashes. The
     * defaults are a note by alice, stamped a version's worth of seconds after {@link #T0}.
     */
    static final class Content {
        String type = NOTE_ADDED;
        int schemaVersion = 1;
        Instant occurredAt;
        Instant recordedAt;
        String actor = "alice";
        Optional<String> commandId = Optional.empty();
        String data;

        Content(long n) {
            occurredAt = T0.plusSeconds(n);
            recordedAt = T0.plusSeconds(n).plusNanos(1_000);
            data = "{\"note\":\"note " + n + "\"}";
        }

        Content type(String value) {
            type = value;
            return this;
        }

        Content schema(int value) {
            schemaVersion = value;
            return this;
        }

        Content at(Instant occurred, Instant recorded) {
            occurredAt = occurred;
            recordedAt = recorded;
            return this;
        }

        Content by(String value) {
            actor = value;
            return this;
        }

        Content command(String value) {
            commandId = Optional.of(value);
            return this;
        }

        Content data(String value) {
            data = value;
            return this;
        }
    }

    static Content note(long n) {
        return new Content(n);
    }

    /** Records numbered from {@code afterVersion + 1}, chained from {@code afterHash}, as core builds them. */
    static List<EventRecord> chain(String incidentId, long afterVersion, String afterHash, List<Content> contents) {
        List<EventRecord> records = new ArrayList<>();
        String previousHash = afterHash;
        long version = afterVersion;
        for (Content c : contents) {
            EventRecord unhashed = new EventRecord(UUID.randomUUID(), incidentId, ++version, c.type, c.schemaVersion,
                    c.occurredAt, c.recordedAt, c.actor, c.commandId, c.data, previousHash, "");
            EventRecord record = Events.withHash(unhashed, HashChain.hash(unhashed));
            records.add(record);
            previousHash = record.hash();
        }
        return records;
    }

    /** The next {@code count} notes of a stream as the store holds it now, with a command id if given. */
    List<EventRecord> next(String incidentId, int count, Optional<String> commandId) {
        List<StoredEvent> stream = store.readStream(incidentId, 0);
        long version = stream.isEmpty() ? 0 : stream.get(stream.size() - 1).version();
        String hash = stream.isEmpty() ? HashChain.GENESIS : stream.get(stream.size() - 1).record().hash();
        return notesAfter(incidentId, version, hash, count, commandId);
    }

    /** The {@code count} notes after version {@code afterVersion}, whose hash is {@code afterHash}. */
    static List<EventRecord> notesAfter(
            String incidentId, long afterVersion, String afterHash, int count, Optional<String> commandId) {
        List<Content> contents = new ArrayList<>();
        for (long v = afterVersion + 1; v <= afterVersion + count; v++) {
            Content c = note(v);
            commandId.ifPresent(c::command);
            contents.add(c);
        }
        return chain(incidentId, afterVersion, afterHash, contents);
    }

    List<EventRecord> next(String incidentId, int count) {
        return next(incidentId, count, Optional.empty());
    }

    List<EventRecord> next(String incidentId, int count, String commandId) {
        return next(incidentId, count, Optional.of(commandId));
    }

    AppendResult appendNext(String incidentId, int count) {
        List<EventRecord> batch = next(incidentId, count);
        return append(batch);
    }

    AppendResult appendNext(String incidentId, int count, String commandId) {
        List<EventRecord> batch = next(incidentId, count, commandId);
        return append(batch);
    }

    /**
     * Appends a batch at the version it follows, with {@link Fixtures#placeholderSummary}: the
     * store keeps whatever summary it is given, and most concerns test the events alone.
     */
    AppendResult append(List<EventRecord> batch) {
        return store.append(batch.get(0).incidentId(), versionBefore(batch), batch, Fixtures.placeholderSummary(batch));
    }

    /** {@link EventStore#append} with {@link Fixtures#placeholderSummary}, at the version given. */
    AppendResult append(String incidentId, long expectedVersion, List<EventRecord> batch) {
        return store.append(incidentId, expectedVersion, batch, Fixtures.placeholderSummary(batch));
    }

    static long versionBefore(List<EventRecord> batch) {
        return batch.get(0).version() - 1;
    }

    String lastHash(String incidentId) {
        List<StoredEvent> stream = store.readStream(incidentId, 0);
        return stream.get(stream.size() - 1).record().hash();
    }

    static String incidentId(int n) {
        return String.format("INC-2025-%03d", n + 1);
    }

    /** Every event of the store, read in pages of {@code limit}. */
    List<StoredEvent> readEverything(int limit) {
        List<StoredEvent> all = new ArrayList<>();
        LogPosition last = LogPosition.START;
        List<StoredEvent> page;
        while (!(page = store.readAll(last, limit)).isEmpty()) {
            all.addAll(page);
            last = page.get(page.size() - 1).position();
        }
        return all;
    }

    /** What a store shows of its events: to prove that a refused append wrote nothing. */
    record Snapshot(List<StoredEvent> all, LogPosition head) {}

    Snapshot snapshot() {
        return new Snapshot(readEverything(1000), store.head());
    }

    static Snapshot snapshotOfEmptyStore() {
        return new Snapshot(List.of(), LogPosition.START);
    }

    void assertNothingWritten(Snapshot before, String... incidentIds) {
        assertThat(snapshot()).as("the store after the refused append").isEqualTo(before);
        for (String incidentId : incidentIds) {
            List<StoredEvent> streamBefore = before.all().stream().filter(e -> e.incidentId().equals(incidentId))
                    .collect(Collectors.toList());
            assertThat(store.readStream(incidentId, 0)).as("stream %s after the refused append", incidentId)
                    .isEqualTo(streamBefore);
        }
    }

    /**
     * Runs the tasks on threads of their own, started together by a barrier, and returns their
     * results in order. Fails with the first task's failure, or when they are not all done within
     * {@link #TIMEOUT_SECONDS}; the threads are stopped either way.
     */
    static <T> List<T> runTogether(List<? extends Callable<T>> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        AssertionError failure = null;
        List<T> results = new ArrayList<>();
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            for (Future<T> future : futures) {
                results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
        } catch (ExecutionException e) {
            failure = new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            failure = new AssertionError("the concurrent tasks did not finish within " + TIMEOUT_SECONDS + " s", e);
        } finally {
            pool.shutdownNow();
        }
        // Threads left running would go on writing into the next test's store.
        boolean stopped = pool.awaitTermination(10, TimeUnit.SECONDS);
        if (failure != null) {
            if (!stopped) {
                failure.addSuppressed(new AssertionError("some threads did not stop when interrupted"));
            }
            throw failure;
        }
        assertThat(stopped).as("every thread stopped").isTrue();
        return results;
    }

    /** Lets other threads run while a polling loop has nothing to do, and ends it when the test stops its threads. */
    static void giveWay() throws InterruptedException {
        Thread.yield();
        stopIfInterrupted();
    }

    /** Ends a polling loop when the test stops its threads. */
    static void stopIfInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped by the test");
        }
    }

    static List<EventRecord> records(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::record).collect(Collectors.toList());
    }

    static List<Long> versions(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::version).collect(Collectors.toList());
    }

    static List<LogPosition> positions(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::position).collect(Collectors.toList());
    }

    static void assertStrictlyIncreasing(List<LogPosition> positions) {
        for (int i = 1; i < positions.size(); i++) {
            assertThat(positions.get(i)).as("position %d of %d", i, positions.size()).isGreaterThan(positions.get(i - 1));
        }
    }

    /** Each event's prev_hash is the hash of the one before: no writer chained from a stale read. */
    static void assertChained(List<StoredEvent> stream) {
        String previousHash = HashChain.GENESIS;
        for (StoredEvent e : stream) {
            assertThat(e.record().prevHash()).as("prev_hash of version %d", e.version()).isEqualTo(previousHash);
            previousHash = e.record().hash();
        }
    }
}
