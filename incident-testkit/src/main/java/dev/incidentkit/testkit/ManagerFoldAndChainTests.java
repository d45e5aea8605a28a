package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.VerificationResult;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link IncidentManagerContract}: the fold and the hash chain. */
abstract class ManagerFoldAndChainTests extends ManagerHarness {

    @Test
    @DisplayName("replaying the walkthrough's history gives what its last command returned")
    void walkthroughReplays() {
        Incident last = Fixtures.walkthrough(manager(), clock());

        assertThat(Incident.replay(manager().history(last.id()))).isEqualTo(last);
        assertThat(manager().get(last.id())).isEqualTo(last);
    }

    @Test
    @DisplayName("a long incident of 1,000 events replays, verifies and reads back in full")
    void longIncident() {
        Incident last = Fixtures.longIncident(manager(), clock(), 1_000);

        List<RecordedEvent> history = manager().history(last.id());
        assertThat(history).hasSize(1_000);
        assertThat(last.version()).isEqualTo(1_000);
        assertThat(Incident.replay(history)).isEqualTo(last);
        assertThat(manager().get(last.id())).isEqualTo(last);
        assertThat(manager().timeline(last.id())).hasSize(1_000);
        VerificationResult result = manager().verify(last.id());
        assertThat(result.isIntact()).as("verify: %s", result).isTrue();
        assertThat(result.eventsChecked()).isEqualTo(1_000);
    }

    @Test
    @DisplayName("hostile text is stored and read back exactly, and survives a CloudEvents round trip")
    void hostileText() {
        Incident last = Fixtures.hostile(manager(), clock());
        String id = last.id();

        IncidentAssert.assertThat(last).hasTitle(Fixtures.HOSTILE_TITLE).hasStatus(Status.MITIGATED)
                .hasSeverity(Severity.SEV1).wasAcknowledgedBy(Fixtures.HOSTILE_ACTOR);
        assertThat(last.description()).isEqualTo(Fixtures.HOSTILE_DESCRIPTION);
        assertThat(manager().get(id)).isEqualTo(last);
        List<RecordedEvent> history = manager().history(id);
        assertThat(Incident.replay(history)).isEqualTo(last);
        List<String> texts = manager().timeline(id).stream().map(TimelineEntry::text).collect(Collectors.toList());
        assertThat(texts).containsSubsequence(Fixtures.HOSTILE_NOTES).contains(Fixtures.HOSTILE_TITLE,
                Fixtures.HOSTILE_ACK_NOTE, Fixtures.HOSTILE_ACTION_ITEM, Fixtures.HOSTILE_PAYLOAD);
        assertThat(manager().verify(id).isIntact()).isTrue();

        CloudEventCodec codec = manager().cloudEvents();
        for (RecordedEvent e : history) {
            StoredEvent stored = e.stored();
            assertThat(codec.toRecord(codec.deserialize(codec.serialize(stored))))
                    .as("CloudEvents round trip of version %d", e.version()).isEqualTo(stored.record());
        }
    }
}
