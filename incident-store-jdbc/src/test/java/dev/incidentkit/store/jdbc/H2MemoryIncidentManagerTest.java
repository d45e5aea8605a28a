package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.IncidentManagerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The manager contract of the test kit, on the JDBC store on H2Memory. */
class H2MemoryIncidentManagerTest extends IncidentManagerContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases(TestDatabase::h2Memory);

    @Override
    protected EventStore createStore() {
        return databases.create().store();
    }
}
