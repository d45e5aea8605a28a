package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.AlertStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store's alert tables against the alert store contract, on H2Memory. */
class H2MemoryAlertStoreTest extends AlertStoreContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases(TestDatabase::h2Memory);

    @Override
    protected EventStore createStore() {
        return databases.create().store();
    }
}
