package dev.incidentkit.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The export's own format, pinned apart from the stored snapshot's: its incident object reuses
 * {@code SnapshotFormat} today, so a new snapshot version would change the published export
 * silently but for this test. The shape is written out here by hand, member by member, in order,
 * with the JSON kind of each value: {@code s} string, {@code n} number, {@code b} boolean,
 * {@code 0} null, an object in braces, an array by the shape of its first element.
 */
class JsonExportShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");

    /** Format version 1's incident object, for an incident acknowledged, mitigated, with an item and a breach. */
    private static final String INCIDENT_V1 = "{id:s,title:s,description:s,severity:s,peak_severity:s,status:s,"
            + "service:s,correlated_services:[s],roles:{commander:0,tech_lead:s,comms_lead:0},war_room:b,"
            + "declared_by:s,milestones:{impact_started_at:s,detected_at:s,declared_at:s,acknowledged_at:s,"
            + "identified_at:0,mitigated_at:s,resolved_at:0,closed_at:0},acknowledgement:{by:s,at:s,note:s},"
            + "last_update_at:s,notes_count:n,action_items:[{id:n,text:s,owner:s,due:s,added_at:s,completed_at:0}],"
            + "postmortem:{summary:s,root_cause:s,contributing_factors:s,impact:s,went_well:s,went_poorly:s,"
            + "resolution:s},sla_breaches:[{kind:s,target:s,deadline:s,breached_at:s}],reopen_count:n,"
            + "cancel_reason:0,duplicate_of:0,version:n}";

    @Test
    void theDocumentIsFormatVersionOneWithItsOwnIncidentShape() throws Exception {
        List<RecordedEvent> history = history();
        JsonNode document = JSON.readTree(JsonExport.document(history));

        assertThat(JsonExport.FORMAT_VERSION).isEqualTo(1);
        assertThat(document.get("format_version").intValue()).isEqualTo(JsonExport.FORMAT_VERSION);
        assertThat(names(document)).containsExactly("format_version", "incident", "duration", "timeline", "events");
        assertThat(shape(document.get("incident"))).isEqualTo(INCIDENT_V1);
        assertThat(shape(JSON.readTree(JsonExport.snapshot(Incident.replay(history))))).isEqualTo(INCIDENT_V1);
    }

    @Test
    void theValuesAreWrittenAsVersionOneWritesThem() throws Exception {
        JsonNode incident = JSON.readTree(JsonExport.document(history())).get("incident");

        assertThat(incident.get("severity").textValue()).isEqualTo("SEV-1");
        assertThat(incident.get("status").textValue()).isEqualTo("mitigated");
        assertThat(incident.get("milestones").get("declared_at").textValue()).isEqualTo("2025-08-23T14:30:00Z");
        assertThat(incident.get("action_items").get(0).get("due").textValue()).isEqualTo("2025-09-01");
        assertThat(incident.get("sla_breaches").get(0).get("kind").textValue()).isEqualTo("update");
        assertThat(incident.get("sla_breaches").get(0).get("target").textValue()).isEqualTo("PT30M");
        assertThat(incident.get("version").intValue()).isEqualTo(6);
    }

    private static List<RecordedEvent> history() {
        return TestHistory.declared("INC-2025-007", "Checkout latency", Severity.SEV1, "checkout", "Slow pages", T0,
                        "alice", 0)
                .add(min(1), "bob", new IncidentEvent.Acknowledged("on it", Optional.of(Role.TECH_LEAD)))
                .add(min(2), "bob", new IncidentEvent.ServiceCorrelated("payments", ""))
                .add(min(3), "bob", new IncidentEvent.ActionItemAdded(1, "Add an alert", Optional.of(Actor.of("carol")),
                        Optional.of(LocalDate.parse("2025-09-01"))))
                .add(min(31), "sla-monitor", new IncidentEvent.SlaBreached(SlaKind.UPDATE, Duration.ofMinutes(30),
                        min(30)))
                .add(min(40), "bob", new IncidentEvent.StatusChanged(Status.ACKNOWLEDGED, Status.MITIGATED, "done"))
                .events();
    }

    private static Instant min(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String shape(JsonNode node) {
        if (node.isObject()) {
            StringBuilder out = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.append(field.getKey()).append(':').append(shape(field.getValue())).append(it.hasNext() ? "," : "");
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            return node.isEmpty() ? "[]" : "[" + shape(node.get(0)) + "]";
        }
        return node.isTextual() ? "s" : node.isNumber() ? "n" : node.isBoolean() ? "b" : node.isNull() ? "0" : "?";
    }
}
