package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.IncidentManagerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The manager contract of the test kit, on the JDBC store on the H2 file store of {@link JdbcEventStore#h2(java.nio.file.Path)}. */
class H2FactoryIncidentManagerTest extends IncidentManagerContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases(TestDatabase::h2Factory);

    @Override
    protected EventStore createStore() {
        return databases.create().store();
    }
}
