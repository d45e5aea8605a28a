package dev.incidentkit.store.memory;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.EventStoreContract;
import dev.incidentkit.testkit.Tampering;

/** The in-memory store against the storage contract. */
class InMemoryEventStoreTest extends EventStoreContract {

    @Override
    protected EventStore createStore() {
        return new InMemoryEventStore();
    }

    @Override
    protected Tampering tampering(EventStore store) {
        return Tampering.byRewritingStreams(((InMemoryEventStore) store)::tamper);
    }
}
