package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.format.SnapshotFormat;
import dev.incidentkit.core.metrics.IncidentFacts;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.query.PageCursor;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.spi.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The read model's table, {@code incidentkit_summaries} (schema versions 3 and 4): how a summary
 * becomes a row, how a row becomes a summary again (and its facts, {@link FactsColumns}), and how an {@link IncidentQuery} becomes SQL that
 * selects and orders exactly as {@link IncidentQuery#matches}, {@link IncidentQuery#isAfterCursor}
 * and {@link IncidentQuery#comparator} do. The upserts differ by dialect and live in {@link
 * DialectSql}.
 */
final class SummaryTable {

    static final String TABLE = "incidentkit_summaries";

    /** A column and its PostgreSQL type, which a parameter in a {@code SELECT} list must be cast to. */
    private record Column(String name, String pgType) {}

    /** In the order {@link #bind} sets them: version 3's, then version 4's ({@link FactsColumns}). */
    private static final List<Column> COLUMNS = columns(
            new Column("id", "text"), new Column("title", "text"), new Column("title_key", "text"),
            new Column("severity_level", "integer"), new Column("status", "text"), new Column("active", "boolean"),
            new Column("service", "text"), new Column("correlated_services", "text[]"),
            new Column("role_holders", "text[]"), new Column("commander", "text"),
            new Column("impact_started_at", "timestamptz"), new Column("detected_at", "timestamptz"),
            new Column("declared_at", "timestamptz"), new Column("acknowledged_at", "timestamptz"),
            new Column("identified_at", "timestamptz"), new Column("mitigated_at", "timestamptz"),
            new Column("resolved_at", "timestamptz"), new Column("closed_at", "timestamptz"),
            new Column("last_changed_at", "timestamptz"), new Column("version", "bigint"),
            new Column("snapshot_format", "integer"), new Column("snapshot", "text"));

    private static List<Column> columns(Column... version3) {
        List<Column> all = new ArrayList<>(List.of(version3));
        FactsColumns.ADDED.forEach(c -> all.add(new Column(c[0], c[1])));
        return List.copyOf(all);
    }

    /** The column names, in {@link #bind}'s order. */
    static final String COLUMN_LIST = join(c -> c.name());

    /** One plain placeholder per column. */
    static final String PLACEHOLDERS = join(c -> "?");

    /** One placeholder per column, cast to its PostgreSQL type (for a {@code SELECT} list, which has no target type). */
    static final String PG_TYPED_PLACEHOLDERS = join(c -> "CAST(? AS " + c.pgType() + ")");

    /** {@code col = EXCLUDED.col} for every column but the key: PostgreSQL's upsert. */
    static final String PG_SET_EXCLUDED = String.join(", ", COLUMNS.subList(1, COLUMNS.size()).stream()
            .map(c -> c.name() + " = EXCLUDED." + c.name()).toList());

    /** What a read selects: {@link #read} takes these. */
    private static final String READ = "SELECT id, snapshot_format, snapshot, last_changed_at FROM " + TABLE;

    private SummaryTable() {}

    private interface Naming {
        String of(Column c);
    }

    private static String join(Naming naming) {
        StringJoiner j = new StringJoiner(", ");
        COLUMNS.forEach(c -> j.add(naming.of(c)));
        return j.toString();
    }

    /**
     * Binds a summary to the columns, from parameter {@code first} on.
     *
     * @param arrayType the element type name the driver wants for {@link Connection#createArrayOf}
     * @return the next free parameter index
     */
    static int bind(Connection c, PreparedStatement ps, int first, IncidentSummary s, String arrayType)
            throws SQLException {
        Incident incident = s.incident();
        Milestones m = incident.milestones();
        int i = first;
        ps.setString(i++, incident.id());
        ps.setString(i++, incident.title());
        ps.setString(i++, s.titleKey());
        ps.setInt(i++, incident.severity().level());
        ps.setString(i++, incident.status().name());
        ps.setBoolean(i++, IncidentQuery.activeStatuses().contains(incident.status()));
        ps.setString(i++, incident.service());
        ps.setArray(i++, c.createArrayOf(arrayType, incident.correlatedServices().toArray()));
        ps.setArray(i++, c.createArrayOf(arrayType, s.roleHolders().toArray()));
        setOptional(ps, i++, s.commander(), Types.VARCHAR);
        ps.setObject(i++, Rows.utc(m.impactStartedAt()));
        ps.setObject(i++, Rows.utc(m.detectedAt()));
        ps.setObject(i++, Rows.utc(m.declaredAt()));
        for (Optional<Instant> t : List.of(m.acknowledgedAt(), m.identifiedAt(), m.mitigatedAt(), m.resolvedAt(),
                m.closedAt())) {
            setOptional(ps, i++, t.map(Rows::utc), Types.TIMESTAMP_WITH_TIMEZONE);
        }
        ps.setObject(i++, Rows.utc(s.lastChangedAt()));
        ps.setLong(i++, incident.version());
        ps.setInt(i++, SnapshotFormat.VERSION);
        ps.setString(i++, SnapshotFormat.encode(incident));
        return FactsColumns.bind(ps, i, IncidentFacts.of(incident));
    }

    private static void setOptional(PreparedStatement ps, int i, Optional<?> value, int sqlType) throws SQLException {
        if (value.isPresent()) {
            ps.setObject(i, value.get());
        } else {
            ps.setNull(i, sqlType);
        }
    }

    /** What a read does with a row it cannot read: makes the incident's summary some other way. */
    interface Unreadable {
        /**
         * @param incidentId the row's incident
         * @param problem why the row cannot be read, a clause for a message
         * @return the incident's summary
         */
        IncidentSummary summaryOf(Connection c, String incidentId, String problem) throws SQLException;
    }

    /** The SPI's summary, on the caller's connection. */
    static Optional<IncidentSummary> find(Connection c, String incidentId, Unreadable unreadable) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ + " WHERE id = ?")) {
            ps.setString(1, incidentId);
            List<IncidentSummary> found = readAll(c, ps, unreadable);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** The SPI's findSummaries: one indexed statement, filters, keyset and order in SQL. */
    static List<IncidentSummary> find(Connection c, DialectSql sql, IncidentQuery query, int limit,
            Unreadable unreadable) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder text = new StringBuilder(READ).append(where(sql, query, true, parameters));
        String direction = query.direction() == SortDirection.ASCENDING ? "ASC" : "DESC";
        String column = sortColumn(query);
        text.append(" ORDER BY ").append(column).append(' ').append(direction).append(", id ").append(direction)
                .append(" FETCH FIRST ? ROWS ONLY");
        parameters.add(limit);
        try (PreparedStatement ps = c.prepareStatement(text.toString())) {
            setAll(ps, parameters);
            return readAll(c, ps, unreadable);
        }
    }

    /**
     * The SPI's findFacts: the statement of {@link #find(Connection, DialectSql, IncidentQuery, int,
     * Unreadable)} with the facts' columns in place of the snapshot, which is never read.
     */
    static List<IncidentFacts> findFacts(Connection c, DialectSql sql, IncidentQuery query, int limit,
            Unreadable unreadable) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder text = new StringBuilder(FactsColumns.SELECT).append(where(sql, query, true, parameters));
        String direction = query.direction() == SortDirection.ASCENDING ? "ASC" : "DESC";
        text.append(" ORDER BY ").append(sortColumn(query)).append(' ').append(direction).append(", id ")
                .append(direction).append(" FETCH FIRST ? ROWS ONLY");
        parameters.add(limit);
        List<IncidentFacts> out = new ArrayList<>(Math.min(limit, 1_024));
        List<UnreadFacts> unread = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(text.toString())) {
            setAll(ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(FactsColumns.read(rs, sql));
                    } catch (IllegalArgumentException | NullPointerException e) {
                        // ValidationException (an actor name) is an IllegalArgumentException too.
                        unread.add(new UnreadFacts(out.size(), rs.getString(1),
                                "its facts columns do not read: " + e.getMessage()));
                        out.add(null);
                    }
                }
            }
        }
        // Folded once the result set is closed, on the same connection, as an unreadable summary is.
        for (UnreadFacts u : unread) {
            out.set(u.index(), FactsColumns.fallback(c, u.incidentId(), u.problem(), unreadable));
        }
        return out;
    }

    /** A row whose facts did not read: its place in the page, its incident, why. */
    private record UnreadFacts(int index, String incidentId, String problem) {}

    /** The SPI's countSummaries. */
    static long count(Connection c, DialectSql sql, IncidentQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM " + TABLE + where(sql, query, false, parameters))) {
            setAll(ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The WHERE clause of a query. The SQL depends on which filters are set and how many values
     * each holds, never on the values: those are parameters. The one literal is {@code active}, so
     * that PostgreSQL's partial index matches whatever plan it caches.
     */
    private static String where(DialectSql sql, IncidentQuery q, boolean withCursor, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (!q.statuses().isEmpty()) {
            Set<Status> active = IncidentQuery.activeStatuses();
            boolean allActive = active.containsAll(q.statuses());
            if (allActive || Collections.disjoint(active, q.statuses())) {
                conditions.add(allActive ? "active = TRUE" : "active = FALSE");
            }
            if (!q.statuses().equals(active)) {
                conditions.add("status IN (" + placeholders(q.statuses().size()) + ")");
                q.statuses().stream().map(Status::name).sorted().forEach(parameters::add);
            }
        }
        if (!q.severities().isEmpty()) {
            conditions.add(sql.indexedInList("severity_level", q.severities().size()));
            q.severities().stream().map(Severity::level).sorted().forEach(parameters::add);
        }
        q.service().ifPresent(service -> {
            conditions.add("(service = ? OR " + sql.arrayContains("correlated_services") + ")");
            parameters.add(service);
            parameters.add(service);
        });
        q.declaredFrom().ifPresent(from -> {
            conditions.add("declared_at >= ?");
            parameters.add(Rows.utc(ceilMicros(from)));
        });
        q.declaredBefore().ifPresent(before -> {
            conditions.add("declared_at < ?");
            parameters.add(Rows.utc(ceilMicros(before)));
        });
        q.titleKey().ifPresent(key -> {
            // A substring test on the key core folded: never LOWER, never LIKE (whose % and _
            // in the user's text would be wildcards).
            conditions.add("POSITION(? IN title_key) > 0");
            parameters.add(key);
        });
        q.commander().ifPresent(name -> {
            conditions.add("commander = ?");
            parameters.add(name);
        });
        q.roleHolder().ifPresent(name -> {
            conditions.add(sql.arrayContains("role_holders"));
            parameters.add(name);
        });
        if (withCursor && q.after().isPresent()) {
            PageCursor cursor = q.after().get();
            conditions.add("(" + sortColumn(q) + ", id) " + (q.direction() == SortDirection.ASCENDING ? ">" : "<")
                    + " (?, ?)");
            parameters.add(sortParameter(q, cursor.value()));
            parameters.add(cursor.incidentId());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String sortColumn(IncidentQuery q) {
        return switch (q.sortKey()) {
            case DECLARED -> "declared_at";
            case SEVERITY -> "severity_level";
            case LAST_CHANGE -> "last_changed_at";
        };
    }

    /** A cursor's value ({@link IncidentQuery#sortValue}) as the sort column holds it. */
    private static Object sortParameter(IncidentQuery q, long value) {
        return switch (q.sortKey()) {
            case DECLARED, LAST_CHANGE -> Rows.utc(Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
                    Math.floorMod(value, 1_000_000L) * 1_000L));
            case SEVERITY -> value;
        };
    }

    /**
     * The stored instants are whole microseconds, so comparing them with the next whole
     * microsecond at or after {@code t} is exactly comparing them with {@code t}; the database
     * would round a finer {@code t} instead, either way.
     */
    static Instant ceilMicros(Instant t) {
        Instant down = t.truncatedTo(ChronoUnit.MICROS);
        return down.equals(t) ? t : down.plus(1, ChronoUnit.MICROS);
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static void setAll(PreparedStatement ps, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            ps.setObject(i + 1, parameters.get(i));
        }
    }

    /** A row selected by {@link #READ}, as stored. */
    private record Row(String id, int format, String snapshot, Instant lastChangedAt) {}

    private static List<IncidentSummary> readAll(Connection c, PreparedStatement ps, Unreadable unreadable)
            throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()));
            }
        }
        // Decoded once the result set is closed: a row that cannot be read has its events read
        // on the same connection.
        List<IncidentSummary> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(read(c, row, unreadable));
        }
        return out;
    }

    /**
     * A row's summary, or {@code unreadable}'s when the row is in a snapshot format this library
     * does not read (never misread as its own) or its snapshot does not decode.
     */
    private static IncidentSummary read(Connection c, Row row, Unreadable unreadable) throws SQLException {
        if (row.format() != SnapshotFormat.VERSION) {
            return unreadable.summaryOf(c, row.id(), "its snapshot is in format " + row.format() + ", which "
                    + (row.format() > SnapshotFormat.VERSION ? "a newer IncidentKit wrote" : "no IncidentKit writes")
                    + "; this one reads format " + SnapshotFormat.VERSION);
        }
        try {
            return new IncidentSummary(SnapshotFormat.decode(row.snapshot()), row.lastChangedAt());
        } catch (ValidationException | IllegalArgumentException | NullPointerException e) {
            // ValidationException is what decode documents; a snapshot that decodes into values an
            // incident refuses is as unreadable.
            return unreadable.summaryOf(c, row.id(), "its snapshot does not decode: " + e.getMessage());
        }
    }

    /**
     * The SPI's incidentIds. Every stream has exactly one event at version 1, so its rows are the
     * ids without a DISTINCT; {@link DialectSql#binary} makes the order String.compareTo's.
     */
    static List<String> incidentIds(Connection c, DialectSql sql, String after, int limit) throws SQLException {
        String id = sql.binary("incident_id");
        try (PreparedStatement ps = c.prepareStatement("SELECT incident_id FROM " + DialectSql.EVENTS
                + " WHERE version = 1 AND " + id + " > ? ORDER BY " + id + " FETCH FIRST ? ROWS ONLY")) {
            ps.setString(1, after);
            ps.setInt(2, limit);
            List<String> ids = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /**
     * Fills the table from the event log, in the caller's transaction: the summary of every stream
     * as {@link IncidentSummary#of} folds it, saved as {@link DialectSql#saveSummary} saves it: only
     * if the stream is still at the version folded when it is saved.
     * A stream that does not fold (tampered data) is left without a summary, which the manager's
     * read-model check reports; one bad stream must not keep every process from opening the store.
     *
     * @return how many summaries were written
     */
    static long fill(Connection c, DialectSql sql) throws SQLException {
        long written = 0;
        String after = "";
        for (List<String> ids = incidentIds(c, sql, after, 1_000); !ids.isEmpty();
                ids = incidentIds(c, sql, after, 1_000)) {
            for (String id : ids) {
                List<StoredEvent> stream;
                try (PreparedStatement ps = c.prepareStatement("SELECT " + sql.selectColumns() + " FROM "
                        + DialectSql.EVENTS + " WHERE incident_id = ? ORDER BY version")) {
                    ps.setString(1, id);
                    stream = DialectSql.events(ps);
                }
                IncidentSummary summary;
                try {
                    summary = IncidentSummary.of(stream);
                } catch (RuntimeException e) {
                    System.getLogger(SummaryTable.class.getName()).log(System.Logger.Level.WARNING,
                            "Schema version 3 wrote no summary for " + id + ", whose events do not fold ("
                                    + e.getMessage() + "); IncidentManager.verifyReadModel reports it.");
                    continue;
                }
                if (sql.saveSummary(c, summary)) {
                    written++;
                }
            }
            after = ids.get(ids.size() - 1);
        }
        return written;
    }
}
