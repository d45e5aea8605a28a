package dev.incidentkit.benchmarks.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints issue 14's table from the JMH JSON result of {@link WebQueryBenchmark} ({@code -rf json
 * -rff FILE}): for the API and the pre-rendered baseline, the throughput (ops/s, with JMH's 99.9%
 * error), the API's ratio to the baseline of the same run against the 0.5x target (with its kept
 * answers, as set up by default, and without them), and the p50 and p99 latency of the
 * sample-time mode in milliseconds.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.incidentkit.benchmarks.web.WebRatios web-result.json}
 */
public final class WebRatios {

    private static final double TARGET = 0.5;
    private static final String API = "WebQueryBenchmark.incidentKit";
    private static final String UNCACHED = "WebQueryBenchmark.incidentKitUncached";
    private static final String BASELINE = "WebQueryBenchmark.preRendered";

    private WebRatios() {}

    /** Throughput in ops/s, or latency percentiles in ms, of one benchmark. */
    private record Figures(double opsPerSecond, double error, double p50, double p99) {}

    /**
     * @param args the JMH JSON result file
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: WebRatios web-result.json");
            System.exit(2);
        }
        Map<String, Figures> figures = new HashMap<>();
        for (JsonNode run : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            String name = run.get("benchmark").asText().replaceFirst("^.*\\.(\\w+\\.\\w+)$", "$1");
            JsonNode primary = run.get("primaryMetric");
            String unit = primary.get("scoreUnit").asText();
            Figures known = figures.getOrDefault(name, new Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            switch (run.get("mode").asText()) {
                case "thrpt" -> {
                    double perSecond = opsPerSecond(unit);
                    figures.put(name, new Figures(primary.get("score").asDouble() * perSecond,
                            primary.path("scoreError").asDouble(Double.NaN) * perSecond, known.p50, known.p99));
                }
                case "sample" -> {
                    double toMillis = millis(unit);
                    JsonNode p = primary.get("scorePercentiles");
                    figures.put(name, new Figures(known.opsPerSecond, known.error,
                            p.get("50.0").asDouble() * toMillis, p.get("99.0").asDouble() * toMillis));
                }
                default -> { }
            }
        }
        System.out.println("| Benchmark | Throughput (ops/s) | Error (99.9%) | Ratio to pre-rendered | p50 (ms) | p99 (ms) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        Figures base = figures.get(BASELINE);
        for (String name : List.of(API, UNCACHED, BASELINE)) {
            Figures f = figures.get(name);
            if (f == null) {
                continue;
            }
            String ratio = name.equals(BASELINE) ? "(baseline)"
                    : base == null ? "n/a" : format("%.2fx", f.opsPerSecond / base.opsPerSecond);
            System.out.println(format("| %s | %,.0f | ± %,.0f | %s | %.2f | %.2f |", name, f.opsPerSecond, f.error, ratio,
                    f.p50, f.p99));
        }
        System.out.println();
        for (String name : List.of(API, UNCACHED)) {
            Figures f = figures.get(name);
            if (f != null && base != null && !Double.isNaN(f.opsPerSecond)) {
                double ratio = f.opsPerSecond / base.opsPerSecond;
                System.out.println(format("%s: throughput %.2fx the pre-rendered server's (target >= %.1fx: %s).", name,
                        ratio, TARGET, ratio >= TARGET ? "met" : "NOT met"));
            }
        }
    }

    private static double opsPerSecond(String unit) {
        return switch (unit) {
            case "ops/s" -> 1;
            case "ops/ms" -> 1e3;
            case "ops/us" -> 1e6;
            default -> throw new IllegalArgumentException("unknown JMH throughput unit " + unit);
        };
    }

    private static double millis(String unit) {
        return switch (unit) {
            case "s/op" -> 1e3;
            case "ms/op" -> 1;
            case "us/op" -> 1e-3;
            case "ns/op" -> 1e-6;
            default -> throw new IllegalArgumentException("unknown JMH time unit " + unit);
        };
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
