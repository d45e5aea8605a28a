package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.core.spi.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The contract of {@link AlertStore}: every rule its Javadoc states, as tests. A store that keeps
 * alerts ({@link EventStore#alertStore()} not empty) is done when its test, a subclass of this
 * one, passes:
 *
 * <pre>{@code
 * class PostgresAlertStoreTest extends AlertStoreContract {
 *     protected EventStore createStore() { return PostgresEventStore.create(freshSchema()); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh, empty store from {@link #createStore()} and closes it afterwards.
 * Instants are fixed and whole microseconds, as {@link dev.incidentkit.core.alert.AlertIntake}
 * passes them; they must come back equal. The concurrency test starts its threads together on a
 * barrier, sleeps nowhere and checks invariants that hold however the threads interleave.
 *
 * <p>The tests are grouped by concern, one file each, nested here one line apiece; what they
 * share lives in {@code AlertHarness}.
 *
 * @since 0.3.0
 */
public abstract class AlertStoreContract {

    private EventStore store;

    /** Creates an adapter test. */
    protected AlertStoreContract() {}

    /**
     * @return a fresh, empty store that keeps alerts, for one test; it is closed after the test
     */
    protected abstract EventStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
        assertThat(store.alertStore()).as("createStore() must return a store that keeps alerts").isPresent();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** @return the running test's alert store, for the concerns nested here */
    final AlertStore alerts() {
        return store.alertStore().orElseThrow();
    }

    /** @return the running test's store, whose appends attach alerts: for the concerns nested here */
    final EventStore store() {
        return store;
    }

    @Nested
    @DisplayName("receiving firing and resolved alerts")
    class Receiving extends AlertReceivingTests {}

    @Nested
    @DisplayName("attaching alerts to incidents")
    class Attaching extends AlertAttachingTests {}

    @Nested
    @DisplayName("groups: who declares, who joins, who waits")
    class Groups extends AlertGroupsTests {}

    @Nested
    @DisplayName("the storm limit")
    class StormLimit extends AlertStormLimitTests {}

    @Nested
    @DisplayName("silences and maintenance windows")
    class Silences extends AlertSilencesTests {}

    @Nested
    @DisplayName("listing and counting alerts")
    class Listing extends AlertListingTests {}

    @Nested
    @DisplayName("stored details come back as written")
    class RoundTrip extends AlertRoundTripTests {}

    @Nested
    @DisplayName("concurrency")
    class Concurrency extends AlertConcurrencyTests {}
}
