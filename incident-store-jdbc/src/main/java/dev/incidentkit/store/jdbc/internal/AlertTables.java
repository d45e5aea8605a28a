package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertCounts;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.AlertStatus;
import dev.incidentkit.core.alert.Silence;
import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The alert state in the JDBC store (schema version 5): {@code incidentkit_alerts}, {@code
 * incidentkit_alert_groups}, {@code incidentkit_alert_admissions} and {@code
 * incidentkit_silences}. Each method takes a connection of its own and is one transaction (or one
 * statement). A decision locks the row it decides on with {@code SELECT ... FOR UPDATE}, so that
 * every process on the database sees the same order; when there is no row to lock, two first
 * writers race on the primary key and the loser's transaction runs again ({@link
 * Transactions#retryingRace}), finding the winner's row. The SQL is the same for H2 and
 * PostgreSQL but for the order of ids, which {@link DialectSql#binary} makes String.compareTo's.
 * Thread-safe.
 */
public final class AlertTables implements AlertStore {

    private static final String ALERTS = "incidentkit_alerts";
    private static final String GROUPS = "incidentkit_alert_groups";

    /** The columns {@link #readAlert} reads, in its order. */
    private static final String ALERT_COLUMNS = "alert_id, source, dedup_key, status, summary, severity, labels, "
            + "annotations, links, starts_at, first_seen, last_seen, repeats, resolved_at, incident_id, suppressed_by";

    private static final String SILENCE_COLUMNS = "id, kind, matchers, service, starts_at, ends_at, created_by, comment";

    private final javax.sql.DataSource dataSource;
    private final DialectSql sql;

    /**
     * @param dataSource where connections come from
     * @param dialect the database's dialect
     */
    public AlertTables(javax.sql.DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.sql = DialectSql.of(dialect);
    }

    /** An alert row, locked, and when its claim ends (null when no one routes it). */
    private record Locked(Alert alert, Instant claimUntil) {}

    @Override
    public Received receiveFiring(String newId, AlertDetails details, Instant now, Optional<String> suppressedBy,
            Instant claimUntil) {
        Objects.requireNonNull(newId, "newId");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(suppressedBy, "suppressedBy");
        Objects.requireNonNull(claimUntil, "claimUntil");
        return Transactions.retryingRace(dataSource, "receive alert " + details.dedupKey() + " of " + details.source(),
                c -> {
                    Optional<Locked> row = lockAlert(c, details.source(), details.dedupKey());
                    if (row.isEmpty() || row.get().alert().status() == AlertStatus.RESOLVED) {
                        Alert alert = new Alert(newId, details, AlertStatus.FIRING, now, now, 1, Optional.empty(),
                                Optional.empty(), suppressedBy);
                        Instant claim = suppressedBy.isPresent() ? null : claimUntil;
                        if (row.isEmpty()) {
                            insertAlert(c, alert, claim);
                        } else {
                            replaceAlert(c, alert, claim);
                        }
                        return new Received(suppressedBy.isPresent() ? Received.Kind.SUPPRESSED : Received.Kind.NEW,
                                alert);
                    }
                    Alert a = row.get().alert();
                    Instant held = row.get().claimUntil();
                    boolean orphaned = a.incidentId().isEmpty() && !a.suppressed()
                            && (held == null || held.isBefore(now));
                    Alert repeated = new Alert(a.id(), a.details(), a.status(), a.firstSeen(), now, a.repeats() + 1,
                            a.resolvedAt(), a.incidentId(), a.suppressedBy());
                    try (PreparedStatement ps = c.prepareStatement("UPDATE " + ALERTS
                            + " SET repeats = ?, last_seen = ?, claim_until = ? WHERE source = ? AND dedup_key = ?")) {
                        ps.setLong(1, repeated.repeats());
                        ps.setObject(2, Rows.utc(now));
                        setInstant(ps, 3, orphaned ? claimUntil : held);
                        ps.setString(4, details.source());
                        ps.setString(5, details.dedupKey());
                        ps.executeUpdate();
                    }
                    Received.Kind kind = a.suppressed() ? Received.Kind.SUPPRESSED
                            : orphaned ? Received.Kind.CLAIMED : Received.Kind.REPEAT;
                    return new Received(kind, repeated);
                });
    }

    private Optional<Locked> lockAlert(Connection c, String source, String dedupKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ALERT_COLUMNS + ", claim_until FROM " + ALERTS
                + " WHERE source = ? AND dedup_key = ? FOR UPDATE")) {
            ps.setString(1, source);
            ps.setString(2, dedupKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Locked(readAlert(rs), instant(rs, 17))) : Optional.empty();
            }
        }
    }

    private static void insertAlert(Connection c, Alert a, Instant claimUntil) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ALERTS + " (" + ALERT_COLUMNS
                + ", claim_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindAlert(ps, a);
            setInstant(ps, 17, claimUntil);
            ps.executeUpdate();
        }
    }

    /** Replaces the row of a resolved alert with a new episode. */
    private static void replaceAlert(Connection c, Alert a, Instant claimUntil) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + ALERTS + " SET alert_id = ?, source = ?, "
                + "dedup_key = ?, status = ?, summary = ?, severity = ?, labels = ?, annotations = ?, links = ?, "
                + "starts_at = ?, first_seen = ?, last_seen = ?, repeats = ?, resolved_at = ?, incident_id = ?, "
                + "suppressed_by = ?, claim_until = ? WHERE source = ? AND dedup_key = ?")) {
            bindAlert(ps, a);
            setInstant(ps, 17, claimUntil);
            ps.setString(18, a.details().source());
            ps.setString(19, a.details().dedupKey());
            ps.executeUpdate();
        }
    }

    /** Binds an alert to parameters 1 to 16, in the order of {@link #ALERT_COLUMNS}. */
    private static void bindAlert(PreparedStatement ps, Alert a) throws SQLException {
        AlertDetails d = a.details();
        ps.setString(1, a.id());
        ps.setString(2, d.source());
        ps.setString(3, d.dedupKey());
        ps.setString(4, a.status().wireName());
        ps.setString(5, d.summary());
        ps.setString(6, d.severity());
        ps.setString(7, AlertJson.writeMap(d.labels()));
        ps.setString(8, AlertJson.writeMap(d.annotations()));
        ps.setString(9, AlertJson.writeMap(d.links()));
        ps.setObject(10, Rows.utc(d.startsAt()));
        ps.setObject(11, Rows.utc(a.firstSeen()));
        ps.setObject(12, Rows.utc(a.lastSeen()));
        ps.setLong(13, a.repeats());
        setInstant(ps, 14, a.resolvedAt().orElse(null));
        setString(ps, 15, a.incidentId());
        setString(ps, 16, a.suppressedBy());
    }

    /** Reads columns 1 to 16, selected as {@link #ALERT_COLUMNS}. */
    private static Alert readAlert(ResultSet rs) throws SQLException {
        AlertDetails details = new AlertDetails(rs.getString(2), rs.getString(3), rs.getString(5), rs.getString(6),
                AlertJson.readMap(rs.getString(7), "labels"), AlertJson.readMap(rs.getString(8), "annotations"),
                AlertJson.readMap(rs.getString(9), "links"), instant(rs, 10));
        return new Alert(rs.getString(1), details, AlertStatus.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                instant(rs, 11), instant(rs, 12), rs.getLong(13), Optional.ofNullable(instant(rs, 14)),
                Optional.ofNullable(rs.getString(15)), Optional.ofNullable(rs.getString(16)));
    }

    @Override
    public Optional<Alert> receiveResolved(String source, String dedupKey, Instant now) {
        Objects.requireNonNull(now, "now");
        return Transactions.retryingRace(dataSource, "resolve alert " + dedupKey + " of " + source, c -> {
            Optional<Locked> row = lockAlert(c, source, dedupKey);
            if (row.isEmpty() || row.get().alert().status() != AlertStatus.FIRING) {
                return Optional.empty();
            }
            Alert a = row.get().alert();
            Alert resolved = new Alert(a.id(), a.details(), AlertStatus.RESOLVED, a.firstSeen(), now, a.repeats(),
                    Optional.of(now), a.incidentId(), a.suppressedBy());
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + ALERTS + " SET status = ?, resolved_at = ?, "
                    + "last_seen = ?, claim_until = NULL WHERE source = ? AND dedup_key = ?")) {
                ps.setString(1, AlertStatus.RESOLVED.wireName());
                ps.setObject(2, Rows.utc(now));
                ps.setObject(3, Rows.utc(now));
                ps.setString(4, source);
                ps.setString(5, dedupKey);
                ps.executeUpdate();
            }
            return Optional.of(resolved);
        });
    }

    @Override
    public Optional<Alert> find(String source, String dedupKey) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dedupKey, "dedupKey");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + ALERT_COLUMNS + " FROM " + ALERTS
                        + " WHERE source = ? AND dedup_key = ?")) {
            ps.setString(1, source);
            ps.setString(2, dedupKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readAlert(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("read alert " + dedupKey + " of " + source, e);
        }
    }

    @Override
    public boolean attach(String alertId, String incidentId) {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(incidentId, "incidentId");
        return update("attach alert " + alertId + " to " + incidentId, "UPDATE " + ALERTS
                + " SET incident_id = ?, claim_until = NULL WHERE alert_id = ?", incidentId, alertId) > 0;
    }

    @Override
    public long firingCount(String incidentId) {
        Objects.requireNonNull(incidentId, "incidentId");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + ALERTS
                        + " WHERE incident_id = ? AND status = ?")) {
            ps.setString(1, incidentId);
            ps.setString(2, AlertStatus.FIRING.wireName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("count the firing alerts of " + incidentId, e);
        }
    }

    @Override
    public GroupDecision group(String groupKey, Instant now, Instant staleBefore, String newClaimId, Instant claimUntil) {
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(staleBefore, "staleBefore");
        Objects.requireNonNull(newClaimId, "newClaimId");
        Objects.requireNonNull(claimUntil, "claimUntil");
        return Transactions.retryingRace(dataSource, "decide alert group " + groupKey, c -> {
            String claimId = null;
            Instant held = null;
            String incidentId = null;
            Instant lastAlert = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT claim_id, claim_until, incident_id, last_alert_at FROM "
                    + GROUPS + " WHERE group_key = ? FOR UPDATE")) {
                ps.setString(1, groupKey);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        claimId = rs.getString(1);
                        held = instant(rs, 2);
                        incidentId = rs.getString(3);
                        lastAlert = instant(rs, 4);
                    }
                }
            }
            if (claimId == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + GROUPS
                        + " (group_key, claim_id, claim_until, incident_id, last_alert_at) VALUES (?, ?, ?, NULL, ?)")) {
                    ps.setString(1, groupKey);
                    ps.setString(2, newClaimId);
                    ps.setObject(3, Rows.utc(claimUntil));
                    ps.setObject(4, Rows.utc(now));
                    ps.executeUpdate();
                }
                return new GroupDecision.Claimed(newClaimId);
            }
            if (incidentId != null && !lastAlert.isBefore(staleBefore)) {
                updateGroup(c, groupKey, "last_alert_at = ?", now);
                return new GroupDecision.Join(incidentId);
            }
            if (incidentId == null) {
                if (!held.isBefore(now)) {
                    return new GroupDecision.Wait();
                }
                updateGroup(c, groupKey, "claim_until = ?, last_alert_at = ?", claimUntil, now);
                return new GroupDecision.Claimed(claimId);
            }
            // Stale: a new group under the new claim id.
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + GROUPS + " SET claim_id = ?, claim_until = ?, "
                    + "incident_id = NULL, last_alert_at = ? WHERE group_key = ?")) {
                ps.setString(1, newClaimId);
                ps.setObject(2, Rows.utc(claimUntil));
                ps.setObject(3, Rows.utc(now));
                ps.setString(4, groupKey);
                ps.executeUpdate();
            }
            return new GroupDecision.Claimed(newClaimId);
        });
    }

    private static void updateGroup(Connection c, String groupKey, String set, Instant... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + GROUPS + " SET " + set + " WHERE group_key = ?")) {
            int i = 1;
            for (Instant v : values) {
                ps.setObject(i++, Rows.utc(v));
            }
            ps.setString(i, groupKey);
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<String> groupIncident(String groupKey, Instant staleBefore) {
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(staleBefore, "staleBefore");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT incident_id FROM " + GROUPS
                        + " WHERE group_key = ? AND last_alert_at >= ?")) {
            ps.setString(1, groupKey);
            ps.setObject(2, Rows.utc(staleBefore));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("read alert group " + groupKey, e);
        }
    }

    @Override
    public boolean groupDeclared(String groupKey, String claimId, String incidentId) {
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(incidentId, "incidentId");
        return update("record the incident of alert group " + groupKey, "UPDATE " + GROUPS
                + " SET incident_id = ? WHERE group_key = ? AND claim_id = ?", incidentId, groupKey, claimId) > 0;
    }

    @Override
    public void releaseGroup(String groupKey, String incidentId) {
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(incidentId, "incidentId");
        update("release alert group " + groupKey, "DELETE FROM " + GROUPS + " WHERE group_key = ? AND incident_id = ?",
                groupKey, incidentId);
    }

    @Override
    public boolean admitIncident(String source, Instant minute, int limit) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(minute, "minute");
        if (limit < 1) {
            return false;
        }
        return Transactions.retryingRace(dataSource, "count an incident of " + source + " for the storm limit", c -> {
            Integer admitted = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT admitted FROM incidentkit_alert_admissions "
                    + "WHERE source = ? AND minute_start = ? FOR UPDATE")) {
                ps.setString(1, source);
                ps.setObject(2, Rows.utc(minute));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        admitted = rs.getInt(1);
                    }
                }
            }
            if (admitted != null && admitted >= limit) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(admitted == null
                    ? "INSERT INTO incidentkit_alert_admissions (admitted, source, minute_start) VALUES (?, ?, ?)"
                    : "UPDATE incidentkit_alert_admissions SET admitted = ? WHERE source = ? AND minute_start = ?")) {
                ps.setInt(1, admitted == null ? 1 : admitted + 1);
                ps.setString(2, source);
                ps.setObject(3, Rows.utc(minute));
                ps.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public void saveSilence(Silence silence) {
        Objects.requireNonNull(silence, "silence");
        Transactions.retryingRace(dataSource, "save silence " + silence.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM incidentkit_silences WHERE id = ?")) {
                ps.setString(1, silence.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidentkit_silences (" + SILENCE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, silence.id());
                ps.setString(2, silence.kind().name().toLowerCase(Locale.ROOT));
                ps.setString(3, AlertJson.writeMatchers(silence.matchers()));
                setString(ps, 4, silence.service());
                ps.setObject(5, Rows.utc(silence.startsAt()));
                ps.setObject(6, Rows.utc(silence.endsAt()));
                ps.setString(7, silence.createdBy().name());
                ps.setString(8, silence.comment());
                ps.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public List<Silence> silences() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + SILENCE_COLUMNS + " FROM incidentkit_silences "
                        + "ORDER BY starts_at DESC, " + sql.binary("id"))) {
            List<Silence> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Silence(rs.getString(1), Silence.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                            AlertJson.readMatchers(rs.getString(3)), Optional.ofNullable(rs.getString(4)),
                            instant(rs, 5), instant(rs, 6), Actor.of(rs.getString(7)), rs.getString(8)));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw SqlErrors.failure("read the silences", e);
        }
    }

    @Override
    public List<Alert> alerts(AlertQuery query) {
        Objects.requireNonNull(query, "query");
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        query.incidentId().ifPresent(id -> {
            where.append(" AND incident_id = ?");
            args.add(id);
        });
        query.source().ifPresent(s -> {
            where.append(" AND source = ?");
            args.add(s);
        });
        if (query.state().isPresent()) {
            where.append(switch (query.state().get()) {
                case FIRING -> " AND status = 'firing' AND suppressed_by IS NULL";
                case RESOLVED -> " AND status = 'resolved'";
                case SUPPRESSED -> " AND suppressed_by IS NOT NULL";
            });
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + ALERT_COLUMNS + " FROM " + ALERTS + where
                        + " ORDER BY last_seen DESC, " + sql.binary("alert_id") + " LIMIT ?")) {
            int i = 1;
            for (String arg : args) {
                ps.setString(i++, arg);
            }
            ps.setInt(i, query.limit());
            List<Alert> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readAlert(rs));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw SqlErrors.failure("list alerts", e);
        }
    }

    @Override
    public AlertCounts counts(Instant since) {
        Objects.requireNonNull(since, "since");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), SUM(repeats), "
                        + "SUM(CASE WHEN status = 'firing' THEN 1 ELSE 0 END), COUNT(suppressed_by), "
                        + "COUNT(incident_id), COUNT(DISTINCT incident_id) FROM " + ALERTS + " WHERE first_seen >= ?")) {
            ps.setObject(1, Rows.utc(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                // SUM of no rows is NULL, which getLong reads as 0.
                return new AlertCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6));
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("count alerts", e);
        }
    }

    /** Runs one write statement of string parameters, auto-committed; returns the rows it changed. */
    private int update(String what, String statement, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.failure(what, e);
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, Rows.utc(value));
        }
    }

    private static void setString(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
