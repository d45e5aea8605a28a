package dev.incidentkit.benchmarks.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the figures of issue 13's benchmarks from JMH JSON results ({@code -rf json -rff FILE},
 * one or more files): for each database, each read of the read model beside its plain baseline of
 * the same run (as a ratio of speeds: above 1 is faster than the baseline) and beside the replay
 * the code before the read model did (how many times faster), with the targets; and the PostgreSQL
 * appends against the plain-insert baseline of {@link JdbcAppendBenchmark} if that ran.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.incidentkit.benchmarks.jdbc.ReadModelRatios a.json b.json}
 */
public final class ReadModelRatios {

    private ReadModelRatios() {}

    /** A score as JMH printed it, and as seconds per operation. */
    private record Time(double score, double error, String unit, double seconds) {}

    /**
     * @param args the JMH JSON result files
     * @throws IOException if one cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ReadModelRatios jmh-result.json...");
            System.exit(2);
        }
        Map<String, Time> times = new HashMap<>();
        for (String file : args) {
            for (JsonNode run : new ObjectMapper().readTree(Path.of(file).toFile())) {
                String name = run.get("benchmark").asText().replaceFirst("^.*\\.(\\w+\\.\\w+)$", "$1");
                JsonNode params = run.path("params");
                JsonNode primary = run.get("primaryMetric");
                double score = primary.get("score").asDouble();
                String unit = primary.get("scoreUnit").asText();
                double perOp = secondsPerOp(unit);
                Time t = new Time(score, primary.path("scoreError").asDouble(Double.NaN), unit,
                        perOp > 0 ? score * perOp : 1 / (score * -perOp));
                times.put(key(name, params.path("database").asText(), params.path("batch").asText()), t);
            }
        }
        System.out.println("| database | read | read model | baseline (same run) | read model / baseline | target "
                + "| before: replay | read model faster than replay |");
        System.out.println("|---|---|---:|---:|---:|---|---:|---:|");
        for (String db : List.of("H2", "POSTGRESQL")) {
            row(times, db, "list the 50 active", "ReadModelQueryBenchmark.listActive",
                    "ReadModelQueryBenchmark.baselineListActive", 0.5, "ReadModelScanBenchmark.listActiveByReplay");
            row(times, db, "find(id)", "ReadModelQueryBenchmark.find", "ReadModelQueryBenchmark.baselineFind", 0.5, "");
            row(times, db, "metrics(all)", "ReadModelScanBenchmark.metrics", "ReadModelScanBenchmark.baselineScanAll",
                    0, "ReadModelScanBenchmark.metricsByReplay");
        }
        for (String batch : List.of("1", "10")) {
            Time store = times.get(key("JdbcAppendBenchmark.store", "POSTGRESQL", batch));
            Time plain = times.get(key("JdbcAppendBenchmark.baseline", "POSTGRESQL", batch));
            if (store != null && plain != null) {
                double ratio = plain.seconds / store.seconds;
                System.out.println(format("| POSTGRESQL | append, %s event(s) a transaction, with the summary | %s "
                        + "| %s (plain INSERT) | %.2fx | >= 0.7x: %s | | |", batch, show(store), show(plain), ratio,
                        ratio >= 0.7 ? "met" : "NOT met"));
            }
        }
    }

    private static void row(Map<String, Time> times, String db, String read, String name, String baselineName,
            double target, String replayName) {
        Time t = times.get(key(name, db, ""));
        if (t == null) {
            return;
        }
        Time base = times.get(key(baselineName, db, ""));
        Time replay = replayName.isEmpty() ? null : times.get(key(replayName, db, ""));
        String ratio = base == null ? "n/a" : format("%.2fx", base.seconds / t.seconds);
        String goal = target == 0 ? "(reported)" : base == null ? ">= " + target + "x"
                : format(">= %.1fx: %s", target, base.seconds / t.seconds >= target ? "met" : "NOT met");
        System.out.println(format("| %s | %s | %s | %s | %s | %s | %s | %s |", db, read, show(t),
                base == null ? "n/a" : show(base), ratio, goal, replay == null ? "" : show(replay),
                replay == null ? "" : factor(replay.seconds / t.seconds)));
    }

    private static String factor(double f) {
        return format(f < 10 ? "%.1fx" : "%,.0fx", f);
    }

    private static String show(Time t) {
        return Double.isNaN(t.error) ? format("%,.1f %s", t.score, t.unit)
                : format("%,.1f ± %,.1f %s", t.score, t.error, t.unit);
    }

    private static String key(String name, String db, String batch) {
        return name + "|" + db + "|" + batch;
    }

    /**
     * @return seconds per operation of one unit of a time unit ({@code us/op}: 1e-6), or minus the
     *     operations per second of one unit of a throughput unit ({@code ops/ms}: -1e3)
     */
    private static double secondsPerOp(String unit) {
        return switch (unit) {
            case "s/op" -> 1;
            case "ms/op" -> 1e-3;
            case "us/op" -> 1e-6;
            case "ns/op" -> 1e-9;
            case "ops/s" -> -1;
            case "ops/ms" -> -1e3;
            case "ops/us" -> -1e6;
            default -> throw new IllegalArgumentException("unknown JMH unit " + unit);
        };
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
