package dev.incidentkit.core;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagerEventsTest {

    final SimpleEventStore store = new SimpleEventStore();
    final IncidentManager manager = IncidentKit.builder().store(store)
            .clock(ManualClock.at(Instant.parse("2025-08-23T14:30:00Z"))).build();

    @Test
    void readsEveryEventInGlobalOrderPageByPage() {
        String a = manager.declare(Declare.of("A", Severity.SEV2, "checkout"), as("alice")).id();
        String b = manager.declare(Declare.of("B", Severity.SEV3, "search"), as("alice")).id();
        manager.acknowledge(a, "", as("bob"));
        manager.addNote(b, "looking", as("bob"));
        manager.resolve(a, "", as("bob"));

        List<RecordedEvent> all = new ArrayList<>();
        LogPosition after = LogPosition.START;
        List<RecordedEvent> page;
        do {
            page = manager.events(after, 2);
            all.addAll(page);
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).position();
            }
        } while (page.size() == 2);

        assertThat(all).extracting(RecordedEvent::incidentId).containsExactly(a, b, a, b, a);
        assertThat(all).extracting(RecordedEvent::type).containsExactly(EventTypes.DECLARED, EventTypes.DECLARED,
                EventTypes.ACKNOWLEDGED, EventTypes.NOTE_ADDED, EventTypes.RESOLVED);
        assertThat(manager.events(after, 10)).isEmpty();
    }

    /** The notifiers' checkpoints are theirs: a reader of events neither moves nor reads them through the manager. */
    @Test
    void aReaderCheckpointMayNotBeANotifiers() {
        assertThatThrownBy(() -> manager.saveCheckpoint("notifier:slack", LogPosition.of(3)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> manager.checkpoint("notifier:slack"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));

        manager.saveCheckpoint("sla-monitor:sla-monitor", LogPosition.of(3));
        manager.saveCheckpoint("notifier", LogPosition.of(4));
        assertThat(manager.checkpoint("sla-monitor:sla-monitor")).contains(LogPosition.of(3));
        assertThat(manager.checkpoint("notifier")).contains(LogPosition.of(4));
        assertThat(store.checkpoint("notifier:slack")).isEmpty();
    }

    @Test
    void aLimitBelowOneIsRejected() {
        assertThatThrownBy(() -> manager.events(LogPosition.START, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }
}
