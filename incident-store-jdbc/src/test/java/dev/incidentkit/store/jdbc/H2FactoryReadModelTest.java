package dev.incidentkit.store.jdbc;

/** The JDBC store's own read-model tests on H2Factory. */
class H2FactoryReadModelTest extends JdbcReadModelTests {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2Factory();
    }
}
