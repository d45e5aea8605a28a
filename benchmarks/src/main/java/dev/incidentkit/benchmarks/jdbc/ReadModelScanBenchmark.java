package dev.incidentkit.benchmarks.jdbc;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.Events;
import dev.incidentkit.core.internal.IncidentFold;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.Metrics;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What reads over the whole store of 100,000 incidents ({@link ReadModelDataSet}) cost, from the
 * read model and, for comparison, the way the code before it answered them: by replaying every
 * event. Each operation is one whole answer, timed once (single shot), in milliseconds:
 *
 * <ul>
 *   <li>{@code metrics}: {@code IncidentManager.metrics(MetricQuery.all())}, from the summaries;
 *   <li>{@code baselineScanAll}: every row of the baseline's summary table read with one plain
 *       {@code SELECT} and its snapshot parsed with {@code readTree}: what reading 100,000
 *       snapshots costs, without the typed decoding and the metrics;
 *   <li>{@code metricsByReplay}: the same report the way {@code IncidentManager.metrics} made it
 *       before the read model: {@code Metrics.compute} over {@link #listByReplay};
 *   <li>{@code listActiveByReplay}: the 50 active incidents, newest first, the way {@code im list
 *       --status active} found them before the read model: {@link #listByReplay}, then filter and
 *       sort. Compare with {@code ReadModelQueryBenchmark.listActive}.
 * </ul>
 *
 * <p>The setup checks that the replay and the read model give the same active incidents and the
 * same metrics report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ReadModelScanBenchmark {

    /** The database. */
    @Param({"H2", "POSTGRESQL"})
    public String database;

    /** Incidents in the store. */
    @Param("100000")
    public int incidents;

    /** The page of {@code readAll} the code before the read model used. */
    private static final int PAGE = 1_000;

    private BenchmarkDatabase db;
    private IncidentManager manager;
    private EventStore store;
    private SummaryBaseline baseline;
    private MetricQuery query;

    /** Opens (or first makes) the data set, and checks that replay and read model agree. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        db = ReadModelDataSet.open(BenchmarkDatabase.Kind.valueOf(database), incidents);
        manager = ReadModelDataSet.manager(db);
        store = ReadModelDataSet.store(db);
        baseline = new SummaryBaseline(db.connection());
        query = MetricQuery.all();
        // One replay for both checks: at 1,000,000 events it takes seconds.
        List<Incident> replayed = listByReplay(store);
        List<String> fromReadModel = manager.query(IncidentQuery.active()).incidents().stream().map(Incident::id).toList();
        List<String> fromReplay = activeNewestFirst(replayed).stream().map(Incident::id).toList();
        if (!fromReadModel.equals(fromReplay)) {
            throw new IllegalStateException("active incidents: read model " + fromReadModel + ", replay " + fromReplay);
        }
        if (!metrics().equals(Metrics.compute(replayed, query.asOf(ReadModelDataSet.CLOCK.instant())))) {
            throw new IllegalStateException("the metrics of the read model differ from those of the replay");
        }
    }

    /** Closes the manager and the database (whose files are kept). */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        manager.close();
        db.close();
    }

    /** The metrics report from the read model. */
    @Benchmark
    public MetricsReport metrics() {
        return manager.metrics(query);
    }

    /** Every summary row read and parsed with plain JDBC and Jackson. */
    @Benchmark
    public long baselineScanAll() throws Exception {
        return baseline.scanAll();
    }

    /** The metrics report over every incident replayed from its events, as before the read model. */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public MetricsReport metricsByReplay() {
        return Metrics.compute(listByReplay(store), query.asOf(ReadModelDataSet.CLOCK.instant()));
    }

    /** The active incidents, newest declared first, from every incident replayed, as before the read model. */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public List<Incident> listActiveByReplay() {
        return activeNewestFirst(listByReplay(store));
    }

    /** The first page of {@code IncidentQuery.active()}, from a list of every incident. */
    private static List<Incident> activeNewestFirst(List<Incident> all) {
        Comparator<Incident> newestFirst = Comparator.<Incident, Instant>comparing(i -> i.milestones().declaredAt())
                .thenComparing(Incident::id).reversed();
        return all.stream().filter(i -> i.status().isActive()).sorted(newestFirst)
                .limit(IncidentQuery.DEFAULT_LIMIT).toList();
    }

    /**
     * {@code IncidentManager.list()} as it was before the read model (commit 3f0e818): read the
     * whole log with {@code readAll}, decode every event, group them by incident and fold each.
     */
    static List<Incident> listByReplay(EventStore store) {
        Map<String, List<RecordedEvent>> streams = new LinkedHashMap<>();
        LogPosition after = LogPosition.START;
        while (true) {
            List<StoredEvent> page = store.readAll(after, PAGE);
            for (StoredEvent stored : page) {
                streams.computeIfAbsent(stored.incidentId(), id -> new ArrayList<>()).add(Events.decode(stored));
                after = stored.position();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        List<Incident> incidents = new ArrayList<>(streams.size());
        for (List<RecordedEvent> history : streams.values()) {
            history.sort((a, b) -> Long.compare(a.version(), b.version()));
            incidents.add(IncidentFold.replay(history));
        }
        return List.copyOf(incidents);
    }
}
