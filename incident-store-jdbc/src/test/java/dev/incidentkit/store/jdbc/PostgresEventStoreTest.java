package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.EventStoreContract;
import dev.incidentkit.testkit.SharedStore;
import dev.incidentkit.testkit.Tampering;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store against the storage contract, on Postgres. */
class PostgresEventStoreTest extends EventStoreContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases(TestDatabase::postgres);

    @Override
    protected EventStore createStore() {
        return databases.create().store();
    }

    @Override
    protected Tampering tampering(EventStore store) {
        return new JdbcTampering(databases.last().dataSource());
    }

    @Override
    protected Optional<SharedStore> sharedStore(EventStore store) {
        return Optional.of(new SharedStore(PostgresOpener.class, databases.last().url()));
    }
}
