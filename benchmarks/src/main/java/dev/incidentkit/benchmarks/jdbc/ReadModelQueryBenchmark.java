package dev.incidentkit.benchmarks.jdbc;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import java.util.List;
import java.util.Optional;
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
 * Reads of the read model in a store of 100,000 incidents (about 1,000,000 events; {@link
 * ReadModelDataSet}), each beside its plain-JDBC-and-Jackson baseline on the same database and
 * connection ({@link SummaryBaseline}), in the same run:
 *
 * <ul>
 *   <li>{@code listActive}: {@code IncidentManager.query(IncidentQuery.active())}, the first page
 *       (50) of the active incidents, newest first: the whole of them, since 50 are active;
 *       {@code baselineListActive}: the same 50 rows with an indexed {@code SELECT ... WHERE
 *       status IN (...) ORDER BY declared_at DESC, id DESC LIMIT 50}, each snapshot parsed with
 *       {@code readTree}. Target: at least 0.5x.
 *   <li>{@code find}: {@code IncidentManager.find(id)} of an incident drawn at random;
 *       {@code baselineFind}: a primary-key {@code SELECT} of the same row, its snapshot parsed
 *       with {@code readTree}. Both walk the same 4,096 random ids in the same order. Target: at
 *       least 0.5x.
 * </ul>
 *
 * <p>The setup checks that both sides of each pair return the same incidents, and each list
 * operation that it returned all 50 (a comparison, against a database round trip).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ReadModelQueryBenchmark {

    /** The database. */
    @Param({"H2", "POSTGRESQL"})
    public String database;

    /** Incidents in the store. */
    @Param("100000")
    public int incidents;

    private static final int IDS = 4_096;

    private BenchmarkDatabase db;
    private IncidentManager manager;
    private SummaryBaseline baseline;
    private IncidentQuery active;
    private String[] ids;
    private int next;

    /** Opens (or first makes) the data set, and checks that store and baseline agree. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        db = ReadModelDataSet.open(BenchmarkDatabase.Kind.valueOf(database), incidents);
        manager = ReadModelDataSet.manager(db);
        baseline = new SummaryBaseline(db.connection());
        active = IncidentQuery.active();
        ids = ReadModelDataSet.sampleIds(db, IDS);
        // Three times: H2 2.4.240 has been seen to drop a row of an IN-list lookup when the same
        // statement runs again (see incident-store-jdbc's history), and both sides re-run theirs.
        for (int run = 0; run < 3; run++) {
            List<String> listed = manager.query(active).incidents().stream().map(Incident::id).toList();
            List<String> selected = baseline.active(IncidentMix.ACTIVE).stream().map(SummaryBaseline.Row::id).toList();
            if (listed.size() != IncidentMix.ACTIVE || !listed.equals(selected)) {
                throw new IllegalStateException("query(active()) gave " + listed + ", the baseline " + selected);
            }
        }
        for (String id : List.of(ids[0], ids[IDS - 1])) {
            Incident found = manager.find(id).orElseThrow();
            SummaryBaseline.Row row = baseline.find(id);
            if (row == null || !row.id().equals(found.id()) || found.version() != manager.history(id).size()) {
                throw new IllegalStateException("find(" + id + ") and the baseline disagree");
            }
        }
    }

    /** Closes the manager and the database (whose files are kept). */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        manager.close();
        db.close();
    }

    /** The active incidents: one page of the read model. */
    @Benchmark
    public IncidentPage listActive() {
        IncidentPage page = manager.query(active);
        if (page.incidents().size() != IncidentMix.ACTIVE) {
            throw new IllegalStateException("query(active()) gave " + page.incidents().size() + " incidents");
        }
        return page;
    }

    /** The same rows, plain indexed SELECT and readTree. */
    @Benchmark
    public List<SummaryBaseline.Row> baselineListActive() throws Exception {
        List<SummaryBaseline.Row> rows = baseline.active(IncidentMix.ACTIVE);
        if (rows.size() != IncidentMix.ACTIVE) {
            throw new IllegalStateException("the baseline's SELECT gave " + rows.size() + " rows");
        }
        return rows;
    }

    /** One incident by id, from its summary. */
    @Benchmark
    public Optional<Incident> find() {
        return manager.find(ids[next++ & (IDS - 1)]);
    }

    /** The same row by primary key, and readTree. */
    @Benchmark
    public SummaryBaseline.Row baselineFind() throws Exception {
        return baseline.find(ids[next++ & (IDS - 1)]);
    }
}
