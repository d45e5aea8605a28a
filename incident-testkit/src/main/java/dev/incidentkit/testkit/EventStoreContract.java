package dev.incidentkit.testkit;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.DuplicateEventException;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.VerificationResult;
import dev.incidentkit.core.VerificationResult.Violation;
import dev.incidentkit.core.internal.Events;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link EventStore}: every rule its Javadoc states, as tests. A store adapter is
 * done when its test, a subclass of this one, passes:
 *
 * <pre>{@code
 * class PostgresEventStoreTest extends EventStoreContract {
 *     protected EventStore createStore() { return PostgresEventStore.create(freshSchema()); }
 *     protected Tampering tampering(EventStore store) { return new SqlTampering(dataSource); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh, empty store from {@link #createStore()} and closes it afterwards.
 * Events are built here, chained as core chains them, with fixed instants. Concurrency tests
 * start their threads together on a barrier, sleep nowhere and check invariants that hold however
 * the threads interleave, so a correct store passes every time; a broken one fails on most runs.
 * Each test is bounded: a store that hangs fails after a minute.
 *
 * @since 0.1.0
 */
public abstract class EventStoreContract {

    /** Events are stamped from here on: a fixed instant with microseconds, as core records them. */
    private static final Instant T0 = Instant.parse("2025-08-23T14:30:00.123456Z");

    /** How long a concurrency test may run before it counts as hung; never reached when it passes. */
    private static final long TIMEOUT_SECONDS = 60;

    private static final String NOTE_ADDED = "incident.note_added";

    private EventStore store;

    /** Creates an adapter test. */
    protected EventStoreContract() {}

    /**
     * @return a fresh, empty store, for one test; it is closed after the test
     */
    protected abstract EventStore createStore();

    /**
     * @param store a store {@link #createStore()} returned
     * @return a way to alter what {@code store} holds behind its back, as an attacker would
     */
    protected abstract Tampering tampering(EventStore store);

    @BeforeEach
    void openStore() {
        store = createStore();
        assertThat(store.head()).as("createStore() must return an empty store").isEqualTo(LogPosition.START);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Nested
    @DisplayName("append and read")
    class AppendAndRead {

        @Test
        @DisplayName("one event is stored and read back as written")
        void oneEvent() {
            List<EventRecord> batch = next("INC-2025-001", 1);

            AppendResult result = store.append("INC-2025-001", 0, batch);

            assertThat(result.alreadyStored()).isFalse();
            assertThat(records(result.events())).isEqualTo(batch);
            assertThat(result.events().get(0).position()).isGreaterThan(LogPosition.START);
            assertThat(store.readStream("INC-2025-001", 0)).isEqualTo(result.events());
        }

        @Test
        @DisplayName("a batch is stored in version order")
        void batch() {
            List<EventRecord> batch = next("INC-2025-001", 3);

            AppendResult result = store.append("INC-2025-001", 0, batch);

            assertThat(result.lastVersion()).isEqualTo(3);
            assertThat(records(result.events())).isEqualTo(batch);
            assertThat(store.readStream("INC-2025-001", 0)).isEqualTo(result.events());
        }

        @Test
        @DisplayName("later appends continue the stream")
        void laterAppends() {
            AppendResult first = appendNext("INC-2025-001", 2);
            AppendResult second = appendNext("INC-2025-001", 3);

            assertThat(second.lastVersion()).isEqualTo(5);
            List<StoredEvent> expected = new ArrayList<>(first.events());
            expected.addAll(second.events());
            assertThat(store.readStream("INC-2025-001", 0)).isEqualTo(expected);
        }

        @Test
        @DisplayName("readStream after a version returns only the later events")
        void readStreamSlices() {
            appendNext("INC-2025-001", 2);
            appendNext("INC-2025-001", 3);
            List<StoredEvent> all = store.readStream("INC-2025-001", 0);

            assertThat(versions(all)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(store.readStream("INC-2025-001", 1)).isEqualTo(all.subList(1, 5));
            assertThat(store.readStream("INC-2025-001", 2)).isEqualTo(all.subList(2, 5));
            assertThat(store.readStream("INC-2025-001", 4)).isEqualTo(all.subList(4, 5));
            assertThat(store.readStream("INC-2025-001", 5)).isEmpty();
            assertThat(store.readStream("INC-2025-001", 9)).isEmpty();
        }

        @Test
        @DisplayName("an unknown stream reads as empty")
        void unknownStream() {
            assertThat(store.readStream("INC-2025-001", 0)).isEmpty();
            appendNext("INC-2025-001", 2);

            assertThat(store.readStream("INC-2025-002", 0)).isEmpty();
            assertThat(store.readStream("INC-2025-00", 0)).as("no prefix match").isEmpty();
        }

        @Test
        @DisplayName("streams do not mix")
        void streamsDoNotMix() {
            AppendResult a1 = appendNext("INC-2025-001", 2);
            AppendResult b = appendNext("INC-2025-002", 1);
            AppendResult a2 = appendNext("INC-2025-001", 1);

            assertThat(store.readStream("INC-2025-001", 0))
                    .containsExactly(a1.events().get(0), a1.events().get(1), a2.events().get(0));
            assertThat(store.readStream("INC-2025-002", 0)).isEqualTo(b.events());
        }

        @Test
        @DisplayName("every field comes back as written: hostile text, Unicode, microseconds")
        void fieldForField() {
            String hostile = "Zoë O'Brien \"quoted\" \\ <script>alert(1)</script> '; DROP TABLE events; -- %_ $$ "
                    + "${jndi:ldap://x} 😀🚒 𝄞 עברית \u202Eevil\u202C 中文 e\u0301 \uFEFF";
            // Key order, spacing, an escaped é beside a literal one and 1.10: a store that parses
            // its data (a jsonb column) changes these bytes and breaks the hash chain.
            String data = "{\"z_last\":1.10,  \"note\":\"" + hostile.replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\\n\\t\",\"caf\\u00e9\":\"café\",\"empty\":{} }";
            List<EventRecord> batch = chain("INC-2025-001", 0, HashChain.GENESIS, List.of(
                    note(1).by(hostile).data(data).command("req-42 'ü' \"x\"")
                            .at(Instant.parse("1999-12-31T23:59:59.999999Z"), Instant.parse("2025-08-23T14:30:00.000001Z")),
                    note(2).type("incident.severity_changed").schema(7)
                            .at(Instant.parse("2025-08-23T14:30:00Z"), Instant.parse("2025-08-23T14:30:00.100Z"))));

            AppendResult result = store.append("INC-2025-001", 0, batch);

            List<StoredEvent> read = store.readStream("INC-2025-001", 0);
            assertThat(records(result.events())).isEqualTo(batch);
            assertThat(records(read)).isEqualTo(batch);
            assertThat(records(store.readAll(LogPosition.START, 10))).isEqualTo(batch);
            assertThat(read.get(0).record().data()).isEqualTo(data);
            assertThat(read.get(0).record().actor()).isEqualTo(hostile);
            assertThat(read.get(0).record().occurredAt()).isEqualTo(Instant.parse("1999-12-31T23:59:59.999999Z"));
            assertThat(read.get(1).record().commandId()).isEmpty();
            assertThat(store.findCommand("req-42 'ü' \"x\"")).contains(new CommandRecord("req-42 'ü' \"x\"", "INC-2025-001", 2));
        }

        @Test
        @DisplayName("instants at the edges of the range IncidentKit allows come back exactly")
        void edgeInstants() {
            Instant first = Instant.parse("1970-01-01T00:00:00.000001Z");
            Instant last = Instant.parse("9999-12-31T23:59:59Z");
            List<EventRecord> batch = chain("INC-2025-001", 0, HashChain.GENESIS, List.of(
                    note(1).at(first, last), note(2).at(last, Instant.parse("9999-12-31T23:59:58.999999Z"))));

            store.append("INC-2025-001", 0, batch);

            assertThat(records(store.readStream("INC-2025-001", 0))).isEqualTo(batch);
        }

        @Test
        @DisplayName("large data comes back byte for byte")
        void largeData() {
            // The longest note core accepts, in characters that take four bytes in UTF-8.
            String data = "{\"note\":\"" + "🚒".repeat(10_000) + "\"}";
            List<EventRecord> batch = chain("INC-2025-001", 0, HashChain.GENESIS, List.of(note(1).data(data)));

            store.append("INC-2025-001", 0, batch);

            assertThat(store.readStream("INC-2025-001", 0).get(0).record().data()).isEqualTo(data);
        }

        @Test
        @DisplayName("appends get increasing positions, within a batch and across streams")
        void positionsIncrease() {
            List<LogPosition> positions = new ArrayList<>();
            positions.addAll(positions(appendNext("INC-2025-001", 3).events()));
            positions.addAll(positions(appendNext("INC-2025-002", 1).events()));
            positions.addAll(positions(appendNext("INC-2025-001", 2).events()));

            assertStrictlyIncreasing(positions);
            assertThat(positions.get(0)).isGreaterThan(LogPosition.START);
            assertThat(positions(store.readAll(LogPosition.START, 100))).isEqualTo(positions);
        }
    }

    @Nested
    @DisplayName("argument checks")
    class ArgumentChecks {

        @Test
        @DisplayName("an empty batch is refused")
        void emptyBatch() {
            assertThatThrownBy(() -> store.append("INC-2025-001", 0, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.head()).isEqualTo(LogPosition.START);
        }

        @Test
        @DisplayName("a batch holding an event of another incident is refused, and nothing is written")
        void anotherIncident() {
            appendNext("INC-2025-002", 1);
            Snapshot before = snapshot();
            List<EventRecord> batch = new ArrayList<>(next("INC-2025-001", 1));
            batch.addAll(chain("INC-2025-002", 1, HashChain.GENESIS, List.of(note(2))));

            assertThatThrownBy(() -> store.append("INC-2025-001", 0, batch))
                    .isInstanceOf(IllegalArgumentException.class);
            assertNothingWritten(before, "INC-2025-001", "INC-2025-002");
        }

        @Test
        @DisplayName("a batch of another incident altogether is refused, and nothing is written")
        void wrongIncident() {
            List<EventRecord> batch = next("INC-2025-002", 2);

            assertThatThrownBy(() -> store.append("INC-2025-001", 0, batch))
                    .isInstanceOf(IllegalArgumentException.class);
            assertNothingWritten(snapshotOfEmptyStore(), "INC-2025-001", "INC-2025-002");
        }

        @Test
        @DisplayName("a batch not numbered from expectedVersion + 1 is refused, and nothing is written")
        void notNumberedFromExpectedVersion() {
            appendNext("INC-2025-001", 2);
            Snapshot before = snapshot();
            String hash = lastHash("INC-2025-001");

            assertThatThrownBy(() -> store.append("INC-2025-001", 2, chain("INC-2025-001", 3, hash, List.of(note(4)))))
                    .as("starts too high").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.append("INC-2025-001", 2, chain("INC-2025-001", 1, hash, List.of(note(2)))))
                    .as("starts too low").isInstanceOf(IllegalArgumentException.class);
            assertNothingWritten(before, "INC-2025-001");
        }

        @Test
        @DisplayName("a batch with a gap in its versions is refused, and nothing is written")
        void gapInBatch() {
            List<EventRecord> gapless = next("INC-2025-001", 3);
            List<EventRecord> withGap = List.of(gapless.get(0), gapless.get(2));

            assertThatThrownBy(() -> store.append("INC-2025-001", 0, withGap))
                    .isInstanceOf(IllegalArgumentException.class);
            assertNothingWritten(snapshotOfEmptyStore(), "INC-2025-001");
        }

        @Test
        @DisplayName("a batch that names one event id twice is refused, and nothing is written")
        void eventIdTwiceInBatch() {
            List<EventRecord> batch = next("INC-2025-001", 2);
            EventRecord second = batch.get(1);
            EventRecord sameIdAsFirst = new EventRecord(batch.get(0).eventId(), second.incidentId(), second.version(),
                    second.type(), second.schemaVersion(), second.occurredAt(), second.recordedAt(), second.actor(),
                    second.commandId(), second.data(), second.prevHash(), second.hash());

            // The SPI names no exception for this case; either refusal keeps event ids unique.
            assertThatThrownBy(() -> store.append("INC-2025-001", 0, List.of(batch.get(0), sameIdAsFirst)))
                    .isInstanceOfAny(IllegalArgumentException.class, DuplicateEventException.class);
            assertNothingWritten(snapshotOfEmptyStore(), "INC-2025-001");
        }
    }

    @Nested
    @DisplayName("expected version")
    class ExpectedVersion {

        @ParameterizedTest(name = "expectedVersion {0} on a stream at version 3")
        @ValueSource(longs = {0, 1, 2, 4, 7})
        @DisplayName("a stale or future expected version is a conflict, and nothing is written")
        void wrongExpectedVersion(long expectedVersion) {
            appendNext("INC-2025-001", 3);
            Snapshot before = snapshot();
            String previousHash = expectedVersion == 0 ? HashChain.GENESIS : "f".repeat(64);
            List<EventRecord> batch = chain("INC-2025-001", expectedVersion, previousHash, List.of(note(1), note(2)));

            ConcurrencyConflictException conflict = catchThrowableOfType(ConcurrencyConflictException.class,
                    () -> store.append("INC-2025-001", expectedVersion, batch));

            assertThat(conflict).as("ConcurrencyConflictException").isNotNull();
            assertThat(conflict.incidentId()).isEqualTo("INC-2025-001");
            assertThat(conflict.expectedVersion()).isEqualTo(expectedVersion);
            assertThat(conflict.actualVersion()).as("the stored version, or -1 if unknown").isIn(3L, -1L);
            assertNothingWritten(before, "INC-2025-001");
        }

        @Test
        @DisplayName("a stream that does not exist is at version 0")
        void missingStreamIsAtZero() {
            List<EventRecord> batch = chain("INC-2025-001", 1, "f".repeat(64), List.of(note(2)));

            assertThatThrownBy(() -> store.append("INC-2025-001", 1, batch))
                    .isInstanceOf(ConcurrencyConflictException.class);
            assertNothingWritten(snapshotOfEmptyStore(), "INC-2025-001");
        }

        @Test
        @DisplayName("the right expected version is accepted after a conflict")
        void acceptedAfterConflict() {
            appendNext("INC-2025-001", 2);
            List<EventRecord> stale = chain("INC-2025-001", 1, "f".repeat(64), List.of(note(2)));
            assertThatThrownBy(() -> store.append("INC-2025-001", 1, stale))
                    .isInstanceOf(ConcurrencyConflictException.class);

            AppendResult result = appendNext("INC-2025-001", 1);

            assertThat(result.lastVersion()).isEqualTo(3);
            assertThat(versions(store.readStream("INC-2025-001", 0))).containsExactly(1L, 2L, 3L);
        }
    }

    @Nested
    @DisplayName("a batch is all or nothing")
    class AllOrNothing {

        @Test
        @DisplayName("a batch whose second event reuses a stored event id stores none of its events")
        void storedEventIdInBatch() {
            AppendResult other = appendNext("INC-2025-002", 1);
            Snapshot before = snapshot();
            List<EventRecord> fresh = next("INC-2025-001", 3);
            EventRecord second = fresh.get(1);
            EventRecord reused = new EventRecord(other.events().get(0).record().eventId(), second.incidentId(),
                    second.version(), second.type(), second.schemaVersion(), second.occurredAt(), second.recordedAt(),
                    second.actor(), second.commandId(), second.data(), second.prevHash(), second.hash());

            assertThatThrownBy(() -> store.append("INC-2025-001", 0, List.of(fresh.get(0), reused, fresh.get(2))))
                    .isInstanceOf(DuplicateEventException.class);
            assertNothingWritten(before, "INC-2025-001", "INC-2025-002");
        }

        @Test
        @DisplayName("a batch whose last event carries a used command id stores none of its events")
        void usedCommandIdInBatch() {
            appendNext("INC-2025-002", 1, "req-1");
            appendNext("INC-2025-001", 1);
            Snapshot before = snapshot();
            String hash = lastHash("INC-2025-001");
            List<EventRecord> batch = chain("INC-2025-001", 1, hash, List.of(note(2), note(3), note(4).command("req-1")));

            assertThatThrownBy(() -> store.append("INC-2025-001", 1, batch))
                    .isInstanceOf(DuplicateCommandException.class);
            assertNothingWritten(before, "INC-2025-001", "INC-2025-002");
            assertThat(store.findCommand("req-1")).contains(new CommandRecord("req-1", "INC-2025-002", 1));
        }

        @Test
        @DisplayName("a refused batch leaves the stream ready for the next append")
        void streamUsableAfterRefusal() {
            AppendResult first = appendNext("INC-2025-001", 2, "req-1");
            assertThatThrownBy(() -> appendNext("INC-2025-001", 3, "req-1"))
                    .isInstanceOf(DuplicateCommandException.class);

            AppendResult next = appendNext("INC-2025-001", 2, "req-2");

            assertThat(versions(next.events())).containsExactly(3L, 4L);
            assertThat(next.events().get(0).position()).isGreaterThan(first.events().get(1).position());
            assertThat(versions(store.readStream("INC-2025-001", 0))).containsExactly(1L, 2L, 3L, 4L);
            assertThat(store.readAll(LogPosition.START, 100)).hasSize(4);
        }
    }

    @Nested
    @DisplayName("idempotency")
    class Idempotency {

        @Test
        @DisplayName("appending the very same events again writes nothing and returns the first result")
        void sameEventsAgain() {
            List<EventRecord> batch = next("INC-2025-001", 3);
            AppendResult first = store.append("INC-2025-001", 0, batch);
            Snapshot before = snapshot();

            AppendResult again = store.append("INC-2025-001", 0, batch);

            assertThat(again.alreadyStored()).isTrue();
            assertThat(again.events()).isEqualTo(first.events());
            assertNothingWritten(before, "INC-2025-001");
        }

        @Test
        @DisplayName("a retry is recognized after the stream has moved on")
        void retryAfterStreamMoved() {
            List<EventRecord> batch = next("INC-2025-001", 2);
            AppendResult first = store.append("INC-2025-001", 0, batch);
            appendNext("INC-2025-001", 1);
            appendNext("INC-2025-002", 1);
            Snapshot before = snapshot();

            AppendResult again = store.append("INC-2025-001", 0, batch);

            assertThat(again.alreadyStored()).isTrue();
            assertThat(again.events()).isEqualTo(first.events());
            assertNothingWritten(before, "INC-2025-001", "INC-2025-002");
        }

        @Test
        @DisplayName("a retry of a batch with a command id is recognized, not refused as a duplicate command")
        void retryWithCommandId() {
            List<EventRecord> batch = next("INC-2025-001", 2, "req-1");
            AppendResult first = store.append("INC-2025-001", 0, batch);
            Snapshot before = snapshot();

            AppendResult again = store.append("INC-2025-001", 0, batch);

            assertThat(again.alreadyStored()).isTrue();
            assertThat(again.events()).isEqualTo(first.events());
            assertNothingWritten(before, "INC-2025-001");
        }

        @Test
        @DisplayName("a stored event id with other content is a duplicate event, and nothing is written")
        void sameIdOtherContent() {
            List<EventRecord> batch = next("INC-2025-001", 1);
            store.append("INC-2025-001", 0, batch);
            Snapshot before = snapshot();
            EventRecord stored = batch.get(0);
            EventRecord changed = new EventRecord(stored.eventId(), stored.incidentId(), stored.version(), stored.type(),
                    stored.schemaVersion(), stored.occurredAt(), stored.recordedAt(), stored.actor(), stored.commandId(),
                    "{\"note\":\"other content\"}", stored.prevHash(), "");
            EventRecord rehashed = Events.withHash(changed, HashChain.hash(changed));

            assertThatThrownBy(() -> store.append("INC-2025-001", 0, List.of(rehashed)))
                    .isInstanceOf(DuplicateEventException.class);
            assertNothingWritten(before, "INC-2025-001");
        }

        @Test
        @DisplayName("a retry that differs after its first event is a duplicate event, and nothing is written")
        void retryDiffersLater() {
            List<EventRecord> batch = next("INC-2025-001", 2);
            store.append("INC-2025-001", 0, batch);
            Snapshot before = snapshot();
            List<EventRecord> longer = new ArrayList<>(batch);
            longer.addAll(chain("INC-2025-001", 2, batch.get(1).hash(), List.of(note(3))));

            assertThatThrownBy(() -> store.append("INC-2025-001", 0, longer))
                    .isInstanceOf(DuplicateEventException.class);
            assertNothingWritten(before, "INC-2025-001");
        }
    }

    @Nested
    @DisplayName("command ids")
    class CommandIds {

        @Test
        @DisplayName("findCommand names the incident and the last version of the command's batch")
        void findCommand() {
            appendNext("INC-2025-001", 2, "req-1");
            appendNext("INC-2025-001", 3, "req-2");
            appendNext("INC-2025-001", 1);
            appendNext("INC-2025-002", 1, "req-3");

            assertThat(store.findCommand("req-1")).contains(new CommandRecord("req-1", "INC-2025-001", 2));
            assertThat(store.findCommand("req-2")).contains(new CommandRecord("req-2", "INC-2025-001", 5));
            assertThat(store.findCommand("req-3")).contains(new CommandRecord("req-3", "INC-2025-002", 1));
        }

        @Test
        @DisplayName("an unknown command id is not found")
        void unknown() {
            assertThat(store.findCommand("req-1")).isEmpty();
            appendNext("INC-2025-001", 1, "req-1");

            assertThat(store.findCommand("req-2")).isEmpty();
            assertThat(store.findCommand("req-")).as("no prefix match").isEmpty();
        }

        @Test
        @DisplayName("a command id used again on the same incident is a duplicate command, and nothing is written")
        void reusedOnSameStream() {
            appendNext("INC-2025-001", 2, "req-1");
            Snapshot before = snapshot();

            DuplicateCommandException duplicate = catchThrowableOfType(DuplicateCommandException.class,
                    () -> appendNext("INC-2025-001", 1, "req-1"));

            assertThat(duplicate).as("DuplicateCommandException").isNotNull();
            assertThat(duplicate.commandId()).isEqualTo("req-1");
            assertNothingWritten(before, "INC-2025-001");
            assertThat(store.findCommand("req-1")).contains(new CommandRecord("req-1", "INC-2025-001", 2));
        }

        @Test
        @DisplayName("a command id used again on another incident is a duplicate command, and nothing is written")
        void reusedOnOtherStream() {
            appendNext("INC-2025-001", 1, "req-1");
            Snapshot before = snapshot();

            assertThatThrownBy(() -> appendNext("INC-2025-002", 1, "req-1"))
                    .isInstanceOf(DuplicateCommandException.class);
            assertNothingWritten(before, "INC-2025-001", "INC-2025-002");
            assertThat(store.findCommand("req-1")).contains(new CommandRecord("req-1", "INC-2025-001", 1));
        }

        @Test
        @DisplayName("a refused append does not keep its command id")
        void refusedAppendKeepsNoCommandId() {
            appendNext("INC-2025-001", 2);
            List<EventRecord> stale = chain("INC-2025-001", 1, "f".repeat(64), List.of(note(2).command("req-1")));
            assertThatThrownBy(() -> store.append("INC-2025-001", 1, stale))
                    .isInstanceOf(ConcurrencyConflictException.class);

            assertThat(store.findCommand("req-1")).isEmpty();
            appendNext("INC-2025-001", 1, "req-1");
            assertThat(store.findCommand("req-1")).contains(new CommandRecord("req-1", "INC-2025-001", 3));
        }
    }

    @Nested
    @DisplayName("concurrency")
    class Concurrency {

        @Test
        @DisplayName("writers racing on one stream: one winner per version, no gap, nothing lost, nothing twice")
        void racingWritersOnOneStream() throws Exception {
            int writers = 8;
            int appendsEach = 100;
            List<Callable<List<AppendResult>>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                int batchSize = 1 + writer % 3;
                tasks.add(() -> {
                    List<AppendResult> won = new ArrayList<>();
                    int lost = 0;
                    while (won.size() < appendsEach) {
                        // A loser retries under the same command id: the store must not have kept it.
                        String commandId = "writer-" + writer + "-append-" + won.size();
                        List<EventRecord> batch = next("INC-2025-001", batchSize, commandId);
                        try {
                            won.add(store.append("INC-2025-001", versionBefore(batch), batch));
                        } catch (ConcurrencyConflictException lostTheRace) {
                            // Each loss needs another writer's win after this writer's read, so a
                            // writer cannot lose more often than the others win, however the threads run.
                            lost++;
                            assertThat(lost).as("conflicts of writer %d, more than the other writers' appends", writer)
                                    .isLessThanOrEqualTo((writers - 1) * appendsEach);
                        }
                    }
                    return won;
                });
            }

            List<AppendResult> won = runTogether(tasks).stream().flatMap(List::stream).collect(Collectors.toList());

            List<StoredEvent> stream = store.readStream("INC-2025-001", 0);
            List<StoredEvent> wonEvents = won.stream().flatMap(r -> r.events().stream())
                    .sorted(Comparator.comparingLong(StoredEvent::version)).collect(Collectors.toList());
            long expectedEvents = IntStream.range(0, writers).mapToLong(w -> (1 + w % 3) * (long) appendsEach).sum();
            assertThat(won).allSatisfy(r -> assertThat(r.alreadyStored()).isFalse());
            assertThat(versions(wonEvents)).as("one winner per version, gapless")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, expectedEvents).boxed().collect(Collectors.toList()));
            assertThat(stream).as("the stream holds exactly what the winners wrote").isEqualTo(wonEvents);
            assertChained(stream);
            assertThat(store.readAll(LogPosition.START, (int) expectedEvents + 10)).isEqualTo(stream);
            for (AppendResult r : won) {
                String commandId = r.events().get(0).record().commandId().orElseThrow();
                assertThat(store.findCommand(commandId)).contains(new CommandRecord(commandId, "INC-2025-001", r.lastVersion()));
            }
        }

        @Test
        @DisplayName("writers on their own streams: every event is in readAll once, in version order")
        void writersOnOwnStreams() throws Exception {
            int writers = 16;
            int appendsEach = 30;
            List<Callable<List<AppendResult>>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String incidentId = incidentId(w);
                int batchSize = 1 + w % 2;
                tasks.add(() -> {
                    List<AppendResult> results = new ArrayList<>();
                    for (int i = 0; i < appendsEach; i++) {
                        results.add(appendNext(incidentId, batchSize));
                    }
                    return results;
                });
            }

            List<AppendResult> results = runTogether(tasks).stream().flatMap(List::stream).collect(Collectors.toList());

            List<StoredEvent> appended = results.stream().flatMap(r -> r.events().stream()).collect(Collectors.toList());
            List<StoredEvent> all = readEverything(7);
            assertThat(all).as("every appended event, each once").containsExactlyInAnyOrderElementsOf(appended);
            assertStrictlyIncreasing(positions(all));
            for (int w = 0; w < writers; w++) {
                String incidentId = incidentId(w);
                List<StoredEvent> ofStream = all.stream().filter(e -> e.incidentId().equals(incidentId))
                        .collect(Collectors.toList());
                assertThat(versions(ofStream)).as("versions of %s in global order", incidentId)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, (1 + w % 2) * (long) appendsEach)
                                .boxed().collect(Collectors.toList()));
                assertThat(store.readStream(incidentId, 0)).isEqualTo(ofStream);
            }
        }

        @Test
        @DisplayName("readers never see half an append")
        void noHalfAppends() throws Exception {
            int writers = 2;
            int batchSize = 4;
            // Writers go on until each reader has read this often, or until they wrote this much:
            // enough reads land inside appends of a fast store, and a slow store stays quick.
            int readsWanted = 20_000;
            int maxBatches = 5_000;
            AtomicInteger writersRunning = new AtomicInteger(writers);
            AtomicInteger readersDone = new AtomicInteger();
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String incidentId = incidentId(w);
                tasks.add(() -> {
                    try {
                        // Each writer owns its stream and chains on without reading it, so that it
                        // spends its time appending.
                        String hash = HashChain.GENESIS;
                        int batches = 0;
                        while (batches < maxBatches && readersDone.get() < 2) {
                            List<EventRecord> batch = notesAfter(incidentId, (long) batches * batchSize, hash, batchSize,
                                    Optional.empty());
                            store.append(incidentId, versionBefore(batch), batch);
                            hash = batch.get(batchSize - 1).hash();
                            batches++;
                        }
                        return batches;
                    } finally {
                        writersRunning.decrementAndGet();
                    }
                });
            }
            tasks.add(() -> {
                int reads = 0;
                long[] seenVersion = new long[writers];
                while (writersRunning.get() > 0) {
                    for (int w = 0; w < writers; w++) {
                        List<StoredEvent> tail = store.readStream(incidentId(w), seenVersion[w]);
                        if (!tail.isEmpty()) {
                            seenVersion[w] = tail.get(tail.size() - 1).version();
                            assertThat(seenVersion[w] % batchSize).as("last version of %s seen", incidentId(w)).isZero();
                        }
                    }
                    if (++reads == readsWanted) {
                        readersDone.incrementAndGet();
                    }
                    stopIfInterrupted();
                }
                return reads;
            });
            tasks.add(() -> {
                int reads = 0;
                LogPosition last = LogPosition.START;
                while (writersRunning.get() > 0) {
                    // The limit is above everything the writers can write, so a page ends where the
                    // store's visible events end, which must be after a whole batch of each stream.
                    List<StoredEvent> page = store.readAll(last, writers * maxBatches * batchSize + 1);
                    Map<String, StoredEvent> lastOfStream = new HashMap<>();
                    page.forEach(e -> lastOfStream.put(e.incidentId(), e));
                    for (StoredEvent e : lastOfStream.values()) {
                        assertThat(e.version() % batchSize).as("last version of %s seen in readAll", e.incidentId()).isZero();
                    }
                    if (!page.isEmpty()) {
                        last = page.get(page.size() - 1).position();
                    }
                    if (++reads == readsWanted) {
                        readersDone.incrementAndGet();
                    }
                    stopIfInterrupted();
                }
                return reads;
            });

            List<Integer> results = runTogether(tasks);

            int batchesWritten = results.get(0) + results.get(1);
            assertThat(readEverything(1000)).hasSize(batchesWritten * batchSize);
        }
    }

    @Nested
    @DisplayName("global order")
    class GlobalOrder {

        @Test
        @DisplayName("an empty store has nothing to read and its head is START")
        void emptyStore() {
            assertThat(store.readAll(LogPosition.START, 10)).isEmpty();
            assertThat(store.head()).isEqualTo(LogPosition.START);
        }

        @Test
        @DisplayName("readAll returns every stream's events in the order they were appended")
        void appendOrder() {
            List<StoredEvent> appended = new ArrayList<>();
            appended.addAll(appendNext("INC-2025-001", 2).events());
            appended.addAll(appendNext("INC-2025-002", 1).events());
            appended.addAll(appendNext("INC-2025-001", 1).events());
            appended.addAll(appendNext("INC-2025-003", 3).events());
            appended.addAll(appendNext("INC-2025-002", 2).events());

            List<StoredEvent> all = store.readAll(LogPosition.START, 100);

            assertThat(all).isEqualTo(appended);
            assertStrictlyIncreasing(positions(all));
        }

        @ParameterizedTest(name = "limit {0}")
        @ValueSource(ints = {1, 2, 3, 7, 9, 100})
        @DisplayName("paging from the last position returned reads every event once, in order")
        void paging(int limit) {
            appendNext("INC-2025-001", 3);
            appendNext("INC-2025-002", 2);
            appendNext("INC-2025-001", 4);
            List<StoredEvent> all = store.readAll(LogPosition.START, 100);

            List<StoredEvent> paged = new ArrayList<>();
            LogPosition last = LogPosition.START;
            List<StoredEvent> page;
            while (!(page = store.readAll(last, limit)).isEmpty()) {
                assertThat(page).hasSizeLessThanOrEqualTo(limit);
                paged.addAll(page);
                last = page.get(page.size() - 1).position();
            }

            assertThat(all).hasSize(9);
            assertThat(paged).isEqualTo(all);
        }

        @Test
        @DisplayName("readAll after a position returns only later events")
        void afterPosition() {
            appendNext("INC-2025-001", 3);
            appendNext("INC-2025-002", 3);
            List<StoredEvent> all = store.readAll(LogPosition.START, 100);

            assertThat(store.readAll(all.get(3).position(), 100)).isEqualTo(all.subList(4, 6));
            assertThat(store.readAll(all.get(5).position(), 100)).isEmpty();
        }

        @Test
        @DisplayName("head is the position of the last event")
        void head() {
            AppendResult first = appendNext("INC-2025-001", 2);
            assertThat(store.head()).isEqualTo(first.events().get(1).position());

            AppendResult second = appendNext("INC-2025-002", 3);

            assertThat(store.head()).isEqualTo(second.events().get(2).position());
            List<StoredEvent> all = store.readAll(LogPosition.START, 100);
            assertThat(store.head()).isEqualTo(all.get(all.size() - 1).position());
            assertThat(store.readAll(store.head(), 100)).isEmpty();
        }

        @Test
        @DisplayName("a reader paging while writers append sees every event once, in order")
        void readerDuringAppends() throws Exception {
            int writers = 6;
            int appendsEach = 40;
            AtomicInteger writersRunning = new AtomicInteger(writers);
            List<Callable<List<StoredEvent>>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String incidentId = incidentId(w);
                int batchSize = 1 + w % 3;
                tasks.add(() -> {
                    try {
                        List<StoredEvent> appended = new ArrayList<>();
                        for (int i = 0; i < appendsEach; i++) {
                            appended.addAll(appendNext(incidentId, batchSize).events());
                        }
                        return appended;
                    } finally {
                        writersRunning.decrementAndGet();
                    }
                });
            }
            tasks.add(() -> {
                List<StoredEvent> seen = new ArrayList<>();
                LogPosition last = LogPosition.START;
                while (true) {
                    // Read the flag before the page: when the writers were done before it, an empty
                    // page means the reader has caught up with everything they wrote.
                    boolean writersDone = writersRunning.get() == 0;
                    List<StoredEvent> page = store.readAll(last, 5);
                    if (page.isEmpty()) {
                        if (writersDone) {
                            return seen;
                        }
                        giveWay();
                        continue;
                    }
                    for (StoredEvent e : page) {
                        assertThat(e.position()).as("positions increase").isGreaterThan(last);
                        seen.add(e);
                        last = e.position();
                    }
                }
            });

            List<List<StoredEvent>> results = runTogether(tasks);

            List<StoredEvent> seen = results.get(writers);
            List<StoredEvent> appended = results.subList(0, writers).stream().flatMap(List::stream)
                    .collect(Collectors.toList());
            assertThat(seen).as("every appended event, each once").containsExactlyInAnyOrderElementsOf(appended);
            assertStrictlyIncreasing(positions(seen));
            assertThat(seen).isEqualTo(readEverything(100));
        }
    }

    @Nested
    @DisplayName("incident numbers")
    class IncidentNumbers {

        @Test
        @DisplayName("start at 1 and count up, each year on its own")
        void perYear() {
            assertThat(store.nextIncidentNumber(2025)).isEqualTo(1);
            assertThat(store.nextIncidentNumber(2025)).isEqualTo(2);
            assertThat(store.nextIncidentNumber(2026)).isEqualTo(1);
            assertThat(store.nextIncidentNumber(2025)).isEqualTo(3);
            assertThat(store.nextIncidentNumber(2024)).isEqualTo(1);
            assertThat(store.nextIncidentNumber(2026)).isEqualTo(2);
        }

        @Test
        @DisplayName("taken concurrently, are unique and gapless from 1 in every year")
        void concurrent() throws Exception {
            int threads = 8;
            int numbersEach = 200;
            List<Callable<Map<Integer, List<Long>>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    Map<Integer, List<Long>> taken = new HashMap<>();
                    for (int i = 0; i < numbersEach; i++) {
                        int year = i % 4 == 0 ? 2026 : 2025;
                        taken.computeIfAbsent(year, y -> new ArrayList<>()).add(store.nextIncidentNumber(year));
                    }
                    return taken;
                });
            }

            List<Map<Integer, List<Long>>> results = runTogether(tasks);

            for (int year : List.of(2025, 2026)) {
                List<Long> numbers = results.stream().flatMap(m -> m.get(year).stream()).sorted().collect(Collectors.toList());
                long expected = threads * (year == 2026 ? numbersEach / 4 : numbersEach - numbersEach / 4);
                assertThat(numbers).as("numbers of %d", year)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().collect(Collectors.toList()));
            }
        }
    }

    @Nested
    @DisplayName("checkpoints")
    class Checkpoints {

        @Test
        @DisplayName("a reader that never saved has no checkpoint")
        void emptyByDefault() {
            assertThat(store.checkpoint("notifier:slack")).isEmpty();
        }

        @Test
        @DisplayName("a saved checkpoint is loaded as saved, commit and position alike")
        void saveAndLoad() {
            store.saveCheckpoint("notifier:slack", new LogPosition(4_000_000_000L, 17));

            assertThat(store.checkpoint("notifier:slack")).contains(new LogPosition(4_000_000_000L, 17));
        }

        @Test
        @DisplayName("the last save wins, even when it moves back")
        void lastSaveWins() {
            store.saveCheckpoint("notifier:slack", LogPosition.of(5));
            store.saveCheckpoint("notifier:slack", LogPosition.of(9));
            assertThat(store.checkpoint("notifier:slack")).contains(LogPosition.of(9));

            store.saveCheckpoint("notifier:slack", LogPosition.of(3));

            assertThat(store.checkpoint("notifier:slack")).contains(LogPosition.of(3));
        }

        @Test
        @DisplayName("readers' checkpoints are independent")
        void independentNames() {
            store.saveCheckpoint("notifier:slack", LogPosition.of(5));
            store.saveCheckpoint("notifier:email", LogPosition.of(8));
            store.saveCheckpoint("notifier:slack", LogPosition.of(6));

            assertThat(store.checkpoint("notifier:slack")).contains(LogPosition.of(6));
            assertThat(store.checkpoint("notifier:email")).contains(LogPosition.of(8));
            assertThat(store.checkpoint("notifier:")).isEmpty();
            assertThat(store.checkpoint("notifier:pagerduty")).isEmpty();
        }
    }

    @Nested
    @DisplayName("tampering is caught by verify")
    class TamperingCaught {

        // The manager starts no thread here; the store it would close on close() is closed after
        // each test, so the manager is left to the garbage collector.
        private IncidentManager incidents;
        private Tampering tampering;
        private String incidentId;
        private long lastVersion;

        @BeforeEach
        void recordAnIncident() {
            incidents = IncidentKit.builder().store(store).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
            tampering = tampering(store);
            incidentId = walkThrough();
            lastVersion = store.readStream(incidentId, 0).size();
            assertThat(lastVersion).as("events of the walk-through").isGreaterThanOrEqualTo(6);
        }

        /** Declares an incident and works on it: one event per command, hostile text included. */
        private String walkThrough() {
            String id = incidents.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice")).id();
            incidents.acknowledge(id, "Looking at DB metrics", as("Zoë O'Brien 🚒 '; DROP TABLE events; --"));
            incidents.investigate(id, "Connection pool at 100%", as("bob"));
            incidents.addNote(id, "<script>alert(1)</script> \"quoted\" \\ עברית\nsecond line", as("bob"));
            incidents.identify(id, "A slow query holds connections", as("carol"));
            incidents.mitigate(id, "Killed the query", as("carol"));
            return id;
        }

        private long firstBadVersion() {
            VerificationResult result = incidents.verify(incidentId);
            assertThat(result.firstBad()).as("verify must report the tampering").isPresent();
            long bad = result.firstBad().map(Violation::version).orElseThrow();
            assertThat(result.eventsChecked()).as("events checked before the bad one").isEqualTo(bad - 1);
            return bad;
        }

        private String storedData(long version) {
            return store.readStream(incidentId, version - 1).get(0).record().data();
        }

        @Test
        @DisplayName("an untouched stream verifies intact")
        void untouched() {
            VerificationResult result = incidents.verify(incidentId);

            assertThat(result.isIntact()).isTrue();
            assertThat(result.eventsChecked()).isEqualTo(lastVersion);
        }

        @ParameterizedTest(name = "data of version {0}")
        @ValueSource(longs = {1, 3, 4})
        @DisplayName("changed data is reported at its version")
        void changedData(long version) {
            String data = storedData(version);
            String changed = data.substring(0, data.length() - 1) + ",\"tampered\":true}";

            tampering.changeData(incidentId, version, changed);

            assertThat(storedData(version)).isEqualTo(changed);
            assertThat(firstBadVersion()).isEqualTo(version);
        }

        @Test
        @DisplayName("changed data of the last event is reported, with no later event to give it away")
        void changedDataOfLastEvent() {
            String data = storedData(lastVersion);

            tampering.changeData(incidentId, lastVersion, data.replace("Killed", "Fixed"));

            assertThat(storedData(lastVersion)).isNotEqualTo(data);
            assertThat(firstBadVersion()).isEqualTo(lastVersion);
        }

        @ParameterizedTest(name = "actor of version {0}")
        @ValueSource(longs = {1, 2, 5})
        @DisplayName("a changed actor is reported at its version")
        void changedActor(long version) {
            tampering.changeActor(incidentId, version, "mallory");

            assertThat(firstBadVersion()).isEqualTo(version);
        }

        @ParameterizedTest(name = "version {0} deleted")
        @ValueSource(longs = {1, 3, 5})
        @DisplayName("a deleted event is reported at its version")
        void deleted(long version) {
            tampering.delete(incidentId, version);

            assertThat(store.readStream(incidentId, 0)).hasSize((int) lastVersion - 1);
            assertThat(firstBadVersion()).isEqualTo(version);
        }

        @ParameterizedTest(name = "versions {0} and {1} swapped")
        @CsvSource({"2, 4", "4, 5", "1, 6", "5, 3"})
        @DisplayName("swapped events are reported at the earlier place")
        void swapped(long versionA, long versionB) {
            tampering.swap(incidentId, versionA, versionB);

            assertThat(firstBadVersion()).isEqualTo(Math.min(versionA, versionB));
        }

        @Test
        @DisplayName("tampering with one incident leaves another intact")
        void otherIncidentIntact() {
            String other = walkThrough();

            tampering.changeData(incidentId, 2, storedData(2).replace("DB", "network"));

            assertThat(firstBadVersion()).isEqualTo(2);
            assertThat(incidents.verify(other).isIntact()).isTrue();
        }
    }

    // ---------------------------------------------------------------------------------------
    // Fixtures: events as core would write them, and helpers to read and compare a store.
    // ---------------------------------------------------------------------------------------

    /**
     * What a test chooses about one event; chaining fills in the id, version and hashes. The
     * defaults are a note by alice, stamped a version's worth of seconds after {@link #T0}.
     */
    private static final class Content {
        private String type = NOTE_ADDED;
        private int schemaVersion = 1;
        private Instant occurredAt;
        private Instant recordedAt;
        private String actor = "alice";
        private Optional<String> commandId = Optional.empty();
        private String data;

        private Content(long n) {
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

    private static Content note(long n) {
        return new Content(n);
    }

    /** Records numbered from {@code afterVersion + 1}, chained from {@code afterHash}, as core builds them. */
    private static List<EventRecord> chain(String incidentId, long afterVersion, String afterHash, List<Content> contents) {
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
    private List<EventRecord> next(String incidentId, int count, Optional<String> commandId) {
        List<StoredEvent> stream = store.readStream(incidentId, 0);
        long version = stream.isEmpty() ? 0 : stream.get(stream.size() - 1).version();
        String hash = stream.isEmpty() ? HashChain.GENESIS : stream.get(stream.size() - 1).record().hash();
        return notesAfter(incidentId, version, hash, count, commandId);
    }

    /** The {@code count} notes after version {@code afterVersion}, whose hash is {@code afterHash}. */
    private static List<EventRecord> notesAfter(
            String incidentId, long afterVersion, String afterHash, int count, Optional<String> commandId) {
        List<Content> contents = new ArrayList<>();
        for (long v = afterVersion + 1; v <= afterVersion + count; v++) {
            Content c = note(v);
            commandId.ifPresent(c::command);
            contents.add(c);
        }
        return chain(incidentId, afterVersion, afterHash, contents);
    }

    private List<EventRecord> next(String incidentId, int count) {
        return next(incidentId, count, Optional.empty());
    }

    private List<EventRecord> next(String incidentId, int count, String commandId) {
        return next(incidentId, count, Optional.of(commandId));
    }

    private AppendResult appendNext(String incidentId, int count) {
        List<EventRecord> batch = next(incidentId, count);
        return store.append(incidentId, versionBefore(batch), batch);
    }

    private AppendResult appendNext(String incidentId, int count, String commandId) {
        List<EventRecord> batch = next(incidentId, count, commandId);
        return store.append(incidentId, versionBefore(batch), batch);
    }

    private static long versionBefore(List<EventRecord> batch) {
        return batch.get(0).version() - 1;
    }

    private String lastHash(String incidentId) {
        List<StoredEvent> stream = store.readStream(incidentId, 0);
        return stream.get(stream.size() - 1).record().hash();
    }

    private static String incidentId(int n) {
        return String.format("INC-2025-%03d", n + 1);
    }

    /** Every event of the store, read in pages of {@code limit}. */
    private List<StoredEvent> readEverything(int limit) {
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
    private record Snapshot(List<StoredEvent> all, LogPosition head) {}

    private Snapshot snapshot() {
        return new Snapshot(readEverything(1000), store.head());
    }

    private static Snapshot snapshotOfEmptyStore() {
        return new Snapshot(List.of(), LogPosition.START);
    }

    private void assertNothingWritten(Snapshot before, String... incidentIds) {
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
    private static <T> List<T> runTogether(List<? extends Callable<T>> tasks) throws InterruptedException {
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
    private static void giveWay() throws InterruptedException {
        Thread.yield();
        stopIfInterrupted();
    }

    /** Ends a polling loop when the test stops its threads. */
    private static void stopIfInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped by the test");
        }
    }

    private static List<EventRecord> records(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::record).collect(Collectors.toList());
    }

    private static List<Long> versions(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::version).collect(Collectors.toList());
    }

    private static List<LogPosition> positions(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::position).collect(Collectors.toList());
    }

    private static void assertStrictlyIncreasing(List<LogPosition> positions) {
        for (int i = 1; i < positions.size(); i++) {
            assertThat(positions.get(i)).as("position %d of %d", i, positions.size()).isGreaterThan(positions.get(i - 1));
        }
    }

    /** Each event's prev_hash is the hash of the one before: no writer chained from a stale read. */
    private static void assertChained(List<StoredEvent> stream) {
        String previousHash = HashChain.GENESIS;
        for (StoredEvent e : stream) {
            assertThat(e.record().prevHash()).as("prev_hash of version %d", e.version()).isEqualTo(previousHash);
            previousHash = e.record().hash();
        }
    }
}
