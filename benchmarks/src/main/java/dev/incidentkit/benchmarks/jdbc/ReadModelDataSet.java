package dev.incidentkit.benchmarks.jdbc;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The store of the read-model benchmarks (issue 13): {@link IncidentMix} written to H2 or
 * PostgreSQL through {@link JdbcEventStore#append} (one append per incident: its events and its
 * summary), plus the baseline's copy of the summaries ({@link SummaryBaseline}), analyzed.
 *
 * <p>Made once and kept on disk, since making 100,000 incidents takes minutes and every JMH fork
 * needs them: in {@code <cache>/<database>-<incidents>-v<mix version>-<build>}, where {@code
 * <cache>} is the system property {@code incidentkit.bench.cache} ({@code
 * java.io.tmpdir/incidentkit-readmodel} by default) and {@code <build>} the size and time of the
 * jar the classes come from, so that a rebuilt jar (a changed store or snapshot format) makes its
 * own. A data set is made under a temporary name and renamed when complete; older ones of the
 * same database and size are deleted then. The benchmarks only read it.
 */
public final class ReadModelDataSet {

    /** Raise when {@link IncidentMix} changes what it generates. */
    private static final int MIX_VERSION = 1;
    private static final long SEED = 20261202L;

    /** The readers' clock: after every generated incident (metrics' "now", for overdue action items). */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);

    private ReadModelDataSet() {}

    /**
     * The data set, made first if it is not on disk yet.
     *
     * @return the started database; the caller closes it (which keeps its files)
     */
    static BenchmarkDatabase open(BenchmarkDatabase.Kind kind, int incidents) throws Exception {
        return open(kind, incidents, IncidentMix.ACTIVE);
    }

    /**
     * The data set with {@code active} incidents active instead of {@value IncidentMix#ACTIVE},
     * made first if it is not on disk yet (a data set of its own, beside the default one).
     *
     * @return the started database; the caller closes it (which keeps its files)
     */
    public static BenchmarkDatabase open(BenchmarkDatabase.Kind kind, int incidents, int active) throws Exception {
        Path root = Path.of(System.getProperty("incidentkit.bench.cache",
                Path.of(System.getProperty("java.io.tmpdir"), "incidentkit-readmodel").toString()));
        // The default mix keeps the name it had before the active count could be chosen.
        String prefix = kind + "-" + incidents + (active == IncidentMix.ACTIVE ? "" : "-active" + active)
                + "-v" + MIX_VERSION + "-";
        Path dir = root.resolve(prefix + build());
        if (!Files.isDirectory(dir)) {
            Path partial = root.resolve(dir.getFileName() + ".partial-" + ProcessHandle.current().pid());
            long start = System.nanoTime();
            try (BenchmarkDatabase db = BenchmarkDatabase.at(kind, partial)) {
                load(db, incidents, active);
            } catch (Exception | Error e) {
                delete(partial);
                throw e;
            }
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf(Locale.ROOT, "%nread-model data set: %,d incidents on %s made in %.0f s, kept in %s%n",
                    incidents, kind, (System.nanoTime() - start) / 1e9, dir);
            try (Stream<Path> old = Files.list(root)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith(prefix) && !p.equals(dir)).toList()) {
                    delete(p);
                }
            }
        }
        return BenchmarkDatabase.at(kind, dir);
    }

    /** A manager reading the data set, as an application would: no notifiers, the readers' clock. */
    static IncidentManager manager(BenchmarkDatabase db) {
        return manager(store(db));
    }

    /** A manager on another store of the data set (such as {@code JdbcEventStore.h2} on its file), as above. */
    public static IncidentManager manager(JdbcEventStore store) {
        return IncidentKit.builder().store(store).clock(CLOCK).build();
    }

    /** The store on the data set's database. */
    static JdbcEventStore store(BenchmarkDatabase db) {
        return JdbcEventStore.builder(db.dataSource()).migrate(true).build();
    }

    /** {@code n} incident ids of the data set, drawn at random (seeded) from all of them. */
    static String[] sampleIds(BenchmarkDatabase db, int n) throws SQLException {
        List<String> all = new ArrayList<>();
        try (Statement s = db.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM " + SummaryBaseline.TABLE + " ORDER BY id")) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        SplittableRandom random = new SplittableRandom(SEED);
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = all.get(random.nextInt(all.size()));
        }
        return ids;
    }

    /**
     * Generates on one thread and appends on this one, so that the two overlap: one append (one
     * transaction) per incident. PostgreSQL's commits skip the WAL flush while loading
     * ({@code synchronous_commit} off for this session only); the benchmarks read.
     */
    private static void load(BenchmarkDatabase db, int incidents, int active) throws Exception {
        JdbcEventStore store = store(db);
        Connection connection = db.connection();
        if (db.kind == BenchmarkDatabase.Kind.POSTGRESQL) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET synchronous_commit = off");
            }
        }
        BlockingQueue<List<IncidentMix.Generated>> queue = new ArrayBlockingQueue<>(4);
        ExecutorService generator = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "read-model-generator");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> generated = generator.submit(() -> {
                new IncidentMix(incidents, active, SEED).generate(queue::put);
                queue.put(List.of());
                return null;
            });
            long events = 0;
            while (true) {
                List<IncidentMix.Generated> chunk = queue.poll(1, TimeUnit.SECONDS);
                if (chunk == null) {
                    if (generated.isDone()) {
                        generated.get(); // throws the generator's failure
                        throw new IllegalStateException("the generator stopped without finishing");
                    }
                    continue;
                }
                if (chunk.isEmpty()) {
                    break;
                }
                for (IncidentMix.Generated g : chunk) {
                    store.append(g.incidentId(), 0, g.events(), g.summary());
                    events += g.events().size();
                }
            }
            generated.get();
            SummaryBaseline.create(connection);
            try (Statement s = connection.createStatement()) {
                s.execute(db.kind == BenchmarkDatabase.Kind.POSTGRESQL ? "VACUUM ANALYZE" : "ANALYZE");
                if (db.kind == BenchmarkDatabase.Kind.POSTGRESQL) {
                    s.execute("SET synchronous_commit = on");
                }
            }
            check(store, incidents, active);
            System.out.printf(Locale.ROOT, "%nread-model data set: %,d incidents, %,d events (%.1f an incident)%n",
                    incidents, events, (double) events / incidents);
        } finally {
            generator.shutdownNow();
        }
    }

    /** What the benchmarks rely on: every incident has its summary, and exactly the mix's active ones are active. */
    private static void check(JdbcEventStore store, int incidents, int active) {
        long all = store.countSummaries(IncidentQuery.all());
        long stored = store.countSummaries(IncidentQuery.active());
        if (all != incidents || stored != active) {
            throw new IllegalStateException("the data set has " + all + " summaries, " + stored + " active; expected "
                    + incidents + " and " + active);
        }
    }

    /** The jar (or class directory) these classes come from: its size and modification time. */
    private static String build() throws IOException {
        try {
            Path source = Path.of(ReadModelDataSet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(source)
                    ? Files.size(source) + "-" + Files.getLastModifiedTime(source).toMillis()
                    : "classes";
        } catch (java.net.URISyntaxException | SecurityException e) {
            throw new IOException("cannot tell which build these benchmarks are", e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
