package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.DuplicateEventException;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The JDBC event store's operations, each on a connection of its own from the {@link DataSource},
 * closed before it returns. Appends are one transaction each; the database's unique keys, not a
 * lock of ours, decide every race, and a violated key is read back into the SPI's typed error.
 */
public final class EventLog {

    private static final String EVENTS = DialectSql.EVENTS;

    /** How often an upsert that lost a race for a new row is tried again (H2 only can lose one). */
    private static final int UPSERT_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final DialectSql sql;
    private final String selectEvents;

    /**
     * @param dataSource where connections come from
     * @param dialect the database's dialect
     */
    public EventLog(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.sql = DialectSql.of(dialect);
        this.selectEvents = "SELECT " + sql.selectColumns() + " FROM " + EVENTS;
    }

    /** Applies the missing migrations; see {@link Migrator}. */
    public int migrate() {
        return new Migrator(dataSource, sql).migrate();
    }

    /** @return the schema version of the database, 0 before the first migration */
    public int schemaVersion() {
        return new Migrator(dataSource, sql).schemaVersion();
    }

    /** The SPI's append: see {@link dev.incidentkit.core.spi.EventStore#append}. */
    public AppendResult append(String incidentId, long expectedVersion, List<EventRecord> events) {
        checkBatch(incidentId, expectedVersion, events);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                AppendResult result = appendIn(c, incidentId, expectedVersion, events);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollback(c, e);
                Optional<SQLException> unique = SqlErrors.uniqueViolation(e);
                if (unique.isEmpty()) {
                    throw e;
                }
                // A concurrent append won a unique key. It has committed (both databases wait
                // for the other transaction before they report the violation), so reading again
                // tells which rule of the SPI we broke, in the SPI's order.
                c.setAutoCommit(true);
                return explain(c, incidentId, expectedVersion, events, unique.get());
            } catch (RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw SqlErrors.appendFailure(incidentId, e);
        }
    }

    private AppendResult appendIn(Connection c, String incidentId, long expectedVersion, List<EventRecord> events)
            throws SQLException {
        long lastPosition = sql.lockLog(c, events.size());
        StreamState state = state(c, incidentId, expectedVersion, events.get(0).eventId());
        if (state.firstEventStored()) {
            return alreadyStored(c, events);
        }
        if (!state.expectedVersionStored()) {
            throw new ConcurrencyConflictException(incidentId, expectedVersion, version(c, incidentId));
        }
        // The stream has reached expectedVersion; whether it went further, the unique key on
        // (incident_id, version) tells at INSERT, as it does for a concurrent append. Nor are the
        // other event ids and the command ids checked here: their unique keys refuse a duplicate,
        // and explain() names it. The common case costs one point lookup per key, no scan.
        List<StoredEvent> stored = sql.insert(c, events, lastPosition);
        Set<String> commandIds = commandIds(events);
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
        return new AppendResult(stored, false);
    }

    /** After a unique violation: the SPI's answer, checked in the SPI's order. */
    private AppendResult explain(Connection c, String incidentId, long expectedVersion, List<EventRecord> events,
            SQLException violation) throws SQLException {
        StreamState state = state(c, incidentId, expectedVersion, events.get(0).eventId());
        if (state.firstEventStored()) {
            return alreadyStored(c, events);
        }
        long actual = version(c, incidentId);
        if (actual != expectedVersion) {
            throw new ConcurrencyConflictException(incidentId, expectedVersion, actual);
        }
        for (EventRecord e : events) {
            if (isStored(c, e.eventId())) {
                throw new DuplicateEventException(e.eventId());
            }
        }
        for (String commandId : commandIds(events)) {
            if (findCommand(c, commandId).isPresent()) {
                throw new DuplicateCommandException(commandId);
            }
        }
        // Nothing visible explains it: fall back on the constraint the database named.
        switch (SqlErrors.constraint(violation)) {
            case STREAM_VERSION:
                throw new ConcurrencyConflictException(incidentId, expectedVersion, -1);
            case EVENT_ID:
                throw new DuplicateEventException(events.get(0).eventId());
            case COMMAND_ID:
                throw new DuplicateCommandException(events.get(0).commandId().orElse("?"));
            default:
                throw SqlErrors.appendFailure(incidentId, violation);
        }
    }

    private boolean isStored(Connection c, UUID eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + EVENTS + " WHERE event_id = ?")) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private record StreamState(boolean expectedVersionStored, boolean firstEventStored) {}

    /**
     * Whether the stream has an event at {@code expectedVersion} (trivially so for 0) and whether
     * the batch's first event is stored, read in one statement: one snapshot, so that an
     * identical append committing in between cannot be seen half, which would turn a safe retry
     * into a conflict. Both are point lookups in unique indexes.
     */
    private static StreamState state(Connection c, String incidentId, long expectedVersion, UUID firstEventId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM " + EVENTS
                + " WHERE incident_id = ? AND version = ?), (SELECT COUNT(*) FROM " + EVENTS + " WHERE event_id = ?)")) {
            ps.setString(1, incidentId);
            ps.setLong(2, expectedVersion);
            ps.setObject(3, firstEventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new StreamState(expectedVersion == 0 || rs.getLong(1) > 0, rs.getLong(2) > 0);
            }
        }
    }

    /** The stream's version: for the message of a conflict, off the common path. */
    private static long version(Connection c, String incidentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(version), 0) FROM " + EVENTS + " WHERE incident_id = ?")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The batch was appended before: return what is stored if every event is the same, else refuse. */
    private AppendResult alreadyStored(Connection c, List<EventRecord> events) throws SQLException {
        List<StoredEvent> stored = new ArrayList<>(events.size());
        try (PreparedStatement ps = c.prepareStatement(selectEvents + " WHERE event_id = ?")) {
            for (EventRecord e : events) {
                ps.setObject(1, e.eventId());
                List<StoredEvent> found = DialectSql.events(ps);
                if (found.isEmpty() || !found.get(0).record().equals(e)) {
                    throw new DuplicateEventException(e.eventId());
                }
                stored.add(found.get(0));
            }
        }
        return new AppendResult(stored, true);
    }

    private static Set<String> commandIds(List<EventRecord> events) {
        Set<String> ids = new LinkedHashSet<>();
        for (EventRecord e : events) {
            e.commandId().ifPresent(ids::add);
        }
        return ids;
    }

    /** The SPI's readStream. */
    public List<StoredEvent> readStream(String incidentId, long afterVersion) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(selectEvents + " WHERE incident_id = ? AND version > ? ORDER BY version")) {
            ps.setString(1, incidentId);
            ps.setLong(2, afterVersion);
            return DialectSql.events(ps);
        } catch (SQLException e) {
            throw SqlErrors.failure("read the events of " + incidentId, e);
        }
    }

    /** The SPI's readAll. */
    public List<StoredEvent> readAll(LogPosition after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        try (Connection c = dataSource.getConnection()) {
            return sql.readAll(c, after, limit);
        } catch (SQLException e) {
            throw SqlErrors.failure("read the global order after " + after, e);
        }
    }

    /** The SPI's head. */
    public LogPosition head() {
        try (Connection c = dataSource.getConnection()) {
            return sql.head(c);
        } catch (SQLException e) {
            throw SqlErrors.failure("read the head of the global order", e);
        }
    }

    /** Committed events that readAll holds back behind a transaction still open. */
    public long pendingEvents() {
        try (Connection c = dataSource.getConnection()) {
            return sql.pendingEvents(c);
        } catch (SQLException e) {
            throw SqlErrors.failure("count the events held back from readers", e);
        }
    }

    /** The SPI's nextIncidentNumber. */
    public long nextIncidentNumber(int year) {
        return upsert("take the next incident number of " + year, c -> sql.nextIncidentNumber(c, year));
    }

    /** The SPI's findCommand. */
    public Optional<CommandRecord> findCommand(String commandId) {
        try (Connection c = dataSource.getConnection()) {
            return findCommand(c, commandId);
        } catch (SQLException e) {
            throw SqlErrors.failure("look up command " + commandId, e);
        }
    }

    private static Optional<CommandRecord> findCommand(Connection c, String commandId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT incident_id, version FROM incidentkit_commands WHERE command_id = ?")) {
            ps.setString(1, commandId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new CommandRecord(commandId, rs.getString(1), rs.getLong(2)))
                        : Optional.empty();
            }
        }
    }

    /** The SPI's checkpoint. */
    public Optional<LogPosition> checkpoint(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT commit_order, position FROM incidentkit_checkpoints WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new LogPosition(rs.getLong(1), rs.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("read checkpoint " + name, e);
        }
    }

    /** The SPI's saveCheckpoint. */
    public void saveCheckpoint(String name, LogPosition position) {
        upsert("save checkpoint " + name, c -> {
            sql.saveCheckpoint(c, name, position);
            return 0L;
        });
    }

    private interface Work {
        long run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in a transaction of its own, again when it lost the race to insert a new row. */
    private long upsert(String what, Work work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (int attempt = 1; ; attempt++) {
                    try {
                        long result = work.run(c);
                        c.commit();
                        return result;
                    } catch (SQLException e) {
                        rollback(c, e);
                        if (attempt >= UPSERT_ATTEMPTS || SqlErrors.uniqueViolation(e).isEmpty()) {
                            throw e;
                        }
                    } catch (RuntimeException e) {
                        rollback(c, e);
                        throw e;
                    }
                }
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw SqlErrors.failure(what, e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is likely gone, which rolls back as well; keep the first failure.
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            if (!c.isClosed() && c.getAutoCommit() != autoCommit) {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // Closing the connection follows; a pool resets or discards it.
        }
    }

    private static void checkBatch(String incidentId, long expectedVersion, List<EventRecord> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one event");
        }
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must not be negative: " + expectedVersion);
        }
        long version = expectedVersion;
        for (EventRecord e : events) {
            if (!e.incidentId().equals(incidentId)) {
                throw new IllegalArgumentException("event " + e.eventId() + " belongs to " + e.incidentId()
                        + ", not to " + incidentId);
            }
            if (e.version() != ++version) {
                throw new IllegalArgumentException("event " + e.eventId() + " has version " + e.version()
                        + " where " + version + " was expected");
            }
        }
    }
}
