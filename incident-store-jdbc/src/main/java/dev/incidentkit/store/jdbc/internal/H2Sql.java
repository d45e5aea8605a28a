package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.Lease;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

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
    Optional<List<StoredEvent>> append(Connection c, String incidentId, long expectedVersion, List<EventRecord> events,
            Set<String> commandIds, List<String> attachedAlerts, IncidentSummary summary) throws SQLException {
        long lastPosition = begin(c, incidentId, expectedVersion, events.size());
        if (lastPosition < 0) {
            return Optional.empty();
        }
        List<StoredEvent> stored = insert(c, events, lastPosition);
        if (!commandIds.isEmpty()) {
            long lastVersion = events.get(events.size() - 1).version();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO incidentkit_commands (command_id, incident_id, version) VALUES (?, ?, ?)")) {
                for (String commandId : commandIds) {
                    ps.setString(1, commandId);
                    ps.setString(2, incidentId);
                    ps.setLong(3, lastVersion);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!attachedAlerts.isEmpty()) {
            AlertTables.lockInKeyOrder(c, attachedAlerts, this);
            try (PreparedStatement ps = c.prepareStatement(AlertTables.attachSql(attachedAlerts.size()))) {
                AlertTables.bindAttach(ps, 1, attachedAlerts, incidentId);
                ps.executeUpdate();
            }
        }
        // Appends hold the head row's lock: no other transaction writes this row now.
        mergeSummary(c, summary);
        return Optional.of(stored);
    }

    private static final String MERGE_SUMMARY = "MERGE INTO " + SummaryTable.TABLE + " (" + SummaryTable.COLUMN_LIST
            + ") KEY (id) VALUES (" + SummaryTable.PLACEHOLDERS + ")";

    private static void mergeSummary(Connection c, IncidentSummary summary) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MERGE_SUMMARY)) {
            SummaryTable.bind(c, ps, 1, summary, "VARCHAR");
            ps.executeUpdate();
        }
    }

    /**
     * Takes the head row's lock first, the one every append takes before it writes and holds
     * until it commits: no append runs between the check of the stream's version and the MERGE,
     * and two savers of one incident take turns, so the MERGE never races an insert of the row.
     */
    @Override
    boolean saveSummary(Connection c, IncidentSummary summary) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_position FROM incidentkit_log_head WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new StoreException("The row of incidentkit_log_head is missing; run JdbcEventStore.migrate().");
            }
        }
        if (streamVersion(c, summary.id()) != summary.version()) {
            return false;
        }
        mergeSummary(c, summary);
        return true;
    }

    @Override
    String arrayContains(String column) {
        return "ARRAY_CONTAINS(" + column + ", ?)";
    }

    /**
     * Keeps H2 from looking the values up in the column's index: H2 2.4.240 answered such a
     * lookup, sorted by the same index and limited, without its first row when the prepared
     * statement ran again with another limit (the read-model contract's paging test caught it).
     * The index still gives the order.
     */
    @Override
    String indexedInList(String column, int n) {
        return "(" + column + " + 0) IN (" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    }

    /** H2 makes an Instant straight from its value: no LocalDateTime to build and validate, as for an OffsetDateTime. */
    @Override
    Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, Instant.class);
    }

    @Override
    String binary(String column) {
        // H2 compares strings with String.compareTo unless the database sets a collation.
        return column;
    }

    /**
     * Advances the head row by {@code count} (which locks it until commit, serializing appends;
     * a rollback gives the positions back), but only if the stream has reached
     * {@code expectedVersion}: one statement.
     *
     * @return the position before the append, or -1 if the stream has not reached {@code expectedVersion}
     */
    private static long begin(Connection c, String incidentId, long expectedVersion, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_position FROM FINAL TABLE "
                + "(UPDATE incidentkit_log_head SET last_position = last_position + ? WHERE id = 1 AND (? = 0 OR "
                + "EXISTS (SELECT 1 FROM " + EVENTS + " WHERE incident_id = ? AND version = ?)))")) {
            ps.setInt(1, count);
            ps.setLong(2, expectedVersion);
            ps.setString(3, incidentId);
            ps.setLong(4, expectedVersion);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1) - count;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM incidentkit_log_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new StoreException("The row of incidentkit_log_head is missing; run JdbcEventStore.migrate().");
            }
        }
        return -1;
    }

    private static List<StoredEvent> insert(Connection c, List<EventRecord> events, long lastPosition) throws SQLException {
        // One multi-row INSERT: H2 runs a JDBC batch as one statement per row. The SQL is built
        // from the batch size only; every value is a parameter.
        StringBuilder sql = new StringBuilder("INSERT INTO " + EVENTS + " (position, " + Rows.RECORD_COLUMNS + ") VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "(?, " : ", (?, ").append(Rows.RECORD_PLACEHOLDERS).append(')');
        }
        List<StoredEvent> stored = new ArrayList<>(events.size());
        long position = lastPosition;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (EventRecord e : events) {
                position++;
                ps.setLong(p++, position);
                p = Rows.bind(ps, p, e);
                stored.add(new StoredEvent(LogPosition.of(position), e));
            }
            ps.executeUpdate();
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
    boolean acquireLease(Connection c, String notifier, String owner, Instant now, Instant expiresAt)
            throws SQLException {
        // The row lock of SELECT ... FOR UPDATE, held until the caller commits, makes the check
        // and the update one step. Without a row there is nothing to lock: two first takers both
        // insert, the primary key refuses the second, and its retry finds the winner's row.
        Optional<Lease> current = Optional.empty();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT owner, expires_at FROM incidentkit_leases WHERE notifier = ? FOR UPDATE")) {
            ps.setString(1, notifier);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    current = Optional.of(new Lease(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()));
                }
            }
        }
        if (current.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO incidentkit_leases (notifier, owner, expires_at) VALUES (?, ?, ?)")) {
                ps.setString(1, notifier);
                ps.setString(2, owner);
                ps.setObject(3, Rows.utc(expiresAt));
                ps.executeUpdate();
            }
            return true;
        }
        Lease lease = current.get();
        if (!lease.owner().equals(owner) && lease.isHeldAt(now)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE incidentkit_leases SET owner = ?, expires_at = ? WHERE notifier = ?")) {
            ps.setString(1, owner);
            ps.setObject(2, Rows.utc(expiresAt));
            ps.setString(3, notifier);
            ps.executeUpdate();
        }
        return true;
    }

    /**
     * A {@code SELECT} of the candidates, then per candidate an {@code UPDATE} that checks again
     * that it is due and unclaimed, in the caller's transaction. A candidate another claimer has
     * updated but not committed holds this one on its row lock; once that commits, H2 evaluates the
     * {@code WHERE} on the row as committed, finds the claim, and updates nothing: the update count
     * decides. The updates go in the order of incident id, as every claimer's do, so that two
     * claimers never wait for each other in a cycle (the order of due times may change meanwhile).
     */
    @Override
    List<EscalationStore.Claim> claimEscalations(Connection c, Instant now, String owner, Instant until, int limit)
            throws SQLException {
        List<String> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT incident_id FROM " + EscalationTable.TABLE + " WHERE "
                + EscalationTable.CLAIMABLE + " " + EscalationTable.CLAIM_ORDER + " LIMIT ?")) {
            ps.setObject(1, Rows.utc(now));
            ps.setObject(2, Rows.utc(now));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
        }
        Collections.sort(due);
        List<EscalationStore.Claim> claims = new ArrayList<>(due.size());
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EscalationTable.columns("") + " FROM FINAL TABLE "
                + "(UPDATE " + EscalationTable.TABLE + " SET claim_owner = ?, claim_until = ?, claim_token = claim_token + 1"
                + " WHERE incident_id = ? AND " + EscalationTable.CLAIMABLE + ")")) {
            for (String incidentId : due) {
                ps.setString(1, owner);
                ps.setObject(2, Rows.utc(until));
                ps.setString(3, incidentId);
                ps.setObject(4, Rows.utc(now));
                ps.setObject(5, Rows.utc(now));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        claims.add(EscalationTable.readClaim(rs, this));
                    }
                }
            }
        }
        return claims;
    }

    @Override
    void addDeadLetter(Connection c, DeadLetter d) throws SQLException {
        // Update in place (seq untouched, so a replaced dead letter keeps its place), else insert;
        // an insert that loses a race to the primary key is tried again by the caller.
        try (PreparedStatement ps = c.prepareStatement("UPDATE incidentkit_dead_letters SET incident_id = ?, "
                + "version = ?, type = ?, attempts = ?, last_error = ?, failed_at = ? WHERE notifier = ? AND event_id = ?")) {
            ps.setString(1, d.incidentId());
            ps.setLong(2, d.version());
            ps.setString(3, d.type());
            ps.setInt(4, d.attempts());
            ps.setString(5, d.lastError());
            ps.setObject(6, Rows.utc(d.failedAt()));
            ps.setString(7, d.notifier());
            ps.setObject(8, d.eventId());
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidentkit_dead_letters (notifier, event_id, incident_id, version, type, attempts, last_error, failed_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            Rows.bindDeadLetter(ps, d);
            ps.executeUpdate();
        }
    }

    /**
     * H2 commits each DDL statement by itself, which would end any lock held by the migrating
     * connection: the lock is a row lock held by a second connection, in a transaction of its own
     * that the DDL does not touch, until the migration is over. A concurrent migrator waits for it
     * (up to H2's LOCK_TIMEOUT).
     */
    @Override
    MigrationLock lockMigrations(Connection c, DataSource dataSource) throws SQLException {
        bootstrap(c, "CREATE TABLE IF NOT EXISTS incidentkit_migration_lock (id INTEGER NOT NULL, "
                + "CONSTRAINT incidentkit_migration_lock_pk PRIMARY KEY (id))");
        bootstrap(c, "MERGE INTO incidentkit_migration_lock l USING (VALUES (1)) s (id) ON l.id = s.id "
                + "WHEN NOT MATCHED THEN INSERT (id) VALUES (1)");
        c.commit();
        Connection holder = dataSource.getConnection();
        try {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement(
                    "SELECT id FROM incidentkit_migration_lock WHERE id = 1 FOR UPDATE");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        } catch (SQLException | RuntimeException e) {
            holder.close();
            throw e;
        }
        return () -> {
            try {
                holder.rollback();
            } finally {
                holder.close();
            }
        };
    }

    /**
     * Runs an idempotent statement that creates what the lock needs. Two migrators racing on it
     * may see H2 fail ("object already exists", a duplicate key) although the other one
     * succeeded; running it again is then a no-op.
     */
    private static void bootstrap(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException first) {
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            } catch (SQLException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
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
