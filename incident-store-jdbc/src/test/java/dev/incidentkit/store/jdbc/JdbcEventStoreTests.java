package dev.incidentkit.store.jdbc;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.DuplicateEventException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.VerificationResult;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store's own tests, run on each database by a subclass: round trips, the typed errors
 * of the SPI, migrations, tampering, and concurrency with threads. (The shared contract suites
 * of incident-testkit run beside them.)
 */
abstract class JdbcEventStoreTests {

    TestDatabase db;
    JdbcEventStore store;

    /** @return a fresh, empty database */
    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        db = newDatabase();
        store = db.store();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    IncidentManager manager() {
        return IncidentKit.builder().store(store).build();
    }

    @Nested
    @DisplayName("writes records as they are and returns them unchanged")
    class RoundTrip {

        @Test
        void everyFieldComesBackAsWritten() {
            String data = "{\"note\":\"ünïcödé 🚨 \\\"quoted\\\" <b>html</b> ' ; DROP TABLE x; --\\n\\ttab\","
                    + "\"big\":\"" + "x".repeat(60_000) + "\"}";
            EventRecord first = Records.withHash(new EventRecord(UUID.randomUUID(), "INC-2026-001", 1, "incident.declared", 1,
                    Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"), "Zoë O'Brien",
                    Optional.of("cmd-ü-1"), data, HashChain.GENESIS, ""));
            EventRecord second = Records.withHash(new EventRecord(UUID.randomUUID(), "INC-2026-001", 2, "incident.note_added", 7,
                    Instant.parse("2026-02-28T23:59:59.999999Z"), Instant.parse("2026-03-01T00:00:00.000001Z"), "bob",
                    Optional.empty(), "{}\r\n", first.hash(), ""));

            List<EventRecord> batch = List.of(first, second);
            AppendResult result = store.append("INC-2026-001", 0, batch, Fixtures.placeholderSummary(batch));

            assertThat(result.alreadyStored()).isFalse();
            assertThat(result.events()).extracting(StoredEvent::record).containsExactly(first, second);
            assertThat(store.readStream("INC-2026-001", 0)).isEqualTo(result.events());
            assertThat(store.readAll(LogPosition.START, 10)).isEqualTo(result.events());
            assertThat(store.readStream("INC-2026-001", 1)).containsExactly(result.events().get(1));
            assertThat(store.head()).isEqualTo(result.events().get(1).position());
        }

        @Test
        void anEmptyStoreHasNothing() {
            assertThat(store.readAll(LogPosition.START, 10)).isEmpty();
            assertThat(store.readStream("INC-2026-001", 0)).isEmpty();
            assertThat(store.head()).isEqualTo(LogPosition.START);
            assertThat(store.findCommand("nope")).isEmpty();
            assertThat(store.checkpoint("nope")).isEmpty();
        }

        @Test
        void readAllPagesThroughEveryEventOnceInOrder() {
            String prev = HashChain.GENESIS;
            for (int i = 0; i < 7; i++) {
                List<EventRecord> a = Records.batch("INC-A", i * 3, prev, 3, Optional.empty());
                store.append("INC-A", i * 3, a, Fixtures.placeholderSummary(a));
                prev = store.readStream("INC-A", 0).get(i * 3 + 2).record().hash();
                List<EventRecord> b = Records.batch("INC-B-" + i, 0, 1);
                store.append("INC-B-" + i, 0, b, Fixtures.placeholderSummary(b));
            }
            List<StoredEvent> seen = new ArrayList<>();
            LogPosition after = LogPosition.START;
            for (List<StoredEvent> page = store.readAll(after, 4); !page.isEmpty(); page = store.readAll(after, 4)) {
                assertThat(page.get(0).position()).isGreaterThan(after);
                seen.addAll(page);
                after = page.get(page.size() - 1).position();
            }
            assertThat(seen).hasSize(28);
            assertThat(seen).extracting(StoredEvent::position).isSorted().doesNotHaveDuplicates();
            assertThat(after).isEqualTo(store.head());
        }
    }

    @Nested
    @DisplayName("refuses with the SPI's typed errors")
    class Refusals {

