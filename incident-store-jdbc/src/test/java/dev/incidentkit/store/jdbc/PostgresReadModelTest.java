package dev.incidentkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.testkit.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDBC store's own read-model tests on Postgres. */
class PostgresReadModelTest extends JdbcReadModelTests {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }

    /**
     * The walk over every incident (migration fill, rebuild, check) reads a page of ids from the
     * partial index of schema version 3, not the whole event log. The query is the store's
     * ({@code SummaryTable.incidentIds}); sequential scans are priced out, as on a table too big
     * to scan, so that the plan shows whether an index can serve it at all.
     */
    @Test
    void incidentIdsReadsThePartialIdIndexNotTheLog() throws SQLException {
        for (int i = 0; i < 50; i++) {
            String id = String.format("INC-2026-%03d", i);
            List<EventRecord> batch = Records.batch(id, 0, 3);
            store.append(id, 0, batch, Fixtures.placeholderSummary(batch));
        }
        List<String> plan = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE incidentkit_events");
                s.execute("SET enable_seqscan = off");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN SELECT incident_id FROM incidentkit_events "
                    + "WHERE version = 1 AND incident_id COLLATE \"C\" > ? ORDER BY incident_id COLLATE \"C\" "
                    + "FETCH FIRST ? ROWS ONLY")) {
                ps.setString(1, "INC-2026-010");
                ps.setInt(2, 1_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                }
            }
        }
        assertThat(String.join("\n", plan)).contains("incidentkit_events_stream_ids_ix").doesNotContain("Sort");
        assertThat(store.incidentIds("INC-2026-047", 10)).containsExactly("INC-2026-048", "INC-2026-049");
    }
}
