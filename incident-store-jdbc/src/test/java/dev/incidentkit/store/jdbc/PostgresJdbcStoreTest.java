package dev.incidentkit.store.jdbc;

/** The JDBC store's own tests on Postgres. */
class PostgresJdbcStoreTest extends JdbcEventStoreTests {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
