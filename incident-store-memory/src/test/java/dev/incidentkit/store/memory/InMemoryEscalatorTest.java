package dev.incidentkit.store.memory;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.EscalatorContract;

/** The escalator on the in-memory store. */
class InMemoryEscalatorTest extends EscalatorContract {

    @Override
    protected EventStore createStore() {
        return new InMemoryEventStore();
    }
}
