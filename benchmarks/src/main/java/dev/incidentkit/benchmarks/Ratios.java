package dev.incidentkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the Markdown table of the README from a JMH JSON result ({@code -rf json -rff FILE}):
 * each benchmark's score and error, its ratio to the baseline measured in the same run, its
 * allocation per operation when the run used {@code -prof gc}, and whether the command targets
 * are met.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.incidentkit.benchmarks.Ratios jmh-result.json}
 */
public final class Ratios {

    /** Each benchmark with the baseline it is read against, by simple name. */
    private static final Map<String, String> BASELINE_OF = new LinkedHashMap<>();

    static {
        BASELINE_OF.put("CommandBenchmark.incidentKitCycle", "CommandBenchmark.baselineJacksonSha256ArrayList");
        BASELINE_OF.put("CommandBenchmark.baselineJacksonSha256ArrayList", "");
        BASELINE_OF.put("ReplayBenchmark.replayDecoded", "ReplayBenchmark.baselineJacksonReadTree");
        BASELINE_OF.put("ReplayBenchmark.replayStored", "ReplayBenchmark.baselineJacksonReadTree");
        BASELINE_OF.put("ReplayBenchmark.baselineJacksonReadTree", "");
        BASELINE_OF.put("CloudEventBenchmark.encode", "CloudEventBenchmark.baselineJacksonEncode");
        BASELINE_OF.put("CloudEventBenchmark.baselineJacksonEncode", "");
        BASELINE_OF.put("CloudEventBenchmark.decode", "CloudEventBenchmark.baselineJacksonDecode");
        BASELINE_OF.put("CloudEventBenchmark.baselineJacksonDecode", "");
        // Average time, not throughput: the ratio is how many times longer than the baseline.
        BASELINE_OF.put("oncall.ShiftsBenchmark.shiftsOverAYear", "oncall.ShiftsBenchmark.baselinePlusWeeks");
        BASELINE_OF.put("oncall.ShiftsBenchmark.baselinePlusWeeks", "");
    }

    private static final double MIN_COMMANDS_PER_SECOND = 200_000;
    private static final double MIN_COMMAND_RATIO = 0.5;

    private Ratios() {}

    private record Result(double score, double error, String unit, Optional<Double> bytesPerOp) {}

    /**
     * @param args the JMH JSON result file
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Ratios jmh-result.json");
            System.exit(2);
        }
        Map<String, Result> results = new LinkedHashMap<>();
        for (JsonNode run : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            String name = run.get("benchmark").asText().replaceFirst("^dev\\.incidentkit\\.benchmarks\\.", "");
            JsonNode primary = run.get("primaryMetric");
            JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
            results.put(name, new Result(primary.get("score").asDouble(), primary.get("scoreError").asDouble(),
                    primary.get("scoreUnit").asText(),
                    alloc.isMissingNode() ? Optional.empty() : Optional.of(alloc.get("score").asDouble())));
        }
        System.out.println("| Benchmark | Score | Error (99.9%) | Unit | Ratio to baseline | Allocated B/op |");
        System.out.println("|---|---:|---:|---|---:|---:|");
        for (Map.Entry<String, String> e : BASELINE_OF.entrySet()) {
            Result r = results.get(e.getKey());
            if (r == null) {
                continue;
            }
            Result base = e.getValue().isEmpty() ? null : results.get(e.getValue());
            String ratio = e.getValue().isEmpty() ? "(baseline)" : base == null ? "n/a" : format("%.2fx", r.score / base.score);
            System.out.println(format("| %s | %,.0f | %s | %s | %s | %s |", e.getKey(), r.score,
                    Double.isNaN(r.error) ? "n/a" : format("± %,.0f", r.error), r.unit, ratio,
                    r.bytesPerOp.map(b -> format("%,.0f", b)).orElse("not measured")));
        }
        Result commands = results.get("CommandBenchmark.incidentKitCycle");
        Result baseline = results.get("CommandBenchmark.baselineJacksonSha256ArrayList");
        if (commands != null && baseline != null) {
            double ratio = commands.score / baseline.score;
            System.out.println();
            System.out.println(format("Commands: %,.0f/s on one thread (target >= %,.0f: %s); %.2fx the baseline (target >= %.1fx: %s).",
                    commands.score, MIN_COMMANDS_PER_SECOND, commands.score >= MIN_COMMANDS_PER_SECOND ? "met" : "NOT met",
                    ratio, MIN_COMMAND_RATIO, ratio >= MIN_COMMAND_RATIO ? "met" : "NOT met"));
        }
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
