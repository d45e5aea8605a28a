package dev.incidentkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDBC store's own escalation tests on Postgres. */
class PostgresJdbcEscalationTest extends JdbcEscalationTests {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }

    @Override
    String blockedSessions() {
        return "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'";
    }

    /**
     * The claim's candidates come from the partial index of schema version 6, in its order, with
     * no sort: the ended escalations, nearly all rows of a long-lived database, are never read.
     * The query is the store's ({@code PostgresSql.claimEscalations}); sequential scans are priced
     * out, as on a table too big to scan, so that the plan shows whether the index serves it.
     */
    @Test
    void theClaimReadsThePartialIndexInOrder() throws SQLException {
        for (int i = 0; i < 50; i++) {
            String id = String.format("INC-2025-%03d", i);
            escalations.start(running(id, T0.plusSeconds(i)));
            if (i % 2 == 0) {
                escalations.acknowledge(id, T0);
            }
        }
        List<String> plan = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE incidentkit_escalations");
                s.execute("SET enable_seqscan = off");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN SELECT incident_id FROM incidentkit_escalations "
                    + "WHERE status = 'RUNNING' AND due_at <= ? AND (claim_until IS NULL OR claim_until <= ?) "
                    + "ORDER BY due_at, incident_id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                OffsetDateTime now = OffsetDateTime.ofInstant(T0.plusSeconds(30), ZoneOffset.UTC);
                ps.setObject(1, now);
                ps.setObject(2, now);
                ps.setInt(3, 10);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                }
            }
        }
        assertThat(String.join("\n", plan)).contains("incidentkit_escalations_due_ix").doesNotContain("Sort");
        assertThat(escalations.claimDue(T0.plusSeconds(30), "p1", TTL, 3)).extracting(c -> c.escalation().incidentId())
                .containsExactly("INC-2025-001", "INC-2025-003", "INC-2025-005");
    }
}
