package dev.incidentkit.benchmarks.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.query.IncidentQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The baselines of the read-model benchmarks: what a programmer writes with plain JDBC and a plain
 * Jackson {@link ObjectMapper}, on a plain table of the same rows.
 *
 * <p>The table, {@code baseline_summaries}, is a copy of the store's {@code incidentkit_summaries}
 * (made once, by {@code CREATE TABLE ... AS SELECT}, when the data set is generated) with the
 * columns the queries use: id (primary key), status, declared instant, last change, version,
 * snapshot format and snapshot, and one index, on {@code (status, declared_at, id)}. Each baseline
 * reads the columns the store reads for a summary (id, snapshot format, snapshot, last change) and
 * parses the snapshot into a {@link JsonNode} tree with {@link ObjectMapper#readTree}: the same
 * rows and the same JSON, without the store's typed decoding into an {@code Incident}.
 */
final class SummaryBaseline {

    static final String TABLE = "baseline_summaries";
    private static final String COLUMNS = "id, snapshot_format, snapshot, last_changed_at";

    /** A row as the baselines read it. */
    record Row(String id, int snapshotFormat, JsonNode snapshot, OffsetDateTime lastChangedAt) {}

    private final Connection connection;
    private final ObjectMapper mapper = new ObjectMapper();
    private final PreparedStatement active;
    private final PreparedStatement byId;
    private final PreparedStatement all;

    SummaryBaseline(Connection connection) throws SQLException {
        this.connection = connection;
        List<Status> activeStatuses = new ArrayList<>(IncidentQuery.activeStatuses());
        StringBuilder in = new StringBuilder();
        for (Status s : activeStatuses) {
            in.append(in.length() == 0 ? "'" : ", '").append(s.name()).append('\'');
        }
        this.active = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE status IN (" + in
                + ") ORDER BY declared_at DESC, id DESC LIMIT ?");
        this.byId = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?");
        this.all = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY declared_at, id");
        // Rows of the whole-table scan come in batches, not all at once (PostgreSQL's driver
        // streams only outside auto-commit).
        all.setFetchSize(1_000);
    }

    /** Copies the store's summaries into the baseline's table and indexes it: once, when the data set is made. */
    static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE " + TABLE + " AS SELECT id, status, declared_at, last_changed_at, version, "
                    + "snapshot_format, snapshot FROM incidentkit_summaries");
            // H2's CREATE TABLE ... AS drops NOT NULL, which a primary key needs.
            s.execute("ALTER TABLE " + TABLE + " ALTER COLUMN id SET NOT NULL");
            s.execute("ALTER TABLE " + TABLE + " ADD CONSTRAINT " + TABLE + "_pk PRIMARY KEY (id)");
            s.execute("CREATE INDEX " + TABLE + "_status_ix ON " + TABLE + " (status, declared_at, id)");
        }
    }

    /** The first {@code limit} active incidents, newest declared first: the rows of {@code query(IncidentQuery.active())}. */
    List<Row> active(int limit) throws SQLException, JsonProcessingException {
        active.setInt(1, limit);
        return rows(active, limit);
    }

    /** One incident by its primary key, or null. */
    Row find(String id) throws SQLException, JsonProcessingException {
        byId.setString(1, id);
        List<Row> rows = rows(byId, 1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Every row, as a whole-table scan reads it: the floor of reading 100,000 snapshots. */
    long scanAll() throws SQLException, JsonProcessingException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (ResultSet rs = all.executeQuery()) {
            long n = 0;
            while (rs.next()) {
                if (row(rs).snapshot().size() > 0) {
                    n++;
                }
            }
            return n;
        } finally {
            connection.commit();
            connection.setAutoCommit(auto);
        }
    }

    private List<Row> rows(PreparedStatement ps, int expected) throws SQLException, JsonProcessingException {
        List<Row> out = new ArrayList<>(expected);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private Row row(ResultSet rs) throws SQLException, JsonProcessingException {
        return new Row(rs.getString(1), rs.getInt(2), mapper.readTree(rs.getString(3)),
                rs.getObject(4, OffsetDateTime.class));
    }
}
