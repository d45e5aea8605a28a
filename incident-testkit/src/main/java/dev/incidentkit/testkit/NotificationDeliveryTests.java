package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.notify.DeliverySettings.StartPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.Notification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link NotificationContract}: delivery. */
abstract class NotificationDeliveryTests extends NotificationHarness {

    @Test
    @DisplayName("every event reaches the notifier once, in the store's order, with the event id as CloudEvent id")
    void everyEventOnceInOrder() {
        Recorder log = new Recorder("log");
        IncidentManager m = manager(process(false), "p1", fast().build(), b -> b.notifier(log));
        Fixtures.walkthrough(m, clock());
        Incident a = m.declare(Declare.of("Search is slow", Severity.SEV3, "search"), ALICE);
        Incident b = m.declare(Declare.of("Payments fail", Severity.SEV1, "payments"), BOB);
        for (int i = 0; i < 10; i++) {
            m.addNote(i % 2 == 0 ? a.id() : b.id(), "update " + i, ALICE);
        }
        awaitHandled(m, "log");

        List<StoredEvent> all = allEvents();
        assertThat(all).hasSize(20);
        assertThat(log.ids()).containsExactlyElementsOf(ids(all));
        for (int i = 0; i < all.size(); i++) {
            Notification n = log.received.get(i);
            StoredEvent e = all.get(i);
            assertThat(n.event().getId()).isEqualTo(e.record().eventId().toString());
            assertThat(n.type()).isEqualTo(e.record().type());
            assertThat(n.incidentId()).isEqualTo(e.incidentId());
            assertThat(n.event().getExtension("incidentversion")).isEqualTo((int) e.version());
        }
        assertThat(m.notifications().deadLetters("log")).isEmpty();
        assertThat(m.notifications().notifiers()).containsExactly("log");
    }

    @Test
    @DisplayName("a notification carries the incident as its event left it, the actor, the note and the link")
    void contents() {
        Recorder log = new Recorder("log");
        IncidentManager m = manager(process(false), "p1", fast().build(),
                b -> b.notifier(log).incidentLinks(URI.create("https://status.example.com/incidents")));
        Fixtures.walkthrough(m, clock());
        awaitHandled(m, "log");

        assertThat(log.received).extracting(Notification::type).hasSize(8);
        Notification declared = log.received.get(0);
        assertThat(declared.incidentId()).isEqualTo(Fixtures.WALKTHROUGH_ID);
        assertThat(declared.title()).isEqualTo(Fixtures.WALKTHROUGH_TITLE);
        assertThat(declared.severity()).isEqualTo("SEV-2");
        assertThat(declared.status()).isEqualTo("open");
        assertThat(new String(declared.event().getData().toBytes(), StandardCharsets.UTF_8))
                .as("the status in the event data").contains("\"status\":\"" + declared.status() + "\"");
        assertThat(declared.service()).isEqualTo("checkout");
        assertThat(declared.actor()).isEqualTo(Fixtures.WALKTHROUGH_ACTOR);
        assertThat(declared.note()).contains(Fixtures.WALKTHROUGH_DESCRIPTION);
        assertThat(declared.links()).containsExactly(URI.create("https://status.example.com/incidents/INC-2025-001"));

        Notification mitigated = log.received.get(5);
        assertThat(mitigated.type()).isEqualTo(EventTypes.MITIGATED);
        assertThat(mitigated.status()).isEqualTo("mitigated");
        assertThat(mitigated.note()).contains(Fixtures.WALKTHROUGH_MITIGATE_NOTE);

        Notification closed = log.received.get(7);
        assertThat(closed.status()).isEqualTo("closed");
        assertThat(closed.note()).as("closed without a note").isEmpty();
    }

    @Test
    @DisplayName("a new notifier starts at the head by default, or from the beginning when told to; a checkpoint wins")
    void startPositions() {
        IncidentManager writer = manager(process(false), "writer", fast().build(), b -> b);
        Incident inc = writer.declare(Declare.of("Old news", Severity.SEV2, "checkout"), ALICE);
        writer.addNote(inc.id(), "still old", ALICE);

        Recorder late = new Recorder("late");
        IncidentManager fromNow = manager(process(false), "p1", fast().build(), b -> b.notifier(late));
        assertThat(fromNow.notifications().status("late").checkpoint()).as("set when the manager is built")
                .contains(store().head());
        fromNow.addNote(inc.id(), "new 1", ALICE);
        fromNow.addNote(inc.id(), "new 2", ALICE);
        awaitHandled(fromNow, "late");
        assertThat(late.received).extracting(n -> n.note().orElseThrow()).containsExactly("new 1", "new 2");
        assertThat(late.received.get(0).title()).as("the incident rebuilt from its stream").isEqualTo("Old news");
        fromNow.close();

        Recorder all = new Recorder("all");
        Recorder lateAgain = new Recorder("late");
        IncidentManager fromStart = manager(process(false), "p2",
                fast().startPosition(StartPosition.FROM_BEGINNING).build(), b -> b.notifier(all).notifier(lateAgain));
        fromStart.addNote(inc.id(), "new 3", ALICE);
        awaitHandled(fromStart, "all");
        awaitHandled(fromStart, "late");
        assertThat(all.ids()).containsExactlyElementsOf(ids(allEvents()));
        assertThat(lateAgain.received).extracting(n -> n.note().orElseThrow()).containsExactly("new 3");
    }
}
