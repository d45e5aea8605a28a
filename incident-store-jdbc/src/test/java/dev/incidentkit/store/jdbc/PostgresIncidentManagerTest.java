package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.IncidentManagerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The manager contract of the test kit, on the JDBC store on Postgres. */
class PostgresIncidentManagerTest extends IncidentManagerContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases(TestDatabase::postgres);

    @Override
    protected EventStore createStore() {
        return databases.create().store();
    }
}
