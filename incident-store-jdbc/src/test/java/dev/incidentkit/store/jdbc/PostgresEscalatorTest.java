package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.EscalatorContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The escalator contract of the test kit, on the JDBC store on Postgres: each "process" of a test gets
 * a store of its own on the same database.
 */
class PostgresEscalatorTest extends EscalatorContract {

    @RegisterExtension
    final TestDatabases databases = new TestDatabases(TestDatabase::postgres);

    @Override
    protected EventStore createStore() {
        return databases.create().store();
    }

    @Override
    protected EventStore sameStorage(EventStore store) {
        return JdbcEventStore.builder(databases.last().dataSource()).build();
    }
}
