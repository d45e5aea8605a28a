package dev.incidentkit.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.export.JsonExport;
import dev.incidentkit.core.format.SnapshotVectors.Case;
import dev.incidentkit.core.format.SnapshotVectors.Stored;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The snapshot format against its golden vectors (the incidents the golden event chains fold
 * to), and what it refuses.
 */
class SnapshotFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Case> CASES = SnapshotVectors.cases();
    private static final List<Stored> STORED = SnapshotVectors.load();

    @Test
    void theVectorsAreTheCasesInOrder() {
        assertThat(STORED).extracting(Stored::name).containsExactlyElementsOf(CASES.stream().map(Case::name).toList());
        for (int i = 0; i < CASES.size(); i++) {
            assertThat(STORED.get(i).incidentId()).isEqualTo(CASES.get(i).incident().id());
            assertThat(STORED.get(i).version()).isEqualTo(CASES.get(i).incident().version());
        }
    }

    @TestFactory
    List<DynamicTest> eachIncidentEncodesToItsVectorAndDecodesFromIt() {
        return each(i -> {
            Incident incident = CASES.get(i).incident();
            String snapshot = STORED.get(i).snapshot();
            assertThat(SnapshotFormat.encode(incident)).isEqualTo(snapshot);
            assertThat(SnapshotFormat.decode(snapshot)).isEqualTo(incident);
        });
    }

    /** The vectors are worth something only if they hold every optional part present and absent. */
    @Test
    void theVectorsCoverEveryOptionalPart() {
        List<Incident> all = CASES.stream().map(Case::incident).toList();
        assertThat(all).anyMatch(i -> i.acknowledgement().isPresent()).anyMatch(i -> i.acknowledgement().isEmpty())
                .anyMatch(i -> i.peakSeverity() != i.severity()).anyMatch(Incident::warRoom)
                .anyMatch(i -> !i.correlatedServices().isEmpty()).anyMatch(i -> i.roles().size() >= 2)
                .anyMatch(i -> i.notesCount() > 0).anyMatch(i -> i.reopenCount() > 0)
                .anyMatch(i -> i.cancelReason().isPresent()).anyMatch(i -> i.duplicateOf().isPresent())
                .anyMatch(i -> i.milestones().identifiedAt().isPresent() && i.milestones().mitigatedAt().isPresent()
                        && i.milestones().resolvedAt().isPresent() && i.milestones().closedAt().isPresent())
                .anyMatch(i -> !i.postmortem().rootCause().isEmpty())
                .anyMatch(i -> i.slaBreaches().size() == 1 && !i.slaBreaches().get(0).breachedAt()
                        .equals(i.slaBreaches().get(0).deadline()));
        List<ActionItem> items = all.stream().flatMap(i -> i.actionItems().stream()).toList();
        assertThat(items).anyMatch(a -> a.owner().isPresent() && a.due().isPresent() && a.completedAt().isPresent())
                .anyMatch(a -> a.owner().isEmpty() && a.due().isEmpty() && a.completedAt().isEmpty());
    }

    /**
     * While export format 1 and snapshot format 1 agree, the export's incident is the snapshot,
     * indented. A new snapshot version ends this; JsonExportShapeTest keeps the export as it is.
     */
    @TestFactory
    List<DynamicTest> theExportedSnapshotIsTheStoredOne() {
        return each(i -> assertThat(JSON.readTree(JsonExport.snapshot(CASES.get(i).incident())))
                .isEqualTo(JSON.readTree(STORED.get(i).snapshot())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"id\":", "[]", "\"INC-1\"", "null", "42", "{} {}", "{} x"})
    void textThatIsNoJsonObjectIsRefused(String text) {
        assertRefused(text, "snapshot");
    }

    @Test
    void aMissingFieldIsRefusedByItsPath() {
        assertRefused(mutated(o -> o.remove("title")), "snapshot.title");
        assertRefused(mutated(o -> o.remove("cancel_reason")), "snapshot.cancel_reason");
        assertRefused(mutated(o -> o.remove("version")), "snapshot.version");
        assertRefused(mutated(o -> ((ObjectNode) o.get("milestones")).remove("declared_at")),
                "snapshot.milestones.declared_at");
        assertRefused(mutated(o -> ((ObjectNode) o.get("roles")).remove("tech_lead")), "snapshot.roles.tech_lead");
        assertRefused(mutated(o -> item(o, 1).remove("completed_at")), "snapshot.action_items[1].completed_at");
        assertRefused(mutated(o -> ((ObjectNode) o.get("postmortem")).remove("went_well")),
                "snapshot.postmortem.went_well");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedByItsPath() {
        assertRefused(mutated(o -> o.putNull("title")), "snapshot.title");
        assertRefused(mutated(o -> o.put("notes_count", "3")), "snapshot.notes_count");
        assertRefused(mutated(o -> o.put("notes_count", 1.5)), "snapshot.notes_count");
        assertRefused(mutated(o -> o.put("reopen_count", -1)), "snapshot.reopen_count");
        assertRefused(mutated(o -> o.put("version", 0)), "snapshot.version");
        assertRefused(mutated(o -> o.put("war_room", "true")), "snapshot.war_room");
        assertRefused(mutated(o -> o.put("correlated_services", "payments")), "snapshot.correlated_services");
        assertRefused(mutated(o -> ((ArrayNode) o.get("correlated_services")).insert(0, 7)),
                "snapshot.correlated_services[0]");
        assertRefused(mutated(o -> o.put("milestones", "none")), "snapshot.milestones");
        assertRefused(mutated(o -> o.putArray("acknowledgement")), "snapshot.acknowledgement");
        assertRefused(mutated(o -> item(o, 0).put("owner", 5)), "snapshot.action_items[0].owner");
        assertRefused(mutated(o -> item(o, 0).put("id", 0)), "snapshot.action_items[0].id");
        assertRefused(mutated(o -> ((ArrayNode) o.get("sla_breaches")).add("ack")), "snapshot.sla_breaches[1]");
    }

    @Test
    void anUnknownOrMalformedValueIsRefusedByItsPath() {
        assertRefused(mutated(o -> o.put("status", "paused")), "snapshot.status");
        assertRefused(mutated(o -> o.put("status", "RESOLVED")), "snapshot.status");
        assertRefused(mutated(o -> o.put("severity", "sev1")), "snapshot.severity");
        assertRefused(mutated(o -> o.put("peak_severity", "SEV-4")), "snapshot.peak_severity");
        assertRefused(mutated(o -> o.put("last_update_at", "2025-08-23 14:30")), "snapshot.last_update_at");
        assertRefused(mutated(o -> o.put("declared_by", " ")), "snapshot.declared_by");
        assertRefused(mutated(o -> ((ObjectNode) o.get("acknowledgement")).put("by", "a\u0000b")),
                "snapshot.acknowledgement.by");
        assertRefused(mutated(o -> item(o, 0).put("due", "2025-13-01")), "snapshot.action_items[0].due");
        assertRefused(mutated(o -> breach(o).put("kind", "respond")), "snapshot.sla_breaches[0].kind");
        assertRefused(mutated(o -> breach(o).put("target", "15m")), "snapshot.sla_breaches[0].target");
    }

    @Test
    void unknownFieldsAreIgnored() {
        Incident incident = walkthrough();
        assertThat(SnapshotFormat.decode(mutated(o -> o.put("format_version", 1).put("future", true))))
                .isEqualTo(incident);
    }

    private static Incident walkthrough() {
        return CASES.stream().filter(c -> c.name().equals("status-closed")).findFirst().orElseThrow().incident();
    }

    /** The walkthrough incident, closed: every part present but the cancel reason and the duplicate. */
    private static String mutated(Consumer<ObjectNode> mutation) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(SnapshotFormat.encode(walkthrough()));
            mutation.accept(o);
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode item(ObjectNode o, int index) {
        return (ObjectNode) o.get("action_items").get(index);
    }

    private static ObjectNode breach(ObjectNode o) {
        return (ObjectNode) o.get("sla_breaches").get(0);
    }

    private static void assertRefused(String json, String field) {
        assertThatThrownBy(() -> SnapshotFormat.decode(json)).as(json).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    private static List<DynamicTest> each(Check check) {
        return java.util.stream.IntStream.range(0, CASES.size())
                .mapToObj(i -> DynamicTest.dynamicTest(CASES.get(i).name(), () -> check.check(i)))
                .collect(Collectors.toList());
    }

    private interface Check {
        void check(int index) throws Exception;
    }
}
