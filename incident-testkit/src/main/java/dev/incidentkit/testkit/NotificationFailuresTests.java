package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.DeadLetterNotFoundException;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link NotificationContract}: failures. */
abstract class NotificationFailuresTests extends NotificationHarness {

    @Test
    @DisplayName("a flaky notifier ends with every event delivered or dead-lettered, none delivered again after a success")
    void flaky() {
        Flaky flaky = new Flaky("flaky", new Random(20250823L));
        int maxAttempts = 4;
        IncidentManager m = manager(process(false), "p1", fast().maxAttempts(maxAttempts).build(), b -> b.notifier(flaky));
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            incidents.add(m.declare(Declare.of("Flaky " + i, Severity.SEV2, "checkout"), ALICE).id());
        }
        for (int round = 0; round < 4; round++) {
            for (String id : incidents) {
                m.addNote(id, "round " + round, BOB);
            }
        }
        awaitHandled(m, "flaky");

        List<String> all = ids(allEvents());
        Map<String, DeadLetter> dead = new HashMap<>();
        for (DeadLetter d : m.notifications().deadLetters("flaky")) {
            dead.put(d.eventId().toString(), d);
        }
        assertThat(flaky.outcomes.keySet()).containsExactlyInAnyOrderElementsOf(all);
        int retriedThenDelivered = 0;
        for (String id : all) {
            List<String> calls = flaky.outcomes.get(id);
            if (calls.contains("delivered")) {
                assertThat(calls).as("calls for %s", id).containsOnlyOnce("delivered").endsWith("delivered");
                assertThat(dead).as("dead letters").doesNotContainKey(id);
                retriedThenDelivered += calls.size() > 1 ? 1 : 0;
            } else {
                assertThat(dead).as("dead letters").containsKey(id);
                assertThat(dead.get(id).attempts()).isEqualTo(calls.size());
                assertThat(calls.get(calls.size() - 1).equals("failed") || calls.size() == maxAttempts)
                        .as("dead-lettered after %s", calls).isTrue();
            }
        }
        assertThat(dead.keySet()).isSubsetOf(all);
        // The seed makes the run exercise each path; a different seed might not.
        assertThat(retriedThenDelivered).as("events delivered after a retry").isPositive();
        assertThat(dead.values()).anySatisfy(d -> assertThat(d.lastError()).startsWith("failed for good"));
        assertThat(dead.values()).anySatisfy(d -> assertThat(d.attempts()).isEqualTo(maxAttempts));
        assertThat(m.notifications().status("flaky").deadLetters()).isEqualTo(dead.size());
    }

    @Test
    @DisplayName("a notification that failed for good is a dead letter at once, and a replay delivers it")
    void deadLettersAndReplay() {
        Switchable pager = new Switchable("pager");
        IncidentManager m = manager(process(false), "p1", fast().build(), b -> b.notifier(pager));
        Incident first = m.declare(Declare.of("One", Severity.SEV1, "checkout"), ALICE);
        Incident second = m.declare(Declare.of("Two", Severity.SEV2, "checkout"), ALICE);
        awaitHandled(m, "pager");

        List<DeadLetter> dead = m.notifications().deadLetters("pager");
        List<StoredEvent> all = allEvents();
        assertThat(dead).extracting(DeadLetter::eventId).containsExactly(all.get(0).record().eventId(),
                all.get(1).record().eventId());
        DeadLetter one = dead.get(0);
        assertThat(one.notifier()).isEqualTo("pager");
        assertThat(one.incidentId()).isEqualTo(first.id());
        assertThat(one.version()).isEqualTo(1);
        assertThat(one.type()).isEqualTo(EventTypes.DECLARED);
        assertThat(one.attempts()).isEqualTo(1);
        assertThat(one.lastError()).isEqualTo("failed for good: HTTP 400 invalid routing key");
        assertThat(one.failedAt()).isEqualTo(START);

        clock().advance(Duration.ofMinutes(1));
        DeliveryResult stillBroken = m.notifications().replay("pager", one.eventId());
        assertThat(stillBroken).isEqualTo(DeliveryResult.failed("HTTP 400 invalid routing key"));
        assertThat(m.notifications().deadLetters("pager").get(0)).satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.failedAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        });

        pager.healthy.set(true);
        assertThat(m.notifications().replay("pager", one.eventId())).isEqualTo(DeliveryResult.delivered());
        assertThat(pager.delivered).extracting(Notification::id).containsExactly(one.eventId().toString());
        assertThat(pager.delivered.get(0).title()).isEqualTo("One");
        assertThat(m.notifications().deadLetters("pager")).extracting(DeadLetter::incidentId).containsExactly(second.id());
        assertThat(m.notifications().status("pager").deadLetters()).isEqualTo(1);

        assertThatThrownBy(() -> m.notifications().replay("pager", one.eventId()))
                .isInstanceOf(DeadLetterNotFoundException.class).hasMessageContaining(one.eventId().toString());
        assertThatThrownBy(() -> m.notifications().replay("teams", one.eventId()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teams");
    }

    @Test
    @DisplayName("transient failures are retried up to the maximum, then the notification is a dead letter")
    void retriesThenDeadLetter() {
        AtomicInteger calls = new AtomicInteger();
        Notifier down = new Named("down", n -> {
            int call = calls.incrementAndGet();
            if (call % 2 == 0) {
                throw new IllegalStateException("connection refused");
            }
            return DeliveryResult.retryLater("HTTP 503", Duration.ofMillis(1));
        });
        IncidentManager m = manager(process(false), "p1", fast().maxAttempts(5).build(), b -> b.notifier(down));
        m.declare(Declare.of("Down", Severity.SEV2, "checkout"), ALICE);
        awaitHandled(m, "down");
        assertThat(calls).hasValue(5);
        DeadLetter d = m.notifications().deadLetters("down").get(0);
        assertThat(d.attempts()).isEqualTo(5);
        assertThat(d.lastError()).isEqualTo("HTTP 503");
    }

    @Test
    @DisplayName("a hanging notifier holds up neither commands nor another notifier, and is called once at a time")
    void hanging() {
        Hanging stuck = new Hanging("stuck");
        Recorder chat = new Recorder("chat");
        IncidentManager m = manager(process(false), "p1",
                fast().callTimeout(Duration.ofMillis(300)).maxAttempts(1).build(),
                b -> b.notifier(stuck).notifier(chat));
        Incident inc = m.declare(Declare.of("Stuck", Severity.SEV1, "checkout"), ALICE);
        await("the stuck notifier is called", () -> stuck.entered.getCount() == 0);

        for (int i = 0; i < 40; i++) {
            m.addNote(inc.id(), "while it hangs " + i, BOB);
        }
        assertThat(m.get(inc.id()).version()).isEqualTo(41);
        awaitHandled(m, "chat");
        assertThat(chat.ids()).containsExactlyElementsOf(ids(allEvents()));

        List<String> firstTwo = ids(allEvents()).subList(0, 2);
        await("the stuck notifier's first two events are dead letters", () ->
                m.notifications().deadLetters("stuck").size() >= 2);
        List<DeadLetter> dead = m.notifications().deadLetters("stuck");
        assertThat(dead.get(0).eventId().toString()).isEqualTo(firstTwo.get(0));
        assertThat(dead.get(0).lastError()).contains("no answer within PT0.3S");
        assertThat(dead.get(1).eventId().toString()).isEqualTo(firstTwo.get(1));
        assertThat(dead.get(1).lastError()).contains("has not returned");
        assertThat(stuck.calls).as("no second call while the first hangs").hasValue(1);
        assertThat(stuck.returned).as("the first call still hangs").hasValue(0);

        m.close();
        assertThat(stuck.returned).as("close did not wait for the hanging call").hasValue(0);
        assertThatThrownBy(() -> m.notifications().replay("stuck", dead.get(0).eventId()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
