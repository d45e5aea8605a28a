package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * H2: appends are serialized by a row lock on the single row of {@code incidentkit_log_head},
 * taken by the update that advances it and held until commit; they take their positions from it. One append at a time is what H2's engine
 * allows anyway for one file; in exchange positions are gapless and commit in position order, so
 * a reader needs no fence and the commit order is the position itself.
 */
final class H2Sql extends DialectSql {

    private static final String SELECT = "SELECT position, position AS commit_order, " + Rows.RECORD_COLUMNS
            + " FROM " + EVENTS;

    @Override
    String scriptFolder() {
        return "h2";
    }

    @Override
    String selectColumns() {
        return "position, position AS commit_order, " + Rows.RECORD_COLUMNS;
    }

    @Override
    long lockLog(Connection c, int count) throws SQLException {
        // Takes the positions and the row lock in one statement: the lock holds until commit, and
        // a rollback gives the positions back, so they stay gapless.
        try (PreparedStatement ps = c.prepareStatement("SELECT last_position FROM FINAL TABLE "
                + "(UPDATE incidentkit_log_head SET last_position = last_position + ? WHERE id = 1)")) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("The row of incidentkit_log_head is missing; run JdbcEventStore.migrate().");
                }
                return rs.getLong(1) - count;
            }
        }
    }

    @Override
    List<StoredEvent> insert(Connection c, List<EventRecord> events, long lastPosition) throws SQLException {
        List<StoredEvent> stored = new ArrayList<>(events.size());
        long position = lastPosition;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + EVENTS + " (position, " + Rows.RECORD_COLUMNS
                + ") VALUES (?, " + Rows.RECORD_PLACEHOLDERS + ")")) {
            for (EventRecord e : events) {
                position++;
                ps.setLong(1, position);
                Rows.bind(ps, 2, e);
                ps.addBatch();
                stored.add(new StoredEvent(LogPosition.of(position), e));
            }
            ps.executeBatch();
        }
        return stored;
    }

    @Override
    List<StoredEvent> readAll(Connection c, LogPosition after, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE position > ? ORDER BY position FETCH FIRST ? ROWS ONLY")) {
            ps.setLong(1, after.position());
            ps.setInt(2, limit);
            return events(ps);
        }
    }

    @Override
    LogPosition head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_position FROM incidentkit_log_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? LogPosition.of(rs.getLong(1)) : LogPosition.START;
        }
    }

    @Override
    long pendingEvents(Connection c) {
        return 0;
    }

    @Override
    long nextIncidentNumber(Connection c, int year) throws SQLException {
        // The UPDATE locks the year's row until commit, so the SELECT reads our own increment.
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE incidentkit_incident_numbers SET last_number = last_number + 1 WHERE decl_year = ?")) {
            ps.setInt(1, year);
            if (ps.executeUpdate() == 0) {
                // First number of the year. A concurrent first insert fails with a unique
                // violation, and the caller retries: then the UPDATE finds the row.
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO incidentkit_incident_numbers (decl_year, last_number) VALUES (?, 1)")) {
                    insert.setInt(1, year);
                    insert.executeUpdate();
                }
                return 1;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_number FROM incidentkit_incident_numbers WHERE decl_year = ?")) {
            ps.setInt(1, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    void saveCheckpoint(Connection c, String name, LogPosition position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO incidentkit_checkpoints "
                + "(name, commit_order, position, updated_at) KEY (name) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, name);
            ps.setLong(2, position.commit());
            ps.setLong(3, position.position());
            ps.executeUpdate();
        }
    }

    @Override
    void lockForMigration(Connection c) {
        // H2 commits each DDL statement by itself, so a lock would not last: the scripts are
        // idempotent instead (see V1__events.sql).
    }

    @Override
    boolean transactionalDdl() {
        return false;
    }

    @Override
    String createSchemaVersionTable() {
        return "CREATE TABLE IF NOT EXISTS incidentkit_schema_version ("
                + "version INTEGER NOT NULL, "
                + "description CHARACTER VARYING(200) NOT NULL, "
                + "applied_at TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, "
                + "CONSTRAINT incidentkit_schema_version_pk PRIMARY KEY (version))";
    }
}
