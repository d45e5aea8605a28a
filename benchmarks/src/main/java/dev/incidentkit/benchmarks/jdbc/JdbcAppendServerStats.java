package dev.incidentkit.benchmarks.jdbc;

import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.format.SnapshotFormat;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where an append's time goes on PostgreSQL (issue 13): the store's append against the plain
 * insert of {@link JdbcAppendRatio}, on an embedded PostgreSQL with fsync and synchronous_commit
 * on, {@code pg_stat_statements} and {@code auto_explain} preloaded and {@code
 * track_wal_io_timing} on. Not a JMH benchmark: a diagnostic that prints server-side figures.
 *
 * <p>Arguments: operations per slice, events per transaction, then any SQL to run after the
 * store's migration (a schema variant, e.g. {@code "DROP INDEX incidentkit_summaries_last_change_ix"}).
 * System properties: {@code -Drounds=N} alternates N slices of each and prints, per operation, the
 * client thread's CPU time (ThreadMXBean), the server backend's CPU time ({@code /proc/<pid>/stat}),
 * the wall time, and the WAL syncs, sync time, write time and bytes ({@code pg_stat_wal});
 * {@code -Dstats=true} then prints {@code pg_stat_wal}, {@code pg_stat_statements} (calls, plans,
 * planning and execution time, WAL records, bytes and full-page images per call),
 * {@code pg_stat_user_tables} (updates, HOT updates, dead tuples) and {@code pg_stat_user_indexes}
 * for one slice of each; {@code -Dexplain=true} logs three appends and inserts with {@code
 * EXPLAIN (ANALYZE, BUFFERS, WAL)} and prints the last plans; {@code -Dperf=SECONDS} writes the
 * backend's pid to {@code -Dpidfile} (default {@code java.io.tmpdir/incidentkit-append-backend.pid}) and waits for Enter on standard input (once perf is attached), then runs only appends ({@code -DperfOp=store}) or inserts
 * ({@code baseline}) for that long, for {@code perf record -p}.
 *
 * <pre>
 * java -Drounds=12 -Dstats=true -cp benchmarks/target/benchmarks.jar \
 *     dev.incidentkit.benchmarks.jdbc.JdbcAppendServerStats 200 1
 * </pre>
 */
public final class JdbcAppendServerStats {

    private JdbcAppendServerStats() {}
    /** Where {@code -Dperf} writes the backend's pid: {@code -Dpidfile=PATH}. */
    static final Path PID_FILE = Path.of(System.getProperty("pidfile",
            System.getProperty("java.io.tmpdir") + "/incidentkit-append-backend.pid"));

    static Connection con;

