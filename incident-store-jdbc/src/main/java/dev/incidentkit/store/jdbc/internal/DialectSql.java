package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

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
     * Writes an append inside the caller's transaction (or as one auto-committed statement, see
     * {@link #appendIsOneStatement}), in as few statements as the dialect allows: checks that the
     * stream has an event at {@code expectedVersion} (trivially so for 0), inserts the events and
     * the command ids, replaces the incident's row of {@link
     * SummaryTable} with {@code summary}, and attaches the alerts {@code attachedAlerts} to the
     * incident ({@link AlertTables#attachSql}). Whatever else can go wrong (the stream went further, a
     * stored event or command id) fails as a unique violation.
     *
     * @return the stored events, or empty if the stream has no event at {@code expectedVersion}
     *     (nothing was written)
     */
    abstract Optional<List<StoredEvent>> append(Connection c, String incidentId, long expectedVersion,
            List<EventRecord> events, Set<String> commandIds, List<String> attachedAlerts, IncidentSummary summary)
            throws SQLException;

    /**
     * Whether {@link #append} is a single statement, which the database runs atomically by
     * itself: the caller then runs it in auto-commit, as its own transaction, and saves the
     * explicit {@code BEGIN} and the {@code COMMIT} round trip. False: {@link #append} runs in the
     * caller's transaction, committed or rolled back by the caller.
     */
    boolean appendIsOneStatement() {
        return false;
    }

    /**
     * The SPI's saveSummary in the caller's transaction: writes the summary if and only if the
     * stream is at exactly its version, replacing the stored one whatever its version, atomically
     * against appends (each dialect says how). A unique violation (two first writers racing)
     * makes the caller try again.
     *
     * @return whether it was written
     */
    abstract boolean saveSummary(Connection c, IncidentSummary summary) throws SQLException;

    /** @return the stream's version, 0 if it has no events, as the statement's snapshot sees it */
    static long streamVersion(Connection c, String incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(version), 0) FROM " + EVENTS + " WHERE incident_id = ?")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** @return a condition that holds when the array {@code column} holds the next parameter */
    abstract String arrayContains(String column);

    /** @return a condition that holds when the indexed {@code column} equals one of the next {@code n} parameters */
    String indexedInList(String column, int n) {
        return column + " IN (" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    }

    /** @return the instant of a {@code TIMESTAMP WITH TIME ZONE} column, null for SQL NULL */
    Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** @return {@code column} compared and ordered as {@link String#compareTo} orders */
    abstract String binary(String column);

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

    /**
     * Takes or extends a notifier's lease, atomically across processes: see {@link
     * dev.incidentkit.core.spi.DeliveryStore#acquireLease}. Runs in the caller's transaction on
     * {@code c}; a unique violation (two first takers racing) makes the caller try again.
     *
     * @return whether {@code owner} now holds the lease until {@code expiresAt}
     */
    abstract boolean acquireLease(Connection c, String notifier, String owner, Instant now, Instant expiresAt)
            throws SQLException;

    /**
     * Stores a dead letter, replacing one of the same notifier and event id in its place. Runs in
     * the caller's transaction on {@code c}; a unique violation makes the caller try again.
     */
    abstract void addDeadLetter(Connection c, DeadLetter d) throws SQLException;

    /**
     * Claims the due escalations of {@link EscalationTable}, exclusively across processes (see
     * {@link dev.incidentkit.core.spi.EscalationStore#claimDue}): the running ones due at {@code
     * now} that no one holds an unlapsed claim on, soonest due first, then by incident id, at most
     * {@code limit}, each for {@code owner} until {@code until}, with its token advanced. Runs in
     * the caller's transaction on {@code c}, or as one auto-committed statement if {@link
     * #claimIsOneStatement}. The instants are whole microseconds.
     *
     * @return the claims, in any order
     */
    abstract List<EscalationStore.Claim> claimEscalations(Connection c, Instant now, String owner, Instant until,
            int limit) throws SQLException;

    /** Whether {@link #claimEscalations} is one statement, which the caller runs in auto-commit. */
    boolean claimIsOneStatement() {
        return false;
    }

    /**
     * @param key the primary key's columns
     * @return what ends an {@code INSERT ... VALUES} so that a row whose key is taken is skipped
     *     (an update count of 0) rather than refused; empty where the database has no such clause,
     *     and the primary key's unique violation says so instead
     */
    String ignoringConflict(String key) {
        return "";
    }

    /** Holds the migration lock until closed. */
    interface MigrationLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /**
     * Serializes migrators, across processes: runs first in the migration's transaction on
     * {@code c}, and may use other connections of {@code dataSource}.
     *
     * @return the lock, released when closed (after the migration's commit)
     */
    abstract MigrationLock lockMigrations(Connection c, DataSource dataSource) throws SQLException;

    /** @return the DDL of the schema version table, idempotent */
    abstract String createSchemaVersionTable();

    /**
     * What a store opening a database that is already current runs, and all it runs: one query
     * whose first columns are the highest schema version recorded and how many are; further
     * columns are for {@link #checkCurrent}.
     */
    String currentSchemaQuery() {
        return "SELECT MAX(version), COUNT(*) FROM incidentkit_schema_version";
    }

    /** Does {@link #checkAfterMigration}'s work on the row of {@link #currentSchemaQuery}. */
    void checkCurrent(ResultSet row) throws SQLException {}

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
