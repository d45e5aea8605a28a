package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.EventStoreContract;
import dev.incidentkit.testkit.Tampering;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store against the storage contract, on the H2 file store of {@link JdbcEventStore#h2(java.nio.file.Path)}. */
class H2FactoryEventStoreTest extends EventStoreContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases(TestDatabase::h2Factory);

    @Override
    protected EventStore createStore() {
        return databases.create().store();
    }

    @Override
    protected Tampering tampering(EventStore store) {
        return new JdbcTampering(databases.last().dataSource());
    }
}
