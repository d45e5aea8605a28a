package dev.incidentkit.core;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.CloudEventsExport;
import dev.incidentkit.core.export.JsonExport;
import dev.incidentkit.core.export.MarkdownExport;
import dev.incidentkit.core.export.TextExport;
import dev.incidentkit.core.format.EventDataFormat;
import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.oncall.EscalationLevel;
import dev.incidentkit.core.oncall.EscalationPolicy;
import dev.incidentkit.core.oncall.Escalations;
import dev.incidentkit.core.oncall.Step;
import dev.incidentkit.core.oncall.Target;
import dev.incidentkit.core.sla.BusinessCalendar;
import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A page on the incident: the escalation engine's steps recorded as {@code incident.paged}, on
 * the timeline and in every export, taken only while the incident is active.
 */
class RecordPageTest {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    static final CommandContext ESCALATION = as("escalation");
    static final String WHY_ALICE = "level 2 of policy Payments: level 1 (bob) did not acknowledge within 5 min";

    final ManualClock clock = ManualClock.at(T0);
    final IncidentManager manager = IncidentKit.builder().store(new SimpleEventStore()).clock(clock).build();

    /** Bob for 5 minutes, then Alice for 10; around the clock. */
    static final EscalationPolicy PAYMENTS = EscalationPolicy.builder("payments", "Payments",
                    BusinessCalendar.weekdays(ZoneOffset.UTC, LocalTime.of(9, 0), LocalTime.of(17, 0)))
            .level(EscalationLevel.of(Duration.ofMinutes(5), Target.person("bob")))
            .level(EscalationLevel.of(Duration.ofMinutes(10), Target.person("alice")))
            .build();

    String declare() {
        return manager.declare(Declare.of("Payments API error rate above 5%", Severity.SEV1, "payments"), as("pagerduty")).id();
    }

    /** What runs the escalation does: each page due by {@code now}, one command per person, dated when it was due. */
    List<Incident> recordPagesDue(String id, Escalation[] state, Instant now) {
        List<Incident> after = new ArrayList<>();
        for (Step s = Escalations.due(PAYMENTS, state[0], now, x -> Optional.empty()); s.isDue();
                s = Escalations.due(PAYMENTS, state[0], now, x -> Optional.empty())) {
            if (s instanceof Step.Page page) {
                for (String person : page.people()) {
                    after.add(manager.execute(id, Command.RecordPage.of(page, person, List.of("email", "slack")),
                            ESCALATION.at(page.at())));
                }
            }
            state[0] = s.next();
        }
        return after;
    }

