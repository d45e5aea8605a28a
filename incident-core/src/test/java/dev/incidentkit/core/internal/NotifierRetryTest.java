package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.internal.NotificationSettings.RoutedNotifier;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.notify.DeliverySettings.StartPosition;
import dev.incidentkit.core.notify.NotifierStatus;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.Lease;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.testkit.CapturedLog;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The retry loop of one notifier, with the waits between attempts recorded instead of waited:
 * which delays it asks for, how it keeps its lease through a long wait, what it does when the
 * lease goes during one, and when it is closed in one.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class NotifierRetryTest {

    private static final Instant START = Instant.parse("2025-08-23T14:00:00Z");
    private static final long AWAIT_SECONDS = 30;

    private final SimpleEventStore store = new SimpleEventStore();
    private final ManualClock clock = ManualClock.at(START);
    private final IncidentManager writer = IncidentKit.builder().store(store).clock(clock).build();
    private final List<NotificationDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void close() {
        dispatchers.forEach(NotificationDispatcher::close);
        writer.close();
    }

    /** One scripted answer. */
    interface Answer {
        DeliveryResult get();
    }

    /** Answers from a script, then delivers; counts down {@code delivered} on each delivery. */
    static final class Scripted implements Notifier {
        private final Deque<Answer> script = new ArrayDeque<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch delivered = new CountDownLatch(1);

        Scripted(Answer... answers) {
            script.addAll(List.of(answers));
        }

        @Override
        public String name() {
            return "pager";
        }

        @Override
        public synchronized DeliveryResult deliver(Notification notification) {
            calls.add(notification.id());
            Answer next = script.poll();
            if (next != null) {
                return next.get();
            }
            delivered.countDown();
            return DeliveryResult.delivered();
        }
    }

    /** Records each wait and returns at once, after an optional action; closing ends all waits. */
    static final class RecordingWaiter implements Waiter {
        final List<Duration> delays = new CopyOnWriteArrayList<>();
        private final Consumer<Duration> onWait;
        private volatile boolean closed;

        RecordingWaiter(Consumer<Duration> onWait) {
            this.onWait = onWait;
        }

        @Override
        public boolean await(Duration delay) {
            delays.add(delay);
            onWait.accept(delay);
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private NotificationDispatcher start(Notifier notifier, DeliverySettings settings, Waiter waiter) {
        NotificationSettings n = new NotificationSettings(List.of(new RoutedNotifier(notifier, Route.all())), settings,
                Optional.empty(), "test", name -> waiter);
        NotificationDispatcher d = new NotificationDispatcher(store, CloudEventCodec.forApplication("test"), clock, n);
        dispatchers.add(d);
        d.start();
        return d;
    }

    private static DeliverySettings.Builder settings() {
        return DeliverySettings.custom().leaseTtl(Duration.ofHours(1)).pollInterval(Duration.ofMillis(20))
                .startPosition(StartPosition.FROM_BEGINNING);
    }

    private String declare() {
        return writer.declare(Declare.of("Pager test", Severity.SEV1, "checkout"), CommandContext.as("alice")).id();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(AWAIT_SECONDS, TimeUnit.SECONDS)).as("waited %d s", AWAIT_SECONDS).isTrue();
    }

    @Test
    void waitsTheJitteredBackoffOrWhatTheNotifierAskedForUpToTheCap() throws InterruptedException {
        Scripted pager = new Scripted(
                () -> DeliveryResult.retryLater("HTTP 503"),
                () -> DeliveryResult.retryLater("HTTP 429", Duration.ofSeconds(7)),
                () -> {
                    throw new IllegalStateException("connection reset");
                },
                () -> DeliveryResult.retryLater("HTTP 503"),
                () -> DeliveryResult.retryLater("HTTP 429", Duration.ofHours(2)));
        RecordingWaiter waiter = new RecordingWaiter(d -> {});
        NotificationDispatcher d = start(pager, settings().build(), waiter);
        declare();
        d.wake();
        await(pager.delivered);

        List<Duration> delays = waiter.delays;
        assertThat(delays).hasSize(5);
        assertThat(delays.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(delays.get(1)).as("Retry-After honoured").isEqualTo(Duration.ofSeconds(7));
        assertThat(delays.get(2)).as("an exception backs off like a retry").isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(delays.get(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(delays.get(4)).as("capped").isEqualTo(Duration.ofMinutes(5));
        assertThat(pager.calls).hasSize(6).containsOnly(pager.calls.get(0));
        assertThat(d.deadLetters("pager")).isEmpty();
    }

    @Test
    void aLongWaitIsSlicedAndTheLeaseRenewedOnTheWay() throws InterruptedException {
        Scripted pager = new Scripted(() -> DeliveryResult.retryLater("HTTP 429", Duration.ofSeconds(25)));
        RecordingWaiter waiter = new RecordingWaiter(clock::advance);
        NotificationDispatcher d = start(pager, settings().leaseTtl(Duration.ofSeconds(30)).build(), waiter);
        declare();
        d.wake();
        await(pager.delivered);

        assertThat(waiter.delays).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(5));
        // Renewed after 10 s and after 20 s, each time for another 30 s.
        assertThat(store.lease("pager")).contains(new Lease("test", START.plusSeconds(50)));
    }

    @Test
    void whenAnotherProcessTakesTheLeaseTheEventIsLeftToItAndTakenUpAgainLater() throws InterruptedException {
        Scripted pager = new Scripted(() -> DeliveryResult.retryLater("HTTP 503"));
        CountDownLatch stolen = new CountDownLatch(1);
        RecordingWaiter waiter = new RecordingWaiter(delay -> {
            clock.advance(Duration.ofSeconds(31));
            assertThat(store.acquireLease("pager", "other", clock.instant(), Duration.ofSeconds(30))).isTrue();
            stolen.countDown();
        });
        NotificationDispatcher d = start(pager, settings().leaseTtl(Duration.ofSeconds(30)).build(), waiter);
        declare();
        d.wake();
        await(stolen);

        LogPosition head = store.head();
        assertThat(store.lease("pager")).map(Lease::owner).contains("other");
        assertThat(pager.delivered.getCount()).isEqualTo(1);
        assertThat(store.checkpoint("notifier:pager")).as("nothing saved for the abandoned event").isEmpty();
        assertThat(d.deadLetters("pager")).isEmpty();

        store.releaseLease("pager", "other");
        await(pager.delivered);
        assertThat(pager.calls).hasSize(2);
        assertThat(waiter.delays).hasSize(1);
        awaitCheckpoint(head);
    }

    @Test
    void afterTheLastAttemptTheNotificationIsADeadLetter() throws InterruptedException {
        Scripted pager = new Scripted(() -> DeliveryResult.retryLater("one"), () -> DeliveryResult.retryLater("two"),
                () -> DeliveryResult.retryLater("three"));
        RecordingWaiter waiter = new RecordingWaiter(d -> {});
        NotificationDispatcher d = start(pager, settings().maxAttempts(3).build(), waiter);
        String id = declare();
        d.wake();
        awaitCheckpoint(store.head());

        assertThat(waiter.delays).hasSize(2);
        assertThat(d.deadLetters("pager")).singleElement().satisfies(letter -> {
            assertThat(letter.incidentId()).isEqualTo(id);
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.lastError()).isEqualTo("three");
            assertThat(letter.failedAt()).isEqualTo(START);
        });
        assertThat(pager.delivered.getCount()).isEqualTo(1);

        DeliveryResult replayed = d.replay("pager", d.deadLetters("pager").get(0).eventId());
        assertThat(replayed).isEqualTo(DeliveryResult.delivered());
        assertThat(d.deadLetters("pager")).isEmpty();
        assertThat(pager.calls).hasSize(4);
    }

    @Test
    void closedDuringAWaitItTriesOnceMoreAtOnceAndIfThatFailsLeavesTheEventForTheNextRun() throws InterruptedException {
        Scripted first = new Scripted(() -> DeliveryResult.retryLater("HTTP 503"), () -> DeliveryResult.retryLater("HTTP 503"));
        CountDownLatch waiting = new CountDownLatch(1);
        Waiter real = Waiter.monitor();
        Waiter signalling = new Waiter() {
            @Override
            public boolean await(Duration delay) throws InterruptedException {
                waiting.countDown();
                return real.await(delay);
            }

            @Override
            public void close() {
                real.close();
            }
        };
        NotificationDispatcher d = start(first, settings().backoffBase(Duration.ofMinutes(1)).build(), signalling);
        declare();
        d.wake();
        await(waiting);
        d.close();
        assertThat(first.calls).as("one attempt, and one more at close").hasSize(2);
        assertThat(store.checkpoint("notifier:pager")).isEmpty();
        assertThat(store.lease("pager")).as("released on close").isEmpty();

        Scripted second = new Scripted();
        start(second, settings().build(), new RecordingWaiter(x -> {}));
        await(second.delivered);
        assertThat(second.calls).containsExactlyElementsOf(first.calls.subList(0, 1));
    }

    private void awaitCheckpoint(LogPosition position) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        Object monitor = new Object();
        synchronized (monitor) {
            while (!store.checkpoint("notifier:pager").equals(Optional.of(position))) {
                assertThat(System.nanoTime()).as("waited %d s for the checkpoint %s", AWAIT_SECONDS, position)
                        .isLessThan(deadline);
                monitor.wait(10);
            }
        }
    }

    @Test
    void anErrorTheJvmMayNotSurviveStopsTheNotifierLoudlyInsteadOfCountingAnAttempt() throws InterruptedException {
        CountDownLatch thrown = new CountDownLatch(1);
        Scripted pager = new Scripted(() -> {
            thrown.countDown();
            throw new OutOfMemoryError("Java heap space");
        });
        try (CapturedLog log = CapturedLog.start()) {
            NotificationDispatcher d = start(pager, settings().build(), new RecordingWaiter(x -> {}));
            declare();
            d.wake();
            await(thrown);
            awaitStatus(d, s -> s.health() == NotifierStatus.Health.STOPPED);

            NotifierStatus status = d.status("pager");
            assertThat(status.stalled()).isTrue();
            assertThat(status.lastFailure()).map(NotifierStatus.Failure::error)
                    .contains("java.lang.OutOfMemoryError: Java heap space");
            assertThat(status.failedAttempts()).as("not a failed attempt").isZero();
            assertThat(status.deadLetters()).isZero();
            assertThat(store.checkpoint("notifier:pager")).as("the event is left for the next run").isEmpty();
            assertThat(log.warningsAndErrors("Notifier pager ")).singleElement().asString()
                    .contains("ERROR").contains("stops delivering").contains("OutOfMemoryError");

            d.close();
            assertThat(d.status("pager").health()).as("a fatal stop is not taken for a close").isEqualTo(
                    NotifierStatus.Health.STOPPED);
            assertThat(d.status("pager").stalled()).isTrue();
        }
    }

    @Test
    void whatANotifierThrowsOnAReplayIsAFailedAttemptCountedLoggedAndShownAndAFatalErrorIsRethrown()
            throws InterruptedException {
        Scripted pager = new Scripted(
                () -> DeliveryResult.failed("HTTP 400 invalid routing key"),
                DeliveryResult::delivered,
                () -> {
                    throw new IllegalStateException("replay boom");
                },
                () -> {
                    throw new OutOfMemoryError("replay heap");
                });
        try (CapturedLog log = CapturedLog.start()) {
            NotificationDispatcher d = start(pager, settings().build(), new RecordingWaiter(x -> {}));
            declare();
            declare();
            d.wake();
            awaitCheckpoint(store.head());
            awaitStatus(d, s -> s.health() == NotifierStatus.Health.HEALTHY);
            assertThat(d.status("pager").failedAttempts()).isEqualTo(1);
            DeadLetter letter = d.deadLetters("pager").get(0);

            DeliveryResult replayed = d.replay("pager", letter.eventId());
            assertThat(replayed).isInstanceOf(DeliveryResult.RetryLater.class);
            NotifierStatus status = d.status("pager");
            assertThat(status.failedAttempts()).as("the replay's attempt is counted").isEqualTo(2);
            assertThat(status.health()).isEqualTo(NotifierStatus.Health.FAILING);
            assertThat(status.lastFailure()).map(NotifierStatus.Failure::error).hasValueSatisfying(
                    e -> assertThat(e).contains("IllegalStateException: replay boom"));
            List<String> lines = log.lines();
            int warned = lines.indexOf(log.warningsAndErrors("Notifier pager ").get(1));
            assertThat(lines.get(warned)).contains("WARN").contains("is failing").contains("replay");
            assertThat(lines.get(warned + 1)).as("with the stack trace")
                    .startsWith("java.lang.IllegalStateException: replay boom");

            assertThatThrownBy(() -> d.replay("pager", letter.eventId())).isInstanceOf(OutOfMemoryError.class)
                    .hasMessage("replay heap");
            assertThat(d.status("pager").lastFailure()).map(NotifierStatus.Failure::error)
                    .contains("java.lang.OutOfMemoryError: replay heap");
            assertThat(log.warningsAndErrors("Notifier pager ")).hasSize(3).last().asString().contains("ERROR")
                    .contains("OutOfMemoryError");
        }
    }

    private static void awaitStatus(NotificationDispatcher d, Predicate<NotifierStatus> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        Object monitor = new Object();
        synchronized (monitor) {
            while (!condition.test(d.status("pager"))) {
                assertThat(System.nanoTime()).as("waited %d s for the status", AWAIT_SECONDS).isLessThan(deadline);
                monitor.wait(10);
            }
        }
    }

    @Test
    void anEventThatCannotBeReadIsADeadLetterAndTheOthersGoOn() throws InterruptedException {
        String broken = declare();
        writer.addNote(broken, "after the broken one", CommandContext.as("alice"));
        store.tamper(broken, records -> {
            List<EventRecord> out = new ArrayList<>(records);
            EventRecord r = out.get(0);
            out.set(0, new EventRecord(r.eventId(), r.incidentId(), r.version(), r.type(), r.schemaVersion(),
                    r.occurredAt(), r.recordedAt(), r.actor(), r.commandId(), "{not json", r.prevHash(), r.hash()));
            return out;
        });
        String fine = declare();
        Scripted pager = new Scripted();
        List<String> warnings;
        List<String> lines;
        try (CapturedLog log = CapturedLog.start()) {
            start(pager, settings().build(), new RecordingWaiter(x -> {}));
            await(pager.delivered);
            awaitCheckpoint(store.head());
            warnings = log.warningsAndErrors("Notifier pager gave up");
            lines = log.lines();
        }
        assertThat(warnings).as("one WARN per unreadable event").hasSize(2);
        for (String warning : warnings) {
            assertThat(lines.get(lines.indexOf(warning) + 1)).as("followed by what was thrown, stack trace and all")
                    .matches("[a-zA-Z.$]+(Exception|Error): .*");
            assertThat(lines.get(lines.indexOf(warning) + 2)).startsWith("\tat ");
        }

        assertThat(pager.calls).containsExactly(store.readStream(fine, 0).get(0).record().eventId().toString());
        List<DeadLetter> dead = dispatchers.get(0).deadLetters("pager");
        assertThat(dead).extracting(DeadLetter::incidentId).containsExactly(broken, broken);
        assertThat(dead).allSatisfy(letter -> {
            assertThat(letter.attempts()).isZero();
            assertThat(letter.lastError()).startsWith("the event could not be read");
        });
    }
}
