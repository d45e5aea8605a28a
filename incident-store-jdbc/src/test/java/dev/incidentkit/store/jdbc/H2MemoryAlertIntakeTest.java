package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.AlertIntakeContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The alert intake's contract of the test kit, on the JDBC store's alert tables, on H2Memory. */
class H2MemoryAlertIntakeTest extends AlertIntakeContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases(TestDatabase::h2Memory);

    @Override
    protected EventStore createStore() {
        return databases.create().store();
    }
}
