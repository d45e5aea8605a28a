package dev.incidentkit.testkit;

import dev.incidentkit.core.spi.EventStore;
import org.junit.jupiter.api.Nested;

/**
 * The test kit's reference store against the test kit's own contracts: proof that the store core's
 * tests run on is right, and that every contract passes on a plain, correct store.
 */
class SimpleEventStoreTest {

    @Nested
    class Storage extends EventStoreContract {

        @Override
        protected EventStore createStore() {
            return new SimpleEventStore();
        }

        @Override
        protected Tampering tampering(EventStore store) {
            return Tampering.byRewritingStreams(((SimpleEventStore) store)::tamper);
        }
    }

    @Nested
    class Manager extends IncidentManagerContract {

        @Override
        protected EventStore createStore() {
            return new SimpleEventStore();
        }
    }

    @Nested
    class Notifications extends NotificationContract {

        @Override
        protected EventStore createStore() {
            return new SimpleEventStore();
        }
    }
}
