package dev.incidentkit.benchmarks.oncall;

import dev.incidentkit.benchmarks.jdbc.BenchmarkDatabase;
import dev.incidentkit.benchmarks.jdbc.FixedPool;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.CommandResult;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.core.oncall.ContactMethod;
import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.oncall.EscalationLevel;
import dev.incidentkit.core.oncall.EscalationPolicy;
import dev.incidentkit.core.oncall.EscalationTick;
import dev.incidentkit.core.oncall.Escalations;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.core.oncall.Layer;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.Person;
import dev.incidentkit.core.oncall.Rotation;
import dev.incidentkit.core.oncall.Schedule;
import dev.incidentkit.core.oncall.Step;
import dev.incidentkit.core.oncall.Target;
import dev.incidentkit.core.sla.BusinessCalendar;
import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One {@link Escalator#tick()} with {@code active} running escalations of which {@code due} are
 * due (issue 17: the tick's cost should grow with the due ones, not with the active ones), beside
 * a baseline in the same run that records the same pages without the escalator.
 *
 * <ul>
 *   <li>{@link #tick}: the escalator's tick. It reads the events since its checkpoint (the pages
 *       of the tick before), claims the due steps, and takes each: the incident read, the level's
 *       schedule resolved, one {@code incident.paged} event appended ({@link Command.RecordPage}),
 *       the next state stored; then it asks the store when the next step is due.</li>
 *   <li>{@link #baselineRecordPages}: the same number of {@link Command.RecordPage} commands
 *       submitted through the same manager for the same incidents, with command ids of their own:
 *       what a tick must write anyway. {@code tick / baselineRecordPages} is the escalator's own
 *       overhead; {@code tick} with {@code due = 0} is what a tick costs that no page explains, the
 *       part that must not grow with {@code active}.</li>
 * </ul>
 *
 * <p><b>The trial's setup.</b> {@code active} incidents are declared (SEV-2) on a service that no
 * policy covers, so that the escalator starts none of them itself; the escalator is built and
 * ticked once, which reads those declarations and moves its checkpoint past them. Then each
 * incident gets an escalation straight in the {@link EscalationStore}: the policy {@code bench},
 * two levels (the {@code primary} schedule, then {@code secondary}, 5 minutes each) repeated until
 * acknowledged, round 1 level 1, due in ten years. {@code due} of them, spread evenly over the
 * incidents, are the chosen ones. On PostgreSQL ({@link BenchmarkDatabase#postgres()}: embedded,
 * fsync and synchronous_commit on, a database of its own, a {@link FixedPool} of 6 connections)
 * every declaration and every start is a durable commit, so a trial of 10,000 incidents takes
 * tens of seconds to set up before its warm-up; four setup threads share the commits.
 *
 * <p><b>Each invocation.</b> The manual clock moves one second forward, and, for {@link #tick},
 * each chosen escalation's pending step (its round and level, read with {@link
 * EscalationStore#find}) is brought forward to now with {@link EscalationStore#hurry}: exactly
 * {@code due} steps are due at each tick, whatever the tick before did (the baseline's
 * escalations are never stepped, so they are left alone). This needs {@code
 * @Setup(Level.Invocation)}, which JMH warns about for short methods because it takes two
 * timestamps around each call (tens of nanoseconds). A tick is far longer: about 2 µs on memory
 * with nothing due, tens of microseconds and more with pages due, milliseconds on PostgreSQL; so
 * the harness is a few percent of the shortest case and nothing of the others. (The baseline
 * with {@code due = 0} submits nothing, and measures only that harness: about 0.03 µs.) After
 * each invocation ({@code @TearDown(Level.Invocation)}, not timed) the tick's counts are checked:
 * exactly {@code due} pages, nothing started, stopped, undeliverable, lost or failed, or the
 * benchmark throws. Then, when something was paged, it waits until the notifier has caught up
 * with the log, so that every invocation starts with no delivery pending.
 *
 * <p><b>Delivery.</b> The manager has one notifier that reaches people at {@code pager} and
 * delivers by doing nothing: without a notifier that takes the people's channel, every page
 * would be undeliverable, and the escalator would add a note and hurry the next level, another
 * workload. Its worker runs on a thread of its own, woken by each page (on PostgreSQL it stores
 * its checkpoint): the same work after a tick's pages as after the baseline's.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EscalationTick</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
// 10 warm-up seconds: at 3, the memory store's tick was still getting faster in the measured
// iterations (its path is large: JSON, hashing, the store, the schedules).
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class EscalationTickBenchmark {

    /** The store: {@code memory} ({@link InMemoryEventStore}) or {@code postgresql} ({@link JdbcEventStore}). */
    @Param({"memory", "postgresql"})
    public String store;

    /** Running escalations, one per incident. */
    @Param({"1000", "10000"})
    public int active;

    /** Of them, how many are due at each tick. */
    @Param({"0", "10", "100"})
    public int due;

    /** A Monday, 12:00 in Berlin. */
    static final Instant T0 = Instant.parse("2025-08-25T10:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String POLICY = "bench";
    static final String COVERED = "payments-api";
    /** Declared on this service, which no policy covers: the escalator starts nothing itself. */
    static final String UNCOVERED = "search";
    static final String NOTIFIER = "bench-pager";
    static final String ACTOR = "escalation";
    /** When the escalations that are not chosen are due: never, in the run. */
    static final Duration FAR = Duration.ofDays(3650);
    static final Duration STEP = Duration.ofSeconds(1);
    private static final int SETUP_THREADS = 4;
    private static final int POOL = 6;

    private ManualClock clock;
    private @Nullable BenchmarkDatabase server;
    private @Nullable FixedPool pool;
    private EventStore events;
    private EscalationStore timers;
    private IncidentManager manager;
    private Escalator escalator;
    private OnCallConfig config;
    /** The chosen incidents: due at each tick. */
    private String[] chosen;
    /** What the baseline records: a page of each level, as the escalator would write it. */
    private Command.RecordPage[] pages;
    private long baselineCommands;
    /** Whether this trial measures {@link #tick}: the baseline's escalations are never stepped, so never hurried. */
    private boolean ticking;
    private @Nullable EscalationTick last;
    private boolean pagedSomething;

    /** Declares the incidents, builds and ticks the escalator, starts the escalations; see the class comment. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        setUp(params.getBenchmark().endsWith(".tick"));
    }

    /** {@link #setUp(BenchmarkParams)}, outside JMH: {@code ticking} if the trial measures {@link #tick}. */
    void setUp(boolean ticking) throws Exception {
        this.ticking = ticking;
        if (due > active) {
            throw new IllegalArgumentException("due (" + due + ") must not exceed active (" + active + ")");
        }
        long started = System.nanoTime();
        clock = ManualClock.at(T0);
        config = config();
        switch (store) {
            case "memory" -> events = new InMemoryEventStore();
            case "postgresql" -> {
                server = BenchmarkDatabase.postgres();
                if (!server.setting("fsync").equals("on") || !server.setting("synchronous_commit").equals("on")) {
                    throw new IllegalStateException("PostgreSQL runs with fsync " + server.setting("fsync")
                            + " and synchronous_commit " + server.setting("synchronous_commit") + "; both must be on");
                }
                pool = FixedPool.of(server.createDatabase("escalations", Map.of()), POOL);
                events = JdbcEventStore.builder(pool).migrate(true).build();
            }
            default -> throw new IllegalArgumentException("store must be memory or postgresql: " + store);
        }
        timers = events.escalationStore().orElseThrow();
        manager = IncidentKit.builder().store(events).clock(clock)
                .contacts(OnCallConfig.contacts(() -> config))
                .notifier(new SilentPager(), Route.all().withTypes("incident.paged"))
                .build();

        String[] ids = new String[active];
        parallel(active, i -> ids[i] = manager.declare(
                Declare.of("Checkout fails for some customers (" + i + ")", Severity.SEV2, UNCOVERED),
                CommandContext.as("alice")).id());
        escalator = Escalator.builder(manager, events, () -> config).owner("bench").build();
        EscalationTick first = escalator.tick();
        if (first.started() != 0 || first.pages() != 0) {
            throw new IllegalStateException("the first tick should start and page nothing: " + first);
        }
        EscalationPolicy policy = config.policy(POLICY).orElseThrow();
        Instant now = clock.instant();
        parallel(active, i -> {
            if (!timers.start(new Escalation(POLICY, ids[i], Severity.SEV2, now, 1, 1, now.plus(FAR),
                    Escalation.Status.RUNNING, 0, List.of()))) {
                throw new IllegalStateException(ids[i] + " had an escalation already");
            }
        });
        chosen = new String[due];
        for (int k = 0; k < due; k++) {
            chosen[k] = ids[(int) ((long) k * active / due)];
        }
        pages = baselinePages(policy, ids[0], now);
        awaitDelivered();
        System.out.printf(Locale.ROOT, "%n%s: %,d incidents declared and escalating, %d due at each tick; set up in %.1f s%n",
                store, active, due, (System.nanoTime() - started) / 1e9);
    }

    /**
     * The pages the baseline records, one per level, built by the policy from an escalation like
     * the benchmark's, so that their text (the why) is the escalator's.
     */
    private Command.RecordPage[] baselinePages(EscalationPolicy policy, String incidentId, Instant now) {
        Escalation e = Escalations.start(policy, incidentId, Severity.SEV2, now);
        List<Command.RecordPage> out = new ArrayList<>();
        for (int level = 0; level < 2; level++) {
            Step.Page page = (Step.Page) Escalations.due(policy, e, e.at(), config::schedule);
            String person = page.people().get(0);
            out.add(Command.RecordPage.of(page, person, List.of("pager")));
            e = page.next();
        }
        return out.toArray(Command.RecordPage[]::new);
    }

    /** Moves the clock, and brings exactly the chosen escalations' pending steps forward to now. */
    @Setup(Level.Invocation)
    public void dueNow() {
        Instant now = clock.advance(STEP);
        if (!ticking) {
            return;
        }
        for (String id : chosen) {
            Escalation e = timers.find(id).orElseThrow();
            if (!timers.hurry(id, e.round(), e.level(), now)) {
                throw new IllegalStateException("could not bring forward the escalation of " + id + ": " + e);
            }
        }
    }

    /** Checks the tick's counts, and waits for the pages' delivery. */
    @TearDown(Level.Invocation)
    public void check() {
        EscalationTick t = last;
        if (t != null) {
            last = null;
            if (t.pages() != due || t.undeliverable() != 0 || t.lost() != 0 || t.failed() != 0 || t.nobodyOnCall() != 0
                    || t.started() != 0 || t.stopped() != 0) {
                throw new IllegalStateException("a tick with " + due + " due should page " + due
                        + " people and do nothing else: " + t + "; " + escalator.status());
            }
        }
        if (pagedSomething) {
            pagedSomething = false;
            awaitDelivered();
        }
    }

    /** Closes the escalator, the manager and the store, and stops PostgreSQL. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        System.out.printf(Locale.ROOT, "%n%s: escalator %s%n", store, escalator.status());
        escalator.close();
        manager.close();
        events.close();
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** @return what the tick did: checked after the invocation */
    @Benchmark
    public EscalationTick tick() {
        EscalationTick t = escalator.tick();
        last = t;
        pagedSomething = due > 0;
        return t;
    }

    /** @return the last command's result: the chosen incidents' pages, recorded without the escalator */
    @Benchmark
    public @Nullable CommandResult baselineRecordPages() {
        CommandResult r = null;
        for (String id : chosen) {
            long n = ++baselineCommands;
            r = manager.submit(id, pages[(int) (n & 1)],
                    CommandContext.as(Actor.of(ACTOR)).commandId("bench:" + id + ":" + n));
        }
        pagedSomething = due > 0;
        return r;
    }

    /** Waits (at most a minute) until the notifier has read every event of the log. */
    private void awaitDelivered() {
        LogPosition head = manager.head();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        // At or past the head: on PostgreSQL the worker's checkpoint may name a later position
        // than the head read here (seen in a run), though no event was appended after it.
        while (manager.notifications().status(NOTIFIER).checkpoint().filter(c -> c.compareTo(head) >= 0).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the notifier did not reach " + head + " in a minute: "
                        + manager.notifications().status(NOTIFIER));
            }
            // The worker needs the CPU more than this thread does: on 2 cores, a sleep of the
            // JDK's least (1 ms) would make most of an iteration's time waiting, and few ticks.
            Thread.yield();
        }
    }

    /** Runs {@code work(0)} to {@code work(count - 1)} on {@link #SETUP_THREADS} threads (one for memory). */
    private void parallel(int count, IntConsumer work) throws Exception {
        int threads = server == null ? 1 : SETUP_THREADS;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(executor.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        work.accept(i);
                    }
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Two weekly schedules (primary: alice then bob; secondary: carol), and the policy {@code
     * bench}: level 1 primary, level 2 secondary, 5 minutes each, repeated until acknowledged;
     * it covers {@link #COVERED} only.
     */
    static OnCallConfig config() {
        Schedule primary = weekly("primary", "alice", "bob");
        Schedule secondary = weekly("secondary", "carol");
        EscalationPolicy policy = EscalationPolicy.builder(POLICY, "Bench",
                        BusinessCalendar.weekdays(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .level(EscalationLevel.of(Duration.ofMinutes(5), Target.schedule("primary")))
                .level(EscalationLevel.of(Duration.ofMinutes(5), Target.schedule("secondary")))
                .repeat(EscalationPolicy.Repeat.untilAcknowledged())
                .build();
        List<Person> people = new ArrayList<>();
        for (String p : List.of("alice", "bob", "carol")) {
            people.add(Person.of(p, p, new ContactMethod("pager", p + "@pager.example")));
        }
        return OnCallConfig.of(List.of(primary, secondary), List.of(policy), people, Map.of(COVERED, POLICY));
    }

    static Schedule weekly(String id, String... people) {
        return Schedule.builder(id, id, BERLIN).layer(Layer.of(Rotation.of("weekly", Rotation.Kind.WEEKLY, 1,
                LocalDateTime.of(2025, 1, 6, 9, 0).atZone(BERLIN), List.of(people)))).build();
    }

    /** Reaches people at {@code pager}, and delivers by doing nothing. */
    static final class SilentPager implements Notifier {
        @Override
        public String name() {
            return NOTIFIER;
        }

        @Override
        public Set<String> contactKinds() {
            return Set.of("pager");
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            return DeliveryResult.delivered();
        }
    }
}