    public static void main(String[] args) throws Exception {
        int ops = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("probe");
        Path log = dir.resolve("log");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata")).setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .setServerConfig("track_wal_io_timing", "on").setServerConfig("track_io_timing", "on")
                .setServerConfig("logging_collector", "on").setServerConfig("log_directory", log.toString())
                .setServerConfig("log_filename", "pg.log")
                .start();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {pg.getPort()});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        con = ds.getConnection();
        exec("CREATE EXTENSION pg_stat_statements");
        exec("CREATE TABLE baseline_events (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "event_id uuid NOT NULL, incident_id text NOT NULL, version bigint NOT NULL, type text NOT NULL, "
                + "schema_version integer NOT NULL, occurred_at timestamptz NOT NULL, "
                + "recorded_at timestamptz NOT NULL, actor text NOT NULL, command_id text, data text NOT NULL, "
                + "prev_hash text NOT NULL, hash text NOT NULL)");
        JdbcEventStore store = JdbcEventStore.builder(one()).migrate(true).build();
        for (int i = 2; i < args.length; i++) {
            exec(args[i]);
        }
        long[] sv = new long[100];
        long[] bv = new long[100];
        int[] next = {0, 0};
        Runnable storeOp = () -> {
            int s = next[0]++ % 100;
            List<EventRecord> ev = events("INC-" + batch + "-" + s, sv[s], batch);
            sv[s] = store.append("INC-" + batch + "-" + s, sv[s], ev, BenchmarkDatabase.summary(ev)).lastVersion();
        };
        Runnable baseOp = () -> {
            int s = next[1]++ % 100;
            List<EventRecord> ev = events("INC-" + batch + "-" + s, bv[s], batch);
            try { baseline(ev); } catch (SQLException e) { throw new RuntimeException(e); }
            bv[s] += batch;
        };
        for (int i = 0; i < 300; i++) { storeOp.run(); baseOp.run(); }
        System.out.println("snapshot chars=" + SnapshotFormat.encode(BenchmarkDatabase.summary(events("X", 5, batch)).incident()).length());
        query("SELECT avg(pg_column_size(s.*))::int row_bytes, avg(pg_column_size(snapshot))::int snap_bytes, avg(octet_length(snapshot))::int snap_len, "
                + "pg_relation_size('incidentkit_summaries') heap, "
                + "pg_relation_size(reltoastrelid) toast FROM incidentkit_summaries s, pg_class c WHERE c.relname='incidentkit_summaries' GROUP BY reltoastrelid");
        int perfSecs = Integer.getInteger("perf", 0);
        if (perfSecs > 0) {
            try (Statement q = con.createStatement(); ResultSet rs = q.executeQuery("SELECT pg_backend_pid()")) { rs.next(); Files.writeString(PID_FILE, rs.getString(1)); }
            Runnable op = System.getProperty("perfOp", "store").equals("store") ? storeOp : baseOp;
            // Wait for whoever attaches perf to the backend (its pid is in PID_FILE) to say so.
            System.out.println("Backend pid in " + PID_FILE + "; attach perf, then press Enter");
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            long end = System.nanoTime() + perfSecs * 1_000_000_000L;
            int n = 0;
            while (System.nanoTime() < end) { op.run(); n++; }
            System.out.println("perf ops " + n);
        }
        int rounds = Integer.getInteger("rounds", 0);
        if (rounds > 0) {
            double[][] acc = new double[2][8];
            long pid;
            try (Statement q = con.createStatement(); ResultSet rs = q.executeQuery("SELECT pg_backend_pid()")) { rs.next(); pid = rs.getLong(1); }
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int r = 0; r < rounds; r++) {
                for (int m = 0; m < 2; m++) {
                    Runnable op = m == 1 ? storeOp : baseOp;
                    double[] w0 = wal();
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    long srv0 = procCpu(pid);
                    long st = System.nanoTime();
                    for (int i = 0; i < ops; i++) op.run();
                    long ns = System.nanoTime() - st;
                    acc[m][6] += (mx.getCurrentThreadCpuTime() - cpu0) / 1e3;
                    acc[m][7] += (procCpu(pid) - srv0) * 1e4;
                    double[] w1 = wal();
                    acc[m][0] += ns / 1e3;
                    for (int k = 0; k < 4; k++) acc[m][k + 1] += w1[k] - w0[k];
                    acc[m][5] += ops;
                }
            }
            for (int m = 0; m < 2; m++) {
                double n = acc[m][5];
                System.out.printf("ALT %s batch=%d: client cpu %.0f us/op, backend cpu %.0f us/op%n", m == 1 ? "store   " : "baseline", batch, acc[m][6] / n, acc[m][7] / n);
                System.out.printf("ALT %s batch=%d: client %.0f us/op, wal sync %.0f us/op (%.2f syncs/op), wal write %.1f us/op, wal bytes %.0f/op%n",
                        m == 1 ? "store   " : "baseline", batch, acc[m][0] / n, acc[m][1] / n, acc[m][2] / n, acc[m][3] / n, acc[m][4] / n);
            }
            System.out.printf("ratio store/baseline (rate) = %.2f%n", (acc[0][0] / acc[0][5]) / (acc[1][0] / acc[1][5]));
        }
        for (String mode : Boolean.getBoolean("stats") ? new String[] {"baseline", "store"} : new String[0]) {
            Runnable op = mode.equals("store") ? storeOp : baseOp;
            exec("SELECT pg_stat_force_next_flush()");
            Map<String, Long> t0 = tables();
            exec("SELECT pg_stat_reset_shared('wal')");
            exec("SELECT pg_stat_statements_reset()");
            long start = System.nanoTime();
            for (int i = 0; i < ops; i++) op.run();
            long ns = System.nanoTime() - start;
            exec("SELECT pg_stat_force_next_flush()");
            System.out.printf("== %s batch=%d ops=%d client %.1f us/op%n", mode, batch, ops, ns / 1e3 / ops);
            query("SELECT wal_records, wal_fpi, wal_bytes, wal_buffers_full, wal_write, wal_sync, round(wal_write_time::numeric,1) wt_ms, round(wal_sync_time::numeric,1) st_ms, "
                    + "round(wal_records::numeric/" + ops + ",2) rec_per_tx, round(wal_bytes::numeric/" + ops + ") bytes_per_tx, round(wal_fpi::numeric/" + ops + ",3) fpi_per_tx, "
                    + "round((wal_sync_time*1000/nullif(wal_sync,0))::numeric,1) us_per_sync FROM pg_stat_wal");
            query("SELECT calls, plans, round((total_plan_time*1000/greatest(calls,1))::numeric,1) plan_us, round((total_exec_time*1000/calls)::numeric,1) exec_us, "
                    + "round(wal_records::numeric/calls,2) wrec, round(wal_bytes::numeric/calls) wbytes, round(wal_fpi::numeric/calls,3) wfpi, "
                    + "round(shared_blks_hit::numeric/calls,1) hit, round(shared_blks_dirtied::numeric/calls,2) dirtied, left(regexp_replace(query,'\\s+',' ','g'),60) q "
                    + "FROM pg_stat_statements WHERE calls >= " + (ops / 2) + " ORDER BY total_exec_time DESC LIMIT 6");
            Map<String, Long> t1 = tables();
            StringBuilder sb = new StringBuilder("tables delta:");
            for (var e : t1.entrySet()) {
                long d = e.getValue() - t0.getOrDefault(e.getKey(), 0L);
                if (d != 0) sb.append(' ').append(e.getKey()).append('=').append(d);
            }
            System.out.println(sb);
        }
        if (Boolean.getBoolean("explain")) {
            exec("LOAD 'auto_explain'");
            exec("SET auto_explain.log_min_duration = 0");
            exec("SET auto_explain.log_analyze = on");
            exec("SET auto_explain.log_buffers = on");
            exec("SET auto_explain.log_wal = on");
            exec("SET auto_explain.log_verbose = off");
            for (int i = 0; i < 3; i++) { storeOp.run(); baseOp.run(); }
            exec("SET auto_explain.log_min_duration = -1");
        }
        query("SELECT relname, n_live_tup, n_dead_tup, n_tup_upd, n_tup_hot_upd, n_tup_newpage_upd, autovacuum_count FROM pg_stat_user_tables WHERE relname LIKE 'incidentkit_summ%' OR relname LIKE '%events'");
        query("SELECT indexrelname, idx_scan, pg_relation_size(indexrelid) FROM pg_stat_user_indexes WHERE relname = 'incidentkit_summaries'");
        query("SELECT avg(pg_column_size(s.*))::int row_bytes, avg(pg_column_size(snapshot))::int snap_bytes, pg_relation_size('incidentkit_summaries') heap FROM incidentkit_summaries s");
        con.close();
        pg.close();
        System.out.println("log: " + log);
        if (Boolean.getBoolean("explain")) {
            List<String> lines = Files.readAllLines(log.resolve("pg.log"));
            int from = 0;
            for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("Query Text: WITH")) from = i;
            int b = 0;
            for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("Query Text: INSERT INTO baseline")) b = i;
            for (int i = b; i < Math.min(lines.size(), b + 14); i++) System.out.println(lines.get(i));
            for (int i = from + 1; i < Math.min(lines.size(), from + 60); i++) if (!lines.get(i).contains("Query Text")) System.out.println(lines.get(i)); else break;
        }
    }

    static long procCpu(long pid) {
        try {
            String st = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) { throw new RuntimeException(e); }
    }

    static double[] wal() throws SQLException {
        exec("SELECT pg_stat_force_next_flush()");
        try (Statement s = con.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT wal_sync_time*1000, wal_sync, wal_write_time*1000, wal_bytes FROM pg_stat_wal")) {
            rs.next();
            return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
        }
    }

    static Map<String, Long> tables() throws SQLException {
        Map<String, Long> m = new TreeMap<>();
        try (Statement s = con.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_dead_tup FROM pg_stat_user_tables WHERE relname IN ('incidentkit_summaries','incidentkit_events','baseline_events')")) {
            while (rs.next()) {
                m.put(rs.getString(1) + ".ins", rs.getLong(2));
                m.put(rs.getString(1) + ".upd", rs.getLong(3));
                m.put(rs.getString(1) + ".hot", rs.getLong(4));
                m.put(rs.getString(1) + ".dead", rs.getLong(5));
            }
        }
        try (Statement s = con.createStatement()) { s.execute("SELECT pg_stat_clear_snapshot()"); }
        return m;
    }

    static void baseline(List<EventRecord> events) throws SQLException {
        con.setAutoCommit(false);
        StringBuilder sql = new StringBuilder("INSERT INTO baseline_events (event_id, incident_id, version, type, "
                + "schema_version, occurred_at, recorded_at, actor, command_id, data, prev_hash, hash) VALUES ");
        for (int i = 0; i < events.size(); i++) sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        try (PreparedStatement ps = con.prepareStatement(sql.toString())) {
            int p = 1;
            for (EventRecord e : events) {
                ps.setObject(p++, e.eventId()); ps.setString(p++, e.incidentId()); ps.setLong(p++, e.version());
                ps.setString(p++, e.type()); ps.setInt(p++, e.schemaVersion());
                ps.setObject(p++, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
                ps.setObject(p++, OffsetDateTime.ofInstant(e.recordedAt(), ZoneOffset.UTC));
                ps.setString(p++, e.actor()); ps.setNull(p++, Types.VARCHAR); ps.setString(p++, e.data());
                ps.setString(p++, e.prevHash()); ps.setString(p++, e.hash());
            }
            ps.executeUpdate();
            con.commit();
        } finally { con.setAutoCommit(true); }
    }

    /** The clock the events are recorded at. */
    static final Clock CLOCK = Clock.systemUTC();

    static List<EventRecord> events(String id, long after, int count) {
        return BenchmarkDatabase.events(CLOCK, id, after, count);
    }

    static void exec(String sql) throws SQLException {
        try (Statement s = con.createStatement()) { s.execute(sql); }
    }

    static void query(String sql) throws SQLException {
        try (Statement s = con.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            StringBuilder h = new StringBuilder("  ");
            for (int i = 1; i <= md.getColumnCount(); i++) h.append(md.getColumnLabel(i)).append(" | ");
            System.out.println(h);
            while (rs.next()) {
                StringBuilder r = new StringBuilder("  ");
                for (int i = 1; i <= md.getColumnCount(); i++) r.append(rs.getString(i)).append(" | ");
                System.out.println(r);
            }
        }
    }

    static DataSource one() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, m, a) -> {
                    if (m.getName().equals("getConnection")) {
                        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                                (p2, method, args) -> {
                                    if (method.getName().equals("close")) {
                                        if (!con.getAutoCommit()) { con.rollback(); con.setAutoCommit(true); }
                                        return null;
                                    }
                                    try { return method.invoke(con, args); } catch (InvocationTargetException e) { throw e.getCause(); }
                                });
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
