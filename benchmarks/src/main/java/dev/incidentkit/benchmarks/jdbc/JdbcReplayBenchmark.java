package dev.incidentkit.benchmarks.jdbc;

import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
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
 * A full replay of 100,000 events through {@link JdbcEventStore#readAll} in pages of 1,000, beside
 * the baseline of the same rows read with plain keyset-paged SELECTs from a plain table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class JdbcReplayBenchmark {

    /** The database. */
    @Param({"H2", "POSTGRESQL"})
    public String database;

    static final int EVENTS = 100_000;
    static final int PAGE = 1_000;

    private BenchmarkDatabase db;
    private JdbcEventStore store;

    /** Fills both tables with the same 100,000 events (1,000 streams of 100). */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        db = new BenchmarkDatabase(BenchmarkDatabase.Kind.valueOf(database), Clock.systemUTC());
        store = JdbcEventStore.builder(db.dataSource()).migrate(true).build();
        for (int stream = 0; stream < EVENTS / 100; stream++) {
            String id = "INC-2026-" + stream;
            var events = db.events(id, 0, 100);
            store.append(id, 0, events, BenchmarkDatabase.summary(events));
            db.baselineInsert(events);
        }
    }

    /** Stops the database and deletes its files. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        db.close();
    }

    /** Every event through the store's readAll. */
    @Benchmark
    public long store() {
        long count = 0;
        LogPosition after = LogPosition.START;
        while (true) {
            List<StoredEvent> page = store.readAll(after, PAGE);
            count += page.size();
            if (page.size() < PAGE) {
                if (count != EVENTS) {
                    throw new IllegalStateException("replayed " + count + " events, not " + EVENTS);
                }
                return count;
            }
            after = page.get(page.size() - 1).position();
        }
    }

    /** The same rows, plain paged SELECTs. */
    @Benchmark
    public long baseline() throws Exception {
        long count = db.baselineReplay(PAGE);
        if (count != EVENTS) {
            throw new IllegalStateException("read " + count + " rows, not " + EVENTS);
        }
        return count;
    }
}
