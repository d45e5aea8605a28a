package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.StoredFormatContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store keeps the golden vectors as written, on H2Memory. */
class H2MemoryStoredFormatTest extends StoredFormatContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases(TestDatabase::h2Memory);

    @Override
    protected EventStore createStore() {
        return databases.create().store();
    }
}
