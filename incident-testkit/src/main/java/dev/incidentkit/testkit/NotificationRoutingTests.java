package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.notify.spi.Notification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link NotificationContract}: routing. */
abstract class NotificationRoutingTests extends NotificationHarness {

    @Test
    @DisplayName("by type glob: a notifier gets the types its globs match, and the others everything")
    void byType() {
        Recorder pager = new Recorder("pager");
        Recorder log = new Recorder("log");
        IncidentManager m = manager(process(false), "p1", fast().build(),
                b -> b.notifier(pager, Route.all().withTypes(EventTypes.DECLARED, "incident.res*")).notifier(log));
        Fixtures.walkthrough(m, clock());
        awaitHandled(m, "pager");
        awaitHandled(m, "log");
        assertThat(pager.received).extracting(Notification::type).containsExactly(EventTypes.DECLARED, EventTypes.RESOLVED);
        assertThat(log.ids()).containsExactlyElementsOf(ids(allEvents()));
    }

    @Test
    @DisplayName("by severity: SEV-2 or worse, after the event; a downgrade from a routed level is routed too")
    void bySeverity() {
        Recorder pager = new Recorder("pager");
        IncidentManager m = manager(process(false), "p1", fast().build(),
                b -> b.notifier(pager, Route.all().withMinimumSeverity(Severity.SEV2)));
        Incident minor = m.declare(Declare.of("Typo on the about page", Severity.SEV3, "web"), ALICE);
        m.addNote(minor.id(), "minor 1", ALICE);
        m.escalate(minor.id(), Severity.SEV1, "it is the checkout page", ALICE);
        m.addNote(minor.id(), "major 1", ALICE);
        m.downgrade(minor.id(), Severity.SEV3, "fixed the worst", ALICE);
        m.addNote(minor.id(), "minor 2", ALICE);
        m.declare(Declare.of("Checkout down", Severity.SEV2, "checkout"), BOB);
        m.declare(Declare.of("Cosmetic", Severity.SEV4, "web"), BOB);
        awaitHandled(m, "pager");
        assertThat(pager.received).extracting(n -> n.type() + " " + n.severity()).containsExactly(
                "incident.severity_changed SEV-1", "incident.note_added SEV-1", "incident.severity_changed SEV-3",
                "incident.declared SEV-2");
    }

    @Test
    @DisplayName("by service: the primary one or a correlated one")
    void byService() {
        Recorder payments = new Recorder("payments-team");
        IncidentManager m = manager(process(false), "p1", fast().build(),
                b -> b.notifier(payments, Route.all().withServices("payments")));
        Incident checkout = m.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), ALICE);
        m.addNote(checkout.id(), "before", ALICE);
        m.correlateService(checkout.id(), "payments", "the card API times out", ALICE);
        m.addNote(checkout.id(), "after", ALICE);
        Incident pay = m.declare(Declare.of("Refunds stuck", Severity.SEV3, "payments"), BOB);
        m.declare(Declare.of("Search slow", Severity.SEV3, "search"), BOB);
        awaitHandled(m, "payments-team");
        assertThat(payments.received).extracting(n -> n.incidentId() + " " + n.type()).containsExactly(
                checkout.id() + " incident.service_correlated", checkout.id() + " incident.note_added",
                pay.id() + " incident.declared");
    }
}
