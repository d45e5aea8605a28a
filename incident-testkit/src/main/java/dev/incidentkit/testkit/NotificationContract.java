package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EventStore;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;

/**
 * The notification dispatcher on a store: its {@link DeliveryStore} (leases and dead letters) and
 * what a manager with notifiers promises on it. Every routed event delivered once, in order, with
 * its CloudEvent id; routing by type, severity and service; a flaky notifier that ends with each
 * event delivered or dead-lettered and none delivered again after a success; a hanging notifier
 * that holds up neither commands nor other notifiers; a restart that goes on where the last
 * process stopped; dead letters listed and replayed; and, with two "processes" on one store, one
 * delivery of each event in total, and a takeover when the lease holder goes.
 *
 * <p>An adapter runs it by extending it:
 *
 * <pre>{@code
 * class PostgresNotificationTest extends NotificationContract {
 *     protected EventStore createStore() { return PostgresEventStore.create(freshSchema()); }
 *     protected EventStore sameStorage(EventStore store) { return PostgresEventStore.create(sameSchema()); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh, empty store from {@link #createStore()}, whose {@code deliveryStore()}
 * must be present. Each manager of a test stands for one process and runs on its own handle from
 * {@link #sameStorage(EventStore)}; the contract closes the handles and the store after the test.
 * Time that matters to the store (lease expiry, dead-letter instants) comes from a {@link
 * ManualClock}; the retry backoff is a few milliseconds, and nothing sleeps: tests wait for
 * conditions, each with a generous bound, and every test is bounded as a whole.
 *
 * <p>The tests are grouped by concern, one file each ({@code NotificationLeasesTests}, {@code
 * NotificationRestartsTests}, ...), nested here one line apiece as Micrometer's {@code
 * MeterRegistryCompatibilityKit} nests its meters' tests; what they share (processes, notifiers
 * that record, fail or hang, waiting for progress) lives in {@code NotificationHarness}.
 *
 * @since 0.1.0
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
public abstract class NotificationContract {

    /** Where the clock stands when a test begins. */
    protected static final Instant START = Instant.parse("2025-08-23T14:00:00Z");

    private @Nullable EventStore store;
    private @Nullable ManualClock clock;

    /** Lets subclasses be instantiated by JUnit. */
    protected NotificationContract() {}

    /**
     * @return a new, empty store whose {@code deliveryStore()} is present; called once before each
     *     test, and closed after it
     */
    protected abstract EventStore createStore();

    /**
     * Opens the storage of {@code store} again, as a second process would: a new handle on the same
     * events, checkpoints, leases and dead letters. The default returns {@code store} itself, which
     * is right for a store whose {@code close()} does nothing (the memory store); the contract never
     * closes a handle before the test ends.
     *
     * @param store the test's store
     * @return a handle on the same storage
     */
    protected EventStore sameStorage(EventStore store) {
        return store;
    }

    /** Creates the store and the clock of one test. */
    @BeforeEach
    protected final void setUpNotificationContract() {
        store = createStore();
        clock = ManualClock.at(START);
        assertThat(store.deliveryStore()).as("a store under this contract keeps delivery state").isPresent();
    }

    /** Closes the store, after the concern of the test closed its managers and handles. */
    @AfterEach
    protected final void tearDownNotificationContract() {
        if (store != null) {
            store.close();
        }
        store = null;
    }

    /** @return the store of the running test */
    protected final EventStore store() {
        if (store == null) {
            throw new IllegalStateException("no test is running");
        }
        return store;
    }

    /** @return the clock of the running test's managers */
    protected final ManualClock clock() {
        if (clock == null) {
            throw new IllegalStateException("no test is running");
        }
        return clock;
    }

    @Nested
    @DisplayName("DeliveryStore: leases")
    class Leases extends NotificationLeasesTests {}

    @Nested
    @DisplayName("DeliveryStore: dead letters")
    class DeadLetters extends NotificationDeadLettersTests {}

    @Nested
    @DisplayName("delivery")
    class Delivery extends NotificationDeliveryTests {}

    @Nested
    @DisplayName("routing")
    class Routing extends NotificationRoutingTests {}

    @Nested
    @DisplayName("failures")
    class Failures extends NotificationFailuresTests {}

    @Nested
    @DisplayName("a notifier that throws, and close")
    class HealthAndClose extends NotificationHealthAndCloseTests {}

    @Nested
    @DisplayName("close, when a notifier failed or is slow to close")
    class CloseBounds extends NotificationCloseBoundsTests {}

    @Nested
    @DisplayName("restarts")
    class Restarts extends NotificationRestartsTests {}

    @Nested
    @DisplayName("several processes on one store")
    class Processes extends NotificationProcessesTests {}
}
