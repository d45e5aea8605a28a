package dev.incidentkit.benchmarks;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What notifiers cost a command: commands through {@link IncidentManager} on the memory store,
 * one thread, with no notifier (the baseline) and with three, in two regimes: {@code commands}
 * as fast as one thread can go (commands/s; the notifiers fall behind and compete for the CPU),
 * and {@code commandsWhileNotifiersKeepUp}, each cycle started once the notifiers have caught up
 * (microseconds per command). The command cycle is
 * {@link CommandBenchmark}'s (declare, acknowledge, note, mitigate, resolve: five commands an
 * invocation, so the score is commands/s).
 *
 * <p>The three notifiers count and return at once, like a logging notifier whose logger is off;
 * each gets every event ({@code Route.all()}) with the default {@code DeliverySettings}, so each
 * has its worker thread reading the store, taking the incident each event left (prepared by the
 * command, else folded), building the notification and calling the notifier, while the benchmark
 * thread runs commands. What a command
 * pays for that is the wake-up of the workers and the competition for cores, caches and the
 * garbage collector: on a two-core machine the workers share the second core.
 *
 * <p>At the end of each iteration the benchmark prints how many of the iteration's events each
 * notifier had received by then: the notifiers' lag, which the score does not show.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Threads(1)
public class DispatcherBenchmark {

    /** Counts what it receives; delivers at once. */
    static final class CountingNotifier implements Notifier {
        private final String name;
        final AtomicLong received = new AtomicLong();

        CountingNotifier(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            received.incrementAndGet();
            return DeliveryResult.delivered();
        }
    }

    /** A manager on a memory store that is new at each iteration, with 0 or 3 notifiers. */
    @State(Scope.Thread)
    public static class Kit {
        @Param({"0", "3"})
        int notifiers;

        IncidentManager manager;
        InMemoryEventStore store;
        CountingNotifier[] counting;
        Cycle cycle;

        @Setup(Level.Trial)
        public void commands() {
            cycle = new Cycle();
        }

        @Setup(Level.Iteration)
        public void freshStore() {
            store = new InMemoryEventStore();
            IncidentKit.Builder b = IncidentKit.builder().store(store).clock(Fixtures.CLOCK).processId("benchmark");
            counting = new CountingNotifier[notifiers];
            for (int i = 0; i < notifiers; i++) {
                counting[i] = new CountingNotifier("count-" + i);
                b.notifier(counting[i]);
            }
            manager = b.build();
        }

        @TearDown(Level.Iteration)
        public void close() {
            long written = store.head().position();
            StringBuilder lag = new StringBuilder();
            for (CountingNotifier c : counting) {
                lag.append(String.format(Locale.ROOT, " %s %,d (%.0f%%)", c.name(), c.received.get(),
                        written == 0 ? 100.0 : 100.0 * c.received.get() / written));
            }
            manager.close();
            if (counting.length > 0) {
                System.out.printf(Locale.ROOT, "%n  events written %,d; received by the end of the iteration:%s%n",
                        written, lag);
            }
        }
    }

    /**
     * The same manager at a slower pace: before each invocation (outside the measured time) the
     * benchmark thread pauses for {@link #PAUSE_NANOS}, and then waits until every notifier has
     * handled every event so far: the regime of a real incident tool, whose commands come at
     * human pace and whose notifiers keep up. The pause is taken with and without notifiers, so
     * that both measure commands that start after the same idle time (caches cooled alike); the
     * workers wake at the first command and run while the rest of the cycle does.
     */
    @State(Scope.Thread)
    public static class CaughtUp extends Kit {

        /** A millisecond between cycles: longer than the workers' catch-up, shorter than their linger. */
        static final long PAUSE_NANOS = 1_000_000;

        @Setup(Level.Invocation)
        public void pauseThenAwaitNotifiers() {
            long until = System.nanoTime() + PAUSE_NANOS;
            for (long left = PAUSE_NANOS; left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            if (notifiers == 0) {
                return;
            }
            Optional<LogPosition> head = Optional.of(store.head());
            for (int i = 0; i < notifiers; i++) {
                String name = counting[i].name();
                while (!manager.notifications().status(name).checkpoint().equals(head)) {
                    LockSupport.parkNanos(20_000);
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(Cycle.COMMANDS)
    public Incident commands(Kit kit) {
        return kit.cycle.run(kit.manager);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(Cycle.COMMANDS)
    public Incident commandsWhileNotifiersKeepUp(CaughtUp kit) {
        return kit.cycle.run(kit.manager);
    }
}
