package dev.incidentkit.testkit;

import dev.incidentkit.core.spi.EventStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every store that keeps escalation timers must give an {@link
 * dev.incidentkit.core.oncall.Escalator}: pages level by level at the right instants, repeats,
 * stops at the acknowledgment, business hours, nobody on call, pages that reach nobody, and
 * several processes on one store paging each step once, all through the public API.
 *
 * <pre>{@code
 * class PostgresEscalatorTest extends EscalatorContract {
 *     protected EventStore createStore() { return PostgresEventStore.create(freshSchema()); }
 *     protected EventStore sameStorage(EventStore store) { return PostgresEventStore.create(sameSchema()); }
 * }
 * }</pre>
 *
 * <p>Time comes from a {@link ManualClock} that the tests move; an escalator is ticked by hand.
 * Notifications are delivered by the manager's own threads, which the tests wait for, each wait
 * bounded; nothing sleeps.
 *
 * @since 0.4.0
 */
public abstract class EscalatorContract {

    private @Nullable EventStore store;

    /** Lets subclasses be instantiated by JUnit. */
    protected EscalatorContract() {}

    /** @return a new, empty store that keeps escalation timers and delivery state; closed after the test */
    protected abstract EventStore createStore();

    /**
     * @param store the test's store
     * @return another handle on the same storage, for a second process; the store itself by default
     */
    protected EventStore sameStorage(EventStore store) {
        return store;
    }

    @BeforeEach
    final void openStore() {
        store = createStore();
    }

    @AfterEach
    final void closeStore() {
        if (store != null) {
            store.close();
        }
        store = null;
    }

    final EventStore store() {
        if (store == null) {
            throw new IllegalStateException("no test is running");
        }
        return store;
    }

    @Nested
    @DisplayName("paging level by level")
    class Paging extends EscalatorPagingTests {}

    @Nested
    @DisplayName("nobody on call, and pages that reach nobody")
    class Unreachable extends EscalatorUnreachableTests {}

    @Nested
    @DisplayName("several processes, restarts and failures")
    class Processes extends EscalatorProcessesTests {}
}
