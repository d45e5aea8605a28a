package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.metrics.IncidentFacts;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.Lease;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.store.jdbc.internal.AlertTables;
import dev.incidentkit.store.jdbc.internal.DeliveryLog;
import dev.incidentkit.store.jdbc.internal.EscalationTable;
import dev.incidentkit.store.jdbc.internal.EventLog;
import dev.incidentkit.store.jdbc.internal.H2FileDataSource;
import dev.incidentkit.store.jdbc.internal.SqlErrors;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The storage SPI over a {@link DataSource}: H2 for an embedded store, PostgreSQL for a store that
 * many processes share.
 *
 * <pre>{@code
 * JdbcEventStore store = JdbcEventStore.builder(dataSource)   // a pooled DataSource in production
 *         .migrate(true)                                        // create or upgrade the tables
 *         .build();
 * IncidentManager incidents = IncidentKit.builder().store(store).build();
 * }</pre>
 *
 * <p>Each call takes a connection from the data source and closes it before it returns; an append
 * is one transaction. Concurrent appends to one incident are decided by the unique key {@code
 * (incident_id, version)}, repeated command ids by the primary key of {@code incidentkit_commands},
 * so that the rules of {@link EventStore} hold across processes, not only across threads. Any
 * failure of the database surfaces as a {@link StoreException} (or one of the SPI's typed
 * subclasses), after which an append has been written entirely or not at all.
 *
 * <p>The global order ({@link #readAll}) never skips an event: on H2 appends are serialized, on
 * PostgreSQL readers are fenced by transaction ids. The module's README explains both.
 *
 * <p>The store is also the notification dispatcher's {@link DeliveryStore} (schema version 2):
 * one lease per notifier in {@code incidentkit_leases}, taken atomically across processes (on
 * PostgreSQL by one {@code INSERT ... ON CONFLICT (notifier) DO UPDATE ... WHERE}, on H2 under a
 * row lock, with the primary key deciding two first takers), and the dead letters in {@code
 * incidentkit_dead_letters}, listed in the order they were first added. Instants are kept to the
 * microsecond, as the database's timestamps hold them.
 *
 * <p>The store keeps the read model (schema version 3) in {@code incidentkit_summaries}, one row
 * per incident: filterable columns computed from the incident, and the whole incident as {@link
 * dev.incidentkit.core.format.SnapshotFormat} JSON with its format version. An append replaces
 * the row in its own transaction (on PostgreSQL within the append's single statement); queries
 * are answered in SQL with keyset pages. Upgrading a database of version 2 fills the table from
 * the event log. Schema version 4 adds the columns of what the metrics read of an incident ({@link
 * #findFacts}), so that a metrics report reads no snapshot; upgrading a database of version 3
 * fills them from the snapshots. The module's README documents the table as the versioned format
 * it is.
 *
 * <p>Schema version 5 keeps the alert state ({@link #alertStore()}): alerts in {@code
 * incidentkit_alerts}, one row per source and dedup key; their groups in {@code
 * incidentkit_alert_groups}; the storm counters in {@code incidentkit_alert_admissions}; the
 * silences in {@code incidentkit_silences}. Each of {@link AlertStore}'s decisions is one
 * transaction that locks its row ({@code SELECT ... FOR UPDATE}), with the primary key deciding
 * two first writers, so that many processes on one PostgreSQL database agree on which alert is
 * new and who declares a group's incident.
 *
 * <p>Schema version 6 keeps the escalation timers ({@link #escalationStore()}) in {@code
 * incidentkit_escalations}, one row per escalated incident with the claim on its due step. A claim
 * is exclusive across processes: on PostgreSQL one statement locks the due rows with {@code SELECT
 * ... FOR UPDATE SKIP LOCKED} and claims them, on H2 one transaction claims each candidate by an
 * {@code UPDATE} that checks again that it is due and unclaimed. A step is stored by one {@code
 * UPDATE} guarded by the claim's token, so that a process whose claim lapsed writes nothing.
 *
 * <p>Thread-safe. A store from {@link #builder} holds no connection of its own; {@link #close()}
 * does nothing, and closing the data source is the caller's business. A store from {@link #h2}
 * owns its H2 file and closes it.
 *
 * @since 0.1.0
 */
public final class JdbcEventStore implements EventStore, DeliveryStore {

    private final Dialect dialect;
    private final EventLog log;
    private final DeliveryLog deliveries;
    private final AlertTables alerts;
    private final EscalationTable escalations;
    private final AutoCloseable owned;

    private JdbcEventStore(Dialect dialect, EventLog log, DeliveryLog deliveries, AlertTables alerts,
            EscalationTable escalations, AutoCloseable owned) {
        this.dialect = dialect;
        this.log = log;
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.escalations = escalations;
        this.owned = owned;
    }

    /**
     * The embedded default: a store on an H2 file of its own, migrated, as fast as a pooled one.
     * Processes take turns: one holds the file at a time; a long-lived host holding it blocks the
     * others. This one waits up to 30 seconds for another process to close the file. See {@link
     * #h2(Path, Duration)}.
     *
     * @param file the database file, such as {@code ~/.im/incidents} (H2 adds {@code .mv.db}; a
     *     name that already ends with it is taken as is)
     * @return the store, which holds the file open until {@link #close()}
     * @throws StoreBusyException if another process holds the file for 30 seconds
     * @throws StoreException if H2 2.x is not on the class path, or the file cannot be opened or migrated
     * @since 0.1.0
     */
    public static JdbcEventStore h2(Path file) {
        return h2(file, Duration.ofSeconds(30));
    }

    /**
     * A store on an H2 file of its own, migrated. It needs {@code com.h2database:h2} 2.x at run
     * time only (found by {@link DriverManager}; this module does not depend on it).
     *
     * <p>The store keeps one connection open until {@link #close()}, so that the database stays
     * open between calls (an unpooled H2 data source opens the file on every call, about 20 times
     * slower). Processes take turns: one holds the file at a time; a long-lived host holding it
     * blocks the others. Another process calling this method waits, retrying, until the first
     * closes its store, for up to {@code wait}, then fails. This suits tools that run one short
     * command per process, such as {@code im}; for a long-running host that shares its store with
     * other processes, use PostgreSQL (or serve the H2 file with H2's own
     * {@code AUTO_SERVER=TRUE} and a pool over that URL, through {@link #builder}). The
     * module's README compares H2's ways of sharing a file. H2 writes no {@code .trace.db}
     * file: every error reaches the caller as an exception.
     *
     * @param file the database file, such as {@code ~/.im/incidents} (H2 adds {@code .mv.db}; a
     *     name that already ends with it is taken as is)
     * @param wait how long to wait for another process to close the file
     * @return the store, which holds the file open until {@link #close()}
     * @throws StoreBusyException if another process holds the file for longer than {@code wait}
     * @throws StoreException if H2 2.x is not on the class path, or the file cannot be opened or migrated
     * @since 0.1.0
     */
    public static JdbcEventStore h2(Path file, Duration wait) {
        Objects.requireNonNull(file, "file");
        requireWait(wait);
        return h2(new H2FileDataSource(file, wait), file.toString());
    }

    /**
     * {@link #h2(Path, Duration)} on an H2 file named by a JDBC URL, with the URL's own settings
     * (such as {@code jdbc:h2:file:/var/im/incidents;CACHE_SIZE=8192}): processes take turns on
     * the file in the same way. {@code TRACE_LEVEL_FILE=0} and {@code LOCK_TIMEOUT=10000} are
     * added unless the URL sets them.
     *
     * @param url {@code jdbc:h2:file:<path>} or {@code jdbc:h2:<path>}, with settings after {@code ;}
     * @param user the database user
     * @param password the password
     * @param wait how long to wait for another process to close the file
     * @return the store, which holds the file open until {@link #close()}
     * @throws IllegalArgumentException if the URL is not an embedded H2 file (in memory, {@code
     *     tcp:} and {@code ssl:} need no turns: use {@link #builder} with a pool)
     * @throws StoreBusyException if another process holds the file for longer than {@code wait}
     * @throws StoreException if H2 2.x is not on the class path, or the file cannot be opened or migrated
     * @since 0.1.0
     */
    public static JdbcEventStore h2(String url, String user, String password, Duration wait) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        requireWait(wait);
        String name = url.split(";", 2)[0];   // the settings may hold a password
        if (!isH2File(url)) {
            throw new IllegalArgumentException("url must be an H2 file URL (jdbc:h2:file:<path>), got " + name);
        }
        String upper = url.toUpperCase(Locale.ROOT);
        String full = url + (upper.contains(";TRACE_LEVEL_FILE=") ? "" : ";TRACE_LEVEL_FILE=0")
                + (upper.contains(";LOCK_TIMEOUT=") ? "" : ";LOCK_TIMEOUT=10000");
        return h2(new H2FileDataSource(full, user, password, name, wait), name);
    }

    /**
     * @param url a JDBC URL
     * @return whether it names an embedded H2 file database, which processes open in turns:
     *     {@code jdbc:h2:} but neither {@code mem:}, {@code tcp:} nor {@code ssl:}
     * @since 0.1.0
     */
    public static boolean isH2File(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:")
                && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
    }

    private static void requireWait(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative, got " + wait);
        }
    }

    private static JdbcEventStore h2(H2FileDataSource dataSource, String name) {
        try {
            DriverManager.getDriver(dataSource.url());
        } catch (SQLException e) {
            throw new StoreException("No H2 driver on the class path for the store at " + name
                    + ": add com.h2database:h2 2.x as a runtime dependency.", e);
        }
        try {
            dataSource.getConnection().close();   // takes the file now, so that waiting happens here
            return new Builder(dataSource).dialect(Dialect.H2).migrate(true).build(dataSource);
        } catch (SQLException e) {
            closeQuietly(dataSource, e);
            throw SqlErrors.failure("open the H2 store at " + name, e);
        } catch (RuntimeException e) {
            closeQuietly(dataSource, e);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable closeable, Exception failure) {
        try {
            closeable.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * @param dataSource where connections come from; a pooled one for anything but an embedded H2
     * @return a builder for a store on that data source
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** @return the database dialect this store speaks */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Creates the tables, or upgrades them to this library's schema version: applies every schema
     * script not yet recorded in {@code incidentkit_schema_version}, in order. Safe to call again,
     * and from several processes at once.
     *
     * @return how many schema versions were applied now; 0 when the schema was up to date
     * @throws StoreException if the database fails, or its schema is newer than this library
     */
    public int migrate() {
        return log.migrate();
    }

    /**
     * @return the schema version of the database, 0 if it was never migrated
     * @throws StoreException if the database fails
     */
    public int schemaVersion() {
        return log.schemaVersion();
    }

    /**
     * How far readers of the global order lag behind the committed events: the number of
     * committed events that {@link #readAll} does not return yet, because a transaction that
     * started before they committed is still open (PostgreSQL only; always 0 on H2). A value that
     * stays above zero points at a long-running transaction somewhere on the server.
     *
     * @return the number of committed events held back from readers
     * @throws StoreException if the database fails
     */
    public long pendingEvents() {
        return log.pendingEvents();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The summary is written to {@code incidentkit_summaries} by the append's own statements:
     * on PostgreSQL one more part of the append's single statement, on H2 one {@code MERGE}.
     */
    @Override
    public AppendResult append(String incidentId, long expectedVersion, List<EventRecord> events,
            IncidentSummary summary) {
        Objects.requireNonNull(summary, "summary");
        return log.append(incidentId, expectedVersion, events, summary);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A row this library cannot read (a snapshot format it does not know, such as a newer
     * IncidentKit's, or a snapshot that does not decode) is never misread: the incident is folded
     * from its events instead, counted in {@link #summaryFallbacks()}, and logged at WARN once per
     * incident by this store, asking for {@code IncidentManager.rebuildReadModel()}.
     *
     * @throws StoreException if such a row's events do not fold either
     */
    @Override
    public Optional<IncidentSummary> summary(String incidentId) {
        return log.summary(Objects.requireNonNull(incidentId, "incidentId"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One SQL statement over {@code incidentkit_summaries}: filters, keyset and order in SQL,
     * on the indexes of schema version 3 (the module's README lists which query uses which).
     * A row that cannot be read is answered as {@link #summary} answers it, from its events; the
     * rest of the page is read as usual.
     *
     * @throws StoreException as {@link #summary}
     */
    @Override
    public List<IncidentSummary> findSummaries(IncidentQuery query, int limit) {
        return log.findSummaries(Objects.requireNonNull(query, "query"), limit);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The statement of {@link #findSummaries} with the facts' own columns of {@code
     * incidentkit_summaries} (schema version 4) in place of the snapshot, which is not read: no
     * JSON is parsed. A row whose facts cannot be read is answered from its events, as {@link
     * #summary} answers an unreadable summary, and counted in {@link #summaryFallbacks()}.
     *
     * @throws StoreException as {@link #summary}
     * @since 0.2.0
     */
    @Override
    public List<IncidentFacts> findFacts(IncidentQuery query, int limit) {
        return log.findFacts(Objects.requireNonNull(query, "query"), limit);
    }

    /**
     * How many summaries this store has read from the events because their rows could not be read
     * (see {@link #summary}), since it was built: one per row per read. For a host's health
     * check or metrics; anything above 0 means the read model needs {@code
     * IncidentManager.rebuildReadModel()}, and each read of such a row costs a replay meanwhile.
     *
     * @return the count, 0 while every row read was readable
     * @since 0.2.0
     */
    public long summaryFallbacks() {
        return log.summaryFallbacks();
    }

    /** {@inheritDoc} */
    @Override
    public long countSummaries(IncidentQuery query) {
        return log.countSummaries(Objects.requireNonNull(query, "query"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>On H2 under the lock of {@code incidentkit_log_head}'s row, which every append holds
     * while it writes; on PostgreSQL under the lock of the incident's summary row, which every
     * append's upsert takes.
     */
    @Override
    public boolean saveSummary(IncidentSummary summary) {
        return log.saveSummary(Objects.requireNonNull(summary, "summary"));
    }

    /** {@inheritDoc} */
    @Override
    public List<String> incidentIds(String after, int limit) {
        return log.incidentIds(Objects.requireNonNull(after, "after"), limit);
    }

    /** {@inheritDoc} */
    @Override
    public List<StoredEvent> readStream(String incidentId, long afterVersion) {
        return log.readStream(incidentId, afterVersion);
    }

    /**
     * {@inheritDoc}
     *
     * <p>On PostgreSQL the events come ordered by {@code (transaction id, position)} and stop
     * before the oldest transaction still running on the server; on H2 they come in position
     * order, which is their commit order.
     */
    @Override
    public List<StoredEvent> readAll(LogPosition after, int limit) {
        return log.readAll(Objects.requireNonNull(after, "after"), limit);
    }

    /** {@inheritDoc} */
    @Override
    public LogPosition head() {
        return log.head();
    }

    /** {@inheritDoc} */
    @Override
    public long nextIncidentNumber(int year) {
        return log.nextIncidentNumber(year);
    }

    /** {@inheritDoc} */
    @Override
    public Optional<CommandRecord> findCommand(String commandId) {
        return log.findCommand(Objects.requireNonNull(commandId, "commandId"));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<LogPosition> checkpoint(String name) {
        return log.checkpoint(Objects.requireNonNull(name, "name"));
    }

    /** {@inheritDoc} */
    @Override
    public void saveCheckpoint(String name, LogPosition position) {
        log.saveCheckpoint(Objects.requireNonNull(name, "name"), Objects.requireNonNull(position, "position"));
    }

    /** @return this store, which keeps the notifiers' leases and dead letters */
    @Override
    public Optional<DeliveryStore> deliveryStore() {
        return Optional.of(this);
    }

    /**
     * @return the alert state, in the tables of schema version 5, shared by every process on the database
     * @since 0.3.0
     */
    @Override
    public Optional<AlertStore> alertStore() {
        return Optional.of(alerts);
    }

    /**
     * @return the escalation timers, in the table of schema version 6, shared by every process on
     *     the database
     * @since 0.4.0
     */
    @Override
    public Optional<EscalationStore> escalationStore() {
        return Optional.of(escalations);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code now + ttl} is stored to the microsecond.
     */
    @Override
    public boolean acquireLease(String notifier, String owner, Instant now, Duration ttl) {
        return deliveries.acquireLease(notifier, owner, now, ttl);
    }

    /** {@inheritDoc} */
    @Override
    public void releaseLease(String notifier, String owner) {
        deliveries.releaseLease(notifier, owner);
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Lease> lease(String notifier) {
        return deliveries.lease(notifier);
    }

    /** {@inheritDoc} */
    @Override
    public void addDeadLetter(DeadLetter deadLetter) {
        deliveries.addDeadLetter(deadLetter);
    }

    /** {@inheritDoc} */
    @Override
    public List<DeadLetter> deadLetters(String notifier) {
        return deliveries.deadLetters(notifier);
    }

    /** {@inheritDoc} */
    @Override
    public boolean removeDeadLetter(String notifier, UUID eventId) {
        return deliveries.removeDeadLetter(notifier, eventId);
    }

    /**
     * Closes the H2 file of a store made by {@link #h2}; does nothing for a store made by {@link
     * #builder}, whose data source belongs to the caller.
     *
     * @throws StoreException if the file cannot be closed
     */
    @Override
    public void close() {
        try {
            owned.close();
        } catch (SQLException e) {
            throw SqlErrors.failure("close the store", e);
        } catch (Exception e) {
            throw new StoreException("Closing the store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcEventStore[" + dialect + "]";
    }

    /**
     * Configures a {@link JdbcEventStore}.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private final DataSource dataSource;
        private Optional<Dialect> dialect = Optional.empty();
        private boolean migrate;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * @param dialect the database's dialect; by default it is read from the database's metadata
         * @return this builder
         */
        public Builder dialect(Dialect dialect) {
            this.dialect = Optional.of(Objects.requireNonNull(dialect, "dialect"));
            return this;
        }

        /**
         * @param migrate whether {@link #build()} creates or upgrades the tables ({@link
         *     JdbcEventStore#migrate()}); false by default
         * @return this builder
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Builds the store: connects once to detect the dialect if it was not given, and migrates
         * the schema if asked to.
         *
         * @return the store
         * @throws StoreException if the database cannot be reached, is not H2 or PostgreSQL 13+,
         *     or cannot be migrated
         */
        public JdbcEventStore build() {
            return build(() -> { });
        }

        private JdbcEventStore build(AutoCloseable owned) {
            Dialect d = dialect.isPresent() ? dialect.get() : detect(dataSource);
            JdbcEventStore store = new JdbcEventStore(d, new EventLog(dataSource, d), new DeliveryLog(dataSource, d),
                    new AlertTables(dataSource, d), new EscalationTable(dataSource, d), owned);
            if (migrate) {
                store.migrate();
            }
            return store;
        }

        private static Dialect detect(DataSource dataSource) {
            try (Connection c = dataSource.getConnection()) {
                DatabaseMetaData meta = c.getMetaData();
                String product = meta.getDatabaseProductName();
                Dialect d = Dialect.fromProductName(product).orElseThrow(() -> new StoreException(
                        "IncidentKit's JDBC store supports H2 and PostgreSQL, not " + product + "."));
                if (d == Dialect.POSTGRESQL && meta.getDatabaseMajorVersion() < 13) {
                    throw new StoreException("IncidentKit's JDBC store needs PostgreSQL 13 or later (for xid8), not "
                            + meta.getDatabaseProductVersion() + ".");
                }
                return d;
            } catch (SQLException e) {
                throw SqlErrors.failure("detect the database's dialect", e);
            }
        }
    }
}
