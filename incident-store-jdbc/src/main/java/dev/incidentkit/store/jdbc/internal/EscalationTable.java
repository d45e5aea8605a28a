package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The escalation timers in the JDBC store (schema version 6): one row per escalated incident in
 * {@code incidentkit_escalations}, with the claim on its due step. Each method takes a connection
 * of its own and is one statement, but for a claim on H2, which is one transaction. The claim
 * itself differs between the databases ({@link DialectSql#claimEscalations}); everything else is
 * one conditional {@code INSERT} or {@code UPDATE} whose {@code WHERE} holds the SPI's rule, so
 * that the database decides each race: a step completes only while {@code claim_token} is the
 * claim's and the escalation runs, a hurry only while the step is the one named and due later.
 * Instants are truncated to the microsecond here, before they are bound, so that the database
 * neither rounds them nor compares a finer {@code now} with its whole microseconds. Ids are
 * ordered as {@link String#compareTo} orders them: H2 compares so, and the PostgreSQL column is
 * {@code COLLATE "C"}. Thread-safe.
 */
public final class EscalationTable implements EscalationStore {

    static final String TABLE = "incidentkit_escalations";

    /** The columns {@link #read} reads, in its order; the claim's three last. */
    private static final List<String> COLUMNS = List.of("incident_id", "policy_id", "severity", "triggered_at",
            "round", "level", "due_at", "status", "last_level", "last_paged", "claim_owner", "claim_until",
            "claim_token");

    /** A running escalation that is due and that no one holds a claim on; two parameters: now, now. */
    static final String CLAIMABLE = "status = 'RUNNING' AND due_at <= ? AND (claim_until IS NULL OR claim_until <= ?)";

    /** The claimable ones in the SPI's order, which the index of schema version 6 serves. */
    static final String CLAIM_ORDER = "ORDER BY due_at, incident_id";

    private static final String RUNNING = "RUNNING";

    private static final int MAX_OWNER = 200;

    private final DataSource dataSource;
    private final DialectSql sql;

    /**
     * @param dataSource where connections come from
     * @param dialect the database's dialect
     */
    public EscalationTable(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.sql = DialectSql.of(dialect);
    }

    /** @return the columns, each prefixed by {@code alias} and a dot if it is not empty */
    static String columns(String alias) {
        return alias.isEmpty() ? String.join(", ", COLUMNS)
                : alias + "." + String.join(", " + alias + ".", COLUMNS);
    }

    @Override
    public boolean start(Escalation escalation) {
        Escalation e = micros(escalation);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (" + columns("")
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0)"
                        + sql.ignoringConflict("incident_id"))) {
            int i = 1;
            ps.setString(i++, e.incidentId());
            ps.setString(i++, e.policyId());
            ps.setString(i++, e.severity().name());
            ps.setObject(i++, Rows.utc(e.triggeredAt()));
            ps.setInt(i++, e.round());
            ps.setInt(i++, e.level());
            ps.setObject(i++, Rows.utc(e.at()));
            ps.setString(i++, e.status().name());
            ps.setInt(i++, e.lastLevel());
            ps.setString(i, AlertJson.writeStrings(e.lastPaged()));
            return autoCommitted(c, ps::executeUpdate) > 0;
        } catch (SQLException ex) {
            // Where the dialect cannot skip a taken key, the primary key refuses it: the
            // incident has its escalation already, which is what the SPI asks to report.
            if (SqlErrors.uniqueViolation(ex).isPresent()) {
                return false;
            }
            throw SqlErrors.failure("start the escalation of " + e.incidentId(), ex);
        }
    }

    @Override
    public Optional<Escalation> find(String incidentId) {
        Objects.requireNonNull(incidentId, "incidentId");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + columns("") + " FROM " + TABLE
                        + " WHERE incident_id = ?")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("read the escalation of " + incidentId, e);
        }
    }

    @Override
    public List<Escalation> running(int limit) {
        positive("limit", limit);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + columns("") + " FROM " + TABLE
                        + " WHERE status = '" + RUNNING + "' " + CLAIM_ORDER + " LIMIT ?")) {
            ps.setInt(1, limit);
            List<Escalation> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw SqlErrors.failure("read the running escalations", e);
        }
    }

    @Override
    public List<Claim> claimDue(Instant now, String owner, Duration ttl, int limit) {
        Objects.requireNonNull(now, "now");
        checkOwner(owner);
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        positive("limit", limit);
        Instant at = micros(now);
        Instant until = micros(now.plus(ttl));
        String what = "claim the due escalations for " + owner;
        List<Claim> claims;
        if (sql.claimIsOneStatement()) {
            try (Connection c = dataSource.getConnection()) {
                claims = autoCommitted(c, () -> sql.claimEscalations(c, at, owner, until, limit));
            } catch (SQLException e) {
                throw SqlErrors.failure(what, e);
            }
        } else {
            claims = Transactions.retryingRace(dataSource, what, c -> sql.claimEscalations(c, at, owner, until, limit));
        }
        // The database may give them in another order (the order it locked them in).
        return claims.stream().sorted(Comparator.comparing((Claim c) -> c.escalation().at())
                .thenComparing(c -> c.escalation().incidentId())).toList();
    }

    @Override
    public boolean complete(Claim claim, Escalation next) {
        Objects.requireNonNull(claim, "claim");
        Escalation e = micros(next);
        if (!e.incidentId().equals(claim.escalation().incidentId())) {
            throw new IllegalArgumentException("next must be incident " + claim.escalation().incidentId()
                    + "'s escalation, not " + e.incidentId() + "'s");
        }
        // The policy, severity and start are the escalation's own and never change; the rest is
        // the step's, stored only while the claim holds and the escalation runs.
        return update("store the step of the escalation of " + e.incidentId(), "UPDATE " + TABLE
                + " SET round = ?, level = ?, due_at = ?, status = ?, last_level = ?, last_paged = ?,"
                + " claim_owner = NULL, claim_until = NULL"
                + " WHERE incident_id = ? AND claim_token = ? AND claim_owner = ? AND status = '" + RUNNING + "'",
                ps -> {
                    int i = 1;
                    ps.setInt(i++, e.round());
                    ps.setInt(i++, e.level());
                    ps.setObject(i++, Rows.utc(e.at()));
                    ps.setString(i++, e.status().name());
                    ps.setInt(i++, e.lastLevel());
                    ps.setString(i++, AlertJson.writeStrings(e.lastPaged()));
                    ps.setString(i++, e.incidentId());
                    ps.setLong(i++, claim.token());
                    ps.setString(i, claim.owner());
                }) > 0;
    }

    @Override
    public void release(Claim claim) {
        Objects.requireNonNull(claim, "claim");
        String incidentId = claim.escalation().incidentId();
        update("release the claim on the escalation of " + incidentId, "UPDATE " + TABLE
                + " SET claim_owner = NULL, claim_until = NULL"
                + " WHERE incident_id = ? AND claim_token = ? AND claim_owner IS NOT NULL", ps -> {
                    ps.setString(1, incidentId);
                    ps.setLong(2, claim.token());
                });
    }

    @Override
    public boolean acknowledge(String incidentId, Instant when) {
        Objects.requireNonNull(incidentId, "incidentId");
        Instant w = micros(Objects.requireNonNull(when, "when"));
        // An acknowledgment before the escalation started (clocks of two processes apart) is
        // taken as at its start, which Escalation requires of it. A new token, so that a claim
        // held on it is stale in every respect, not only by the status.
        return update("acknowledge the escalation of " + incidentId, "UPDATE " + TABLE
                + " SET status = 'ACKNOWLEDGED', due_at = CASE WHEN triggered_at > ? THEN triggered_at ELSE ? END,"
                + " claim_owner = NULL, claim_until = NULL, claim_token = claim_token + 1"
                + " WHERE incident_id = ? AND status = '" + RUNNING + "'", ps -> {
                    ps.setObject(1, Rows.utc(w));
                    ps.setObject(2, Rows.utc(w));
                    ps.setString(3, incidentId);
                }) > 0;
    }

    @Override
    public boolean hurry(String incidentId, int round, int level, Instant when) {
        Objects.requireNonNull(incidentId, "incidentId");
        Instant w = micros(Objects.requireNonNull(when, "when"));
        // The claim, if any, stays: a process that holds the step takes it with its new time.
        return update("bring forward the escalation of " + incidentId, "UPDATE " + TABLE + " SET due_at = ?"
                + " WHERE incident_id = ? AND status = '" + RUNNING + "' AND round = ? AND level = ?"
                + " AND due_at > ? AND triggered_at <= ?", ps -> {
                    ps.setObject(1, Rows.utc(w));
                    ps.setString(2, incidentId);
                    ps.setInt(3, round);
                    ps.setInt(4, level);
                    ps.setObject(5, Rows.utc(w));
                    ps.setObject(6, Rows.utc(w));
                }) > 0;
    }

    @Override
    public Optional<Instant> nextDue() {
        // The soonest step no claim holds past its time, by the due index (it stops at the first),
        // and the soonest of those a claim holds, by the claim index (claims are few): a claim held
        // past the step's time makes the step claimable when the claim lapses. Neither reads every
        // running row, so a tick's cost does not grow with the escalations that run.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT MIN(t) FROM ("
                        + "(SELECT due_at AS t FROM " + TABLE + " WHERE status = '" + RUNNING + "'"
                        + " AND (claim_until IS NULL OR claim_until <= due_at) ORDER BY due_at, incident_id LIMIT 1)"
                        + " UNION ALL (SELECT MIN(CASE WHEN claim_until > due_at THEN claim_until ELSE due_at END) FROM "
                        + TABLE + " WHERE status = '" + RUNNING + "' AND claim_until IS NOT NULL)) soonest");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Optional.ofNullable(sql.instant(rs, 1));
        } catch (SQLException e) {
            throw SqlErrors.failure("read when the next escalation step is due", e);
        }
    }

    /** Reads a row selected as {@link #columns}, with its claim. */
    static Claim readClaim(ResultSet rs, DialectSql sql) throws SQLException {
        return new Claim(read(rs, sql), rs.getString(11), rs.getLong(13), sql.instant(rs, 12));
    }

    private Escalation read(ResultSet rs) throws SQLException {
        return read(rs, sql);
    }

    private static Escalation read(ResultSet rs, DialectSql sql) throws SQLException {
        return new Escalation(rs.getString(2), rs.getString(1), Severity.valueOf(rs.getString(3)), sql.instant(rs, 4),
                rs.getInt(5), rs.getInt(6), sql.instant(rs, 7), Escalation.Status.valueOf(rs.getString(8)),
                rs.getInt(9), AlertJson.readStrings(rs.getString(10), "last_paged"));
    }

    /** Parameters of a statement. */
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Runs one write statement, auto-committed; returns the rows it changed. */
    private int update(String what, String statement, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            binder.bind(ps);
            return autoCommitted(c, ps::executeUpdate);
        } catch (SQLException e) {
            throw SqlErrors.failure(what, e);
        }
    }

    /** Work of one statement, which is its own transaction. */
    private interface OneStatement<T> {
        T run() throws SQLException;
    }

    /**
     * Runs one statement in auto-commit, whatever mode the pool hands the connection out in: the
     * statement is atomic by itself, and an explicit transaction would only add its COMMIT.
     */
    private static <T> T autoCommitted(Connection c, OneStatement<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        if (!autoCommit) {
            c.setAutoCommit(true);
        }
        try {
            return work.run();
        } finally {
            Transactions.restoreAutoCommit(c, autoCommit);
        }
    }

    private static Escalation micros(Escalation e) {
        Objects.requireNonNull(e, "escalation");
        return new Escalation(e.policyId(), e.incidentId(), e.severity(), micros(e.triggeredAt()), e.round(),
                e.level(), micros(e.at()), e.status(), e.lastLevel(), e.lastPaged());
    }

    private static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    private static void checkOwner(String owner) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isEmpty() || owner.length() > MAX_OWNER || owner.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("owner must be 1 to " + MAX_OWNER + " characters on one line: " + owner);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
