package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one timed-call mechanism: results, failures, and abandonment of a call that outlives its deadline. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class NotifierCallsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static Notification notification() {
        IncidentCache.Entry e = IncidentCacheTest.stream("INC-2025-001", 1, 1).get(0);
        return new NotificationFactory(CloudEventCodec.forApplication("test"), Optional.empty())
                .notification(e.event(), e.incident());
    }

    private static Notifier notifier(Function<Notification, DeliveryResult> deliver) {
        return new Notifier() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public DeliveryResult deliver(Notification n) {
                return deliver.apply(n);
            }
        };
    }

    @Test
    void aCallInTimeGivesTheNotifiersAnswerAndAThrowOrNullIsATransientFailure() throws InterruptedException {
        Notification n = notification();
        AtomicReference<DeliveryResult> answer = new AtomicReference<>(DeliveryResult.delivered());
        NotifierCalls calls = new NotifierCalls(notifier(x -> {
            DeliveryResult r = answer.get();
            if (r == null) {
                throw new IllegalStateException("boom");
            }
            return r;
        }), TIMEOUT);
        NotifierCalls.Call call = new NotifierCalls.Call((c, noAnswer) -> { });

        assertThat(calls.acquire(true)).isTrue();
        assertThat(calls.call(call.of(n, null, 1))).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(calls.acquire(false)).as("the permit was released").isTrue();
        answer.set(null);
        DeliveryResult threw = calls.call(call.of(n, null, 2));
        assertThat(threw).isInstanceOf(DeliveryResult.RetryLater.class);
        assertThat(((DeliveryResult.RetryLater) threw).reason()).contains("threw", "boom");
        assertThat(call.thrown()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anErrorTheJvmMayNotSurviveIsRethrownAndAStackOverflowIsAFailedCall() throws InterruptedException {
        NotifierCalls overflow = new NotifierCalls(notifier(x -> {
            throw new StackOverflowError();
        }), TIMEOUT);
        NotifierCalls.Call call = new NotifierCalls.Call((c, noAnswer) -> { });
        overflow.acquire(true);
        assertThat(overflow.call(call.of(notification(), null, 1))).isInstanceOf(DeliveryResult.RetryLater.class);

        NotifierCalls oom = new NotifierCalls(notifier(x -> {
            throw new OutOfMemoryError("test");
        }), TIMEOUT);
        oom.acquire(true);
        assertThatThrownBy(() -> oom.call(call.of(notification(), null, 1))).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void anOverdueCallIsAbandonedItsOverrunToldAndItsThreadUnwound() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        NotifierCalls calls = new NotifierCalls(notifier(x -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DeliveryResult.delivered();
        }), TIMEOUT);
        StoredEvent stored = new StoredEvent(LogPosition.of(7), IncidentCacheTest.stream("INC-2025-001", 1, 7).get(0)
                .event().stored().record());
        AtomicReference<String> told = new AtomicReference<>();
        NotifierCalls.Call call = new NotifierCalls.Call(
                (c, noAnswer) -> told.set(c.stored().position() + " attempt " + c.attempt() + ": "
                        + ((DeliveryResult.RetryLater) noAnswer).reason()));
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                calls.acquire(true);
                calls.call(call.of(notification(), stored, 3));
            } catch (Throwable t) {
                ended.set(t);
            }
        });
        caller.start();
        entered.await();

        calls.checkTimeout(System.nanoTime());
        assertThat(told.get()).as("not overdue yet").isNull();
        calls.checkTimeout(System.nanoTime() + TIMEOUT.toNanos() + 1);
        caller.join();

        assertThat(told.get()).isEqualTo(LogPosition.of(7) + " attempt 3: notifier test gave no answer within PT30S");
        assertThat(ended.get()).isInstanceOf(NotifierCalls.Abandoned.class);
        assertThat(calls.acquire(false)).as("the abandoned call let go of the permit as it ended").isTrue();
    }

    @Test
    void aReplayIsBoundedByTheSameTimeoutAndTheNextCallWaitsForTheAbandonedOne() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        NotifierCalls calls = new NotifierCalls(notifier(x -> {
            try {
                // Ignores the interrupt: a notifier that will not be stopped.
                while (!release.await(1, TimeUnit.MINUTES)) {
                    Thread.onSpinWait();
                }
            } catch (InterruptedException e) {
                try {
                    release.await();
                } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                }
            }
            return DeliveryResult.delivered();
        }), Duration.ofMillis(50));

        DeliveryResult r = calls.replay(NotifierCalls.replayOf(notification()));
        assertThat(((DeliveryResult.RetryLater) r).reason()).isEqualTo("notifier test gave no answer within PT0.05S");
        DeliveryResult busy = calls.replay(NotifierCalls.replayOf(notification()));
        assertThat(((DeliveryResult.RetryLater) busy).reason()).contains("has not returned");

        release.countDown();
        boolean free = false;
        while (!free) {
            free = calls.acquire(true);
        }
        calls.shutDown();
    }

    @Test
    void aReplayInTimeGivesTheAnswer() throws InterruptedException {
        NotifierCalls calls = new NotifierCalls(notifier(x -> DeliveryResult.failed("gone")), TIMEOUT);
        NotifierCalls.Call call = NotifierCalls.replayOf(notification());

        DeliveryResult r = calls.replay(call);

        assertThat(r).isEqualTo(DeliveryResult.failed("gone"));
        assertThat(call.thrown()).isNull();
        calls.shutDown();
    }
}
