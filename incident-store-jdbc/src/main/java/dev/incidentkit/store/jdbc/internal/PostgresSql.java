package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.sql.DataSource;

/**
 * PostgreSQL: appends run in parallel, each taking positions from an identity column and stamping
 * its rows with its transaction id ({@code xid8}). A position is taken at INSERT but visible only
 * at COMMIT, so positions commit out of order; readers therefore order by {@code (tx_id, position)}
 * and stop before the oldest transaction still running ({@code pg_snapshot_xmin}): every
 * transaction below it has ended, and every one that commits later has a greater id. An append
 * that attaches alerts also locks their rows (in key order), so it may wait for a receive of them.
 */
final class PostgresSql extends DialectSql {

    /** The advisory lock that serializes migrators: "IncKit" in ASCII. */
    private static final long MIGRATION_LOCK = 0x496e634b6974L;

    private static final String COLUMNS = "position, CAST(CAST(tx_id AS text) AS bigint) AS commit_order, "
            + Rows.RECORD_COLUMNS;

    /** The fence: the oldest transaction id still running when the statement's snapshot was taken. */
    private static final String FENCE = "(SELECT pg_snapshot_xmin(pg_current_snapshot()))";

    @Override
    String scriptFolder() {
        return "postgresql";
    }

    @Override
    String selectColumns() {
        return COLUMNS;
    }

    /** {@link #append} is one statement: see {@link #appendSql}. */
    @Override
    boolean appendIsOneStatement() {
        return true;
    }

    /**
     * The append's SQL of each shape (events, command ids) up to {@link #CACHED_SHAPE} of each,
     * built once: the same text each time also lets PgJDBC find its server-prepared statement
     * without hashing and comparing a new 3 KB string. Two threads may both build a missing text;
     * either copy serves, since they are equal.
     */
    private final AtomicReferenceArray<String> appendSql = new AtomicReferenceArray<>(CACHED_SHAPE * CACHED_SHAPE);

    private static final int CACHED_SHAPE = 16;

    private String appendSql(int events, int commandIds, int attachedAlerts) {
        if (events > CACHED_SHAPE || commandIds >= CACHED_SHAPE || attachedAlerts > 0) {
            return buildAppendSql(events, commandIds, attachedAlerts);
        }
        int slot = (events - 1) * CACHED_SHAPE + commandIds;
        String sql = appendSql.get(slot);
        if (sql == null) {
            sql = buildAppendSql(events, commandIds, 0);
            appendSql.set(slot, sql);
        }
        return sql;
    }

    /**
     * One statement, one round trip, one transaction (run in auto-commit: see {@link
     * DialectSql#appendIsOneStatement}): the version check, the events, the command ids and the
     * summary together, and the attachment of the alerts that its {@code incident.alert_attached}
     * events name. The rows go in only if the stream has an event at expectedVersion (the
     * WHERE does not depend on the row, so all or none); the command ids, the summary and the
     * alerts only if the events did. The SQL depends on the batch size and the numbers of command
     * ids and alerts only; every value is a parameter.
     */
    private String buildAppendSql(int events, int commandIds, int attachedAlerts) {
        StringBuilder sql = new StringBuilder(4_096).append("WITH ins AS (INSERT INTO " + EVENTS + " ("
                + Rows.RECORD_COLUMNS + ") SELECT * FROM (VALUES ");
        for (int i = 0; i < events; i++) {
            sql.append(i == 0 ? "(" : ", (").append(Rows.RECORD_PLACEHOLDERS).append(')');
        }
        sql.append(") AS v (" + Rows.RECORD_COLUMNS + ") WHERE CAST(? AS bigint) = 0 OR EXISTS (SELECT 1 FROM " + EVENTS
                + " WHERE incident_id = ? AND version = ?) RETURNING version, position, "
                + "CAST(CAST(tx_id AS text) AS bigint) AS commit_order)");
        if (commandIds > 0) {
            sql.append(", cmd AS (INSERT INTO incidentkit_commands (command_id, incident_id, version) "
                    + "SELECT c.command_id, CAST(? AS text), CAST(? AS bigint) FROM (VALUES ");
            for (int i = 0; i < commandIds; i++) {
                sql.append(i == 0 ? "(CAST(? AS text))" : ", (CAST(? AS text))");
            }
            sql.append(") AS c (command_id) WHERE EXISTS (SELECT 1 FROM ins))");
        }
        if (attachedAlerts > 0) {
            // The rows locked first, in the order a receive locks them (lk is read by att only).
            sql.append(", lk AS (").append(AlertTables.lockInKeyOrderSql(attachedAlerts, this)).append(')')
                    .append(", att AS (UPDATE incidentkit_alerts SET incident_id = ?, claim_until = NULL WHERE alert_id IN ")
                    .append("(SELECT alert_id FROM lk) AND EXISTS (SELECT 1 FROM ins))");
        }
        sql.append(", sm AS (").append(UPSERT_SUMMARY_SELECT).append(" WHERE EXISTS (SELECT 1 FROM ins) ")
                .append(ON_CONFLICT_REPLACE).append(')');
        sql.append(" SELECT version, position, commit_order FROM ins");
        return sql.toString();
    }

