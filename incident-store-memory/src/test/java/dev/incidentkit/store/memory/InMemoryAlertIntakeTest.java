package dev.incidentkit.store.memory;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.AlertIntakeContract;

/** The alert intake's contract of the test kit, on the in-memory store. */
class InMemoryAlertIntakeTest extends AlertIntakeContract {

    @Override
    protected EventStore createStore() {
        return new InMemoryEventStore();
    }
}