        @Test
        void aStaleOrFutureVersionIsAConflictAndWritesNothing() {
            List<EventRecord> two = Records.batch("INC-1", 0, 2);
            store.append("INC-1", 0, two, Fixtures.placeholderSummary(two));
            List<EventRecord> stale = Records.batch("INC-1", 1, 1);
            List<EventRecord> future = Records.batch("INC-1", 5, 1);
            List<EventRecord> other = Records.batch("INC-2", 3, 1);

            assertThatThrownBy(() -> store.append("INC-1", 1, stale, Fixtures.placeholderSummary(stale)))
                    .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> {
                        assertThat(e.expectedVersion()).isEqualTo(1);
                        assertThat(e.actualVersion()).isEqualTo(2);
                    });
            assertThatThrownBy(() -> store.append("INC-1", 5, future, Fixtures.placeholderSummary(future)))
                    .isInstanceOf(ConcurrencyConflictException.class);
            assertThatThrownBy(() -> store.append("INC-2", 3, other, Fixtures.placeholderSummary(other)))
                    .isInstanceOf(ConcurrencyConflictException.class);
            assertThat(store.readAll(LogPosition.START, 100)).hasSize(2);
        }

        @Test
        void theSameEventsTwiceAreStoredOnce() {
            List<EventRecord> batch = Records.batch("INC-1", 0, HashChain.GENESIS, 3, Optional.of("c-1"));
            AppendResult first = store.append("INC-1", 0, batch, Fixtures.placeholderSummary(batch));

            AppendResult again = store.append("INC-1", 0, batch, Fixtures.placeholderSummary(batch));

            assertThat(again.alreadyStored()).isTrue();
            assertThat(again.events()).isEqualTo(first.events());
            assertThat(store.readAll(LogPosition.START, 100)).hasSize(3);
        }

        @Test
        void aStoredEventIdWithOtherContentIsADuplicateEvent() {
            EventRecord stored = Records.batch("INC-1", 0, 1).get(0);
            store.append("INC-1", 0, List.of(stored), Fixtures.placeholderSummary(List.of(stored)));
            EventRecord changed = new EventRecord(stored.eventId(), "INC-1", 1, stored.type(), 1, stored.occurredAt(),
                    stored.recordedAt(), "mallory", Optional.empty(), stored.data(), stored.prevHash(), stored.hash());

            assertThatThrownBy(() -> store.append("INC-1", 0, List.of(changed),
                    Fixtures.placeholderSummary(List.of(changed)))).isInstanceOf(DuplicateEventException.class);
            EventRecord second = Records.record("INC-1", 2, stored.hash(), "{}", Optional.empty());
            EventRecord reused = new EventRecord(stored.eventId(), "INC-1", 3, "t", 1, stored.occurredAt(),
                    stored.recordedAt(), "a", Optional.empty(), "{}", second.hash(), "h");
            assertThatThrownBy(() -> store.append("INC-1", 1, List.of(second, reused),
                    Fixtures.placeholderSummary(List.of(second, reused))))
                    .isInstanceOf(DuplicateEventException.class);
            assertThat(store.readStream("INC-1", 0)).extracting(StoredEvent::record).containsExactly(stored);
        }

        @Test
        void aStoredCommandIdIsADuplicateCommand() {
            List<EventRecord> first = Records.batch("INC-1", 0, HashChain.GENESIS, 2, Optional.of("cmd-7"));
            store.append("INC-1", 0, first, Fixtures.placeholderSummary(first));
            List<EventRecord> again = Records.batch("INC-2", 0, HashChain.GENESIS, 1, Optional.of("cmd-7"));

            assertThatThrownBy(() -> store.append("INC-2", 0, again, Fixtures.placeholderSummary(again)))
                    .isInstanceOfSatisfying(DuplicateCommandException.class,
                            e -> assertThat(e.commandId()).isEqualTo("cmd-7"));
            assertThat(store.findCommand("cmd-7")).contains(new CommandRecord("cmd-7", "INC-1", 2));
            assertThat(store.readStream("INC-2", 0)).isEmpty();
        }

