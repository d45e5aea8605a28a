package dev.incidentkit.store.memory;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.NotificationContract;

/** The notification contract of the test kit, on the in-memory store. */
class InMemoryNotificationTest extends NotificationContract {

    @Override
    protected EventStore createStore() {
        return new InMemoryEventStore();
    }
}
