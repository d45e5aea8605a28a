package dev.incidentkit.examples.cli;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code im show} prints facts that agree with its timeline, even when a command lands between its two reads. */
class ImShowTest {

    @Test
    void aCommandBetweenTheSnapshotAndTheHistoryGivesTheFactsOfTheHistory() {
        try (IncidentManager incidents = IncidentKit.builder().store(new InMemoryEventStore()).build()) {
            String id = incidents.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice")).id();
            Incident before = incidents.get(id);
            incidents.acknowledge(id, "on it", as("bob"));
            List<RecordedEvent> history = incidents.history(id);

            Incident shown = ReadCommands.Show.facts(before, history);

            assertThat(shown.version()).isEqualTo(2);
            assertThat(shown.status()).isEqualTo(Status.ACKNOWLEDGED);
            assertThat(shown).isEqualTo(incidents.get(id));
        }
    }

    @Test
    void aSnapshotAtTheHistorysVersionIsShownAsItIs() {
        try (IncidentManager incidents = IncidentKit.builder().store(new InMemoryEventStore()).build()) {
            String id = incidents.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice")).id();
            Incident snapshot = incidents.get(id);

            assertThat(ReadCommands.Show.facts(snapshot, incidents.history(id))).isSameAs(snapshot);
        }
    }
}
