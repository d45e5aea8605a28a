package dev.incidentkit.store.jdbc.internal;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The alert state in the JDBC store (schema version 5): the alerts of {@code incidentkit_alerts}
 * here, the groups and storm counters in {@link AlertGroupTables}, the silences in {@link
 * SilenceTable}. Each method takes a connection of its own and is one transaction (or one
 * statement). A decision locks the rows it decides on with {@code SELECT ... FOR UPDATE}, several
 * in the order of source, then dedup key (as {@link EventLog}'s appends do when they attach alerts:
 * {@link #lockInKeyOrderSql}), so that every process on the database sees the same order and no two
 * transactions wait for each other in a cycle; when there is no row to lock, two first
 * writers race on the primary key and the loser's transaction runs again ({@link
 * Transactions#retryingRace}), finding the winner's row. The SQL is the same for H2 and
 * PostgreSQL but for the order of ids, which {@link DialectSql#binary} makes String.compareTo's.
 * Thread-safe.
 */
public final class AlertTables implements AlertStore {

    private static final String ALERTS = "incidentkit_alerts";

    /** The columns {@link #readAlert} reads, in its order. */
    private static final String ALERT_COLUMNS = "alert_id, source, dedup_key, status, summary, severity, labels, "
            + "annotations, links, starts_at, first_seen, last_seen, repeats, resolved_at, incident_id, suppressed_by";

    private final javax.sql.DataSource dataSource;
    private final DialectSql sql;
    private final AlertGroupTables groups;
    private final SilenceTable silences;

    /**
     * @param dataSource where connections come from
     * @param dialect the database's dialect
     */
    public AlertTables(javax.sql.DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.sql = DialectSql.of(dialect);
        this.groups = new AlertGroupTables(dataSource);
        this.silences = new SilenceTable(dataSource, sql);
    }

    /** A source and dedup key: the primary key of an alert row. */
    private record Key(String source, String dedupKey) implements Comparable<Key> {
        static Key of(AlertDetails d) {
            return new Key(d.source(), d.dedupKey());
        }

        @Override
        public int compareTo(Key o) {
            int c = source.compareTo(o.source);
            return c != 0 ? c : dedupKey.compareTo(o.dedupKey);
        }
    }

    /**
     * One transaction: the stored rows locked at once, each alert decided in order by the rule
     * of {@link Incoming#receive}, and each row written once, new ones inserted in key order.
     */
    @Override
    public List<Received> receiveFiring(List<Incoming> incoming, Instant now, Instant claimUntil) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(claimUntil, "claimUntil");
        if (incoming.isEmpty()) {
            return List.of();
        }
        Incoming first = incoming.get(0);
        String what = incoming.size() == 1
                ? "receive alert " + first.details().dedupKey() + " of " + first.details().source()
                : "receive " + incoming.size() + " alerts of " + first.details().source();
        return Transactions.retryingRace(dataSource, what, c -> {
            Map<Key, AlertRow> stored = lockAlerts(c, incoming);
            Map<Key, AlertRow> after = new TreeMap<>();
            List<Received> out = new ArrayList<>(incoming.size());
            for (Incoming in : incoming) {
                Key key = Key.of(in.details());
                AlertRow current = after.containsKey(key) ? after.get(key) : stored.get(key);
                Reception r = in.receive(Optional.ofNullable(current), now, claimUntil);
                after.put(key, r.row());
                out.add(r.received());
            }
            write(c, after, stored.keySet());
            return List.copyOf(out);
        });
    }

    /** Locks the stored rows of the alerts, in key order; those with none are left out. */
    private Map<Key, AlertRow> lockAlerts(Connection c, List<Incoming> incoming) throws SQLException {
        Set<Key> keys = new TreeSet<>();
        for (Incoming in : incoming) {
            keys.add(Key.of(in.details()));
        }
        Map<Key, AlertRow> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(lockByKeys(ALERT_COLUMNS + ", claim_until", keys.size(), sql))) {
            int p = 1;
            for (Key k : keys) {
                ps.setString(p++, k.source());
                ps.setString(p++, k.dedupKey());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Alert a = readAlert(rs);
                    rows.put(Key.of(a.details()), new AlertRow(a, Optional.ofNullable(AlertSql.instant(rs, 17))));
                }
            }
        }
        return rows;
    }

    /** Writes the rows: an update of those stored, an insert of the others (in key order: no two writers wait in a cycle). */
    private static void write(Connection c, Map<Key, AlertRow> rows, Set<Key> stored) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + ALERTS + " (" + ALERT_COLUMNS
                + ", claim_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement update = c.prepareStatement("UPDATE " + ALERTS + " SET alert_id = ?, source = ?, "
                        + "dedup_key = ?, status = ?, summary = ?, severity = ?, labels = ?, annotations = ?, links = ?, "
                        + "starts_at = ?, first_seen = ?, last_seen = ?, repeats = ?, resolved_at = ?, incident_id = ?, "
                        + "suppressed_by = ?, claim_until = ? WHERE source = ? AND dedup_key = ?")) {
            int inserts = 0;
            int updates = 0;
            for (Map.Entry<Key, AlertRow> e : rows.entrySet()) {
                AlertRow row = e.getValue();
                PreparedStatement ps = stored.contains(e.getKey()) ? update : insert;
                bindAlert(ps, row.alert());
                AlertSql.setInstant(ps, 17, row.claimUntil().orElse(null));
                if (ps == update) {
                    ps.setString(18, e.getKey().source());
                    ps.setString(19, e.getKey().dedupKey());
                    updates++;
                } else {
                    inserts++;
                }
                ps.addBatch();
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
            if (updates > 0) {
                update.executeBatch();
            }
        }
    }

    private Optional<Alert> lockAlert(Connection c, String source, String dedupKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ALERT_COLUMNS + " FROM " + ALERTS
                + " WHERE source = ? AND dedup_key = ? FOR UPDATE")) {
            ps.setString(1, source);
            ps.setString(2, dedupKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readAlert(rs)) : Optional.empty();
            }
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
        AlertSql.setInstant(ps, 14, a.resolvedAt().orElse(null));
        AlertSql.setString(ps, 15, a.incidentId());
        AlertSql.setString(ps, 16, a.suppressedBy());
    }

    /** Reads columns 1 to 16, selected as {@link #ALERT_COLUMNS}. */
    private static Alert readAlert(ResultSet rs) throws SQLException {
        AlertDetails details = new AlertDetails(rs.getString(2), rs.getString(3), rs.getString(5), rs.getString(6),
                AlertJson.readMap(rs.getString(7), "labels"), AlertJson.readMap(rs.getString(8), "annotations"),
                AlertJson.readMap(rs.getString(9), "links"), AlertSql.instant(rs, 10));
        return new Alert(rs.getString(1), details, AlertStatus.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                AlertSql.instant(rs, 11), AlertSql.instant(rs, 12), rs.getLong(13),
                Optional.ofNullable(AlertSql.instant(rs, 14)),
                Optional.ofNullable(rs.getString(15)), Optional.ofNullable(rs.getString(16)));
    }

    @Override
    public Optional<Alert> receiveResolved(String source, String dedupKey, Instant now) {
        Objects.requireNonNull(now, "now");
        return Transactions.retryingRace(dataSource, "resolve alert " + dedupKey + " of " + source, c -> {
            Optional<Alert> row = lockAlert(c, source, dedupKey);
            if (row.isEmpty() || row.get().status() != AlertStatus.FIRING) {
                return Optional.empty();
            }
            Alert a = row.get();
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

    /** One transaction: the update locks the rows, so a resolution either came before (and shows) or waits for it. */
    @Override
    public List<Alert> attach(List<String> alertIds, String incidentId) {
        Objects.requireNonNull(incidentId, "incidentId");
        if (alertIds.isEmpty()) {
            return List.of();
        }
        return Transactions.retryingRace(dataSource, "attach " + alertIds.size() + " alerts to " + incidentId, c -> {
            lockInKeyOrder(c, alertIds, sql);
            try (PreparedStatement ps = c.prepareStatement(attachSql(alertIds.size()))) {
                bindAttach(ps, 1, alertIds, incidentId);
                ps.executeUpdate();
            }
            return findAll(c, alertIds);
        });
    }

    /**
     * The UPDATE that attaches alerts, which {@link EventLog}'s appends run too (in their
     * transaction, after {@link #lockInKeyOrderSql}), binding it with {@link #bindAttach}.
     *
     * @param alerts how many alerts it names
     */
    static String attachSql(int alerts) {
        return "UPDATE " + ALERTS + " SET incident_id = ?, claim_until = NULL WHERE alert_id IN (" + "?, ".repeat(alerts - 1)
                + "?)";
    }

    /**
     * Locks alert rows in the order {@link #receiveFiring} locks them (source, then dedup key), so
     * that an append that attaches alerts and a receive of the same alerts never wait for each
     * other in a cycle. Two statements: the rows' keys by their ids, then the rows by their keys,
     * through the primary key's index (H2 locks rows in the order it reads them, whatever the
     * ORDER BY; an index on the ids would give their order).
     */
    static void lockInKeyOrder(Connection c, List<String> alertIds, DialectSql sql) throws SQLException {
        List<String> keys = new ArrayList<>(2 * alertIds.size());
        try (PreparedStatement ps = c.prepareStatement("SELECT source, dedup_key FROM " + ALERTS + " WHERE alert_id IN ("
                + "?, ".repeat(alertIds.size() - 1) + "?)")) {
            for (int i = 0; i < alertIds.size(); i++) {
                ps.setString(i + 1, alertIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                    keys.add(rs.getString(2));
                }
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(lockByKeys("alert_id", keys.size() / 2, sql))) {
            for (int i = 0; i < keys.size(); i++) {
                ps.setString(i + 1, keys.get(i));
            }
            ps.executeQuery().close();
        }
    }

    /**
     * The SELECT that locks alert rows by their keys, through the primary key, in key order: the
     * one order in which every transaction here locks several alert rows.
     *
     * @param columns what it selects
     * @param keys how many keys it names, each bound as source then dedup key
     */
    private static String lockByKeys(String columns, int keys, DialectSql sql) {
        return "SELECT " + columns + " FROM " + ALERTS + " WHERE (source, dedup_key) IN (" + "(?, ?), ".repeat(keys - 1)
                + "(?, ?)) ORDER BY " + sql.binary("source") + ", " + sql.binary("dedup_key") + " FOR UPDATE";
    }

    /**
     * The same as {@link #lockInKeyOrder} in one query, for PostgreSQL's one-statement append, whose
     * lock of the sorted rows follows their order; bound with the alert ids only.
     *
     * @param alerts how many alerts it names
     * @param sql the dialect, for the order of strings
     */
    static String lockInKeyOrderSql(int alerts, DialectSql sql) {
        return "SELECT alert_id FROM " + ALERTS + " WHERE alert_id IN (" + "?, ".repeat(alerts - 1) + "?) ORDER BY "
                + sql.binary("source") + ", " + sql.binary("dedup_key") + " FOR UPDATE";
    }

    /** @return the next parameter's index */
    static int bindAttach(PreparedStatement ps, int first, List<String> alertIds, String incidentId)
            throws SQLException {
        int p = first;
        ps.setString(p++, incidentId);
        for (String id : alertIds) {
            ps.setString(p++, id);
        }
        return p;
    }

    @Override
    public List<Alert> findAll(Collection<String> alertIds) {
        if (alertIds.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return findAll(c, alertIds);
        } catch (SQLException e) {
            throw SqlErrors.failure("read " + alertIds.size() + " alerts", e);
        }
    }

    private static List<Alert> findAll(Connection c, Collection<String> alertIds) throws SQLException {
        List<Alert> out = new ArrayList<>(alertIds.size());
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ALERT_COLUMNS + " FROM " + ALERTS
                + " WHERE alert_id IN (" + "?, ".repeat(alertIds.size() - 1) + "?)")) {
            int p = 1;
            for (String id : alertIds) {
                ps.setString(p++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readAlert(rs));
                }
            }
        }
        return List.copyOf(out);
    }

    @Override
    public void releaseClaim(String alertId) {
        Objects.requireNonNull(alertId, "alertId");
        AlertSql.update(dataSource, "release the claim on alert " + alertId, "UPDATE " + ALERTS
                + " SET claim_until = NULL WHERE alert_id = ? AND incident_id IS NULL", alertId);
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
        return groups.group(groupKey, now, staleBefore, newClaimId, claimUntil);
    }

    @Override
    public Optional<String> groupIncident(String groupKey, Instant staleBefore) {
        return groups.groupIncident(groupKey, staleBefore);
    }

    @Override
    public boolean groupDeclared(String groupKey, String claimId, String incidentId) {
        return groups.groupDeclared(groupKey, claimId, incidentId);
    }

    @Override
    public void releaseGroup(String groupKey, String incidentId) {
        groups.releaseGroup(groupKey, incidentId);
    }

    @Override
    public boolean admitIncident(String source, Instant minute, int limit) {
        return groups.admitIncident(source, minute, limit);
    }

    @Override
    public void saveSilence(Silence silence) {
        silences.save(silence);
    }

    @Override
    public List<Silence> silences() {
        return silences.all();
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
    public AlertCounts counts(Instant from, Instant until) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), SUM(repeats), "
                        + "SUM(CASE WHEN status = 'firing' THEN 1 ELSE 0 END), COUNT(suppressed_by), "
                        + "COUNT(incident_id), COUNT(DISTINCT incident_id) FROM " + ALERTS + " WHERE first_seen >= ? AND first_seen < ?")) {
            ps.setObject(1, Rows.utc(from));
            ps.setObject(2, Rows.utc(until));
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
}