    @Override
    Optional<List<StoredEvent>> append(Connection c, String incidentId, long expectedVersion, List<EventRecord> events,
            Set<String> commandIds, List<String> attachedAlerts, IncidentSummary summary) throws SQLException {
        String sql = appendSql(events.size(), commandIds.size(), attachedAlerts.size());
        Map<Long, LogPosition> positions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            for (EventRecord e : events) {
                p = Rows.bind(ps, p, e);
            }
            ps.setLong(p++, expectedVersion);
            ps.setString(p++, incidentId);
            ps.setLong(p++, expectedVersion);
            if (!commandIds.isEmpty()) {
                ps.setString(p++, incidentId);
                ps.setLong(p++, events.get(events.size() - 1).version());
                for (String commandId : commandIds) {
                    ps.setString(p++, commandId);
                }
            }
            for (String alertId : attachedAlerts) {
                ps.setString(p++, alertId);
            }
            if (!attachedAlerts.isEmpty()) {
                ps.setString(p++, incidentId);
            }
            SummaryTable.bind(c, ps, p, summary, "text");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    positions.put(rs.getLong(1), new LogPosition(rs.getLong(3), rs.getLong(2)));
                }
            }
        }
        if (positions.isEmpty()) {
            return Optional.empty();
        }
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (EventRecord e : events) {
            LogPosition position = positions.get(e.version());
            if (position == null) {
                throw new StoreException("PostgreSQL did not return the position of version " + e.version()
                        + " of " + e.incidentId() + ".");
            }
            stored.add(new StoredEvent(position, e));
        }
        return Optional.of(stored);
    }

    /** The summary's values as one row: a SELECT rather than VALUES, so that a WHERE may follow. */
    private static final String UPSERT_SUMMARY_SELECT = "INSERT INTO " + SummaryTable.TABLE + " ("
            + SummaryTable.COLUMN_LIST + ") SELECT " + SummaryTable.PG_TYPED_PLACEHOLDERS;

    private static final String ON_CONFLICT_REPLACE = "ON CONFLICT (id) DO UPDATE SET " + SummaryTable.PG_SET_EXCLUDED;

    /**
     * Three statements in the caller's transaction, under READ COMMITTED (PostgreSQL's default),
     * where each statement sees what committed before it began. An append takes no lock of ours
     * (its unique keys decide its races) but always upserts the summary row in its statement, so
     * it holds that row's lock until it commits; the row lock is what orders a save with an append:
     *
     * <ol>
     *   <li>{@code SELECT ... FOR UPDATE} locks the stored row, waiting for an append that holds it.
     *   <li>The stream's version, read by a statement of its own, after the lock: it sees every
     *       append that committed before. Not at the summary's version: refused.
     *   <li>The upsert. If the row was there, it is locked: an append that started meanwhile waits
     *       for this transaction and then replaces the summary with its own, so the save replaces
     *       whatever is stored, a newer version too. If there was no row, one may have been
     *       inserted since, by an append (a newer version, which must win) or by another save (the
     *       same version): only a row of a version at most the summary's is replaced, as the
     *       upsert finds it once the inserting transaction has committed.
     * </ol>
     *
     * One statement could not tell a summary left ahead of its events by a bug (to be replaced)
     * from one an append committed after the statement's snapshot (to be kept): a subquery of the
     * upsert sees the snapshot, not the append. Under REPEATABLE READ, the lock or the upsert on a
     * row changed after the snapshot fails with a serialization error instead: safe, not silent.
     */
    @Override
    boolean saveSummary(Connection c, IncidentSummary summary) throws SQLException {
        boolean stored;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version FROM " + SummaryTable.TABLE + " WHERE id = ? FOR UPDATE")) {
            ps.setString(1, summary.id());
            try (ResultSet rs = ps.executeQuery()) {
                stored = rs.next();
            }
        }
        if (streamVersion(c, summary.id()) != summary.version()) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_SUMMARY_SELECT + " " + ON_CONFLICT_REPLACE
                + (stored ? "" : " WHERE " + SummaryTable.TABLE + ".version <= EXCLUDED.version"))) {
            SummaryTable.bind(c, ps, 1, summary, "text");
            return ps.executeUpdate() > 0;
        }
    }

    @Override
    String arrayContains(String column) {
        return "CAST(? AS text) = ANY(" + column + ")";
    }

    @Override
    String binary(String column) {
        return column + " COLLATE \"C\"";
    }

    @Override
    List<StoredEvent> readAll(Connection c, LogPosition after, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + EVENTS
                + " WHERE (tx_id, position) > (CAST(CAST(? AS text) AS xid8), ?) AND tx_id < " + FENCE
                + " ORDER BY tx_id, position LIMIT ?")) {
            ps.setLong(1, after.commit());
            ps.setLong(2, after.position());
            ps.setInt(3, limit);
            return events(ps);
        }
    }

    @Override
    LogPosition head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CAST(CAST(tx_id AS text) AS bigint), position FROM "
                + EVENTS + " WHERE tx_id < " + FENCE + " ORDER BY tx_id DESC, position DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new LogPosition(rs.getLong(1), rs.getLong(2)) : LogPosition.START;
        }
    }

    @Override
    long pendingEvents(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + EVENTS + " WHERE tx_id >= " + FENCE);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    long nextIncidentNumber(Connection c, int year) throws SQLException {
        // One statement: the row lock of the upsert serializes concurrent callers, and ON CONFLICT
        // (with its target named) covers two first numbers of a year racing.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidentkit_incident_numbers AS n "
                + "(decl_year, last_number) VALUES (?, 1) "
                + "ON CONFLICT (decl_year) DO UPDATE SET last_number = n.last_number + 1 RETURNING last_number")) {
            ps.setInt(1, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    void saveCheckpoint(Connection c, String name, LogPosition position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidentkit_checkpoints "
                + "(name, commit_order, position, updated_at) VALUES (?, ?, ?, now()) ON CONFLICT (name) DO UPDATE "
                + "SET commit_order = EXCLUDED.commit_order, position = EXCLUDED.position, updated_at = now()")) {
            ps.setString(1, name);
            ps.setLong(2, position.commit());
            ps.setLong(3, position.position());
            ps.executeUpdate();
        }
    }

    @Override
    boolean acquireLease(Connection c, String notifier, String owner, Instant now, Instant expiresAt)
            throws SQLException {
        // One statement: a free lease is inserted; a stored one is taken over only when it is the
        // caller's own or has lapsed, under the row lock of the upsert. ON CONFLICT names its
        // target, so two first takers racing end in one insert and one update decided by the WHERE.
        // A row comes back only when the caller holds the lease.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidentkit_leases AS l (notifier, owner, expires_at) "
                + "VALUES (?, ?, ?) ON CONFLICT (notifier) DO UPDATE "
                + "SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at "
                + "WHERE l.owner = EXCLUDED.owner OR l.expires_at <= ? RETURNING owner")) {
            ps.setString(1, notifier);
            ps.setString(2, owner);
            ps.setObject(3, Rows.utc(expiresAt));
            ps.setObject(4, Rows.utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * One statement: the due rows are locked in the SPI's order by {@code SELECT ... FOR UPDATE
     * SKIP LOCKED}, which passes over rows another claimer (or a completion) holds rather than
     * waiting for them, and which, for a row that changed since the statement began, evaluates the
     * {@code WHERE} again on the row as committed, so that a claim committed meanwhile is seen;
     * the {@code UPDATE} of the same statement then claims what was locked, {@code RETURNING} it.
     * The partial index of schema version 6 gives the order without a sort.
     */
    @Override
    List<EscalationStore.Claim> claimEscalations(Connection c, Instant now, String owner, Instant until, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH due AS (SELECT incident_id FROM "
                + EscalationTable.TABLE + " WHERE " + EscalationTable.CLAIMABLE + " " + EscalationTable.CLAIM_ORDER
                + " LIMIT ? FOR UPDATE SKIP LOCKED) UPDATE " + EscalationTable.TABLE + " AS e"
                + " SET claim_owner = ?, claim_until = ?, claim_token = e.claim_token + 1"
                + " FROM due WHERE e.incident_id = due.incident_id RETURNING " + EscalationTable.columns("e"))) {
            ps.setObject(1, Rows.utc(now));
            ps.setObject(2, Rows.utc(now));
            ps.setInt(3, limit);
            ps.setString(4, owner);
            ps.setObject(5, Rows.utc(until));
            List<EscalationStore.Claim> claims = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claims.add(EscalationTable.readClaim(rs, this));
                }
            }
            return claims;
        }
    }

    @Override
    boolean claimIsOneStatement() {
        return true;
    }

    @Override
    String ignoringConflict(String key) {
        return " ON CONFLICT (" + key + ") DO NOTHING";
    }

    @Override
    void addDeadLetter(Connection c, DeadLetter d) throws SQLException {
        // seq is not in the SET list: a replaced dead letter keeps its place.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidentkit_dead_letters (notifier, event_id, incident_id, version, type, attempts, last_error, failed_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (notifier, event_id) DO UPDATE SET "
                + "incident_id = EXCLUDED.incident_id, version = EXCLUDED.version, type = EXCLUDED.type, "
                + "attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, failed_at = EXCLUDED.failed_at")) {
            Rows.bindDeadLetter(ps, d);
            ps.executeUpdate();
        }
    }

    @Override
    MigrationLock lockMigrations(Connection c, DataSource dataSource) throws SQLException {
        // Held until the migration's transaction ends; DDL is transactional on PostgreSQL, so
        // the whole migration is one unit under it.
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, MIGRATION_LOCK);
            ps.executeQuery().close();
        }
        return () -> { };
    }

    @Override
    String createSchemaVersionTable() {
        return "CREATE TABLE IF NOT EXISTS incidentkit_schema_version ("
                + "version integer NOT NULL, "
                + "description text NOT NULL, "
                + "applied_at timestamptz NOT NULL DEFAULT now(), "
                + "CONSTRAINT incidentkit_schema_version_pk PRIMARY KEY (version))";
    }

    /**
     * Refuses a database restored into another cluster: its stored transaction ids are then ahead
     * of the ones new appends get, which would sort new events before old ones and make readers
     * skip them.
     */
    @Override
    void checkAfterMigration(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RESTORED_ELSEWHERE);
                ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getBoolean(1)) {
                throw restoredElsewhere();
            }
        }
    }

    /** The schema version and the check above, in one query: a store opening a current database runs only this. */
    @Override
    String currentSchemaQuery() {
        return "SELECT MAX(version), COUNT(*), " + RESTORED_ELSEWHERE + " FROM incidentkit_schema_version";
    }

    @Override
    void checkCurrent(ResultSet row) throws SQLException {
        if (row.getBoolean(3)) {
            throw restoredElsewhere();
        }
    }

    /** True if the newest stored transaction id is ahead of the cluster's; null (false) for an empty log. */
    private static final String RESTORED_ELSEWHERE = "(SELECT max(tx_id) >= pg_snapshot_xmax(pg_current_snapshot()) FROM "
            + EVENTS + ")";

    private static StoreException restoredElsewhere() {
        return new StoreException("The events table holds transaction ids ahead of this PostgreSQL cluster's "
                + "(restored from another cluster?); readers of the global order would skip new events. "
                + "See 'Restoring into a new cluster' in the incident-store-jdbc README.");
    }
}
