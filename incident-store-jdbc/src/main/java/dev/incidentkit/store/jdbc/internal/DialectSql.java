package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What differs between the databases: how appends take their positions, how readers of the
 * global order are kept from skipping an event, and a few upserts. Everything else is plain SQL
 * that H2 and PostgreSQL share, in {@link EventLog}.
 */
abstract class DialectSql {

    static final String EVENTS = "incidentkit_events";

    static DialectSql of(Dialect dialect) {
        switch (dialect) {
            case H2:
                return new H2Sql();
            case POSTGRESQL:
                return new PostgresSql();
            default:
                throw new IllegalArgumentException("unsupported dialect " + dialect);
        }
    }

    /** @return the folder of the migration scripts, under {@code /dev/incidentkit/store/jdbc/} */
    abstract String scriptFolder();

    /** @return the columns {@link Rows#read} reads: position, commit order, then the envelope */
    abstract String selectColumns();

    /**
     * Runs first in an append's transaction of {@code count} events.
     *
     * @return the global position before this append where the dialect assigns positions itself,
     *     or -1 where the database does
     */
    abstract long lockLog(Connection c, int count) throws SQLException;

    /** Inserts the events; {@code lastPosition} is what {@link #lockLog} returned. */
    abstract List<StoredEvent> insert(Connection c, List<EventRecord> events, long lastPosition) throws SQLException;

    /** Reads the global order after {@code after}, never past an event that may still be followed by a smaller one. */
    abstract List<StoredEvent> readAll(Connection c, LogPosition after, int limit) throws SQLException;

    /** @return the position of the last event {@link #readAll} can return now */
    abstract LogPosition head(Connection c) throws SQLException;

    /** @return committed events that {@link #readAll} holds back because an older transaction is still open */
    abstract long pendingEvents(Connection c) throws SQLException;

    /** Takes the next incident number of a year; manages its own transaction on {@code c}. */
    abstract long nextIncidentNumber(Connection c, int year) throws SQLException;

    /** Saves a checkpoint, last write wins; manages its own transaction on {@code c}. */
    abstract void saveCheckpoint(Connection c, String name, LogPosition position) throws SQLException;

    /** @return whether DDL takes part in transactions, so that a migration is all or nothing under its lock */
    abstract boolean transactionalDdl();

    /** Serializes migrators; runs first in the migration's transaction. */
    abstract void lockForMigration(Connection c) throws SQLException;

    /** @return the DDL of the schema version table, idempotent */
    abstract String createSchemaVersionTable();

    /** Checks the database after a migration; throws if the store cannot work on it. */
    void checkAfterMigration(Connection c) throws SQLException {}

    /** Runs a query whose rows are events. */
    static List<StoredEvent> events(PreparedStatement ps) throws SQLException {
        List<StoredEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(Rows.read(rs));
            }
        }
        return out;
    }
}
