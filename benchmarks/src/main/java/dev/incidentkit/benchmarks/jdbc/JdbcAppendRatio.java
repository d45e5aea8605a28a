package dev.incidentkit.benchmarks.jdbc;

import dev.incidentkit.store.jdbc.JdbcEventStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The store against its baseline in alternating slices on one database and connection: store
 * for a slice, baseline for a slice, again and again, and the ratio of each pair. On a machine
 * whose load changes from second to second (other builds), the JMH runs of {@link
 * JdbcAppendBenchmark}, one method after the other, compare different moments; adjacent slices
 * compare the same one. Prints one Markdown table row per database and batch size.
 *
 * <p>Arguments (all optional): rounds (default 15), slice in milliseconds (default 400).
 */
public final class JdbcAppendRatio {

    private JdbcAppendRatio() {}

    private interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long sliceNanos = (args.length > 1 ? Long.parseLong(args[1]) : 400) * 1_000_000;
        System.out.println("| database | events/tx | store tx/s (median) | baseline tx/s (median) | store/baseline (median of " + rounds
                + " pairs) | min-max of pairs |");
        System.out.println("|---|---|---|---|---|---|");
        for (BenchmarkDatabase.Kind kind : BenchmarkDatabase.Kind.values()) {
            try (BenchmarkDatabase db = new BenchmarkDatabase(kind)) {
                JdbcEventStore store = JdbcEventStore.builder(db.dataSource()).migrate(true).build();
                for (int batch : new int[] {1, 10}) {
                    long[] versions = new long[100];
                    int[] next = {0};
                    long[] baselineVersion = {0};
                    Op storeOp = () -> {
                        int stream = next[0]++ % versions.length;
                        String id = "INC-" + batch + "-" + stream;
                        versions[stream] = store.append(id, versions[stream],
                                BenchmarkDatabase.events(id, versions[stream], batch)).lastVersion();
                    };
                    Op baselineOp = () -> {
                        db.baselineInsert(BenchmarkDatabase.events("INC-0", baselineVersion[0], batch));
                        baselineVersion[0] += batch;
                    };
                    // Warm-up: compile both paths, fill the caches.
                    rate(storeOp, 4 * sliceNanos);
                    rate(baselineOp, 4 * sliceNanos);
                    List<Double> storeRates = new ArrayList<>();
                    List<Double> baselineRates = new ArrayList<>();
                    List<Double> ratios = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        // Alternate which goes first, so that neither always follows the other.
                        double s;
                        double b;
                        if (r % 2 == 0) {
                            s = rate(storeOp, sliceNanos);
                            b = rate(baselineOp, sliceNanos);
                        } else {
                            b = rate(baselineOp, sliceNanos);
                            s = rate(storeOp, sliceNanos);
                        }
                        storeRates.add(s);
                        baselineRates.add(b);
                        ratios.add(s / b);
                    }
                    System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f | %.2f-%.2f |%n", kind, batch,
                            median(storeRates), median(baselineRates), median(ratios), Collections.min(ratios),
                            Collections.max(ratios));
                }
            }
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
