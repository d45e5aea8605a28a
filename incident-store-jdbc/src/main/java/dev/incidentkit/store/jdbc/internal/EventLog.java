package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.DuplicateEventException;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.metrics.IncidentFacts;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.AlertStore;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC event store's operations, each on a connection of its own from the {@link DataSource},
 * closed before it returns. Appends are one transaction each; the database's unique keys, not a
 * lock of ours, decide every race, and a violated key is read back into the SPI's typed error.
 */
public final class EventLog {

    private static final String EVENTS = DialectSql.EVENTS;
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final DataSource dataSource;
    private final DialectSql sql;
    private final String selectEvents;
    private final AtomicLong summaryFallbacks = new AtomicLong();
    /** The incidents whose unreadable summary was logged already. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

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
    public AppendResult append(String incidentId, long expectedVersion, List<EventRecord> events,
            IncidentSummary summary) {
        checkBatch(incidentId, expectedVersion, events);
        IncidentSummary.requireFor(incidentId, events, summary);
        // A dialect whose append is one statement runs it in auto-commit: the statement is its
        // own transaction, all or nothing, committed (and on PostgreSQL flushed) before the call
        // returns; an explicit transaction would only add a round trip for its COMMIT.
        boolean oneStatement = sql.appendIsOneStatement();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(oneStatement);
            try {
                Optional<AppendResult> result = appendIn(c, incidentId, expectedVersion, events, summary);
                if (result.isPresent()) {
                    if (!oneStatement) {
                        c.commit();
                    }
                    return result.get();
                }
                // The stream has not reached expectedVersion: a retry of an earlier append, or a
                // conflict. Say which, in the SPI's order. (Nothing was written.)
                if (!oneStatement) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                return explain(c, incidentId, expectedVersion, events, Optional.empty());
            } catch (SQLException e) {
                if (!oneStatement) {
                    Transactions.rollback(c, e);
                }
                Optional<SQLException> unique = SqlErrors.uniqueViolation(e);
                if (unique.isEmpty()) {
                    throw e;
                }
                // A concurrent append won a unique key. It has committed (both databases wait
                // for the other transaction before they report the violation), so reading again
                // tells which rule of the SPI we broke, in the SPI's order.
                c.setAutoCommit(true);
                return explain(c, incidentId, expectedVersion, events, unique);
            } catch (RuntimeException e) {
                if (!oneStatement) {
                    Transactions.rollback(c, e);
                }
                throw e;
            } finally {
                Transactions.restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw SqlErrors.appendFailure(incidentId, e);
        }
    }

    /**
     * The common case in as few statements as the dialect allows (see {@link DialectSql#append}).
     * Everything else is left to the unique keys: a stream that went further than {@code
     * expectedVersion}, a retry of a stored batch, a stored event or command id all fail the
     * INSERT, and {@link #explain} names the rule.
     *
     * @return the stored events, or empty if the stream has not reached {@code expectedVersion}
     */
    private Optional<AppendResult> appendIn(Connection c, String incidentId, long expectedVersion,
            List<EventRecord> events, IncidentSummary summary) throws SQLException {
        return sql.append(c, incidentId, expectedVersion, events, commandIds(events), AlertStore.attachedBy(events),
                summary)
                .map(stored -> new AppendResult(stored, false));
    }

