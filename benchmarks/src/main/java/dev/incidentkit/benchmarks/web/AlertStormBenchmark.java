package dev.incidentkit.benchmarks.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.benchmarks.jdbc.BenchmarkDatabase;
import dev.incidentkit.benchmarks.jdbc.FixedPool;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import dev.incidentkit.web.IncidentWeb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 16: an alert storm of 10,000 alerts in 100 groups, posted by 8 concurrent clients to the
 * Alertmanager receiver on PostgreSQL, beside plain JDBC upserts of the same alert rows by 8
 * threads, in the same run.
 *
 * <p><b>One invocation is one whole storm</b> ({@link Mode#SingleShotTime}, {@link
 * OperationsPerInvocation} {@value #ALERTS}, so the score is microseconds per alert and its
 * inverse alerts per second; {@link AlertStormRatios} prints both and the ratio). Each
 * iteration runs on a new, empty database made on the trial's embedded PostgreSQL 17 server
 * (fsync and synchronous_commit on, as the JDBC benchmarks have it; {@link
 * BenchmarkDatabase#postgres}), so every storm starts from no alert, no group and no incident, and
 * every storm's admissions (the storm limit's per-minute counter) are its own.
 *
 * <p>The storm: 100 groups ({@code groupKey}) of 100 alerts (distinct {@code fingerprint}s), posted
 * as 1,000 Alertmanager webhook v4 payloads of one group's 10 alerts each, made once per trial.
 * Posts go out in 10 rounds of the 100 groups (post {@code p} carries group {@code p % 100}), so the
 * first round declares the 100 incidents and the other nine join them. The 8 clients take the next
 * post from a shared counter until none is left; the invocation ends when the last answer is in.
 *
 * <ul>
 *   <li>{@code incidentKit}: {@link IncidentWeb} with {@code .alerts(AlertIntake.of(manager,
 *       store, AlertRules.builder().stormLimit(1000).build()))} and {@code
 *       .integration("alertmanager", key)}, on {@code JdbcEventStore.builder(pool).migrate(true)}
 *       over a {@link FixedPool} of 8 connections (one per client; the benchmarks have no pool
 *       library). The manager's clock is the system clock, as the JDBC benchmarks': event ids grow
 *       as a running system's do. Each client is a thread of its own with its own {@link
 *       HttpClient} (HTTP/1.1, one kept-alive connection), posting with {@code Authorization:
 *       Bearer}; every answer must be 200, and the receipts must say {@code declared} 100 times.
 *   <li>{@code baselineJdbc}: the same 10,000 rows, from the same posts, upserted by 8 threads
 *       over the same kind of pool into a plain table with the alert table's columns and its
 *       primary key {@code (source, dedup_key)} only: {@code INSERT ... ON CONFLICT (source,
 *       dedup_key) DO UPDATE SET repeats = repeats + 1, last_seen = ...}, one transaction of a
 *       10-row batch per post. Its rows' JSON columns are written once per trial; it does no HTTP,
 *       no grouping and no incident.
 * </ul>
 *
 * <p>After each storm (untimed) the iteration's teardown checks, and fails the run if not: exactly
 * 100 incidents ({@code manager.count(IncidentQuery.all())}), 10,000 rows in {@code
 * incidentkit_alerts}, each attached to one of 100 distinct incidents, 100 groups with an
 * incident, no alert failure in the server's status; for the baseline 10,000 rows with one repeat
 * each. It prints what the storm cost per alert: connections, statements executed and {@code
 * commit()} calls, counted by the pool; transactions committed in the database ({@code
 * pg_stat_database}, auto-commit statements included) and WAL records, bytes and flushes ({@code
 * pg_stat_wal}), read once the pool's connections have closed and reported.
 *
 * <p>{@code -p synchronousCommit=off} runs the storms on databases whose commits do not wait for
 * the WAL flush: a diagnosis of how much of the time is the flushes, not the measurement.
 *
 * <p>Why not {@code @Threads(8)}: in {@link Mode#SingleShotTime} JMH scores each thread's own
 * invocation and averages them, which is not the wall time of one storm; here one benchmark
 * thread times the storm, start to last answer, and the 8 clients are threads of its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(AlertStormBenchmark.ALERTS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class AlertStormBenchmark {

    /**
     * The clock of the storms' alerts and of the server's manager: the system's, as in the JDBC
     * benchmarks (event ids and alert starts grow as a running system's do).
     */
    private static final Clock CLOCK = Clock.systemUTC();

    /** Concurrent clients. */
    static final int CLIENTS = 8;
    /** Alert groups, one incident each. */
    static final int GROUPS = 100;
    /** Alerts per group. */
    static final int GROUP_SIZE = 100;
    /** Alerts per post. */
    static final int PER_POST = 10;
    /** Alerts in a storm. */
    static final int ALERTS = GROUPS * GROUP_SIZE;
    /** Posts in a storm. */
    static final int POSTS = ALERTS / PER_POST;
    /** The integration, and so the alerts' source. */
    static final String SOURCE = "alertmanager";
    private static final String KEY = "storm-bench-key-0123456789abcdef0123";
    private static final String PATH = "/api/v1/alerts/alertmanager";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code synchronous_commit} of the storm's databases: {@code on} (the measurement), or {@code off}
     * to see what the storm costs when a commit does not wait for its WAL flush (a diagnosis, not
     * the setting).
     */
    @Param("on")
    public String synchronousCommit;

    private BenchmarkDatabase server;
    private Post[] posts;
    private ExecutorService clients;
    private HttpClient[] http;
    private final AtomicInteger databases = new AtomicInteger();

    /** One alert as the baseline writes it: the columns of the alert table it fills. */
    record Row(String dedupKey, String summary, String severity, String labels, String annotations, String links,
            Instant startsAt) {}

    /** One post: a group's 10 alerts, as Alertmanager's webhook JSON and as the baseline's rows. */
    record Post(int group, String json, List<Row> rows) {}

    /** Starts PostgreSQL, makes the storm's posts and the 8 clients. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = BenchmarkDatabase.postgres();
        if (!server.setting("fsync").equals("on") || !server.setting("synchronous_commit").equals("on")) {
            throw new IllegalStateException("PostgreSQL runs with fsync " + server.setting("fsync")
                    + " and synchronous_commit " + server.setting("synchronous_commit") + "; both must be on");
        }
        posts = storm(CLOCK.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300));
        AtomicInteger n = new AtomicInteger();
        clients = Executors.newFixedThreadPool(CLIENTS, r -> {
            Thread t = new Thread(r, "storm-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http = new HttpClient[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            http[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        }
        System.out.printf(Locale.ROOT, "%nPostgreSQL %s, fsync %s, synchronous_commit %s; %,d alerts in %d groups, "
                + "%,d posts of %d (%,d bytes each, about)%n", server.setting("server_version"), server.setting("fsync"),
                server.setting("synchronous_commit"), ALERTS, GROUPS, POSTS, PER_POST, posts[0].json().length());
    }

    /** Stops the clients and the server, and deletes the server's files. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        clients.shutdownNow();
        server.close();
    }

    /** The posts of the storm: post {@code p} carries the {@code p / 100}-th ten alerts of group {@code p % 100}. */
    static Post[] storm(Instant startsAt) throws Exception {
        Post[] out = new Post[POSTS];
        for (int p = 0; p < POSTS; p++) {
            int group = p % GROUPS;
            int first = (p / GROUPS) * PER_POST;
            String alertname = String.format(Locale.ROOT, "StormAlert%03d", group);
            String service = String.format(Locale.ROOT, "service-%02d", group % 20);
            String severity = group % 4 == 0 ? "critical" : "warning";
            ObjectNode body = JSON.createObjectNode();
            body.put("receiver", "incidentkit");
            body.put("status", "firing");
            ArrayNode alerts = body.putArray("alerts");
            List<Row> rows = new ArrayList<>(PER_POST);
            for (int i = first; i < first + PER_POST; i++) {
                Map<String, String> labels = new TreeMap<>(Map.of("alertname", alertname, "instance",
                        String.format(Locale.ROOT, "%s-%03d:9100", service, i), "job", "node", "service", service,
                        "severity", severity));
                Map<String, String> annotations = new TreeMap<>(Map.of(
                        "summary", alertname + ": " + service + " error rate above 5%",
                        "description", "error rate is 7.3% on " + labels.get("instance"),
                        "runbook_url", "https://runbooks.example.com/" + service + "/errors"));
                String generator = "http://prometheus.example.com:9090/graph?g0.expr=rate%28errors%5B5m%5D%29+%3E+0.05";
                String fingerprint = String.format(Locale.ROOT, "%016x", 0x5702_0000_0000_0000L + group * 1000L + i);
                ObjectNode a = alerts.addObject();
                a.put("status", "firing");
                a.set("labels", JSON.valueToTree(labels));
                a.set("annotations", JSON.valueToTree(annotations));
                a.put("startsAt", startsAt.toString());
                a.put("endsAt", "0001-01-01T00:00:00Z");
                a.put("generatorURL", generator);
                a.put("fingerprint", fingerprint);
                Map<String, String> links = new TreeMap<>(Map.of("Runbook", annotations.get("runbook_url"),
                        "Source", generator));
                rows.add(new Row(fingerprint, annotations.get("summary"), severity, JSON.writeValueAsString(labels),
                        JSON.writeValueAsString(annotations), JSON.writeValueAsString(links), startsAt));
            }
            body.putObject("groupLabels").put("alertname", alertname);
            ObjectNode common = body.putObject("commonLabels");
            common.put("alertname", alertname);
            common.put("job", "node");
            common.put("service", service);
            common.put("severity", severity);
            body.putObject("commonAnnotations").put("runbook_url", "https://runbooks.example.com/" + service + "/errors");
            body.put("externalURL", "http://alertmanager.example.com:9093");
            body.put("version", "4");
            body.put("groupKey", "{}/{severity=\"" + severity + "\"}:{alertname=\"" + alertname + "\"}");
            body.put("truncatedAlerts", 0);
            out[p] = new Post(group, JSON.writeValueAsString(body), List.copyOf(rows));
        }
        return out;
    }

    /** What one client does with one post. */
    interface Work {
        void post(int client, Post post) throws Exception;
    }

    /** The storm: 8 clients take the next post until none is left; returns when every post is answered. */
    long storm(Work work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                start.await();
                int sent = 0;
                for (int p = next.getAndIncrement(); p < POSTS; p = next.getAndIncrement()) {
                    work.post(client, posts[p]);
                    sent++;
                }
                return sent;
            }));
        }
        start.countDown();
        long alerts = 0;
        for (Future<Integer> f : done) {
            alerts += (long) f.get() * PER_POST;
        }
        return alerts;
    }

    /** A new, empty database for one side's iteration, with this trial's {@code synchronous_commit}. */
    private DataSource createDatabase(String name) throws SQLException {
        return server.createDatabase(name, Map.of("synchronous_commit", synchronousCommit));
    }

    /** A new database's name, one per iteration and side. */
    private String nextDatabase(String side) {
        return "storm_" + side + "_" + databases.incrementAndGet();
    }

    /**
     * What the server counted for one database and its WAL: transactions committed and rolled
     * back there (pg_stat_database), and WAL records, bytes, writes and flushes (pg_stat_wal, the
     * whole server's: nothing else runs on it during a storm).
     */
    record ServerCounts(long commits, long rollbacks, long walRecords, long walBytes, long walWrites, long walSyncs) {

        static ServerCounts read(BenchmarkDatabase server, String database) throws SQLException {
            long[] db = server.numbers("SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = ?",
                    database);
            long[] wal = server.numbers("SELECT wal_records, wal_bytes, wal_write, wal_sync FROM pg_stat_wal");
            return new ServerCounts(db[0], db[1], wal[0], wal[1], wal[2], wal[3]);
        }

        /** What happened since {@code before}, per alert of a storm. */
        String perAlert(ServerCounts before) {
            double n = ALERTS;
            return String.format(Locale.ROOT, "per alert: %.2f transactions committed, %.3f rolled back, %.1f WAL "
                    + "records, %,.0f WAL bytes, %.2f WAL writes, %.2f WAL flushes", (commits - before.commits) / n,
                    (rollbacks - before.rollbacks) / n, (walRecords - before.walRecords) / n,
                    (walBytes - before.walBytes) / n, (walWrites - before.walWrites) / n, (walSyncs - before.walSyncs) / n);
        }
    }

    /**
     * Waits until no backend serves {@code database} any more: a backend reports its statistics
     * when it exits, so the counts are complete after this.
     */
    private void awaitDisconnected(String database) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.numbers("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ?", database)[0] > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("connections to " + database + " still open after 10 s");
            }
            Thread.sleep(20);
        }
    }

    /** The IncidentKit side of an iteration: a server, manager and store on a new database. */
    @State(Scope.Benchmark)
    public static class IncidentKitSide {
        private String database;
        private FixedPool pool;
        private JdbcEventStore store;
        private IncidentManager manager;
        private IncidentWeb web;
        private URI uri;
        private final AtomicLong declared = new AtomicLong();
        /** The pool's counts when the storm starts (the migration's statements are not the storm's). */
        private FixedPool.Counts before;
        private ServerCounts serverBefore;

        /** A new database, migrated, and the server on it. */
        @Setup(Level.Iteration)
        public void setUp(AlertStormBenchmark bench) throws Exception {
            database = bench.nextDatabase("ik");
            pool = FixedPool.of(bench.createDatabase(database), CLIENTS);
            store = JdbcEventStore.builder(pool).migrate(true).build();
            manager = IncidentKit.builder().store(store).clock(CLOCK).build();
            AlertIntake intake = AlertIntake.of(manager, store, AlertRules.builder().stormLimit(1000).build());
            web = IncidentWeb.builder(manager).port(0).alerts(intake).integration(SOURCE, KEY).start();
            uri = web.uri().resolve(PATH);
            declared.set(0);
            before = pool.counts();
            serverBefore = ServerCounts.read(bench.server, database);
        }

        void post(HttpClient http, Post post) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(post.json())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("POST " + PATH + " of group " + post.group() + " answered "
                        + r.statusCode() + ": " + r.body());
            }
            declared.addAndGet(occurrences(r.body(), "\"outcome\":\"declared\""));
        }

        /** Checks the storm's outcome, prints its costs, and drops the database. */
        @TearDown(Level.Iteration)
        public void tearDown(AlertStormBenchmark bench) throws Exception {
            FixedPool.Counts now = pool.counts();
            FixedPool.Counts counts = new FixedPool.Counts(now.checkouts() - before.checkouts(),
                    now.executions() - before.executions(), now.commits() - before.commits());
            long incidents;
            long failures;
            long[] alerts;
            long[] groups;
            long[] events;
            try {
                incidents = manager.count(IncidentQuery.all());
                failures = web.status().alertFailures();
                alerts = longs(pool, "SELECT COUNT(*), COUNT(incident_id), COUNT(DISTINCT incident_id), SUM(repeats) "
                        + "FROM incidentkit_alerts");
                groups = longs(pool, "SELECT COUNT(*), COUNT(incident_id) FROM incidentkit_alert_groups");
                events = longs(pool, "SELECT COUNT(*), COUNT(DISTINCT incident_id) FROM incidentkit_events");
            } finally {
                web.close();
                manager.close();
                store.close();
                pool.close();
            }
            bench.awaitDisconnected(database);
            ServerCounts serverAfter = ServerCounts.read(bench.server, database);
            bench.server.dropDatabase(database);
            System.out.printf(Locale.ROOT, "%n  incidentKit: %d incidents (%d declared receipts), %d alerts, %d attached "
                    + "to %d incidents, %d repeats; %d groups, %d with an incident; %d events on %d incidents; "
                    + "per alert: %.2f connections, %.2f statements executed, %.2f commit() calls; %s%n", incidents,
                    declared.get(), alerts[0], alerts[1], alerts[2], alerts[3], groups[0], groups[1], events[0], events[1],
                    counts.checkouts() / (double) ALERTS, counts.executions() / (double) ALERTS,
                    counts.commits() / (double) ALERTS, serverAfter.perAlert(serverBefore));
            if (incidents != GROUPS || declared.get() != GROUPS || alerts[0] != ALERTS || alerts[1] != ALERTS
                    || alerts[2] != GROUPS || alerts[3] != ALERTS || groups[0] != GROUPS || groups[1] != GROUPS
                    || failures != 0) {
                throw new IllegalStateException("the storm did not end as it must: " + incidents + " incidents ("
                        + declared.get() + " declared receipts), " + alerts[0] + " alerts, " + alerts[1] + " attached to "
                        + alerts[2] + " incidents, " + alerts[3] + " repeats, " + groups[0] + " groups (" + groups[1]
                        + " with an incident), " + failures + " alert failures; expected " + GROUPS + " incidents, "
                        + ALERTS + " alerts each attached and received once, " + GROUPS + " groups");
            }
        }
    }

    /** The baseline side of an iteration: a plain alert table on a new database. */
    @State(Scope.Benchmark)
    public static class BaselineSide {
        private String database;
        private FixedPool pool;
        private ServerCounts serverBefore;

        /** A new database with the plain table, and the pool. */
        @Setup(Level.Iteration)
        public void setUp(AlertStormBenchmark bench) throws Exception {
            database = bench.nextDatabase("jdbc");
            pool = FixedPool.of(bench.createDatabase(database), CLIENTS);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                // incidentkit_alerts' columns, its primary key and nothing else.
                s.execute("CREATE TABLE baseline_alerts (source text NOT NULL, dedup_key text NOT NULL, "
                        + "alert_id text NOT NULL, status text NOT NULL, summary text NOT NULL, severity text NOT NULL, "
                        + "labels text NOT NULL, annotations text NOT NULL, links text NOT NULL, "
                        + "starts_at timestamptz NOT NULL, first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL, "
                        + "repeats bigint NOT NULL, resolved_at timestamptz, incident_id text, suppressed_by text, "
                        + "claim_until timestamptz, PRIMARY KEY (source, dedup_key))");
            }
            serverBefore = ServerCounts.read(bench.server, database);
        }

        /** One post's rows: one transaction, one batch of 10 upserts. */
        void upsert(Post post) throws SQLException {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO baseline_alerts (source, dedup_key, "
                        + "alert_id, status, summary, severity, labels, annotations, links, starts_at, first_seen, "
                        + "last_seen, repeats) VALUES (?, ?, ?, 'firing', ?, ?, ?, ?, ?, ?, ?, ?, 1) "
                        + "ON CONFLICT (source, dedup_key) DO UPDATE SET repeats = baseline_alerts.repeats + 1, "
                        + "last_seen = EXCLUDED.last_seen")) {
                    for (Row r : post.rows()) {
                        ps.setString(1, SOURCE);
                        ps.setString(2, r.dedupKey());
                        ps.setString(3, UUID.randomUUID().toString());
                        ps.setString(4, r.summary());
                        ps.setString(5, r.severity());
                        ps.setString(6, r.labels());
                        ps.setString(7, r.annotations());
                        ps.setString(8, r.links());
                        ps.setObject(9, OffsetDateTime.ofInstant(r.startsAt(), ZoneOffset.UTC));
                        ps.setObject(10, now);
                        ps.setObject(11, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            }
        }

        /** Checks the rows, prints their costs, and drops the database. */
        @TearDown(Level.Iteration)
        public void tearDown(AlertStormBenchmark bench) throws Exception {
            long[] rows;
            try {
                rows = longs(pool, "SELECT COUNT(*), SUM(repeats) FROM baseline_alerts");
            } finally {
                pool.close();
            }
            bench.awaitDisconnected(database);
            ServerCounts serverAfter = ServerCounts.read(bench.server, database);
            bench.server.dropDatabase(database);
            System.out.printf(Locale.ROOT, "%n  baselineJdbc: %d rows, %d repeats; %s%n", rows[0], rows[1],
                    serverAfter.perAlert(serverBefore));
            if (rows[0] != ALERTS || rows[1] != ALERTS) {
                throw new IllegalStateException("the baseline wrote " + rows[0] + " rows with " + rows[1]
                        + " repeats; expected " + ALERTS + " with " + ALERTS);
            }
        }
    }

    /** The storm through IncidentKit's Alertmanager receiver. */
    @Benchmark
    public long incidentKit(IncidentKitSide side) throws Exception {
        return storm((client, post) -> side.post(http[client], post));
    }

    /** The same alert rows, upserted with plain JDBC. */
    @Benchmark
    public long baselineJdbc(BaselineSide side) throws Exception {
        return storm((client, post) -> side.upsert(post));
    }

    /** One row of numbers. */
    private static long[] longs(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long[] out = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getLong(i + 1);
            }
            return out;
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
