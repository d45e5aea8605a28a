package dev.incidentkit.testkit;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.spi.EventStore;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link EventStore} must give an {@link IncidentManager}: the walkthrough of
 * the user guide end to end, incident ids, back-dating, command ids, rejected commands, the
 * lifecycle, severity changes, concurrent writers, the fold, the hash chain, subscriptions and the
 * read model (queries, metrics, verify and rebuild), all through the public API.
 *
 * <p>An adapter runs it by extending it and giving a fresh, empty store per test:
 *
 * <pre>{@code
 * class PostgresIncidentManagerTest extends IncidentManagerContract {
 *     @Override
 *     protected EventStore createStore() {
 *         return PostgresEventStore.builder(dataSource).build();
 *     }
 * }
 * }</pre>
 *
 * <p>Each test builds one manager on the store, {@code IncidentKit.builder().store(store)
 * .clock(clock)}, whose time comes only from a {@link ManualClock}; the manager, and with it the
 * store, is closed after the test. Nothing here sleeps: concurrent tests line their threads up at
 * a barrier in front of the store's {@code append} and {@code nextIncidentNumber}, so that their
 * commands collide every time, and subscription tests wait for events with a generous timeout.
 *
 * <p>The tests are grouped by concern, one file each ({@code ManagerWalkthroughTests}, {@code
 * ManagerBackDatingTests}, ...), nested here one line apiece as Micrometer's {@code
 * MeterRegistryCompatibilityKit} nests its meters' tests; what they share lives in {@code
 * ManagerHarness}, which reads the store, clock and manager from this class.
 *
 * @since 0.1.0
 */
public abstract class IncidentManagerContract {

    /** Where the clock stands when a test begins: half an hour before the walkthrough. */
    protected static final Instant START = Instant.parse("2025-08-23T14:00:00Z");


    private @Nullable EventStore store;
    private @Nullable ManualClock clock;
    private @Nullable IncidentManager manager;

    /** Lets subclasses be instantiated by JUnit. */
    protected IncidentManagerContract() {}

    /**
     * @return a new, empty store; called once before each test. The contract closes it after the
     *     test, through the manager built on it.
     */
    protected abstract EventStore createStore();

    /**
     * Adjusts the builder of every test's manager before the test's own settings, for a store
     * that needs it, such as a shorter {@code pollInterval}. It must keep the store and the clock.
     *
     * @param builder a builder with the store and the clock
     * @return the builder to use; this one unchanged by default
     */
    protected IncidentKit.Builder configure(IncidentKit.Builder builder) {
        return builder;
    }

    /** Creates the store and the clock of one test. */
    @BeforeEach
    protected final void setUpContract() {
        store = createStore();
        clock = ManualClock.at(START);
        manager = null;
    }

    /** Closes the test's manager, which closes its store, or the store alone if no manager was built. */
    @AfterEach
    protected final void tearDownContract() {
        if (manager != null) {
            manager.close();
        } else if (store != null) {
            store.close();
        }
        manager = null;
        store = null;
    }

    /** @return the store of the running test */
    protected final EventStore store() {
        if (store == null) {
            throw new IllegalStateException("no test is running");
        }
        return store;
    }

    /** @return the clock of the running test's manager */
    protected final ManualClock clock() {
        if (clock == null) {
            throw new IllegalStateException("no test is running");
        }
        return clock;
    }

    /** @return the running test's manager, built with the defaults on first use */
    protected final IncidentManager manager() {
        return manager != null ? manager : manager(b -> b);
    }

    /**
     * Builds the running test's manager with settings of its own.
     *
     * @param settings changes to the builder, which already has the store and the clock
     * @return the manager, closed after the test
     * @throws IllegalStateException if the test already has a manager
     */
    protected final IncidentManager manager(UnaryOperator<IncidentKit.Builder> settings) {
        if (manager != null) {
            throw new IllegalStateException("this test already built its manager");
        }
        manager = settings.apply(configure(IncidentKit.builder().store(store()).clock(clock()))).build();
        return manager;
    }

    @Nested
    @DisplayName("the walkthrough of the user guide")
    class Walkthrough extends ManagerWalkthroughTests {}

    @Nested
    @DisplayName("incident ids")
    class Ids extends ManagerIdsTests {}

    @Nested
    @DisplayName("back-dating")
    class BackDating extends ManagerBackDatingTests {}

    @Nested
    @DisplayName("command ids and safe retries")
    class CommandIds extends ManagerCommandIdsTests {}

    @Nested
    @DisplayName("rejected commands write nothing")
    class Rejections extends ManagerRejectionsTests {}

    @Nested
    @DisplayName("the lifecycle")
    class LifecycleTable extends ManagerLifecycleTableTests {}

    @Nested
    @DisplayName("severity changes")
    class Severities extends ManagerSeveritiesTests {}

    @Nested
    @DisplayName("concurrent writers")
    class Concurrency extends ManagerConcurrencyTests {}

    @Nested
    @DisplayName("the fold and the hash chain")
    class FoldAndChain extends ManagerFoldAndChainTests {}

    @Nested
    @DisplayName("subscriptions")
    class Subscriptions extends ManagerSubscriptionsTests {}

    @Nested
    @DisplayName("the read model: queries, metrics, verify and rebuild")
    class ReadModel extends ManagerReadModelTests {}
}