    @Test
    void eachPageOfTheEngineIsAnEventOnTheTimelineWithItsReason() {
        String id = declare();
        Incident declared = manager.find(id).orElseThrow();
        Escalation[] state = {Escalations.start(PAYMENTS, id, Severity.SEV1, T0)};
        recordPagesDue(id, state, T0);
        clock.advance(Duration.ofMinutes(6));
        recordPagesDue(id, state, clock.instant());

        List<RecordedEvent> history = manager.history(id);
        assertThat(history).extracting(RecordedEvent::type)
                .containsExactly(EventTypes.DECLARED, EventTypes.PAGED, EventTypes.PAGED);
        assertThat(history.get(2).event()).isEqualTo(new IncidentEvent.Paged("alice", 2, 1, "payments", WHY_ALICE,
                List.of("email", "slack")));
        assertThat(history.get(2).occurredAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(history.get(2).actor()).isEqualTo(Actor.of("escalation"));

        List<TimelineEntry> timeline = Timeline.of(history);
        assertThat(timeline.get(1).headline()).isEqualTo("Paged bob (level 1, round 1)");
        assertThat(timeline.get(1).text()).isEqualTo("level 1 of policy Payments: the SEV-1 incident was triggered");
        assertThat(timeline.get(2).headline() + ": " + timeline.get(2).text())
                .isEqualTo("Paged alice (level 2, round 1): " + WHY_ALICE);

        // The snapshot keeps nothing of a page: the same incident, one version on per page.
        Incident paged = manager.find(id).orElseThrow();
        assertThat(paged.version()).isEqualTo(declared.version() + 2);
        assertThat(paged.status()).isEqualTo(Status.OPEN);
        assertThat(paged.lastUpdateAt()).isEqualTo(declared.lastUpdateAt());
        assertThat(paged.acknowledgement()).isEmpty();
        assertThat(manager.verify(id).isIntact()).isTrue();
    }

    @Test
    void everyExportShowsThePage() throws Exception {
        String id = declare();
        clock.advance(Duration.ofMinutes(5));
        manager.execute(id, new Command.RecordPage("alice", 2, 1, "payments", WHY_ALICE, List.of("email", "slack")), ESCALATION);
        List<RecordedEvent> history = manager.history(id);

        assertThat(MarkdownExport.postmortem(history))
                .contains("- **10:05** - Paged alice (level 2, round 1) by escalation: " + WHY_ALICE + "\n");
        assertThat(TextExport.timeline(history))
                .contains("10:05 - Paged alice (level 2, round 1) by escalation\n")
                .contains(WHY_ALICE + "\n");
        JsonNode json = new ObjectMapper().readTree(JsonExport.document(history));
        JsonNode entry = json.get("timeline").get(1);
        assertThat(entry.get("type").textValue()).isEqualTo("incident.paged");
        assertThat(entry.get("headline").textValue()).isEqualTo("Paged alice (level 2, round 1)");
        assertThat(entry.get("text").textValue()).isEqualTo(WHY_ALICE);
        JsonNode data = json.get("events").get(1).get("data");
        assertThat(data.get("person").textValue()).isEqualTo("alice");
        assertThat(data.get("level").intValue()).isEqualTo(2);
        assertThat(data.get("channels")).extracting(JsonNode::textValue).containsExactly("email", "slack");
        CloudEventCodec codec = CloudEventCodec.forApplication("test");
        assertThat(CloudEventsExport.lines(history, codec)).contains("\"type\":\"incident.paged\"")
                .contains("\"policy_id\":\"payments\"");
        // Through CloudEvents and back: the same record, its hash included.
        RecordedEvent page = history.get(1);
        assertThat(codec.toRecord(codec.deserialize(codec.serialize(page)))).isEqualTo(page.stored().record());
    }

    @Test
    void aPageRacesTheAcknowledgmentButNotTheResolution() {
        String id = declare();
        Command.RecordPage page = new Command.RecordPage("alice", 2, 1, "payments", WHY_ALICE, List.of());
        manager.acknowledge(id, "on it", as("bob"));
        assertThat(manager.execute(id, page, ESCALATION).status()).isEqualTo(Status.ACKNOWLEDGED);
        manager.execute(id, new Command.ChangeStatus(Status.MITIGATED, "rolled back"), as("bob"));
        assertThat(manager.execute(id, page, ESCALATION).status()).isEqualTo(Status.MITIGATED);
        manager.resolve(id, "stable", as("bob"));

        assertThatThrownBy(() -> manager.execute(id, page, ESCALATION))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageStartingWith("Cannot record-page incident " + id + ": it is RESOLVED;");
        assertThat(manager.history(id)).filteredOn(e -> e.type().equals(EventTypes.PAGED)).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void exactlyTheActiveStatusesTakeAPage(Status status) {
        assertThat(Lifecycle.standard().allows(status, CommandType.RECORD_PAGE)).isEqualTo(status.isActive());
        assertThat(Lifecycle.withoutReopeningClosed().allows(status, CommandType.RECORD_PAGE)).isEqualTo(status.isActive());
    }

    @Test
    void aResponderRecordsAPageAndAViewerDoesNot() {
        IncidentManager guarded = IncidentKit.builder().store(new SimpleEventStore()).clock(clock)
                .authorizer(RoleBasedAuthorizer.of(Map.of("escalation", AccessRole.RESPONDER, "vera", AccessRole.VIEWER,
                        "pagerduty", AccessRole.RESPONDER)))
                .build();
        String id = guarded.declare(Declare.of("Payments down", Severity.SEV1, "payments"), as("pagerduty")).id();
        Command.RecordPage page = new Command.RecordPage("alice", 1, 1, "payments", "level 1 of policy Payments: the SEV-1 incident was triggered", List.of());

        assertThatThrownBy(() -> guarded.execute(id, page, as("vera")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("vera may not record-page " + id + ": they are a viewer and it takes a responder.");
        assertThat(guarded.execute(id, page, ESCALATION).version()).isEqualTo(2);
    }

    @Test
    void eachFieldRuleNamesItsField() {
        String id = declare();
        String why = "level 1 of policy Payments: the SEV-1 incident was triggered";
        assertField(id, new Command.RecordPage(" ", 1, 1, "payments", why, List.of()), "person");
        assertField(id, new Command.RecordPage("a".repeat(129), 1, 1, "payments", why, List.of()), "person");
        assertField(id, new Command.RecordPage("alice", 0, 1, "payments", why, List.of()), "level");
        assertField(id, new Command.RecordPage("alice", 1, 0, "payments", why, List.of()), "round");
        assertField(id, new Command.RecordPage("alice", 1, 1, "", why, List.of()), "policyId");
        assertField(id, new Command.RecordPage("alice", 1, 1, "payments", "two\nlines", List.of()), "why");
        assertField(id, new Command.RecordPage("alice", 1, 1, "payments", "", List.of()), "why");
        assertField(id, new Command.RecordPage("alice", 1, 1, "payments", why, List.of("Email")), "channels");
        assertField(id, new Command.RecordPage("alice", 1, 1, "payments", why, List.of("sms", "sms")), "channels");
        assertField(id, new Command.RecordPage("alice", 1, 1, "payments", why,
                IntStream.rangeClosed(1, 17).mapToObj(i -> "c" + i).toList()), "channels");
        assertThat(manager.history(id)).hasSize(1);
    }

    private void assertField(String id, Command command, String field) {
        assertThatThrownBy(() -> manager.execute(id, command, ESCALATION))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void aCommandIsMadeOnlyForSomeoneThePagePages() {
        Step.Page page = (Step.Page) Escalations.due(PAYMENTS, Escalations.start(PAYMENTS, "INC-2026-001", Severity.SEV1, T0),
                T0, x -> Optional.empty());
        assertThat(Command.RecordPage.of(page, "bob", List.of("sms")))
                .isEqualTo(new Command.RecordPage("bob", 1, 1, "payments", page.why(), List.of("sms")));
        assertThatThrownBy(() -> Command.RecordPage.of(page, "alice", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not page alice");
    }

    @Test
    void theDataIsWrittenAndReadBack() {
        IncidentEvent.Paged paged = new IncidentEvent.Paged("alice", 2, 1, "payments", WHY_ALICE, List.of("slack", "email"));
        String json = EventDataFormat.encode(paged);
        assertThat(json).isEqualTo("{\"person\":\"alice\",\"level\":2,\"round\":1,\"policy_id\":\"payments\",\"why\":\""
                + WHY_ALICE + "\",\"channels\":[\"slack\",\"email\"]}");
        assertThat(EventDataFormat.decode(EventTypes.PAGED, 1, json)).isEqualTo(paged);
        // No channels is an empty array, and an absent or null array reads as none.
        IncidentEvent.Paged none = new IncidentEvent.Paged("alice", 2, 1, "payments", WHY_ALICE, List.of());
        assertThat(EventDataFormat.encode(none)).endsWith(",\"channels\":[]}");
        IncidentEvent.Paged shortWhy = new IncidentEvent.Paged("alice", 2, 1, "payments", "w", List.of());
        assertThat(EventDataFormat.decode(EventTypes.PAGED, 1,
                "{\"person\":\"alice\",\"level\":2,\"round\":1,\"policy_id\":\"payments\",\"why\":\"w\"}")).isEqualTo(shortWhy);
        assertThat(EventDataFormat.decode(EventTypes.PAGED, 1,
                "{\"person\":\"alice\",\"level\":2,\"round\":1,\"policy_id\":\"payments\",\"why\":\"w\",\"channels\":null}"))
                .isEqualTo(shortWhy);
    }

    @Test
    void theReaderNamesTheFieldThatIsWrong() {
        String ok = "\"person\":\"alice\",\"level\":2,\"round\":1,\"policy_id\":\"payments\",\"why\":\"w\"";
        assertData(ok.replace("\"person\":\"alice\",", ""), "data.person");
        assertData(ok.replace("\"alice\"", "\"\""), "data.person");
        assertData(ok.replace("\"level\":2", "\"level\":0"), "data.level");
        assertData(ok.replace("\"level\":2", "\"level\":\"2\""), "data.level");
        assertData(ok.replace("\"round\":1", "\"round\":1.5"), "data.round");
        assertData(ok.replace("\"round\":1,", ""), "data.round");
        assertData(ok.replace("\"payments\"", "\"a\\tb\""), "data.policy_id");
        assertData(ok.replace("\"why\":\"w\"", "\"why\":\"two\\nlines\""), "data.why");
        assertData(ok + ",\"channels\":\"email\"", "data.channels");
        assertData(ok + ",\"channels\":[\"email\",3]", "data.channels[1]");
        assertData(ok + ",\"channels\":[\"E-mail\"]", "data.channels");
        assertData(ok + ",\"channels\":[\"sms\",\"sms\"]", "data.channels");
    }

    private static void assertData(String fields, String field) {
        assertThatThrownBy(() -> EventDataFormat.decode(EventTypes.PAGED, 1, "{" + fields + "}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
