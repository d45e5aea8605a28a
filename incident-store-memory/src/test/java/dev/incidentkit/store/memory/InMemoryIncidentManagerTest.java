package dev.incidentkit.store.memory;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.IncidentManagerContract;

/** The manager contract of the test kit, on the in-memory store. */
class InMemoryIncidentManagerTest extends IncidentManagerContract {

    @Override
    protected EventStore createStore() {
        return new InMemoryEventStore();
    }
}
