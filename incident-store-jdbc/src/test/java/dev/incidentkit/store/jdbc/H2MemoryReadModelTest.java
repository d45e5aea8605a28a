package dev.incidentkit.store.jdbc;

/** The JDBC store's own read-model tests on H2Memory. */
class H2MemoryReadModelTest extends JdbcReadModelTests {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2Memory();
    }
}
