package dev.incidentkit.benchmarks.jdbc;

import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import java.time.Clock;
import java.util.List;
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
 * Appends through {@link JdbcEventStore} (one transaction per append: the stream check, the
 * insert, the incident's summary in the read model, the commit) beside the baseline of plain JDBC inserts of the same rows into a plain
 * table, on the same database and connection, in the same run. One operation is one transaction
 * of {@code batch} events; events per second = operations per second x batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class JdbcAppendBenchmark {

    /** The database. */
    @Param({"H2", "POSTGRESQL"})
    public String database;

    /** Events per transaction. */
    @Param({"1", "10"})
    public int batch;

    private static final int STREAMS = 100;

    private BenchmarkDatabase db;
    private JdbcEventStore store;
    private final long[] versions = new long[STREAMS];
    private int next;
    private long baselineVersion;

    /** Starts the database and creates both tables. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        db = new BenchmarkDatabase(BenchmarkDatabase.Kind.valueOf(database), Clock.systemUTC());
        store = JdbcEventStore.builder(db.dataSource()).migrate(true).build();
    }

    /** Stops the database and deletes its files. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        db.close();
    }

    /**
     * The store: appends to one of 100 streams in turn, with the version check and the summary
     * (since issue 13; the baselines write no summary).
     */
    @Benchmark
    public AppendResult store() {
        int stream = next++ % STREAMS;
        String incidentId = "INC-2026-" + stream;
        List<EventRecord> events = db.events(incidentId, versions[stream], batch);
        AppendResult result = store.append(incidentId, versions[stream], events, BenchmarkDatabase.summary(events));
        versions[stream] = result.lastVersion();
        return result;
    }

    /** The baseline: the same rows, plain INSERT and COMMIT into a table with a primary key only. */
    @Benchmark
    public long baseline() throws Exception {
        db.baselineInsert(db.events("INC-2026-0", baselineVersion, batch));
        baselineVersion += batch;
        return baselineVersion;
    }

    /** The second baseline: the same, into a table with the store's unique keys. */
    @Benchmark
    public long baselineKeyed() throws Exception {
        db.keyedInsert(db.events("INC-2026-" + (next++ % STREAMS), baselineVersion, batch));
        baselineVersion += batch;
        return baselineVersion;
    }
}
