package dev.incidentkit.store.memory;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.StoredFormatContract;

/** The in-memory store keeps the golden vectors as written. */
class InMemoryStoredFormatTest extends StoredFormatContract {

    @Override
    protected EventStore createStore() {
        return new InMemoryEventStore();
    }
}
