package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.NotifierStatus;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link NotificationContract}: close, when a notifier failed or is slow to close. */
abstract class NotificationCloseBoundsTests extends NotificationHarness {

    @Test
    @DisplayName("a notifier that failed once gets one fresh attempt at close, without its backoff: all four delivered")
    void closeRetriesAFailingNotifier() {
        AtomicInteger calls = new AtomicInteger();
        List<String> delivered = new CopyOnWriteArrayList<>();
        Notifier once = new Named("once", n -> {
            if (calls.incrementAndGet() == 1) {
                return DeliveryResult.retryLater("HTTP 503");
            }
            delivered.add(n.id());
            return DeliveryResult.delivered();
        });
        IncidentManager m = failingWithPending(process(false), once, 4);
        m.close();

        assertThat(delivered).as("all four delivered before close returned").containsExactlyElementsOf(ids(allEvents()));
        assertThat(calls).as("one failed attempt, then one each").hasValue(5);
        NotifierStatus after = m.notifications().status("once");
        assertThat(after.undeliveredAtClose()).hasValue(0);
        assertThat(after.failedAttempts()).isEqualTo(1);
        assertThat(after.checkpoint()).contains(store().head());
        assertThat(after.health()).isEqualTo(NotifierStatus.Health.CLOSED);
    }

    @Test
    @DisplayName("a notifier that fails its fresh attempt at close is left, and what it left is counted")
    void closeGivesUpAfterOneFreshAttempt() {
        AtomicInteger calls = new AtomicInteger();
        Notifier down = new Named("down", n -> {
            calls.incrementAndGet();
            return DeliveryResult.retryLater("HTTP 503");
        });
        IncidentManager m = failingWithPending(process(false), down, 4);
        m.close();

        assertThat(calls).as("the first attempt and one at close").hasValue(2);
        NotifierStatus after = m.notifications().status("down");
        assertThat(after.undeliveredAtClose()).hasValue(4);
        assertThat(after.failedAttempts()).isEqualTo(2);
        assertThat(after.deadLetters()).isZero();
    }

    @Test
    @DisplayName("the notifiers are closed side by side: two whose close() waits for the other's both close in time")
    void closedSideBySide() {
        CyclicBarrier both = new CyclicBarrier(2);
        AtomicInteger closed = new AtomicInteger();
        Runnable meetTheOther = () -> {
            try {
                both.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
                closed.incrementAndGet();
            } catch (Exception e) {
                throw new IllegalStateException("the other notifier did not close meanwhile", e);
            }
        };
        Notifier a = new Named("a", n -> DeliveryResult.delivered(), meetTheOther);
        Notifier b = new Named("b", n -> DeliveryResult.delivered(), meetTheOther);
        IncidentManager m = manager(process(false), "p1", fast().callTimeout(Duration.ofSeconds(1)).build(),
                k -> k.notifier(a).notifier(b));
        m.declare(Declare.of("Two channels", Severity.SEV2, "checkout"), ALICE);
        try (CapturedLog log = CapturedLog.start()) {
            m.close();
            assertThat(log.warningsAndErrors("did not close within")).as("neither close() was given up on").isEmpty();
        }
        assertThat(closed).hasValue(2);
    }

    /**
     * @return a manager with {@code notifier}, {@code pending} declarations made, once the
     *     notifier failed its first attempt; its backoff is one the test never outlasts, so only
     *     close cuts it short
     */
    private IncidentManager failingWithPending(ProcessStore s, Notifier notifier, int pending) {
        IncidentManager m = manager(s, "p1", fast().backoffBase(Duration.ofHours(1)).backoffCap(Duration.ofHours(1))
                .build(), b -> b.notifier(notifier));
        for (int i = 0; i < pending; i++) {
            m.declare(Declare.of("Pending " + i, Severity.SEV2, "checkout"), ALICE);
        }
        await("the first attempt failed", () ->
                m.notifications().status(notifier.name()).health() == NotifierStatus.Health.FAILING);
        return m;
    }

    @Test
    @DisplayName("counting what is left at close stops after a second, and says it counted part")
    void countBoundedByTime() {
        Notifier down = new Named("down", n -> DeliveryResult.retryLater("HTTP 503"));
        ProcessStore s = process(false);
        IncidentManager m = failingWithPending(s, down, 40);
        // A slow store: each read of the log takes two seconds of the manager's clock.
        s.beforeReadAll = () -> clock().advance(Duration.ofSeconds(2));
        try (CapturedLog log = CapturedLog.start()) {
            m.close();
            assertThat(m.notifications().status("down").undeliveredAtClose()).as("one batch of 16, then time is up")
                    .hasValue(16);
            assertThat(log.warningsAndErrors("Notifier down ")).last().asString()
                    .contains("closed with at least 16 notification(s) undelivered");
        }
    }
}
