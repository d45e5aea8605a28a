package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.AlertIntakeContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The alert intake's contract of the test kit, on the JDBC store's alert tables, on Postgres. */
class PostgresAlertIntakeTest extends AlertIntakeContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases(TestDatabase::postgres);

    @Override
    protected EventStore createStore() {
        return databases.create().store();
    }
}
