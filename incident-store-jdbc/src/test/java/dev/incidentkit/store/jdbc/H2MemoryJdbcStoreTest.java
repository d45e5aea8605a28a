package dev.incidentkit.store.jdbc;

/** The JDBC store's own tests on H2Memory. */
class H2MemoryJdbcStoreTest extends JdbcEventStoreTests {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2Memory();
    }
}
