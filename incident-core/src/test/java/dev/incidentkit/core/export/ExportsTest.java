package dev.incidentkit.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportsTest {

    private static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");

    private static TestHistory declared() {
        return TestHistory.declared("INC-2025-007", "Checkout latency", Severity.SEV1, "checkout", "", T0, "alice", 0);
    }

    private static Instant min(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void durationRunsFromTheDeclarationToTheFirstMitigation() {
        List<RecordedEvent> h = declared()
                .add(min(17), "bob", new IncidentEvent.StatusChanged(Status.OPEN, Status.MITIGATED, ""))
                .add(min(20), "bob", new IncidentEvent.StatusChanged(Status.MITIGATED, Status.INVESTIGATING, "back"))
                .add(min(30), "bob", new IncidentEvent.StatusChanged(Status.INVESTIGATING, Status.MITIGATED, ""))
                .add(min(75), "bob", new IncidentEvent.StatusChanged(Status.MITIGATED, Status.RESOLVED, ""))
                .events();
        assertThat(MarkdownExport.postmortem(h)).contains("- **Duration:** 17 minutes (14:30 - 14:47)\n");
        assertThat(TextExport.timeline(h)).contains("Duration: 17 minutes (14:30 - 14:47)\n");
    }

    @Test
    void durationStartsWhenTheImpactStartedNotAtTheDeclaration() {
        // Impact 32 minutes before the declaration, detected 10 minutes before it (--impact-started-at, --detected-at).
        List<RecordedEvent> h = TestHistory.declared(T0, "alice", new IncidentEvent.Declared("INC-2025-008", "Checkout latency",
                        Severity.SEV2, "checkout", Status.OPEN, "", min(-32), min(-10), false))
                .add(min(17), "bob", new IncidentEvent.StatusChanged(Status.OPEN, Status.MITIGATED, ""))
                .events();
        assertThat(MarkdownExport.postmortem(h)).contains("- **Duration:** 49 minutes (13:58 - 14:47)\n");
        assertThat(TextExport.timeline(h)).contains("Duration: 49 minutes (13:58 - 14:47)\n");
        JsonNode duration = json(h).get("duration");
        assertThat(duration.get("from").textValue()).isEqualTo("2025-08-23T13:58:00Z");
        assertThat(duration.get("seconds").longValue()).isEqualTo(49 * 60);

        List<RecordedEvent> ongoing = TestHistory.declared(T0, "alice", new IncidentEvent.Declared("INC-2025-009", "t",
                Severity.SEV2, "checkout", Status.OPEN, "", min(-32), min(-32), false)).events();
        assertThat(MarkdownExport.postmortem(ongoing)).contains("- **Duration:** ongoing since 13:58, not mitigated yet\n");
    }

    @Test
    void severityIsThePeakWithTheCurrentOneAfterADowngrade() {
        List<RecordedEvent> h = TestHistory.declared("INC-2025-010", "Checkout latency", Severity.SEV3, "checkout", "", T0,
                        "alice", 0)
                .add(min(5), "bob", new IncidentEvent.SeverityChanged(Severity.SEV3, Severity.SEV1, "worse"))
                .add(min(40), "bob", new IncidentEvent.SeverityChanged(Severity.SEV1, Severity.SEV3, "contained"))
                .events();
        assertThat(MarkdownExport.postmortem(h)).contains("- **Severity:** SEV-1 (Critical) at peak, SEV-3 (Minor) now\n");
        assertThat(TextExport.timeline(h)).contains("Severity: SEV-1 (Critical) at peak, SEV-3 (Minor) now\n");
        JsonNode incident = json(h).get("incident");
        assertThat(incident.get("severity").textValue()).isEqualTo("SEV-3");
        assertThat(incident.get("peak_severity").textValue()).isEqualTo("SEV-1");
        assertThat(MarkdownExport.postmortem(declared().events())).contains("- **Severity:** SEV-1 (Critical)\n");
        assertThat(json(declared().events()).get("incident").get("peak_severity").textValue()).isEqualTo("SEV-1");
    }

    @Test
    void withoutMitigationTheDurationRunsToTheResolutionAndSaysSo() {
        List<RecordedEvent> h = declared()
                .add(min(85), "bob", new IncidentEvent.StatusChanged(Status.OPEN, Status.RESOLVED, "rolled back"))
                .events();
        assertThat(MarkdownExport.postmortem(h)).contains("- **Duration:** 1 hour 25 minutes (14:30 - 15:55, until resolved)\n");
    }

    @Test
    void anOngoingIncidentHasNoDurationYet() {
        List<RecordedEvent> h = declared().add(min(3), "bob", new IncidentEvent.NoteAdded("looking")).events();
        assertThat(MarkdownExport.postmortem(h)).contains("- **Duration:** ongoing since 14:30, not mitigated yet\n");
        assertThat(json(h).get("duration").isNull()).isTrue();
    }

    @Test
    void aCanceledIncidentHasNone() {
        List<RecordedEvent> h = declared().add(min(3), "bob", new IncidentEvent.Canceled("no customer impact")).events();
        assertThat(MarkdownExport.postmortem(h)).contains("- **Duration:** none: canceled without mitigation or resolution\n",
                "- **Status:** Canceled\n", "- **14:33** - Incident canceled by bob: no customer impact\n");
    }

    @Test
    void aDuplicateNamesItsSurvivor() {
        List<RecordedEvent> h = declared().add(min(3), "bob", new IncidentEvent.MarkedDuplicate("INC-2025-006", "")).events();
        assertThat(MarkdownExport.postmortem(h)).contains("- **Status:** Duplicate of INC-2025-006\n");
        assertThat(TextExport.timeline(h)).contains("Status: Duplicate of INC-2025-006\n");
    }

    @Test
    void longDurationsAndInstantsOnOtherDaysCarryTheirDate() {
        List<RecordedEvent> h = declared()
                .add(min(60 * 26 + 1), "bob", new IncidentEvent.StatusChanged(Status.OPEN, Status.MITIGATED, ""))
                .events();
        String md = MarkdownExport.postmortem(h);
        assertThat(md).contains("- **Duration:** 1 day 2 hours 1 minute (14:30 - 2025-08-24 16:31)\n",
                "- **2025-08-24 16:31** - Incident mitigated by bob\n");
    }

    @Test
    void durationsRoundDownToWholeMinutes() {
        assertThat(ExportSupport.minutes(Duration.ofSeconds(59))).isEqualTo("under a minute");
        assertThat(ExportSupport.minutes(Duration.ofSeconds(61))).isEqualTo("1 minute");
        assertThat(ExportSupport.minutes(Duration.ofMinutes(120))).isEqualTo("2 hours");
        assertThat(ExportSupport.minutes(Duration.ofDays(3).plusMinutes(2))).isEqualTo("3 days 2 minutes");
        assertThat(ExportSupport.minutes(Duration.ofMinutes(-5))).isEqualTo("under a minute");
    }

    @Test
    void timesCanBeShownInAnotherZone() {
        List<RecordedEvent> h = declared()
                .add(min(17), "bob", new IncidentEvent.StatusChanged(Status.OPEN, Status.MITIGATED, ""))
                .events();
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(MarkdownExport.postmortem(h, berlin)).contains("- **Duration:** 17 minutes (16:30 - 16:47)\n",
                "- **Date:** 2025-08-23 (times in Europe/Berlin)\n", "- **16:30** - Incident declared (SEV-1) by alice");
        assertThat(TextExport.timeline(h, berlin)).contains("16:47 - Incident mitigated by bob\n");
        assertThat(MarkdownExport.postmortem(h)).contains("(times in UTC)");
    }

    @Test
    void theResolutionFallsBackToTheResolutionNoteThenToTheMitigationNote() {
        TestHistory h = declared()
                .add(min(17), "bob", new IncidentEvent.StatusChanged(Status.OPEN, Status.MITIGATED, "Rolled back v42"));
        assertThat(MarkdownExport.postmortem(h.events())).contains("## Resolution\n\nRolled back v42\n");
        h.add(min(40), "bob", new IncidentEvent.StatusChanged(Status.MITIGATED, Status.RESOLVED, "Fixed forward in v43"));
        assertThat(MarkdownExport.postmortem(h.events())).contains("## Resolution\n\nFixed forward in v43\n");
        assertThat(MarkdownExport.postmortem(declared().events())).contains("## Resolution\n\n*Not written yet.*\n");
    }

    @Test
    void correlatedServicesAndRolesAreListed() {
        List<RecordedEvent> h = declared()
                .add(min(1), "bob", new IncidentEvent.Acknowledged("", Optional.of(Role.COMMANDER)))
                .add(min(2), "bob", new IncidentEvent.ServiceCorrelated("payments", ""))
                .add(min(3), "bob", new IncidentEvent.RoleAssigned(Role.COMMS_LEAD, Actor.of("carol")))
                .events();
        assertThat(MarkdownExport.postmortem(h)).contains("- **Services:** checkout, payments\n", "- **Commander:** bob\n",
                "- **Comms Lead:** carol\n", "- **14:31** - Acknowledged by bob as commander\n",
                "- **14:33** - carol assigned as comms-lead by bob\n");
        assertThat(TextExport.timeline(h)).contains("Services: checkout, payments\n");
    }

    @Test
    void theWrittenSummaryFollowsTheFactsAndMultiLineTextKeepsItsLines() {
        List<RecordedEvent> h = declared()
                .add(min(1), "bob", new IncidentEvent.NoteAdded("first line\nsecond line\n\nafter a blank"))
                .add(min(2), "bob", new IncidentEvent.PostmortemUpdated(dev.incidentkit.core.PostmortemUpdate.none()
                        .summary("Checkout failed for 17 minutes.").rootCause("A slow query.\n\nNo index on created_at.")))
                .events();
        String md = MarkdownExport.postmortem(h);
        assertThat(md).contains("- **Date:** 2025-08-23 (times in UTC)\n\nCheckout failed for 17 minutes.\n\n## Timeline");
        // Soft line breaks, as a person writes them: no backslash at the end of every line (issue 11, point 8).
        assertThat(md).contains("- **14:31** - Update from bob: first line\n  second line\n  after a blank\n");
        assertThat(md).contains("## Root Cause\n\nA slow query.\n\nNo index on created_at.\n");
        assertThat(TextExport.timeline(h)).contains("14:31 - Update from bob\n        first line\n        second line\n        \n"
                + "        after a blank\n");
    }

    @Test
    void writtenSectionsKeepTheirMarkdownSanitized() {
        List<RecordedEvent> h = declared()
                .add(min(2), "bob", new IncidentEvent.PostmortemUpdated(dev.incidentkit.core.PostmortemUpdate.none()
                        .summary("- one\n- two")
                        .rootCause("# Cause\nA **missing** index: `orders(created_at)`.\n\n```sql\nCREATE INDEX <x>;\n```")
                        .impact("<img src=x onerror=alert(1)> [see](javascript:alert(1)) [dash](https://grafana/d?a=1&b=2)")))
                .events();
        String md = MarkdownExport.postmortem(h);
        // The summary's "-" list would continue the facts' list: it is written with "*".
        assertThat(md).contains("- **Date:** 2025-08-23 (times in UTC)\n\n* one\n* two\n\n## Timeline",
                "## Root Cause\n\n### Cause\nA **missing** index: `orders(created_at)`.\n\n```sql\nCREATE INDEX <x>;\n```\n\n"
                        + "## Contributing Factors\n",
                "## Impact\n\n\\<img src=x onerror=alert(1)> [see\\](javascript:alert(1)) [dash](https://grafana/d?a=1&b=2)\n");
    }

    @Test
    void theHistoryMayComeInAnyOrderButMustBeWhole() {
        List<RecordedEvent> h = new ArrayList<>(declared()
                .add(min(1), "bob", new IncidentEvent.NoteAdded("a"))
                .add(min(2), "bob", new IncidentEvent.NoteAdded("b")).events());
        String inOrder = MarkdownExport.postmortem(h);
        Collections.reverse(h);
        assertThat(MarkdownExport.postmortem(h)).isEqualTo(inOrder);
        assertThat(JsonExport.document(h)).isEqualTo(JsonExport.document(List.copyOf(h).subList(0, 3)));
        assertThatThrownBy(() -> MarkdownExport.postmortem(h.subList(0, 2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextExport.timeline(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonCarriesTheSnapshotTheTimelineAndEveryEventWithItsChain() {
        List<RecordedEvent> h = declared()
                .add(min(1), "bob", new IncidentEvent.Acknowledged("on it", Optional.of(Role.TECH_LEAD)))
                .add(min(17), "bob", new IncidentEvent.StatusChanged(Status.ACKNOWLEDGED, Status.MITIGATED, "done"))
                .events();
        JsonNode root = json(h);
        assertThat(root.get("format_version").asInt()).isEqualTo(1);
        JsonNode incident = root.get("incident");
        assertThat(incident.get("id").textValue()).isEqualTo("INC-2025-007");
        assertThat(incident.get("severity").textValue()).isEqualTo("SEV-1");
        assertThat(incident.get("status").textValue()).isEqualTo("mitigated");
        assertThat(incident.get("roles").get("tech_lead").textValue()).isEqualTo("bob");
        assertThat(incident.get("roles").get("commander").isNull()).isTrue();
        assertThat(incident.get("milestones").get("mitigated_at").textValue()).isEqualTo("2025-08-23T14:47:00Z");
        assertThat(incident.get("milestones").get("resolved_at").isNull()).isTrue();
        assertThat(root.get("duration").get("seconds").asLong()).isEqualTo(17 * 60);
        assertThat(root.get("duration").get("until").textValue()).isEqualTo("mitigated");
        assertThat(root.get("timeline").get(1).get("headline").textValue()).isEqualTo("Acknowledged by bob as tech-lead");
        JsonNode events = root.get("events");
        assertThat(events).hasSize(3);
        for (int i = 0; i < 3; i++) {
            var r = h.get(i).stored().record();
            JsonNode e = events.get(i);
            assertThat(e.get("id").textValue()).isEqualTo(r.eventId().toString());
            assertThat(e.get("version").asLong()).isEqualTo(i + 1);
            assertThat(e.get("hash").textValue()).isEqualTo(r.hash());
            assertThat(e.get("prev_hash").textValue()).isEqualTo(r.prevHash());
            assertThat(e.get("data")).isEqualTo(readTree(r.data()));
        }
    }

    @Test
    void jsonListsEachRecordedBreachWithWhenItBecameAFact() {
        // Recorded back-dated to a minute after its deadline, as a monitor that noticed late would.
        List<RecordedEvent> h = declared()
                .add(min(16), "sla-monitor", new IncidentEvent.SlaBreached(SlaKind.ACK, Duration.ofMinutes(15), min(15)))
                .events();
        JsonNode breach = json(h).get("incident").get("sla_breaches").get(0);
        assertThat(breach.get("kind").textValue()).isEqualTo("ack");
        assertThat(breach.get("target").textValue()).isEqualTo("PT15M");
        assertThat(breach.get("deadline").textValue()).isEqualTo("2025-08-23T14:45:00Z");
        assertThat(breach.get("breached_at").textValue()).isEqualTo("2025-08-23T14:46:00Z");
    }

    private static JsonNode json(List<RecordedEvent> h) {
        return readTree(JsonExport.document(h));
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
