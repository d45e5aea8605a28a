package dev.incidentkit.core;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Command.AttachAlerts;
import dev.incidentkit.core.Command.AttachAlerts.Attachment;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Command.AttachAlerts} through the manager: each alert's event carries the alert's own
 * command id, so that an alert is attached once whoever attaches it and however often.
 */
class ManagerAttachAlertsTest {

    private static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");

    final SimpleEventStore store = new SimpleEventStore();
    final IncidentManager manager = IncidentKit.builder().store(store).clock(ManualClock.at(T0)).build();

    private static Attachment alert(String id) {
        return new Attachment(id, AlertDetails.of("alertmanager", "fp-" + id, "High latency " + id, T0));
    }

    private static AttachAlerts attach(String... ids) {
        return new AttachAlerts(java.util.Arrays.stream(ids).map(ManagerAttachAlertsTest::alert).toList());
    }

    private String declare() {
        return manager.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice")).id();
    }

    private List<String> attachedIds(String incidentId) {
        return manager.history(incidentId).stream().filter(e -> e.type().equals(EventTypes.ALERT_ATTACHED))
                .map(e -> ((IncidentEvent.AlertAttached) e.event()).alertId()).toList();
    }

    @Test
    void eachEventCarriesItsAlertsOwnCommandIdAndTheContextsIsIgnored() {
        String id = declare();

        CommandResult r = manager.submit(id, attach("a-1", "a-2", "a-3"), as("alice").commandId("post-7"));

        assertThat(r.events()).extracting(RecordedEvent::commandId).containsExactly(
                Optional.of("alert:a-1:attached"), Optional.of("alert:a-2:attached"), Optional.of("alert:a-3:attached"));
        assertThat(r.events()).extracting(RecordedEvent::version).containsExactly(2L, 3L, 4L);
        assertThat(AttachAlerts.commandIdOf("a-1")).isEqualTo("alert:a-1:attached");
        assertThat(store.findCommand("post-7")).isEmpty();
        assertThat(store.findCommand("alert:a-2:attached")).isPresent();
        assertThat(r.incident().version()).isEqualTo(4);
    }

    @Test
    void resubmittingWithOneAlertAttachedAppendsOnlyTheOthers() {
        String id = declare();
        manager.submit(id, attach("a-2"), as("alice"));

        CommandResult r = manager.submit(id, attach("a-1", "a-2", "a-3"), as("alice"));

        assertThat(r.events()).extracting(e -> ((IncidentEvent.AlertAttached) e.event()).alertId())
                .containsExactly("a-1", "a-3");
        assertThat(r.events()).extracting(RecordedEvent::version).containsExactly(3L, 4L);
        assertThat(attachedIds(id)).containsExactly("a-2", "a-1", "a-3");
        assertThat(manager.get(id).version()).isEqualTo(4);
    }

    @Test
    void anAlertAttachedToAnotherIncidentIsLeftOutToo() {
        String first = declare();
        String second = declare();
        manager.submit(first, attach("a-1"), as("alice"));

        CommandResult r = manager.submit(second, attach("a-1", "a-2"), as("alice"));

        assertThat(r.events()).extracting(e -> ((IncidentEvent.AlertAttached) e.event()).alertId())
                .containsExactly("a-2");
        assertThat(attachedIds(first)).containsExactly("a-1");
        assertThat(attachedIds(second)).containsExactly("a-2");
    }

    @Test
    void whenEveryAlertIsAttachedAlreadyTheResultIsEmptyAndNothingIsWritten() {
        String id = declare();
        String other = declare();
        manager.submit(id, attach("a-1", "a-2"), as("alice"));
        LogPosition head = manager.head();

        CommandResult again = manager.submit(id, attach("a-2", "a-1"), as("alice"));
        CommandResult elsewhere = manager.submit(other, attach("a-1"), as("alice"));

        assertThat(again.events()).isEmpty();
        assertThat(again.incident().version()).isEqualTo(3);
        assertThat(elsewhere.events()).isEmpty();
        assertThat(elsewhere.incident().id()).isEqualTo(other);
        assertThat(elsewhere.incident().version()).isEqualTo(1);
        assertThat(manager.head()).isEqualTo(head);
        assertThat(attachedIds(id)).containsExactly("a-1", "a-2");
        assertThat(attachedIds(other)).isEmpty();
    }

    @Test
    void anAttachmentNeedsAtLeastOneAlertAndNoIdTwice() {
        assertThatThrownBy(() -> new AttachAlerts(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attach("a-1", "a-2", "a-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a-1");
        assertThat(attach("a-1", "a-2").without(Set.of("a-1", "a-2"))).isEmpty();
        assertThat(attach("a-1", "a-2", "a-3").without(Set.of("a-2"))).contains(attach("a-1", "a-3"));
    }
}
