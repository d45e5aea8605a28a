package dev.incidentkit.testkit;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every concern of {@link IncidentManagerContract} works with: the running test's store,
 * clock and manager, taken from the contract, and helpers to prove that a command wrote nothing,
 * to take events from a subscription and to race threads at the store. A concern extends this
 * class and is nested in the contract with one line.
 */
@ExtendWith(ContractResolver.class)
abstract class ManagerHarness {

    /** Where the clock stands when a test begins: {@link IncidentManagerContract#START}. */
    static final Instant START = IncidentManagerContract.START;

    static final long AWAIT_SECONDS = 10;
    static final Pattern ID = Pattern.compile("INC-(\\d{4})-(\\d{3,})");
    static final CommandContext ALICE = CommandContext.as("alice");
    static final CommandContext BOB = CommandContext.as("bob");
    static final Declare CHECKOUT = Declare.of("Checkout latency", Severity.SEV2, "checkout");

    private IncidentManagerContract contract;

    /** Takes the store, clock and manager of the running test from the adapter's contract test it runs in. */
    @BeforeEach
    final void bindContract(IncidentManagerContract contract) {
        this.contract = contract;
    }

    /** @return the store of the running test */
    final EventStore store() {
        return contract.store();
    }

    /** @return the clock of the running test's manager */
    final ManualClock clock() {
        return contract.clock();
    }

    /** @return the running test's manager, built with the defaults on first use */
    final IncidentManager manager() {
        return contract.manager();
    }

    /**
     * @param settings changes to the builder, which already has the store and the clock
     * @return the running test's manager, built with settings of its own
     */
    final IncidentManager manager(UnaryOperator<IncidentKit.Builder> settings) {
        return contract.manager(settings);
    }

    /**
     * Runs a command that must be rejected and checks that nothing was written: the store's head
     * and every incident are as before.
     */
    <T extends Throwable> T assertRejected(Class<T> type, ThrowingCallable command) {
        LogPosition head = store().head();
        List<Incident> before = manager().list();
        Throwable thrown = catchThrowable(command);
        assertThat(thrown).as("the rejection").isInstanceOf(type);
        assertThat(store().head()).as("the store's head after a rejected command").isEqualTo(head);
        assertThat(manager().list()).as("the incidents after a rejected command").isEqualTo(before);
        return type.cast(thrown);
    }

    /** Runs a command that must succeed without writing: a no-op or a safe retry. */
    Incident assertNothingWritten(Supplier<Incident> command) {
        LogPosition head = store().head();
        List<Incident> before = manager().list();
        Incident result = command.get();
        assertThat(store().head()).as("the store's head after a command that writes nothing").isEqualTo(head);
        assertThat(manager().list()).as("the incidents after a command that writes nothing").isEqualTo(before);
        return result;
    }

    /** Takes {@code n} events from a subscriber's queue, failing if they do not come in time. */
    static List<RecordedEvent> take(BlockingQueue<RecordedEvent> queue, int n) throws InterruptedException {
        List<RecordedEvent> got = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RecordedEvent e = queue.poll(AWAIT_SECONDS, SECONDS);
            if (e == null) {
                fail("only %d of %d events were delivered within %d s: %s", i, n, AWAIT_SECONDS, got);
            }
            got.add(e);
        }
        return got;
    }

    /**
     * Runs {@code task} {@code rounds} times on each of {@code threads} threads that race through
     * {@code gate}: every call they make to the store's {@code append} or {@code
     * nextIncidentNumber} waits until each of them still running has made one, so that their
     * commands truly collide, each time, even on a machine with few cores.
     *
     * @return each thread's results, in thread order, each in round order
     */
    static <T> List<List<T>> concurrently(RaceGate gate, int threads, int rounds, RoundTask<T> task)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        gate.open(threads);
        try {
            List<Future<List<T>>> futures = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    gate.enter();
                    try {
                        List<T> mine = new ArrayList<>(rounds);
                        for (int round = 0; round < rounds; round++) {
                            mine.add(task.run(thread, round));
                        }
                        return mine;
                    } finally {
                        gate.exit();
                    }
                }));
            }
            List<List<T>> results = new ArrayList<>(threads);
            for (Future<List<T>> f : futures) {
                results.add(f.get(60, SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            if (!pool.awaitTermination(AWAIT_SECONDS, SECONDS)) {
                fail("the test's threads did not stop within %d s", AWAIT_SECONDS);
            }
        }
    }

    /** One thread's command in one round of {@link #concurrently}. */
    @FunctionalInterface
    interface RoundTask<T> {
        T run(int thread, int round);
    }

    /**
     * The store under test, with a barrier in front of {@code append} and {@code
     * nextIncidentNumber} for the racing threads of {@link #concurrently}: a {@link Phaser} whose
     * parties are the threads still racing, so that each call waits for one call of every other
     * racer and they all reach the store together. Other threads, and every other method, pass
     * straight through. It counts the conflicts the store reports, to show that the race was real.
     */
    static final class RaceGate extends ForwardingStore {

        private final ThreadLocal<Boolean> racing = ThreadLocal.withInitial(() -> false);
        private final AtomicInteger conflicts = new AtomicInteger();
        private volatile Phaser phaser = new Phaser();

        RaceGate(EventStore store) {
            super(store);
        }

        void open(int racers) {
            phaser = new Phaser(racers);
        }

        void enter() {
            racing.set(true);
        }

        void exit() {
            racing.set(false);
            phaser.arriveAndDeregister();
        }

        int conflicts() {
            return conflicts.get();
        }

        private void pass() {
            if (!racing.get()) {
                return;
            }
            Phaser p = phaser;
            try {
                p.awaitAdvanceInterruptibly(p.arrive(), AWAIT_SECONDS, SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the race gate", e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the other racers did not reach the store within " + AWAIT_SECONDS + " s", e);
            }
        }

        @Override
        public AppendResult append(String incidentId, long expectedVersion, List<EventRecord> events,
                IncidentSummary summary) {
            pass();
            try {
                return super.append(incidentId, expectedVersion, events, summary);
            } catch (ConcurrencyConflictException e) {
                conflicts.incrementAndGet();
                throw e;
            }
        }

        @Override
        public long nextIncidentNumber(int year) {
            pass();
            return super.nextIncidentNumber(year);
        }
    }

    static int sequence(String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            throw new AssertionError("not an incident id: " + id);
        }
        return Integer.parseInt(m.group(2));
    }
}
