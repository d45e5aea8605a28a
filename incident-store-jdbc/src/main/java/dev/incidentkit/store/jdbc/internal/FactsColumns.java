package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.format.SnapshotFormat;
import dev.incidentkit.core.metrics.IncidentFacts;
import dev.incidentkit.core.metrics.IncidentFacts.ActionItemTimes;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.StoredEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the metrics read of an incident ({@link IncidentFacts}) in {@code incidentkit_summaries}:
 * the columns schema version 4 added beside the ones version 3 already had (status, severities,
 * services, role holders, milestones), how a summary's facts are bound to them, how a row's facts
 * are read back without its snapshot, and the migration's fill of the new columns. The format of
 * the columns is documented in the V4 scripts.
 */
final class FactsColumns {

    /** The columns of schema version 4, with their PostgreSQL types, in the order {@link #bind} sets them. */
    static final List<String[]> ADDED = List.of(
            new String[] {"peak_severity_level", "integer"}, new String[] {"acknowledged_by", "text"},
            new String[] {"sla_breached", "text[]"}, new String[] {"reopen_count", "integer"},
            new String[] {"action_item_added_at", "bigint[]"}, new String[] {"action_item_completed_at", "bigint[]"});

    /** What {@link #read} takes, in its order: the id, then every fact. */
    static final String SELECT = "SELECT id, status, severity_level, peak_severity_level, service, correlated_services, "
            + "role_holders, impact_started_at, detected_at, declared_at, acknowledged_at, identified_at, mitigated_at, "
            + "resolved_at, closed_at, acknowledged_by, sla_breached, reopen_count, action_item_added_at, "
            + "action_item_completed_at FROM " + SummaryTable.TABLE;

    private FactsColumns() {}

    /**
     * Binds the facts to the columns of {@link #ADDED}, from parameter {@code first} on. An empty
     * set or list is NULL, not an empty array: most incidents have no breach and no action item,
     * and a NULL costs a row nothing but its bit in the null bitmap.
     * The arrays are bound as boxed Java arrays, which both drivers bind as arrays of the
     * column's element type without a type name to agree on.
     *
     * @return the next free parameter index
     */
    static int bind(PreparedStatement ps, int first, IncidentFacts facts) throws SQLException {
        int i = first;
        ps.setInt(i++, facts.peakSeverity().level());
        if (facts.acknowledgedBy().isPresent()) {
            ps.setString(i++, facts.acknowledgedBy().get().name());
        } else {
            ps.setNull(i++, Types.VARCHAR);
        }
        if (facts.slaBreached().isEmpty()) {
            ps.setNull(i++, Types.ARRAY);
        } else {
            ps.setObject(i++, facts.slaBreached().stream().map(Enum::name).toArray(String[]::new));
        }
        ps.setInt(i++, facts.reopenCount());
        List<ActionItemTimes> items = facts.actionItems();
        if (items.isEmpty()) {
            ps.setNull(i++, Types.ARRAY);
            ps.setNull(i++, Types.ARRAY);
        } else {
            Long[] added = new Long[items.size()];
            Long[] completed = new Long[items.size()];
            for (int n = 0; n < items.size(); n++) {
                added[n] = micros(items.get(n).addedAt());
                completed[n] = items.get(n).completedAt().map(FactsColumns::micros).orElse(null);
            }
            ps.setObject(i++, added);
            ps.setObject(i++, completed);
        }
        return i;
    }

    /**
     * Reads the facts of a row selected by {@link #SELECT}.
     *
     * @throws IllegalArgumentException if a value is not one this version writes (a status or
     *     SLA kind it does not know, a severity level out of range, an actor name that is not
     *     one): the caller folds that incident from its events instead
     */
    static IncidentFacts read(ResultSet rs, DialectSql sql) throws SQLException {
        String id = rs.getString(1);
        Status status = Status.valueOf(rs.getString(2));
        Severity severity = severity(rs.getInt(3));
        Severity peak = severity(rs.getInt(4));
        String service = rs.getString(5);
        List<String> correlated = strings(rs.getArray(6));
        Set<Actor> holders = new TreeSet<>();
        for (String name : strings(rs.getArray(7))) {
            holders.add(Actor.of(name));
        }
        Milestones milestones = new Milestones(sql.instant(rs, 8), sql.instant(rs, 9), sql.instant(rs, 10),
                Optional.ofNullable(sql.instant(rs, 11)), Optional.ofNullable(sql.instant(rs, 12)),
                Optional.ofNullable(sql.instant(rs, 13)), Optional.ofNullable(sql.instant(rs, 14)),
                Optional.ofNullable(sql.instant(rs, 15)));
        String acknowledger = rs.getString(16);
        Set<SlaKind> breached = EnumSet.noneOf(SlaKind.class);
        for (String kind : strings(rs.getArray(17))) {
            breached.add(SlaKind.valueOf(kind));
        }
        int reopenCount = rs.getInt(18);
        Object[] added = values(rs.getArray(19));
        Object[] completed = values(rs.getArray(20));
        if (added.length != completed.length) {
            throw new IllegalArgumentException("action_item_added_at has " + added.length
                    + " items, action_item_completed_at " + completed.length);
        }
        List<ActionItemTimes> items = new ArrayList<>(added.length);
        for (int n = 0; n < added.length; n++) {
            items.add(new ActionItemTimes(instant(((Number) added[n]).longValue()),
                    completed[n] == null ? Optional.empty() : Optional.of(instant(((Number) completed[n]).longValue()))));
        }
        return new IncidentFacts(id, status, severity, peak, service, correlated, holders, milestones,
                acknowledger == null ? Optional.empty() : Optional.of(Actor.of(acknowledger)), breached, reopenCount,
                items);
    }

