package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.NotifierStatus;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link NotificationContract}: a notifier that throws, and close. */
abstract class NotificationHealthAndCloseTests extends NotificationHarness {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NoSuchMethodError", "RuntimeException", "StackOverflowError"})
    @DisplayName("whatever it throws is a failed attempt: retried, dead-lettered, in its status, logged once per change of health")
    void throwsOnEveryCall(String kind) {
        String name = "broken-" + kind.toLowerCase(java.util.Locale.ROOT);
        AtomicBoolean healthy = new AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        Notifier broken = new Named(name, n -> {
            calls.incrementAndGet();
            if (healthy.get()) {
                return DeliveryResult.delivered();
            }
            switch (kind) {
                case "NoSuchMethodError":
                    // What a Jackson mismatch throws from inside a notifier.
                    throw new NoSuchMethodError("'com.fasterxml.jackson.core.JsonGenerator "
                            + "com.fasterxml.jackson.core.JsonGenerator.writeStartObject(java.lang.Object, int)'");
                case "RuntimeException":
                    throw new IllegalStateException("connection reset");
                default:
                    return DeliveryResult.retryLater("unreachable: " + recurse(0));
            }
        });
        try (CapturedLog log = CapturedLog.start()) {
            IncidentManager m = manager(process(false), "p1", fast().maxAttempts(3).build(), b -> b.notifier(broken));
            m.declare(Declare.of("One", Severity.SEV2, "checkout"), ALICE);
            m.declare(Declare.of("Two", Severity.SEV2, "checkout"), ALICE);
            // Conditions of their own, not only the checkpoint: a store's head may lag a commit a little.
            await("two dead letters", () -> m.notifications().deadLetters(name).size() == 2);
            awaitHandled(m, name);

            assertThat(calls).as("three attempts per event").hasValue(6);
            List<DeadLetter> dead = m.notifications().deadLetters(name);
            assertThat(dead).extracting(DeadLetter::eventId).containsExactlyElementsOf(
                    allEvents().stream().map(e -> e.record().eventId()).collect(Collectors.toList()));
            assertThat(dead).allSatisfy(d -> {
                assertThat(d.attempts()).isEqualTo(3);
                assertThat(d.lastError()).contains("threw").contains(kind.equals("RuntimeException")
                        ? "IllegalStateException" : kind);
            });
            NotifierStatus failing = m.notifications().status(name);
            assertThat(failing.checkpoint()).contains(store().head());
            assertThat(failing.health()).isEqualTo(NotifierStatus.Health.FAILING);
            assertThat(failing.stalled()).isTrue();
            assertThat(failing.failedAttempts()).isEqualTo(6);
            assertThat(failing.deadLetters()).isEqualTo(2);
            assertThat(failing.lastFailure()).hasValueSatisfying(f -> {
                assertThat(f.at()).isEqualTo(START);
                assertThat(f.error()).isEqualTo(dead.get(1).lastError());
            });
            assertThat(log.warningsAndErrors("Notifier " + name + " "))
                    .as("one line for the change to failing, none per attempt or dead letter")
                    .singleElement().asString().contains("is failing").contains(kind.equals("RuntimeException")
                            ? "IllegalStateException" : kind);

            healthy.set(true);
            clock().advance(Duration.ofMinutes(1));
            m.declare(Declare.of("Three", Severity.SEV2, "checkout"), ALICE);
            await("recovered", () -> m.notifications().status(name).health() == NotifierStatus.Health.HEALTHY);
            awaitHandled(m, name);
            NotifierStatus recovered = m.notifications().status(name);
            assertThat(calls).hasValue(7);
            assertThat(recovered.health()).isEqualTo(NotifierStatus.Health.HEALTHY);
            assertThat(recovered.failedAttempts()).isEqualTo(6);
            assertThat(recovered.lastFailure()).isEqualTo(failing.lastFailure());
            assertThat(log.warningsAndErrors("Notifier " + name + " ")).as("recovery is logged at INFO").hasSize(1);

            healthy.set(false);
            m.declare(Declare.of("Four", Severity.SEV2, "checkout"), ALICE);
            await("a third dead letter", () -> m.notifications().deadLetters(name).size() == 3);
            assertThat(m.notifications().status(name).health()).isEqualTo(NotifierStatus.Health.FAILING);
            assertThat(m.notifications().status(name).lastFailure()).map(NotifierStatus.Failure::at)
                    .contains(START.plus(Duration.ofMinutes(1)));
            assertThat(log.warningsAndErrors("Notifier " + name + " ")).as("failing again: one more line").hasSize(2);
        }
    }

