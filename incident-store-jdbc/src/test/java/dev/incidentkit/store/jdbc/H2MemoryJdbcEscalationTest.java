package dev.incidentkit.store.jdbc;

/** The JDBC store's own escalation tests on H2Memory. */
class H2MemoryJdbcEscalationTest extends JdbcEscalationTests {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2Memory();
    }

    @Override
    String blockedSessions() {
        return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
    }
}
