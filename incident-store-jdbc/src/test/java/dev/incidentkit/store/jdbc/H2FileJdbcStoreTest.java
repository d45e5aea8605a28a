package dev.incidentkit.store.jdbc;

/** The JDBC store's own tests on H2File. */
class H2FileJdbcStoreTest extends JdbcEventStoreTests {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2File();
    }
}