        @Test
        void aBadBatchIsRefusedBeforeTheDatabaseIsAsked() {
            IncidentSummary one = Fixtures.placeholderSummary(Records.batch("INC-1", 0, 1));
            List<EventRecord> otherStream = Records.batch("INC-2", 0, 1);
            List<EventRecord> gap = Records.batch("INC-1", 1, 1);
            assertThatThrownBy(() -> store.append("INC-1", 0, List.of(), one)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.append("INC-1", 0, otherStream, Fixtures.placeholderSummary(otherStream)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.append("INC-1", 0, gap, Fixtures.placeholderSummary(gap)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.readAll(LogPosition.START, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("numbers, checkpoints and the schema")
    class Bookkeeping {

        @Test
        void incidentNumbersCountPerYear() {
            assertThat(store.nextIncidentNumber(2026)).isEqualTo(1);
            assertThat(store.nextIncidentNumber(2026)).isEqualTo(2);
            assertThat(store.nextIncidentNumber(2027)).isEqualTo(1);
            assertThat(store.nextIncidentNumber(2026)).isEqualTo(3);
        }

        @Test
        void theLastCheckpointSavedWins() {
            store.saveCheckpoint("notifier:slack", new LogPosition(7, 3));
            store.saveCheckpoint("notifier:slack", new LogPosition(9, 4));
            store.saveCheckpoint("other", LogPosition.of(1));

            assertThat(store.checkpoint("notifier:slack")).contains(new LogPosition(9, 4));
            assertThat(store.checkpoint("other")).contains(LogPosition.of(1));
        }

        @Test
        void migratingAgainChangesNothing() {
            assertThat(store.schemaVersion()).isEqualTo(6);
            List<EventRecord> batch = Records.batch("INC-1", 0, 1);
            store.append("INC-1", 0, batch, Fixtures.placeholderSummary(batch));

            assertThat(store.migrate()).isZero();
            assertThat(JdbcEventStore.builder(db.dataSource()).migrate(true).build().schemaVersion()).isEqualTo(6);
            assertThat(store.readAll(LogPosition.START, 10)).hasSize(1);
        }

        @Test
        void aVersion1DatabaseIsUpgradedToTheDeliveryStateOfVersion2() {
            List<EventRecord> batch = Records.batch("INC-1", 0, 2);
            store.append("INC-1", 0, batch, Fixtures.placeholderSummary(batch));
            store.saveCheckpoint("notifier:slack", LogPosition.of(1));
            // Back to what a version 1 database holds: no delivery tables, no summaries, version 1 recorded.
            TestDatabase.execute(db.dataSource(), "DROP TABLE incidentkit_leases");
            TestDatabase.execute(db.dataSource(), "DROP TABLE incidentkit_dead_letters");
            TestDatabase.execute(db.dataSource(), "DROP TABLE incidentkit_summaries");
            for (String table : List.of("incidentkit_alerts", "incidentkit_alert_groups", "incidentkit_alert_admissions",
                    "incidentkit_silences", "incidentkit_escalations")) {
                TestDatabase.execute(db.dataSource(), "DROP TABLE " + table);
            }
            TestDatabase.execute(db.dataSource(), "DELETE FROM incidentkit_schema_version WHERE version >= 2");
            assertThat(store.schemaVersion()).isEqualTo(1);
            assertThatThrownBy(() -> store.lease("slack")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("migrate");

            assertThat(store.migrate()).isEqualTo(5);

            assertThat(store.schemaVersion()).isEqualTo(6);
            // Its notes make no incident: no summary, which the manager's check would report.
            assertThat(store.summary("INC-1")).isEmpty();
            assertThat(store.readAll(LogPosition.START, 10)).hasSize(2);
            assertThat(store.checkpoint("notifier:slack")).contains(LogPosition.of(1));
            assertThat(store.acquireLease("slack", "p1", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(5)))
                    .isTrue();
            assertThat(store.deadLetters("slack")).isEmpty();
            assertThat(store.alertStore().orElseThrow().silences()).isEmpty();
            assertThat(store.escalationStore().orElseThrow().running(10)).isEmpty();
        }

        @Test
        void twoMigratorsAtOnceBothSucceedAndApplyEachVersionOnce() throws Exception {
            // Several rounds: a race that a lock does not cover shows in some rounds only.
            for (int round = 0; round < 5; round++) {
                migrateTwiceAtOnce();
            }
        }

        private void migrateTwiceAtOnce() throws Exception {
            try (TestDatabase fresh = newDatabase()) {
                JdbcEventStore unmigrated = JdbcEventStore.builder(fresh.dataSource()).build();
                assertThat(unmigrated.schemaVersion()).isZero();
                List<EventRecord> batch = Records.batch("INC-1", 0, 1);
                assertThatThrownBy(() -> unmigrated.append("INC-1", 0, batch, Fixtures.placeholderSummary(batch)))
                        .isInstanceOf(StoreException.class).hasMessageContaining("migrate");

                List<Integer> applied = race(2, i -> JdbcEventStore.builder(fresh.dataSource()).build().migrate());

                assertThat(applied).containsExactlyInAnyOrder(0, 6);
                assertThat(unmigrated.schemaVersion()).isEqualTo(6);
                unmigrated.append("INC-1", 0, batch, Fixtures.placeholderSummary(batch));
            }
        }

        @Test
        void theDialectIsDetected() {
            assertThat(JdbcEventStore.builder(db.dataSource()).build().dialect()).isEqualTo(store.dialect());
            assertThat(store.pendingEvents()).isZero();
        }
    }

    @Nested
    @DisplayName("verify finds rows changed with plain SQL")
    class Tampering {

        String id;
        IncidentManager incidents;
        JdbcTampering tampering;

        @BeforeEach
        void incidentWithFiveEvents() {
            incidents = manager();
            tampering = new JdbcTampering(db.dataSource());
            id = incidents.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice")).id();
            for (int i = 1; i <= 4; i++) {
                incidents.addNote(id, "note " + i, as("bob"));
            }
            assertThat(incidents.verify(id).isIntact()).isTrue();
        }

        @Test
        void changedData() {
            tampering.changeData(id, 3, "{\"note\":\"nothing to see\"}");
            assertThat(firstBad()).isEqualTo(3);
        }

        @Test
        void changedActor() {
            tampering.changeActor(id, 2, "mallory");
            assertThat(firstBad()).isEqualTo(2);
        }

        @Test
        void deletedRow() {
            tampering.delete(id, 2);
            assertThat(firstBad()).isEqualTo(2);
        }

        @Test
        void reorderedRows() {
            tampering.swap(id, 2, 4);
            assertThat(firstBad()).isEqualTo(2);
        }

        private long firstBad() {
            VerificationResult result = manager().verify(id);
            assertThat(result.isIntact()).isFalse();
            return result.firstBad().orElseThrow().version();
        }
    }

    @Nested
    @DisplayName("under concurrent writers")
    class Concurrency {

        @Test
        void oneOfManyAppendsAtTheSameVersionWins() throws Exception {
            List<EventRecord> first = Records.batch("INC-1", 0, 1);
            store.append("INC-1", 0, first, Fixtures.placeholderSummary(first));
            String prev = store.readStream("INC-1", 0).get(0).record().hash();

            List<String> outcomes = race(8, i -> {
                try {
                    List<EventRecord> batch = Records.batch("INC-1", 1, prev, 2, Optional.of("c" + i));
                    store.append("INC-1", 1, batch, Fixtures.placeholderSummary(batch));
                    return "won";
                } catch (ConcurrencyConflictException e) {
                    return "conflict";
                }
            });

            assertThat(Collections.frequency(outcomes, "won")).isEqualTo(1);
            assertThat(Collections.frequency(outcomes, "conflict")).isEqualTo(7);
            assertThat(store.readStream("INC-1", 0)).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L);
        }

        @Test
        void racingRetriesOfOneBatchStoreItOnce() throws Exception {
            List<EventRecord> batch = Records.batch("INC-1", 0, HashChain.GENESIS, 2, Optional.of("same"));

            List<Boolean> alreadyStored = race(6, i -> store.append("INC-1", 0, batch, Fixtures.placeholderSummary(batch))
                    .alreadyStored());

            assertThat(Collections.frequency(alreadyStored, false)).isEqualTo(1);
            assertThat(store.readAll(LogPosition.START, 100)).extracting(StoredEvent::record).isEqualTo(batch);
        }

        @Test
        void incidentNumbersAreNeverGivenTwice() throws Exception {
            List<List<Long>> taken = race(6, i -> {
                List<Long> mine = new ArrayList<>();
                for (int n = 0; n < 20; n++) {
                    mine.add(store.nextIncidentNumber(2031));
                }
                return mine;
            });

            Set<Long> all = new HashSet<>();
            taken.forEach(all::addAll);
            assertThat(all).hasSize(120);
            assertThat(Collections.max(all)).isEqualTo(120);
        }

        @Test
        void managersOnManyThreadsKeepEveryInvariant() throws Exception {
            IncidentManager incidents = IncidentKit.builder().store(store).conflictRetries(50).build();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(incidents.declare(Declare.of("Incident " + i, Severity.SEV3, "checkout"), as("alice")).id());
            }
            Map<String, Long> acknowledged = new ConcurrentHashMap<>();

            race(6, t -> {
                for (int n = 0; n < 15; n++) {
                    String commandId = "t" + t + "-" + n;
                    String id = ids.get((t + n) % ids.size());
                    Incident after = incidents.addNote(id, "note " + commandId, as("user" + t).commandId(commandId));
                    acknowledged.put(commandId, after.version());
                    // A client retry of the very same command: the first result, nothing written.
                    assertThat(incidents.addNote(id, "note " + commandId, as("user" + t).commandId(commandId)).version())
                            .isEqualTo(after.version());
                }
                return null;
            });

            List<StoredEvent> all = store.readAll(LogPosition.START, 10_000);
            assertThat(all).hasSize(3 + 90);
            assertThat(all).extracting(StoredEvent::position).isSorted().doesNotHaveDuplicates();
            if (store.dialect() == Dialect.H2) {
                // Serialized appends: gapless positions, 1 to N.
                assertThat(all.get(all.size() - 1).position()).isEqualTo(LogPosition.of(all.size()));
            }
            Map<String, Long> stored = new HashMap<>();
            for (StoredEvent e : all) {
                e.record().commandId().ifPresent(c -> assertThat(stored.put(c, e.version())).isNull());
            }
            assertThat(stored).isEqualTo(acknowledged);
            for (String id : ids) {
                assertThat(store.readStream(id, 0)).extracting(StoredEvent::version)
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, store.readStream(id, 0).size())
                                .boxed().toList());
                assertThat(incidents.verify(id).isIntact()).isTrue();
            }
        }
    }

    @Nested
    @DisplayName("when the connection dies in the middle of an append")
    class Faults {

        FaultyDataSource faulty;
        JdbcEventStore faultyStore;
        IncidentManager incidents;
        String id;

        @BeforeEach
        void incident() {
            faulty = new FaultyDataSource(db.dataSource());
            faultyStore = JdbcEventStore.builder(faulty.dataSource()).build();
            incidents = IncidentKit.builder().store(faultyStore).build();
            id = incidents.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice")).id();
        }

        /** H2: after the events' INSERT; PostgreSQL: at the one statement that writes both. */
        @Test
        void atTheCommandIdInsertNothingIsWrittenAndARetryStoresOnce() {
            checkFailsCleanlyThenRetries(new FaultyDataSource.OnStatement("INSERT INTO incidentkit_commands"));
        }

        @Test
        void atTheEventsInsertNothingIsWrittenAndARetryStoresOnce() {
            checkFailsCleanlyThenRetries(new FaultyDataSource.OnStatement("INSERT INTO incidentkit_events"));
        }

        @Test
        void atCommitNothingIsWrittenAndARetryStoresOnce() {
            checkFailsCleanlyThenRetries(new FaultyDataSource.BeforeCommit());
        }

        @Test
        void aLostAcknowledgementOfACommitIsSafeToRetry() {
            LogPosition before = store.head();
            faulty.arm(new FaultyDataSource.AfterCommit());

            assertThatThrownBy(() -> incidents.addNote(id, "Index added", as("bob").commandId("cmd-1")))
                    .isInstanceOf(StoreException.class);
            assertThat(faulty.struck()).isTrue();
            // It did commit: the retry finds the command and returns its result without writing.
            Incident retried = incidents.addNote(id, "Index added", as("bob").commandId("cmd-1"));

            assertThat(retried.version()).isEqualTo(2);
            assertThat(store.readAll(before, 100)).hasSize(1);
            assertThat(incidents.verify(id).isIntact()).isTrue();
        }

        private void checkFailsCleanlyThenRetries(FaultyDataSource.Fault fault) {
            LogPosition before = store.head();
            faulty.arm(fault);

            assertThatThrownBy(() -> incidents.addNote(id, "Index added", as("bob").commandId("cmd-1")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("connection lost");

            assertThat(faulty.struck()).isTrue();
            assertThat(store.readStream(id, 0)).hasSize(1);
            assertThat(store.findCommand("cmd-1")).isEmpty();
            assertThat(store.head()).isEqualTo(before);
            assertThat(store.readAll(before, 100)).isEmpty();

            Incident retried = incidents.addNote(id, "Index added", as("bob").commandId("cmd-1"));
            Incident again = incidents.addNote(id, "Index added", as("bob").commandId("cmd-1"));

            assertThat(retried.version()).isEqualTo(2);
            assertThat(again.version()).isEqualTo(2);
            assertThat(store.readAll(before, 100)).singleElement()
                    .satisfies(e -> assertThat(e.record().commandId()).contains("cmd-1"));
            assertThat(store.findCommand("cmd-1")).contains(new CommandRecord("cmd-1", id, 2));
            assertThat(incidents.verify(id).isIntact()).isTrue();
        }
    }

    interface Task<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code threads} copies of {@code task} started together by a barrier; returns their results. */
    static <T> List<T> race(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
