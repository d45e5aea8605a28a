package dev.incidentkit.store.memory;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.EscalationStoreContract;

/** The in-memory store's escalation timers against the escalation store contract. */
class InMemoryEscalationStoreTest extends EscalationStoreContract {

    @Override
    protected EventStore createStore() {
        return new InMemoryEventStore();
    }
}
