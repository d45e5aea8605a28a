package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.VerificationResult;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link IncidentManagerContract}: the walkthrough of the user guide. */
abstract class ManagerWalkthroughTests extends ManagerHarness {

    @Test
    @DisplayName("moves OPEN, ACKNOWLEDGED, MITIGATED, RESOLVED, CLOSED, one version per command")
    void statusesAfterEachStep() {
        List<Incident> steps = Fixtures.walkthroughSteps(manager(), clock());

        assertThat(steps).extracting(Incident::status).containsExactly(Status.OPEN, Status.ACKNOWLEDGED,
                Status.ACKNOWLEDGED, Status.ACKNOWLEDGED, Status.ACKNOWLEDGED, Status.MITIGATED, Status.RESOLVED,
                Status.CLOSED);
        assertThat(steps).extracting(Incident::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(steps).extracting(Incident::notesCount).containsExactly(0, 0, 1, 2, 3, 3, 3, 3);
        assertThat(manager().get(Fixtures.WALKTHROUGH_ID)).isEqualTo(steps.get(steps.size() - 1));
    }

    @Test
    @DisplayName("keeps the milestones: 17 minutes from declaration to mitigation")
    void milestones() {
        Incident done = Fixtures.walkthrough(manager(), clock());

        IncidentAssert.assertThat(done)
                .hasId("INC-2025-001")
                .hasTitle(Fixtures.WALKTHROUGH_TITLE)
                .hasSeverity(Severity.SEV2)
                .hasService("checkout")
                .hasStatus(Status.CLOSED)
                .hasNotesCount(3)
                .hasVersion(8)
                .wasDeclaredAt(Instant.parse("2025-08-23T14:30:00Z"))
                .wasAcknowledgedAt(Instant.parse("2025-08-23T14:32:00Z"))
                .wasAcknowledgedBy(Fixtures.WALKTHROUGH_ACTOR)
                .wasMitigatedAt(Instant.parse("2025-08-23T14:47:00Z"))
                .wasResolvedAt(Instant.parse("2025-08-23T15:15:00Z"))
                .wasClosedAt(Fixtures.WALKTHROUGH_CLOSED_AT);
        assertThat(done.description()).isEqualTo(Fixtures.WALKTHROUGH_DESCRIPTION);
        assertThat(done.declaredBy()).isEqualTo(Actor.of(Fixtures.WALKTHROUGH_ACTOR));
        assertThat(done.acknowledgement()).hasValueSatisfying(a -> assertThat(a.note()).isEqualTo(Fixtures.WALKTHROUGH_ACK_NOTE));
        assertThat(done.milestones().detectedAt()).isEqualTo(done.milestones().declaredAt());
        assertThat(done.milestones().identifiedAt()).isEmpty();
        assertThat(Duration.between(done.milestones().declaredAt(), done.milestones().mitigatedAt().orElseThrow()))
                .isEqualTo(Duration.ofMinutes(17));
        assertThat(done.lastUpdateAt()).isEqualTo(Fixtures.WALKTHROUGH_CLOSED_AT);
    }

    @Test
    @DisplayName("reads back as the walkthrough's timeline, in order, word for word")
    void timeline() {
        String id = Fixtures.walkthrough(manager(), clock()).id();
        String user = Fixtures.WALKTHROUGH_ACTOR;

        List<TimelineEntry> timeline = manager().timeline(id);

        assertThat(timeline).extracting(e -> List.of(e.at().toString(), e.type(), e.headline(), e.text()))
                .containsExactly(
                        List.of("2025-08-23T14:30:00Z", EventTypes.DECLARED, "Incident declared (SEV-2)",
                                "Checkout service experiencing high database latency"),
                        List.of("2025-08-23T14:32:00Z", EventTypes.ACKNOWLEDGED, "Acknowledged by " + user,
                                "Investigating database performance metrics"),
                        List.of("2025-08-23T14:35:00Z", EventTypes.NOTE_ADDED, "Update from " + user,
                                "Found slow query in orders table. Query execution time: 8.2s avg"),
                        List.of("2025-08-23T14:42:00Z", EventTypes.NOTE_ADDED, "Update from " + user,
                                "Applied database index to orders.created_at. Testing performance"),
                        List.of("2025-08-23T14:45:00Z", EventTypes.NOTE_ADDED, "Update from " + user,
                                "Database performance improved. Response time now <500ms. Monitoring"),
                        List.of("2025-08-23T14:47:00Z", EventTypes.MITIGATED, "Incident mitigated",
                                "Applied database optimization. Performance restored, monitoring for stability"),
                        List.of("2025-08-23T15:15:00Z", EventTypes.RESOLVED, "Incident resolved",
                                "Database performance stable for 30+ minutes. Customer reports ceased. Issue resolved."),
                        List.of("2025-08-23T15:15:00Z", EventTypes.CLOSED, "Incident closed", ""));
        assertThat(timeline).extracting(TimelineEntry::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(timeline).extracting(TimelineEntry::actor).containsOnly(Actor.of(user));
    }

    @Test
    @DisplayName("stores every event with its actor, occurredAt and recordedAt from the clock")
    void envelopes() {
        String id = Fixtures.walkthrough(manager(), clock()).id();

        List<RecordedEvent> history = manager().history(id);

        assertThat(history).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(history).extracting(RecordedEvent::incidentId).containsOnly(id);
        assertThat(history).extracting(RecordedEvent::actor).containsOnly(Actor.of(Fixtures.WALKTHROUGH_ACTOR));
        assertThat(history).allSatisfy(e -> assertThat(e.recordedAt()).isEqualTo(e.occurredAt()));
        assertThat(history).extracting(RecordedEvent::eventId).doesNotHaveDuplicates();
        assertThat(history).extracting(RecordedEvent::position).isSortedAccordingTo(Comparator.naturalOrder())
                .doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("writes the walkthrough's incident.declared CloudEvent")
    void declaredCloudEvent() throws Exception {
        IncidentManager m = manager(b -> b.application("cli"));
        String id = Fixtures.walkthrough(m, clock()).id();
        RecordedEvent first = m.history(id).get(0);

        JsonNode json = new ObjectMapper().readTree(m.cloudEvents().serialize(first.stored()));

        assertThat(json.path("specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("type").asText()).isEqualTo("incident.declared");
        assertThat(json.path("source").asText()).isEqualTo("incident-management/cli");
        assertThat(json.path("id").asText()).isEqualTo(first.eventId().toString());
        assertThat(json.path("time").asText()).isEqualTo("2025-08-23T14:30:00Z");
        assertThat(json.path("subject").asText()).isEqualTo("INC-2025-001");
        assertThat(json.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.path("actor").asText()).isEqualTo(Fixtures.WALKTHROUGH_ACTOR);
        JsonNode data = json.path("data");
        assertThat(data.isObject()).as("data is a JSON object, not a string or base64: %s", json).isTrue();
        assertThat(data.path("incident_id").asText()).isEqualTo("INC-2025-001");
        assertThat(data.path("title").asText()).isEqualTo("Checkout service experiencing high database latency");
        assertThat(data.path("severity").asText()).isEqualTo("SEV-2");
        assertThat(data.path("service").asText()).isEqualTo("checkout");
        assertThat(data.path("status").asText()).isEqualTo("open");
        assertThat(data.path("description").asText()).isEqualTo(Fixtures.WALKTHROUGH_DESCRIPTION);
    }

    @Test
    @DisplayName("verifies intact")
    void verifies() {
        String id = Fixtures.walkthrough(manager(), clock()).id();

        VerificationResult result = manager().verify(id);

        assertThat(result.isIntact()).as("verify: %s", result).isTrue();
        assertThat(result.eventsChecked()).isEqualTo(8);
        assertThat(result.incidentId()).isEqualTo(id);
    }
}
