package dev.incidentkit.benchmarks.jdbc;

import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The store against its baselines in alternating slices on one database and connection: store
 * for a slice, each baseline for a slice, again and again, and the ratio of each round. Rates
 * are medians over the rounds, ratios medians of the per-round ratios. On a machine
 * whose load changes from second to second (other builds), the JMH runs of {@link
 * JdbcAppendBenchmark}, one method after the other, compare different moments; adjacent slices
 * compare the same one. Prints one Markdown table row per database and batch size.
 *
 * <p>All three write the same rows: {@code batch} events to one of 100 streams in turn, each
 * with its own versions. The store also writes the incident's summary in the same transaction (the
 * read model, since issue 13); the baselines write the events only.
 *
 * <p>Arguments (all optional): rounds (default 15), slice in milliseconds (default 400), the
 * database ({@code H2} or {@code POSTGRESQL}; default both), the events per transaction
 * (comma-separated; default {@code 1,10}).
 */
public final class JdbcAppendRatio {

    private JdbcAppendRatio() {}

    private interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long sliceNanos = (args.length > 1 ? Long.parseLong(args[1]) : 400) * 1_000_000;
        List<BenchmarkDatabase.Kind> kinds = args.length > 2 ? List.of(BenchmarkDatabase.Kind.valueOf(args[2]))
                : List.of(BenchmarkDatabase.Kind.values());
        int[] batches = args.length > 3 ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 10};
        System.out.println("| database | events/tx | store tx/s | plain baseline tx/s | keyed baseline tx/s "
                + "| store / plain (min-max) | store / keyed (min-max) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (BenchmarkDatabase.Kind kind : kinds) {
            try (BenchmarkDatabase db = new BenchmarkDatabase(kind, Clock.systemUTC())) {
                JdbcEventStore store = JdbcEventStore.builder(db.dataSource()).migrate(true).build();
                for (int batch : batches) {
                    Streams stored = new Streams(batch);
                    Op storeOp = () -> stored.next((id, after) -> {
                        List<EventRecord> events = db.events(id, after, batch);
                        return store.append(id, after, events, BenchmarkDatabase.summary(events)).lastVersion();
                    });
                    Streams plain = new Streams(batch);
                    Op baselineOp = () -> plain.next((id, after) -> {
                        db.baselineInsert(db.events(id, after, batch));
                        return after + batch;
                    });
                    Streams keyed = new Streams(batch);
                    Op keyedOp = () -> keyed.next((id, after) -> {
                        db.keyedInsert(db.events(id, after, batch));
                        return after + batch;
                    });
                    // Warm-up: compile every path, fill the caches.
                    Op[] ops = {storeOp, baselineOp, keyedOp};
                    for (Op op : ops) {
                        rate(op, 4 * sliceNanos);
                    }
                    List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                    List<Double> ratios = new ArrayList<>();
                    List<Double> keyedRatios = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        // Rotate the order, so that none always follows another.
                        double[] round = new double[3];
                        for (int i = 0; i < 3; i++) {
                            int k = (i + r) % 3;
                            round[k] = rate(ops[k], sliceNanos);
                            rates.get(k).add(round[k]);
                        }
                        ratios.add(round[0] / round[1]);
                        keyedRatios.add(round[0] / round[2]);
                    }
                    System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.2f (%.2f-%.2f) | %.2f (%.2f-%.2f) |%n",
                            kind, batch, median(rates.get(0)), median(rates.get(1)), median(rates.get(2)),
                            median(ratios), Collections.min(ratios), Collections.max(ratios),
                            median(keyedRatios), Collections.min(keyedRatios), Collections.max(keyedRatios));
                }
            }
        }
    }

    private interface Append {
        /** Appends after version {@code after} of stream {@code id}; returns the stream's new version. */
        long run(String id, long after) throws Exception;
    }

    /** 100 streams written in turn, and the version each has reached. */
    private static final class Streams {
        private final long[] versions = new long[100];
        private final String prefix;
        private int next;

        Streams(int batch) {
            this.prefix = "INC-" + batch + "-";
        }

        void next(Append append) throws Exception {
            int stream = next++ % versions.length;
            versions[stream] = append.run(prefix + stream, versions[stream]);
        }
    }

    /** @return operations per second of {@code op} run for {@code nanos} */
    private static double rate(Op op, long nanos) throws Exception {
        long start = System.nanoTime();
        long end = start + nanos;
        long n = 0;
        long now;
        do {
            op.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }
}
