package dev.incidentkit.store.memory;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.AlertStoreContract;

/** The in-memory store's alert state against the alert store contract. */
class InMemoryAlertStoreTest extends AlertStoreContract {

    @Override
    protected EventStore createStore() {
        return new InMemoryEventStore();
    }
}
