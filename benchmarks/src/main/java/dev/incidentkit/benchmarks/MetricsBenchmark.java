package dev.incidentkit.benchmarks;

import dev.incidentkit.core.Acknowledgement;
import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Postmortem;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.metrics.Metric;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.Metrics;
import dev.incidentkit.core.metrics.MetricsReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Metrics#compute} over a million incidents, beside its baseline in the same run: sorting,
 * with {@link Arrays#sort(long[])}, copies of the same interval values the computation ranks (the
 * five interval metrics of every covered incident that has them). A result is the ratio of the
 * two, which survives a noisy machine better than either figure.
 *
 * <p>The incidents are generated once per fork, from a fixed seed: two years of declarations
 * across 20 services and 50 responders, with realistic shares of unacknowledged, unresolved,
 * reopened, canceled and duplicate incidents, SLA breaches, correlated services and action items.
 * They share what real snapshots share (titles, actors, empty collections) to keep a million of
 * them within the fork's heap.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar MetricsBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class MetricsBenchmark {

    /** How many incidents. */
    @Param("1000000")
    public int incidents;

    private List<Incident> data;
    private MetricQuery query;
    private long[][] intervals;
    private long[][] scratch;

    /** Generates the incidents and the baseline's arrays. */
    @Setup(Level.Trial)
    public void setUp() {
        data = generate(incidents, new SplittableRandom(20250823));
        query = MetricQuery.all().asOf(Instant.parse("2026-01-01T00:00:00Z"));
        intervals = intervalsOf(data);
        scratch = new long[intervals.length][];
        for (int m = 0; m < intervals.length; m++) {
            scratch[m] = new long[intervals[m].length];
        }
    }

    /** @return the whole report: every metric, MTBF, frequency, SLA, responders, reopen rate, action items */
    @Benchmark
    public MetricsReport compute() {
        return Metrics.compute(data, query);
    }

    /** @return a checksum of the sorted copies of the same interval values */
    @Benchmark
    public long baselineSortIntervals() {
        long checksum = 0;
        for (int m = 0; m < intervals.length; m++) {
            long[] copy = scratch[m];
            System.arraycopy(intervals[m], 0, copy, 0, copy.length);
            Arrays.sort(copy);
            checksum += copy[copy.length / 2];
        }
        return checksum;
    }

    /** The values of each interval metric, in microseconds, of the incidents {@link MetricQuery#all()} covers. */
    static long[][] intervalsOf(List<Incident> incidents) {
        long[][] out = new long[Metric.values().length][];
        for (Metric metric : Metric.values()) {
            long[] values = new long[incidents.size()];
            int n = 0;
            for (Incident i : incidents) {
                if (i.status() == Status.CANCELED || i.status() == Status.DUPLICATE) {
                    continue;
                }
                Optional<Instant> start = metric.start(i.milestones());
                Optional<Instant> end = metric.end(i.milestones());
                if (start.isPresent() && end.isPresent()) {
                    values[n++] = ChronoUnit.MICROS.between(start.get(), end.get());
                }
            }
            out[metric.ordinal()] = Arrays.copyOf(values, n);
        }
        return out;
    }

    /** A million plausible incident snapshots, built directly (a fold per incident would take minutes). */
    static List<Incident> generate(int count, SplittableRandom random) {
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        long span = Duration.ofDays(730).toSeconds();
        String[] services = new String[20];
        List<List<String>> correlated = new ArrayList<>();
        for (int s = 0; s < services.length; s++) {
            services[s] = "service-" + s;
            correlated.add(List.of("service-" + ((s + 1) % services.length)));
        }
        Actor[] actors = new Actor[50];
        for (int a = 0; a < actors.length; a++) {
            actors[a] = Actor.of("responder-" + a + "@example.com");
        }
        Actor alerting = Actor.of("alertmanager");
        SlaBreach[] breaches = {new SlaBreach(SlaKind.ACK, Duration.ofMinutes(15), from, from),
            new SlaBreach(SlaKind.RESOLVE, Duration.ofHours(1), from, from), new SlaBreach(SlaKind.UPDATE, Duration.ofMinutes(15), from, from)};
        Optional<String> reason = Optional.of("declared by mistake");

        List<Incident> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant declared = from.plusSeconds(span * i / count + random.nextInt(60)).plusNanos(random.nextInt(1_000_000) * 1_000L);
            Instant detected = declared.minusSeconds(random.nextInt(300));
            Instant impact = detected.minusSeconds((long) exponential(random, 600));
            boolean acked = random.nextInt(100) < 92;
            Instant ack = declared.plusSeconds((long) exponential(random, 300));
            Instant identified = ack.plusSeconds((long) exponential(random, 1_800));
            Instant mitigated = identified.plusSeconds((long) exponential(random, 1_200));
            Instant resolved = mitigated.plusSeconds((long) exponential(random, 3_600));
            int roll = random.nextInt(1000);
            Status status = roll < 10 ? Status.CANCELED : roll < 20 ? Status.DUPLICATE : roll < 60 ? Status.INVESTIGATING
                    : roll < 80 ? Status.MITIGATED : roll < 300 ? Status.RESOLVED : Status.CLOSED;
            boolean reachedResolve = status == Status.RESOLVED || status == Status.CLOSED;
            boolean identifiedToo = random.nextInt(100) < 70;
            Milestones m = new Milestones(impact, detected, declared,
                    acked ? Optional.of(ack) : Optional.empty(),
                    identifiedToo && status != Status.CANCELED ? Optional.of(identified) : Optional.empty(),
                    status == Status.MITIGATED || reachedResolve ? Optional.of(mitigated) : Optional.empty(),
                    reachedResolve ? Optional.of(resolved) : Optional.empty(),
                    status == Status.CLOSED ? Optional.of(resolved) : Optional.empty());
            Actor acker = actors[random.nextInt(actors.length)];
            int service = random.nextInt(services.length);
            List<ActionItem> items = random.nextInt(100) < 5
                    ? List.of(new ActionItem(1, "follow up", Optional.empty(), Optional.empty(), resolved,
                            random.nextBoolean() ? Optional.of(resolved.plus(Duration.ofDays(random.nextInt(120)))) : Optional.empty()))
                    : List.of();
            int breachRoll = random.nextInt(100);
            List<SlaBreach> slaBreaches = breachRoll < 8 ? List.of(breaches[breachRoll % 3]) : List.of();
            out.add(new Incident("INC-" + (2024 + i * 2 / count) + "-" + (i + 1), "Service degraded", "",
                    Severity.values()[3 - Math.min(3, (int) exponential(random, 1.2))], status, services[service],
                    random.nextInt(10) == 0 ? correlated.get(service) : List.of(), Map.of(), false, alerting, m,
                    acked ? Optional.of(new Acknowledgement(acker, ack, "")) : Optional.empty(),
                    reachedResolve ? resolved : declared, 0, items, Postmortem.EMPTY, slaBreaches,
                    random.nextInt(50) == 0 ? 1 : 0,
                    status == Status.CANCELED ? reason : Optional.empty(),
                    status == Status.DUPLICATE ? Optional.of("INC-2024-1") : Optional.empty(), 8));
        }
        return out;
    }

    private static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
