package dev.incidentkit.store.jdbc;

/** The JDBC store's own read-model tests on Postgres. */
class PostgresReadModelTest extends JdbcReadModelTests {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
