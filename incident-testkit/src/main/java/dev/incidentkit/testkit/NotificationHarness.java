package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every concern of {@link NotificationContract} works with: the running test's store and
 * clock, taken from the contract; managers that stand for processes, each on its own handle of
 * the storage; notifiers that record, fail, switch or hang; and a wait for conditions that every
 * notifier call wakes. A concern extends this class and is nested in the contract with one line.
 * After each test it frees stuck notifiers and closes every manager, then every handle; the
 * contract then closes the store.
 */
@ExtendWith(ContractResolver.class)
abstract class NotificationHarness {

    static final Instant START = NotificationContract.START;
    static final Duration AWAIT = Duration.ofSeconds(30);
    static final CommandContext ALICE = CommandContext.as("alice");
    static final CommandContext BOB = CommandContext.as("bob");

    private final List<IncidentManager> managers = new ArrayList<>();
    private final List<EventStore> handles = new ArrayList<>();
    private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();
    private final Object progress = new Object();
    private NotificationContract contract;

    /** Takes the store and the clock of the running test from the adapter's contract test it runs in. */
    @BeforeEach
    final void bindContract(NotificationContract contract) {
        this.contract = contract;
    }

    /** Frees stuck notifiers, closes every manager, then every handle; the contract closes the store. */
    @AfterEach
    final void closeProcesses() {
        for (CountDownLatch gate : gates) {
            gate.countDown();
        }
        for (int i = managers.size() - 1; i >= 0; i--) {
            managers.get(i).close();
        }
        managers.clear();
        for (EventStore handle : handles) {
            handle.close();
        }
        handles.clear();
    }

    /** @return the store of the running test */
    final EventStore store() {
        return contract.store();
    }

    /** @return the clock of the running test's managers */
    final ManualClock clock() {
        return contract.clock();
    }

    /** Recurses until the stack overflows: a real {@link StackOverflowError}, not a thrown one. */
    static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    DeliveryStore deliveries() {
        return store().deliveryStore().orElseThrow();
    }

    /** Settings for tests: millisecond backoff, quick polls, a generous call timeout. */
    static DeliverySettings.Builder fast() {
        return DeliverySettings.custom().callTimeout(Duration.ofSeconds(10)).maxAttempts(4)
                .backoffBase(Duration.ofMillis(1)).backoffCap(Duration.ofMillis(4)).leaseTtl(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).batchSize(16);
    }

    /** A process's view of the storage: its own handle, behind a wrapper that counts refused leases. */
    ProcessStore process(boolean diesWithoutRelease) {
        EventStore handle = contract.sameStorage(store());
        if (handle != store()) {
            handles.add(handle);
        }
        return new ProcessStore(handle, diesWithoutRelease);
    }

    IncidentManager manager(ProcessStore s, String processId, DeliverySettings settings,
            UnaryOperator<IncidentKit.Builder> notifiers) {
        IncidentManager m = notifiers.apply(IncidentKit.builder().store(s).clock(clock()).processId(processId)
                .deliverySettings(settings)).build();
        managers.add(m);
        return m;
    }

    CountDownLatch gate() {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        return gate;
    }

    List<StoredEvent> allEvents() {
        return store().readAll(LogPosition.START, 100_000);
    }

    static List<String> ids(List<?> events) {
        return events.stream().map(e -> e instanceof Notification n ? n.id()
                : ((StoredEvent) e).record().eventId().toString()).collect(Collectors.toList());
    }

    /**
     * Closes {@code m} on another thread and, once that thread waits for the workers, opens {@code
     * go}, which holds a call in progress; returns when close has returned.
     */
    void closeWhileHeld(IncidentManager m, CountDownLatch go) throws InterruptedException {
        Thread closer = new Thread(m::close, "contract-closer");
        closer.start();
        await("close() waits for the worker", () -> closer.getState() == Thread.State.TIMED_WAITING
                || closer.getState() == Thread.State.WAITING);
        go.countDown();
        closer.join(AWAIT.toMillis());
        assertThat(closer.isAlive()).as("close() returned").isFalse();
    }