    @Test
    @DisplayName("an error thrown in the worker's own loop is logged once and shown, and delivery goes on")
    void errorInTheLoop() {
        Recorder log = new Recorder("chat");
        ProcessStore s = process(false);
        try (CapturedLog captured = CapturedLog.start()) {
            s.failingReads.set(3);
            IncidentManager m = manager(s, "p1", fast().build(), b -> b.notifier(log));
            m.declare(Declare.of("Unreadable for a while", Severity.SEV2, "checkout"), ALICE);
            await("delivered, and healthy again", () -> log.received.size() == 1 && s.failingReads.get() == 0
                    && m.notifications().status("chat").health() == NotifierStatus.Health.HEALTHY);
            awaitHandled(m, "chat");

            assertThat(log.ids()).containsExactlyElementsOf(ids(allEvents()));
            NotifierStatus status = m.notifications().status("chat");
            assertThat(status.health()).isEqualTo(NotifierStatus.Health.HEALTHY);
            assertThat(status.failedAttempts()).isEqualTo(3);
            assertThat(status.lastFailure()).map(NotifierStatus.Failure::error)
                    .contains("java.lang.NoSuchMethodError: the log cannot be read");
            assertThat(captured.warningsAndErrors("Notifier chat ")).singleElement().asString()
                    .contains("is failing").contains("NoSuchMethodError");
        }
    }

    @Test
    @DisplayName("close delivers what is pending first, and says nothing was left")
    void closeDrains() throws InterruptedException {
        CountDownLatch inFirstCall = new CountDownLatch(1);
        CountDownLatch go = gate();
        List<String> delivered = new CopyOnWriteArrayList<>();
        Notifier slow = new Named("slow", n -> {
            if (delivered.isEmpty()) {
                inFirstCall.countDown();
                awaitUninterruptibly(go);
            }
            delivered.add(n.id());
            return DeliveryResult.delivered();
        });
        IncidentManager m = manager(process(false), "p1", fast().build(), b -> b.notifier(slow));
        for (int i = 0; i < 4; i++) {
            m.declare(Declare.of("Pending " + i, Severity.SEV2, "checkout"), ALICE);
        }
        await("the first delivery is in progress", () -> inFirstCall.getCount() == 0);
        closeWhileHeld(m, go);

        assertThat(delivered).as("all four delivered before close returned").containsExactlyElementsOf(ids(allEvents()));
        NotifierStatus after = m.notifications().status("slow");
        assertThat(after.health()).isEqualTo(NotifierStatus.Health.CLOSED);
        assertThat(after.stalled()).as("a normal close is no stall").isFalse();
        assertThat(after.undeliveredAtClose()).hasValue(0);
        assertThat(after.checkpoint()).contains(store().head());
        assertThat(after.lease()).as("released").isEmpty();
    }

    @Test
    @DisplayName("close gives up on a notifier that never answers, bounded by the call timeout, and says what it left")
    void closeWithAHangingNotifier() {
        Hanging stuck = new Hanging("stuck");
        // A drain timeout the test would never outlast: the failed attempt ends the drain, not the clock.
        IncidentManager m = manager(process(false), "p1",
                fast().callTimeout(Duration.ofMillis(300)).drainTimeout(Duration.ofHours(1)).build(),
                b -> b.notifier(stuck));
        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < 4; i++) {
                m.declare(Declare.of("Never told " + i, Severity.SEV2, "checkout"), ALICE);
            }
            await("the stuck notifier is called", () -> stuck.entered.getCount() == 0);
            m.close();

            assertThat(stuck.returned).as("close did not wait for the hanging call").hasValue(0);
            NotifierStatus after = m.notifications().status("stuck");
            assertThat(after.health()).isEqualTo(NotifierStatus.Health.CLOSED);
            assertThat(after.stalled()).isFalse();
            assertThat(after.undeliveredAtClose()).hasValue(4);
            assertThat(after.deadLetters()).isZero();
            assertThat(after.lastFailure()).map(NotifierStatus.Failure::error).hasValueSatisfying(
                    e -> assertThat(e).contains("no answer within PT0.3S"));
            assertThat(log.warningsAndErrors("Notifier stuck ")).hasSize(2).last().asString()
                    .contains("closed with 4 notification(s) undelivered").contains("JDBC store");
        }
    }
}
