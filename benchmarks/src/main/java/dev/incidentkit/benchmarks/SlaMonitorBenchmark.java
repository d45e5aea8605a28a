package dev.incidentkit.benchmarks;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.event.IncidentEvent.SlaBreached;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.sla.SlaMonitor;
import dev.incidentkit.core.sla.SlaPolicy;
import dev.incidentkit.core.sla.SlaTick;
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
 * a single shot; the 1,000-incident world runs out of deadlines after 20 checks and is then built
 * again, outside the measurement. Every trial first runs all three code paths on a small world of
 * its own, so that both sizes start with the same JIT warm-up.
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
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@State(Scope.Benchmark)
public class SlaMonitorBenchmark {

    static final int DUE = 100;
    static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
    static final Duration SPACING = Duration.ofMillis(100);
    static final CommandContext MONITOR = CommandContext.as("sla-monitor");
    static final SlaPolicy POLICY = SlaPolicy.custom()
            .acknowledgeWithin(Severity.SEV4, Duration.ofDays(30))
            .resolveWithin(Severity.SEV4, Duration.ofDays(60))
            .build();

    @Param({"1000", "100000"})
    int openIncidents;

    World world;

    /**
     * Open incidents, a monitor that has read them all, and a clock to step through their
     * deadlines 100 at a time.
     */
    static final class World {
        final MutableClock clock = new MutableClock(T0);
        final IncidentManager manager;
        final SlaMonitor monitor;
        final List<String> ids;
        /** Every deadline of every incident, in order. */
        final List<Instant> deadlines;
        /** For the deadline-table baseline: each incident's next deadline, by index; null for none. */
        final Instant[] nextDue;
        int step;

        World(int open) {
            manager = IncidentKit.builder().store(new InMemoryEventStore()).clock(clock).slaPolicy(POLICY).build();
            ids = new ArrayList<>(open);
            deadlines = new ArrayList<>(2 * open);
            nextDue = new Instant[open];
            for (int i = 0; i < open; i++) {
                Instant declared = T0.plus(SPACING.multipliedBy(i));
                clock.set(declared);
                ids.add(manager.declare(Declare.of("Incident " + i, Severity.SEV4, "checkout"), CommandContext.as("alice")).id());
                nextDue[i] = declared.plus(Duration.ofDays(30));
            }
            for (int i = 0; i < open; i++) {
                deadlines.add(T0.plus(SPACING.multipliedBy(i)).plus(Duration.ofDays(30)));
            }
            for (int i = 0; i < open; i++) {
                deadlines.add(T0.plus(SPACING.multipliedBy(i)).plus(Duration.ofDays(60)));
            }
            // Breaches only, as the baselines record: update reminders would add writes they do not make.
            monitor = SlaMonitor.builder(manager).noUpdateReminders().build();
            // The first tick reads every stored event and fills the queue: the cost of a start, not of a check.
            SlaTick rebuild = monitor.tick();
            if (rebuild.tracked() != open || !rebuild.recorded().isEmpty()) {
                throw new IllegalStateException("unexpected rebuild: " + rebuild);
            }
        }

        boolean hasNextStep() {
            return (step + 1) * DUE <= deadlines.size();
        }

        /** Moves the clock just past the next 100 deadlines (half the spacing after the last). */
        void makeTheNextHundredDue() {
            clock.set(deadlines.get((step + 1) * DUE - 1).plus(SPACING.dividedBy(2)));
            step++;
        }

        void close() {
            monitor.close();
            manager.close();
        }
    }

    /**
     * Runs every measured code path on a small world of its own first, so that the JIT has seen
     * the same amount of work whatever {@code openIncidents} is: otherwise the large world's
     * setup alone would warm it up far more than the small one's.
     */
    @Setup(Level.Trial)
    public void warmUpThenBuild() {
        World warm = new World(2_000);
        for (int round = 0; round < 40; round++) {
            warm.makeTheNextHundredDue();
            switch (round % 4) {
                case 0:
                case 1:
                    check(warm.monitor.tick().recorded().size());
                    break;
                case 2:
                    scanDeadlines(warm);
                    break;
                default:
                    evaluateAll(warm);
                    break;
            }
        }
        warm.close();
        world = new World(openIncidents);
    }

    /** The small world runs out of deadlines after 20 steps: then a fresh one is built, unmeasured. */
    @Setup(Level.Iteration)
    public void makeTheNextHundredDue() {
        if (!world.hasNextStep()) {
            world.close();
            world = new World(openIncidents);
        }
        world.makeTheNextHundredDue();
    }

    @TearDown(Level.Trial)
    public void close() {
        world.close();
    }

    @Benchmark
    public SlaTick monitorTick() {
        SlaTick tick = world.monitor.tick();
        check(tick.recorded().size());
        return tick;
    }

    @Benchmark
    public int baselineScanDeadlines() {
        return scanDeadlines(world);
    }

    @Benchmark
    @Warmup(iterations = 3)
    @Measurement(iterations = 5)
    public int baselineEvaluateAll() {
        return evaluateAll(world);
    }

    private static int scanDeadlines(World w) {
        Instant now = w.clock.instant();
        int recorded = 0;
        for (int i = 0; i < w.nextDue.length; i++) {
            if (w.nextDue[i] != null && w.nextDue[i].isBefore(now)) {
                List<RecordedEvent> history = w.manager.history(w.ids.get(i));
                recorded += record(w, w.ids.get(i), history, now);
                w.nextDue[i] = POLICY.status(history, now).nextDeadline().orElse(null);
            }
        }
        return check(recorded);
    }

    private static int evaluateAll(World w) {
        Instant now = w.clock.instant();
        int recorded = 0;
        for (String id : w.ids) {
            recorded += record(w, id, w.manager.history(id), now);
        }
        return check(recorded);
    }

    private static int record(World w, String id, List<RecordedEvent> history, Instant now) {
        int recorded = 0;
        for (SlaBreach v : POLICY.breaches(history, now)) {
            boolean done = false;
            for (RecordedEvent e : history) {
                if (e.event() instanceof SlaBreached b && b.deadline().equals(v.deadline()) && b.kind() == v.kind()) {
                    done = true;
                }
            }
            if (!done) {
                w.manager.execute(id, new Command.RecordSlaBreach(v.kind(), v.target(), v.deadline()), MONITOR.at(v.breachedAt()));
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
