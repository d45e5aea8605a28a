package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

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
 * <p>A store whose storage outlives a process (a database) also overrides {@link #sharedStore},
 * so that the read-model concern can kill a separate JVM in the middle of its appends and check
 * what it left; for a store that lives in one process that test is skipped.
 *
 * <p>Each test gets a fresh, empty store from {@link #createStore()} and closes it afterwards.
 * Events are built here, chained as core chains them, with fixed instants. Concurrency tests
 * start their threads together on a barrier, sleep nowhere and check invariants that hold however
 * the threads interleave, so a correct store passes every time; a broken one fails on most runs.
 * Each test is bounded: a store that hangs fails after a minute.
 *
 * <p>The tests are grouped by concern, one file each ({@code StoreAppendAndReadTests}, {@code
 * StoreIdempotencyTests}, ...), nested here one line apiece as Micrometer's {@code
 * MeterRegistryCompatibilityKit} nests its meters' tests; what they share (the store, events
 * chained as core chains them) lives in {@code StoreHarness}. A new concern is a new file that
 * extends the harness, and one {@code @Nested} line here.
 *
 * @since 0.1.0
 */
public abstract class EventStoreContract {

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

    /**
     * How another JVM opens the storage of a store, for the test of a process killed in the middle
     * of its appends. The default is empty, for a store that lives in one process and dies with
     * it: that test is then skipped.
     *
     * @param store a store {@link #createStore()} returned
     * @return how a separate JVM opens what {@code store} holds
     * @since 0.2.0
     */
    protected Optional<SharedStore> sharedStore(EventStore store) {
        return Optional.empty();
    }

    @BeforeEach
    void openStore() {
        store = createStore();
        assertThat(store.head()).as("createStore() must return an empty store").isEqualTo(LogPosition.START);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** @return the running test's store, for the concerns nested here */
    final EventStore store() {
        return store;
    }

    @Nested
    @DisplayName("append and read")
    class AppendAndRead extends StoreAppendAndReadTests {}

    @Nested
    @DisplayName("argument checks")
    class ArgumentChecks extends StoreArgumentChecksTests {}

    @Nested
    @DisplayName("expected version")
    class ExpectedVersion extends StoreExpectedVersionTests {}

    @Nested
    @DisplayName("a batch is all or nothing")
    class AllOrNothing extends StoreAllOrNothingTests {}

    @Nested
    @DisplayName("idempotency")
    class Idempotency extends StoreIdempotencyTests {}

    @Nested
    @DisplayName("command ids")
    class CommandIds extends StoreCommandIdsTests {}

    @Nested
    @DisplayName("concurrency")
    class Concurrency extends StoreConcurrencyTests {}

    @Nested
    @DisplayName("global order")
    class GlobalOrder extends StoreGlobalOrderTests {}

    @Nested
    @DisplayName("incident numbers")
    class IncidentNumbers extends StoreIncidentNumbersTests {}

    @Nested
    @DisplayName("checkpoints")
    class Checkpoints extends StoreCheckpointsTests {}

    @Nested
    @DisplayName("tampering is caught by verify")
    class TamperingCaught extends StoreTamperingCaughtTests {}

    @Nested
    @DisplayName("stored formats: the golden vectors come back as written")
    class StoredFormats extends StoreStoredFormatTests {}

    @Nested
    @DisplayName("the read model: summaries written with their events, and queries over them")
    class ReadModel extends StoreReadModelTests {}
}