    private static Severity severity(int level) {
        if (level < 1 || level > Severity.values().length) {
            throw new IllegalArgumentException("severity level " + level + " is not 1 to " + Severity.values().length);
        }
        return Severity.values()[level - 1];
    }

    private static Object[] values(Array array) throws SQLException {
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }

    private static List<String> strings(Array array) throws SQLException {
        Object[] values = values(array);
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add((String) v);
        }
        return out;
    }

    /** Microseconds since the epoch: the instants core stores are whole microseconds. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** What a read does with a row whose facts it cannot read: the facts of the incident's summary made some other way. */
    static IncidentFacts fallback(Connection c, String incidentId, String problem, SummaryTable.Unreadable unreadable)
            throws SQLException {
        return IncidentFacts.of(unreadable.summaryOf(c, incidentId, problem).incident());
    }

    /**
     * Schema version 4's fill, in the caller's transaction: the new columns of every row, from the
     * row's snapshot, or, for a snapshot in a format this library does not read (a newer one's),
     * from the fold of the incident's events, as a read of that row would. A row whose snapshot
     * does not decode and whose events do not fold keeps the columns' defaults, which a read
     * refuses (peak severity level 0) and answers from the events, failing as a read of its
     * summary does; the manager's read-model check reports it.
     *
     * @return how many rows were filled
     */
    static long fill(Connection c, DialectSql sql) throws SQLException {
        StringBuilder set = new StringBuilder();
        for (String[] column : ADDED) {
            set.append(set.length() == 0 ? "" : ", ").append(column[0]).append(" = ?");
        }
        long filled = 0;
        String after = "";
        while (true) {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, snapshot_format, snapshot FROM "
                    + SummaryTable.TABLE + " WHERE " + sql.binary("id") + " > ? ORDER BY " + sql.binary("id")
                    + " FETCH FIRST 1000 ROWS ONLY")) {
                ps.setString(1, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), Integer.toString(rs.getInt(2)), rs.getString(3)});
                    }
                }
            }
            if (rows.isEmpty()) {
                return filled;
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE " + SummaryTable.TABLE + " SET " + set + " WHERE id = ?")) {
                for (String[] row : rows) {
                    Optional<IncidentFacts> facts = factsOf(c, sql, row[0], Integer.parseInt(row[1]), row[2]);
                    if (facts.isEmpty()) {
                        continue;
                    }
                    int next = bind(update, 1, facts.get());
                    update.setString(next, row[0]);
                    update.addBatch();
                    filled++;
                }
                update.executeBatch();
            }
            after = rows.get(rows.size() - 1)[0];
        }
    }

    private static Optional<IncidentFacts> factsOf(Connection c, DialectSql sql, String id, int format,
            String snapshot) throws SQLException {
        if (format == SnapshotFormat.VERSION) {
            try {
                return Optional.of(IncidentFacts.of(SnapshotFormat.decode(snapshot)));
            } catch (ValidationException | IllegalArgumentException | NullPointerException e) {
                // Folded below, as a read of the row would.
            }
        }
        List<StoredEvent> stream;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + sql.selectColumns() + " FROM " + DialectSql.EVENTS
                + " WHERE incident_id = ? ORDER BY version")) {
            ps.setString(1, id);
            stream = DialectSql.events(ps);
        }
        try {
            return Optional.of(IncidentFacts.of(IncidentSummary.of(stream).incident()));
        } catch (RuntimeException e) {
            System.getLogger(FactsColumns.class.getName()).log(System.Logger.Level.WARNING,
                    "Schema version 4 could not fill the facts of " + id + ": its snapshot is unreadable and its "
                            + "events do not fold (" + e.getMessage() + "); IncidentManager.verifyReadModel reports it.");
            return Optional.empty();
        }
    }
}
