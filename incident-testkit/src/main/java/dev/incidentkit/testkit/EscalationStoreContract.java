package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.core.spi.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The contract of {@link EscalationStore}: every rule its Javadoc states, as tests. A store that
 * keeps escalation timers ({@link EventStore#escalationStore()} not empty) is done when its test,
 * a subclass of this one, passes:
 *
 * <pre>{@code
 * class PostgresEscalationStoreTest extends EscalationStoreContract {
 *     protected EventStore createStore() { return PostgresEventStore.create(freshSchema()); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh, empty store from {@link #createStore()} and closes it afterwards.
 * The concurrency tests start their threads together on a barrier, sleep nowhere and check
 * invariants that hold however the threads interleave.
 *
 * @since 0.4.0
 */
public abstract class EscalationStoreContract {

    private EventStore store;

    /** Creates an adapter test. */
    protected EscalationStoreContract() {}

    /** @return a fresh, empty store that keeps escalation timers, for one test; closed after it */
    protected abstract EventStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
        assertThat(store.escalationStore()).as("createStore() must return a store that keeps escalation timers")
                .isPresent();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** @return the running test's escalation timers */
    final EscalationStore escalations() {
        return store.escalationStore().orElseThrow();
    }

    @Nested
    @DisplayName("starting and finding escalations")
    class Starting extends EscalationStartingTests {}

    @Nested
    @DisplayName("claiming due steps")
    class Claiming extends EscalationClaimingTests {}

    @Nested
    @DisplayName("completing, releasing, acknowledging, hurrying")
    class Stepping extends EscalationSteppingTests {}

    @Nested
    @DisplayName("concurrency: one claimer per step")
    class Concurrency extends EscalationConcurrencyTests {}
}