    /**
     * After an append that did not go through: the SPI's answer, checked in the SPI's order.
     *
     * @param violation the unique violation that stopped it, if one did
     */
    private AppendResult explain(Connection c, String incidentId, long expectedVersion, List<EventRecord> events,
            Optional<SQLException> violation) throws SQLException {
        if (isStored(c, events.get(0).eventId())) {
            return alreadyStored(c, events);
        }
        long actual = DialectSql.streamVersion(c, incidentId);
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
        if (violation.isEmpty()) {
            // The version lookup missed, the reread finds it: a concurrent append moved the
            // stream in between. Still a conflict for this caller.
            throw new ConcurrencyConflictException(incidentId, expectedVersion, actual);
        }
        // Nothing visible explains it: fall back on the constraint the database named.
        switch (SqlErrors.constraint(violation.get())) {
            case STREAM_VERSION:
                throw new ConcurrencyConflictException(incidentId, expectedVersion, -1);
            case EVENT_ID:
                throw new DuplicateEventException(events.get(0).eventId());
            case COMMAND_ID:
                throw new DuplicateCommandException(events.get(0).commandId().orElse("?"));
            default:
                throw SqlErrors.appendFailure(incidentId, violation.get());
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
        try (Connection c = dataSource.getConnection()) {
            return readStream(c, incidentId, afterVersion);
        } catch (SQLException e) {
            throw SqlErrors.failure("read the events of " + incidentId, e);
        }
    }

    private List<StoredEvent> readStream(Connection c, String incidentId, long afterVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(selectEvents + " WHERE incident_id = ? AND version > ? ORDER BY version")) {
            ps.setString(1, incidentId);
            ps.setLong(2, afterVersion);
            return DialectSql.events(ps);
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
        return Transactions.retryingRace(dataSource, "take the next incident number of " + year,
                c -> sql.nextIncidentNumber(c, year));
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
        Transactions.retryingRace(dataSource, "save checkpoint " + name, c -> {
            sql.saveCheckpoint(c, name, position);
            return 0L;
        });
    }

    /** The SPI's summary. */
    public Optional<IncidentSummary> summary(String incidentId) {
        try (Connection c = dataSource.getConnection()) {
            return SummaryTable.find(c, incidentId, this::fold);
        } catch (SQLException e) {
            throw SqlErrors.failure("read the summary of " + incidentId, e);
        }
    }

    /** The SPI's findSummaries. */
    public List<IncidentSummary> findSummaries(IncidentQuery query, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        try (Connection c = dataSource.getConnection()) {
            return SummaryTable.find(c, sql, query, limit, this::fold);
        } catch (SQLException e) {
            throw SqlErrors.failure("find the incidents of " + query, e);
        }
    }

    /** The SPI's findFacts. */
    public List<IncidentFacts> findFacts(IncidentQuery query, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        try (Connection c = dataSource.getConnection()) {
            return SummaryTable.findFacts(c, sql, query, limit, this::fold);
        } catch (SQLException e) {
            throw SqlErrors.failure("find the facts of the incidents of " + query, e);
        }
    }

    /**
     * The summary of an incident whose row cannot be read, folded from its events: one bad row
     * must not fail every list, metrics report and SLA monitor start. Counted, and warned about
     * once per incident (per store, so that a long-lived process does not log it on every read).
     */
    private IncidentSummary fold(Connection c, String incidentId, String problem) throws SQLException {
        summaryFallbacks.incrementAndGet();
        if (warned.add(incidentId)) {
            LOG.warn("The stored summary of {} cannot be read ({}); it is folded from its events on every read "
                    + "until repaired: run IncidentManager.rebuildReadModel().", incidentId, problem);
        }
        List<StoredEvent> stream = readStream(c, incidentId, 0);
        try {
            return IncidentSummary.of(stream);
        } catch (RuntimeException e) {
            throw new StoreException("The stored summary of " + incidentId + " cannot be read (" + problem
                    + "), nor can its events be folded (" + e.getMessage() + "); run IncidentManager.verify("
                    + incidentId + ").", e);
        }
    }

    /** @return how many reads folded an incident from its events because its summary row could not be read */
    public long summaryFallbacks() {
        return summaryFallbacks.get();
    }

    /** The SPI's countSummaries. */
    public long countSummaries(IncidentQuery query) {
        try (Connection c = dataSource.getConnection()) {
            return SummaryTable.count(c, sql, query);
        } catch (SQLException e) {
            throw SqlErrors.failure("count the incidents of " + query, e);
        }
    }

    /** The SPI's saveSummary. */
    public boolean saveSummary(IncidentSummary summary) {
        return Transactions.retryingRace(dataSource, "save the summary of " + summary.id(),
                c -> sql.saveSummary(c, summary));
    }

    /** The SPI's incidentIds. */
    public List<String> incidentIds(String after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        try (Connection c = dataSource.getConnection()) {
            return SummaryTable.incidentIds(c, sql, after, limit);
        } catch (SQLException e) {
            throw SqlErrors.failure("list the incident ids after " + after, e);
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
        Set<UUID> eventIds = new HashSet<>();
        for (EventRecord e : events) {
            if (!eventIds.add(e.eventId())) {
                throw new IllegalArgumentException("event id " + e.eventId() + " appears twice in the batch");
            }
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
