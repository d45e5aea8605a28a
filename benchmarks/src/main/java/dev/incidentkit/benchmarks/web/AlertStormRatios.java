package dev.incidentkit.benchmarks.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints issue 16's table from the JMH JSON result of {@link AlertStormBenchmark} ({@code -rf json
 * -rff FILE}): for the storm through IncidentKit and the plain-JDBC baseline, the score as JMH
 * gives it (microseconds per alert, single shots, with JMH's 99.9% error), the same as alerts per
 * second (one million over the score; the error as the score's relative error, to first order, and
 * the interval the score's error bounds give), and IncidentKit's ratio to the baseline of the same
 * run against the 0.5x target.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.incidentkit.benchmarks.web.AlertStormRatios storm.json}
 */
public final class AlertStormRatios {

    private static final double TARGET = 0.5;
    private static final String API = "AlertStormBenchmark.incidentKit";
    private static final String BASELINE = "AlertStormBenchmark.baselineJdbc";

    private AlertStormRatios() {}

    /** A score in microseconds per alert, its error, and how many single shots it is of. */
    private record Score(double micros, double error, long shots) {
        double perSecond() {
            return 1e6 / micros;
        }

        double perSecondError() {
            return perSecond() * error / micros;
        }
    }

    /**
     * @param args the JMH JSON result file
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: AlertStormRatios storm-result.json");
            System.exit(2);
        }
        // Per setting of the benchmark's parameters (synchronous_commit), the two benchmarks' scores.
        Map<String, Map<String, Score>> bySetting = new LinkedHashMap<>();
        for (JsonNode run : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            String name = run.get("benchmark").asText().replaceFirst("^.*\\.(\\w+\\.\\w+)$", "$1");
            if (!run.get("mode").asText().equals("ss")) {
                continue;
            }
            StringBuilder setting = new StringBuilder();
            run.path("params").fields().forEachRemaining(e -> setting.append(setting.length() == 0 ? "" : ", ")
                    .append(e.getKey()).append('=').append(e.getValue().asText()));
            JsonNode primary = run.get("primaryMetric");
            double toMicros = micros(primary.get("scoreUnit").asText());
            long shots = 0;
            for (JsonNode fork : primary.get("rawData")) {
                shots += fork.size();
            }
            bySetting.computeIfAbsent(setting.toString(), k -> new LinkedHashMap<>()).put(name, new Score(
                    primary.get("score").asDouble() * toMicros, primary.path("scoreError").asDouble(Double.NaN) * toMicros,
                    shots));
        }
        System.out.println("| Setting | Benchmark | Score (µs/alert) | Error (99.9%) | Alerts/s | Error (alerts/s) "
                + "| Interval (alerts/s) | Shots | Ratio to baseline |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, Map<String, Score>> e : bySetting.entrySet()) {
            Score base = e.getValue().get(BASELINE);
            for (String name : new String[] {API, BASELINE}) {
                Score s = e.getValue().get(name);
                if (s == null) {
                    continue;
                }
                String ratio = name.equals(BASELINE) ? "(baseline)"
                        : base == null ? "n/a" : format("**%.2fx**", base.micros / s.micros);
                // An error as large as the score bounds no rate: say so rather than print a negative one.
                boolean bounded = !Double.isNaN(s.error) && s.error < s.micros;
                String error = bounded ? format("± %,.0f", s.perSecondError()) : "n/a";
                String interval = bounded ? format("%,.0f to %,.0f", 1e6 / (s.micros + s.error), 1e6 / (s.micros - s.error))
                        : "n/a";
                System.out.println(format("| %s | %s | %,.1f | ± %,.1f | %,.0f | %s | %s | %d | %s |", e.getKey(), name,
                        s.micros, s.error, s.perSecond(), error, interval, s.shots, ratio));
            }
        }
        for (Map.Entry<String, Map<String, Score>> e : bySetting.entrySet()) {
            Score api = e.getValue().get(API);
            Score base = e.getValue().get(BASELINE);
            if (api != null && base != null) {
                double ratio = base.micros / api.micros;
                System.out.println();
                System.out.println(format("Alert storm (%s): %,.0f alerts/s through the Alertmanager receiver, %.2fx the "
                        + "plain JDBC upserts' %,.0f alerts/s (target >= %.1fx: %s).", e.getKey(), api.perSecond(), ratio,
                        base.perSecond(), TARGET, ratio >= TARGET ? "met" : "NOT met"));
            }
        }
    }

    private static double micros(String unit) {
        return switch (unit) {
            case "s/op" -> 1e6;
            case "ms/op" -> 1e3;
            case "us/op" -> 1;
            case "ns/op" -> 1e-3;
            default -> throw new IllegalArgumentException("unknown JMH time unit " + unit);
        };
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
