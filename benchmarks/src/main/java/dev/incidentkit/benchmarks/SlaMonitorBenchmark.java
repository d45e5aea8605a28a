package dev.incidentkit.benchmarks;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.IncidentEvent.SlaBreached;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.sla.SlaMonitor;
import dev.incidentkit.core.sla.SlaPolicy;
import dev.incidentkit.core.sla.SlaTick;
import dev.incidentkit.core.sla.SlaViolation;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * The cost of one SLA check with {@code openIncidents} open incidents of which exactly 100 are due:
 * the {@link SlaMonitor}'s deadline queue against two linear baselines in the same run.
 *
 * <p>Each incident has two deadlines (acknowledge after 30 days, resolve after 60, declared 100 ms
 * apart), and each iteration moves the clock just past the next 100 of them, so every measured
 * check finds exactly 100 due incidents and records 100 breaches (100 appends to the in-memory
 * store), whatever the number of open incidents. A check changes the state, so each iteration is
 * a single shot.
 *
 * <ul>
 *   <li>{@link #monitorTick}: {@link SlaMonitor#tick()}, which takes the due incidents from its
 *       queue, evaluates and records them.</li>
 *   <li>{@link #baselineScanDeadlines}: the same per-incident work, but the due incidents are
 *       found by scanning a table of every open incident's next deadline.</li>
 *   <li>{@link #baselineEvaluateAll}: no table at all: every open incident is read and evaluated
 *       on every check, as a monitor without any index would do.</li>
 * </ul>
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SlaMonitorBenchmark</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@State(Scope.Benchmark)
public class SlaMonitorBenchmark {

    static final int DUE = 100;
    static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
    static final Duration SPACING = Duration.ofMillis(100);
    static final CommandContext MONITOR = CommandContext.as("sla-monitor");

    @Param({"1000", "100000"})
    int openIncidents;

    final MutableClock clock = new MutableClock(T0);
    final SlaPolicy policy = SlaPolicy.custom()
            .acknowledgeWithin(Severity.SEV4, Duration.ofDays(30))
            .resolveWithin(Severity.SEV4, Duration.ofDays(60))
            .build();
    IncidentManager manager;
    SlaMonitor monitor;
    List<String> ids;
    /** Every deadline of every incident, in order: the clock steps through them 100 at a time. */
    List<Instant> deadlines;
    /** For the deadline-table baseline: each incident's next deadline, by index. */
    Instant[] nextDue;
    int step;

    @Setup(Level.Trial)
    public void declareIncidents() {
        manager = IncidentKit.builder().store(new InMemoryEventStore()).clock(clock).slaPolicy(policy).build();
        ids = new ArrayList<>(openIncidents);
        deadlines = new ArrayList<>(2 * openIncidents);
        nextDue = new Instant[openIncidents];
        for (int i = 0; i < openIncidents; i++) {
            Instant declared = T0.plus(SPACING.multipliedBy(i));
            clock.set(declared);
            ids.add(manager.declare(Declare.of("Incident " + i, Severity.SEV4, "checkout"), CommandContext.as("alice")).id());
            nextDue[i] = declared.plus(Duration.ofDays(30));
        }
        for (int i = 0; i < openIncidents; i++) {
            deadlines.add(T0.plus(SPACING.multipliedBy(i)).plus(Duration.ofDays(30)));
        }
        for (int i = 0; i < openIncidents; i++) {
            deadlines.add(T0.plus(SPACING.multipliedBy(i)).plus(Duration.ofDays(60)));
        }
        monitor = SlaMonitor.create(manager);
        // The first tick reads every stored event and fills the queue: the cost of a start, not of a check.
        SlaTick rebuild = monitor.tick();
        if (rebuild.tracked() != openIncidents || !rebuild.recorded().isEmpty()) {
            throw new IllegalStateException("unexpected rebuild: " + rebuild);
        }
        step = 0;
    }

    /** Moves the clock just past the next 100 deadlines (50 ms, half the spacing, after the last). */
    @Setup(Level.Iteration)
    public void makeTheNextHundredDue() {
        int last = (step + 1) * DUE - 1;
        if (last >= deadlines.size()) {
            throw new IllegalStateException("not enough deadlines for another iteration; run fewer iterations");
        }
        clock.set(deadlines.get(last).plus(SPACING.dividedBy(2)));
        step++;
    }

    @TearDown(Level.Trial)
    public void close() {
        monitor.close();
        manager.close();
    }

    @Benchmark
    public SlaTick monitorTick() {
        SlaTick tick = monitor.tick();
        if (tick.recorded().size() != DUE) {
            throw new IllegalStateException("expected " + DUE + " breaches, got " + tick.recorded().size());
        }
        return tick;
    }

    @Benchmark
    public int baselineScanDeadlines() {
        Instant now = clock.instant();
        int recorded = 0;
        for (int i = 0; i < nextDue.length; i++) {
            if (nextDue[i] != null && nextDue[i].isBefore(now)) {
                List<RecordedEvent> history = manager.history(ids.get(i));
                recorded += record(ids.get(i), history, now);
                nextDue[i] = policy.status(history, now).nextDeadline().orElse(null);
            }
        }
        return check(recorded);
    }

    @Benchmark
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public int baselineEvaluateAll() {
        Instant now = clock.instant();
        int recorded = 0;
        for (String id : ids) {
            recorded += record(id, manager.history(id), now);
        }
        return check(recorded);
    }

    private int record(String id, List<RecordedEvent> history, Instant now) {
        int recorded = 0;
        for (SlaViolation v : policy.breaches(history, now)) {
            boolean done = false;
            for (RecordedEvent e : history) {
                if (e.event() instanceof SlaBreached && ((SlaBreached) e.event()).deadline().equals(v.deadline())
                        && ((SlaBreached) e.event()).kind() == v.kind()) {
                    done = true;
                }
            }
            if (!done) {
                manager.execute(id, new Command.RecordSlaBreach(v.kind(), v.target(), v.deadline()), MONITOR.at(v.breachedAt()));
                recorded++;
            }
        }
        return recorded;
    }

    private static int check(int recorded) {
        if (recorded != DUE) {
            throw new IllegalStateException("expected " + DUE + " breaches, got " + recorded);
        }
        return recorded;
    }

    /** A clock the benchmark moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