    /** Waits until the notifier's checkpoint is the store's head: every event delivered, dead-lettered or skipped. */
    void awaitHandled(IncidentManager m, String notifier) {
        await(notifier + " has handled every event", () ->
                m.notifications().status(notifier).checkpoint().equals(Optional.of(store().head())));
    }

    /** Waits for a condition: woken by every notifier call, and checking at least every 10 ms for the rest. */
    void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        synchronized (progress) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("waited " + AWAIT + " for: " + what);
                }
                try {
                    progress.wait(Math.max(1, Math.min(10, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted while waiting for: " + what);
                }
            }
        }
    }

    void ping() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers with a function; runs an action on close. */
    final class Named implements Notifier {
        final String name;
        final java.util.function.Function<Notification, DeliveryResult> answer;
        final Runnable onClose;

        Named(String name, java.util.function.Function<Notification, DeliveryResult> answer) {
            this(name, answer, () -> {});
        }

        Named(String name, java.util.function.Function<Notification, DeliveryResult> answer, Runnable onClose) {
            this.name = name;
            this.answer = answer;
            this.onClose = onClose;
        }

        @Override
        public void close() {
            onClose.run();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            try {
                return answer.apply(notification);
            } finally {
                ping();
            }
        }
    }

    /** Delivers and keeps what it received, possibly in a list shared with other processes' notifiers. */
    final class Recorder implements Notifier {
        final String name;
        final List<Notification> received;

        Recorder(String name) {
            this(name, new CopyOnWriteArrayList<>());
        }

        Recorder(String name, List<Notification> received) {
            this.name = name;
            this.received = received;
        }

        List<String> ids() {
            return NotificationHarness.ids(received);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            received.add(notification);
            ping();
            return DeliveryResult.delivered();
        }
    }

    /** Fails at random, from a seed: retry later (with and without a delay), an exception, failed for good, or delivered. */
    final class Flaky implements Notifier {
        final String name;
        final Random random;
        final Map<String, List<String>> outcomes = new ConcurrentHashMap<>();

        Flaky(String name, Random random) {
            this.name = name;
            this.random = random;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            double r = random.nextDouble();
            String outcome = r < 0.25 ? "retry" : r < 0.35 ? "retry-after" : r < 0.47 ? "throw" : r < 0.52 ? "failed" : "delivered";
            outcomes.computeIfAbsent(notification.id(), id -> new CopyOnWriteArrayList<>()).add(outcome);
            ping();
            switch (outcome) {
                case "retry":
                    return DeliveryResult.retryLater("HTTP 503");
                case "retry-after":
                    return DeliveryResult.retryLater("HTTP 429", Duration.ofMillis(2));
                case "throw":
                    throw new IllegalStateException("connection reset");
                case "failed":
                    return DeliveryResult.failed("HTTP 404 no such channel");
                default:
                    return DeliveryResult.delivered();
            }
        }
    }

    /** Fails for good until it is switched to healthy; keeps what it delivered. */
    final class Switchable implements Notifier {
        final String name;
        final AtomicBoolean healthy = new AtomicBoolean();
        final List<Notification> delivered = new CopyOnWriteArrayList<>();

        Switchable(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            try {
                if (!healthy.get()) {
                    return DeliveryResult.failed("HTTP 400 invalid routing key");
                }
                delivered.add(notification);
                return DeliveryResult.delivered();
            } finally {
                ping();
            }
        }
    }

    /** Blocks on its first call, deaf to interrupts, until the test ends. */
    final class Hanging implements Notifier {
        final String name;
        final CountDownLatch release = gate();
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger returned = new AtomicInteger();

        Hanging(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            calls.incrementAndGet();
            entered.countDown();
            ping();
            awaitUninterruptibly(release);
            returned.incrementAndGet();
            return DeliveryResult.delivered();
        }
    }
}
