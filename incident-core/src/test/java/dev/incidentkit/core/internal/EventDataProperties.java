package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.EventArbitraries;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDataProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Every field name the catalog uses, so that mutated data hits the fields the decoder reads. */
    private static final List<String> FIELDS = List.of("incident_id", "title", "severity", "service", "status",
            "description", "impact_started_at", "detected_at", "war_room", "note", "role", "from", "to", "assignee",
            "item_id", "text", "owner", "due", "summary", "root_cause", "contributing_factors", "impact", "went_well",
            "went_poorly", "resolution", "kind", "target", "deadline", "reason", "duplicate_of", "message", "commander");

    @Property(tries = 600)
    void decodingTheEncodingGivesTheEventBack(@ForAll("events") IncidentEvent event) {
        String data = EventData.encode(event);
        IncidentEvent decoded = EventData.decode(event.type(), IncidentEvent.SCHEMA_VERSION, data);
        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.type()).isEqualTo(event.type());
    }

    @Property(tries = 300)
    void encodingIsDeterministicAndCanonical(@ForAll("events") IncidentEvent event) throws Exception {
        String first = EventData.encode(event);
        String second = EventData.encode(event);
        assertThat(second.getBytes(StandardCharsets.UTF_8)).isEqualTo(first.getBytes(StandardCharsets.UTF_8));
        // Re-encoding what was decoded gives the very same text: the hash chain depends on it.
        assertThat(EventData.encode(EventData.decode(event.type(), 1, first))).isEqualTo(first);
        // Compact JSON object whose field names are all snake_case.
        JsonNode tree = JSON.readTree(first);
        assertThat(tree.isObject()).isTrue();
        assertThat(first).doesNotContain("\n").doesNotContain("\r");
        tree.fieldNames().forEachRemaining(name -> assertThat(name).matches("[a-z]+(_[a-z]+)*"));
    }

    @Example
    void theGeneratorsCoverEveryTypeOfTheCatalog() {
        Set<String> seen = EventArbitraries.anyEvent().sampleStream().limit(3_000).map(IncidentEvent::type)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
    }

    @Provide
    Arbitrary<IncidentEvent> events() {
        return EventArbitraries.anyEvent();
    }

    // ---- malformed data ------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // not JSON, or not an object
        "incident.note_added | not json                                    | data",
        "incident.note_added | `{\"note\":\"a\"`                           | data",
        "incident.note_added | `{\"note\":\"a\"} trailing`                 | data",
        "incident.note_added | `{\"note\":\"a\"}{\"note\":\"b\"}`          | data",
        "incident.note_added | `[]`                                        | data",
        "incident.note_added | `\"note\"`                                  | data",
        "incident.note_added | `null`                                      | data",
        "incident.note_added | ``                                          | data",
        // missing fields and wrong field types
        "incident.note_added | `{}`                                        | data.note",
        "incident.note_added | `{\"note\":null}`                           | data.note",
        "incident.note_added | `{\"note\":42}`                             | data.note",
        "incident.note_added | `{\"note\":[\"a\"]}`                        | data.note",
        "incident.note_added | `{\"note\":\"\"}`                           | data.note",
        "incident.note_added | `{\"note\":\"a\\u0000b\"}`                  | data.note",
        "incident.note_added | `{\"note\":\"a\\rb\"}`                      | data.note",
        "incident.note_added | `{\"note\":\"\\ud800\"}`                    | data.note",
        "incident.declared   | `{\"incident_id\":\"INC-1\",\"title\":\"a\\nb\",\"severity\":\"SEV-1\",\"service\":\"api\",\"status\":\"open\",\"description\":\"\",\"impact_started_at\":\"2025-01-01T00:00:00Z\",\"detected_at\":\"2025-01-01T00:00:00Z\",\"war_room\":false}` | data.title",
        "incident.declared   | `{\"incident_id\":\"INC-1\",\"title\":\"a\\u0007\",\"severity\":\"SEV-1\",\"service\":\"api\",\"status\":\"open\",\"description\":\"\",\"impact_started_at\":\"2025-01-01T00:00:00Z\",\"detected_at\":\"2025-01-01T00:00:00Z\",\"war_room\":false}` | data.title",
        "incident.declared   | `{\"incident_id\":\"INC-1\",\"title\":\"   \",\"severity\":\"SEV-1\",\"service\":\"api\",\"status\":\"open\",\"description\":\"\",\"impact_started_at\":\"2025-01-01T00:00:00Z\",\"detected_at\":\"2025-01-01T00:00:00Z\",\"war_room\":false}` | data.title",
        "incident.declared   | `{\"incident_id\":\"INC-1\",\"title\":\"t\",\"severity\":\"SEV-9\",\"service\":\"api\",\"status\":\"open\",\"description\":\"\",\"impact_started_at\":\"2025-01-01T00:00:00Z\",\"detected_at\":\"2025-01-01T00:00:00Z\",\"war_room\":false}` | data.severity",
        "incident.declared   | `{\"incident_id\":\"INC-1\",\"title\":\"t\",\"severity\":\"SEV-1\",\"service\":\"API\",\"status\":\"open\",\"description\":\"\",\"impact_started_at\":\"2025-01-01T00:00:00Z\",\"detected_at\":\"2025-01-01T00:00:00Z\",\"war_room\":false}` | data.service",
        "incident.declared   | `{\"incident_id\":\"INC-1\",\"title\":\"t\",\"severity\":\"SEV-1\",\"service\":\"api\",\"status\":\"resolved\",\"description\":\"\",\"impact_started_at\":\"2025-01-01T00:00:00Z\",\"detected_at\":\"2025-01-01T00:00:00Z\",\"war_room\":false}` | data.status",
        "incident.declared   | `{\"incident_id\":\"INC-1\",\"title\":\"t\",\"severity\":\"SEV-1\",\"service\":\"api\",\"status\":\"open\",\"description\":\"\",\"impact_started_at\":\"yesterday\",\"detected_at\":\"2025-01-01T00:00:00Z\",\"war_room\":false}` | data.impact_started_at",
        "incident.declared   | `{\"incident_id\":\"INC-1\",\"title\":\"t\",\"severity\":\"SEV-1\",\"service\":\"api\",\"status\":\"open\",\"description\":\"\",\"impact_started_at\":\"1969-12-31T23:59:59Z\",\"detected_at\":\"2025-01-01T00:00:00Z\",\"war_room\":false}` | data.impact_started_at",
        "incident.declared   | `{\"incident_id\":\"INC-1\",\"title\":\"t\",\"severity\":\"SEV-1\",\"service\":\"api\",\"status\":\"open\",\"description\":\"\",\"impact_started_at\":\"2025-01-01T00:00:00Z\",\"detected_at\":\"2025-01-01T00:00:00Z\",\"war_room\":\"no\"}` | data.war_room",
        "incident.declared   | `{\"incident_id\":\"INC-1\",\"title\":\"t\",\"severity\":\"SEV-1\",\"service\":\"api\",\"status\":\"open\",\"description\":\"\",\"impact_started_at\":\"2025-01-01T00:00:00Z\",\"detected_at\":\"2025-01-01T00:00:00Z\"}` | data.war_room",
        "incident.declared   | `{\"title\":\"t\",\"severity\":\"SEV-1\",\"service\":\"api\",\"status\":\"open\",\"description\":\"\",\"impact_started_at\":\"2025-01-01T00:00:00Z\",\"detected_at\":\"2025-01-01T00:00:00Z\",\"war_room\":true}` | data.incident_id",
        "incident.acknowledged | `{\"note\":\"\",\"role\":\"janitor\"}`      | data.role",
        "incident.acknowledged | `{\"role\":\"commander\"}`                 | data.note",
        "incident.role_assigned | `{\"role\":\"commander\",\"assignee\":\"\"}` | data.assignee",
        "incident.role_assigned | `{\"role\":\"commander\",\"assignee\":\"a\\nb\"}` | data.assignee",
        "incident.action_item_added | `{\"item_id\":0,\"text\":\"x\"}`     | data.item_id",
        "incident.action_item_added | `{\"item_id\":1.5,\"text\":\"x\"}`   | data.item_id",
        "incident.action_item_added | `{\"item_id\":\"1\",\"text\":\"x\"}`  | data.item_id",
        "incident.action_item_added | `{\"item_id\":4294967297,\"text\":\"x\"}` | data.item_id",
        "incident.action_item_added | `{\"item_id\":1,\"text\":\"\"}`      | data.text",
        "incident.action_item_added | `{\"item_id\":1,\"text\":\"x\",\"due\":\"2025-02-30\"}` | data.due",
        "incident.action_item_added | `{\"item_id\":1,\"text\":\"x\",\"owner\":7}` | data.owner",
        "incident.action_item_completed | `{\"item_id\":-3,\"note\":\"\"}` | data.item_id",
        "incident.severity_changed | `{\"from\":\"SEV-1\",\"to\":\"critical\",\"note\":\"\"}` | data.to",
        "incident.service_correlated | `{\"service\":\"-bad\",\"note\":\"\"}` | data.service",
        "incident.sla_breached | `{\"kind\":\"ack\",\"target\":\"15 minutes\",\"deadline\":\"2025-01-01T00:00:00Z\"}` | data.target",
        "incident.sla_breached | `{\"kind\":\"sleep\",\"target\":\"PT15M\",\"deadline\":\"2025-01-01T00:00:00Z\"}` | data.kind",
        "incident.sla_breached | `{\"kind\":\"ack\",\"target\":\"PT15M\",\"deadline\":\"+10000-01-01T00:00:00Z\"}` | data.deadline",
        "incident.postmortem_updated | `{\"summary\":\"a\\u001bb\"}`      | data.summary",
        "incident.marked_duplicate | `{\"duplicate_of\":\"\",\"note\":\"\"}` | data.duplicate_of",
        "incident.canceled | `{\"reason\":true}`                          | data.reason",
        "incident.public_update | `{\"status\":\"monitoring\",\"impact\":\"operational\",\"message\":\"m\"}` | data.title",
        "incident.public_update | `{\"title\":\"a\\nb\",\"status\":\"monitoring\",\"impact\":\"operational\",\"message\":\"m\"}` | data.title",
        "incident.public_update | `{\"title\":\" \",\"status\":\"monitoring\",\"impact\":\"operational\",\"message\":\"m\"}` | data.title",
        "incident.public_update | `{\"title\":\"t\",\"status\":\"fixed\",\"impact\":\"operational\",\"message\":\"m\"}` | data.status",
        "incident.public_update | `{\"title\":\"t\",\"impact\":\"operational\",\"message\":\"m\"}` | data.status",
        "incident.public_update | `{\"title\":\"t\",\"status\":\"monitoring\",\"impact\":\"down\",\"message\":\"m\"}` | data.impact",
        "incident.public_update | `{\"title\":\"t\",\"status\":\"monitoring\",\"impact\":3,\"message\":\"m\"}` | data.impact",
        "incident.public_update | `{\"title\":\"t\",\"status\":\"monitoring\",\"impact\":\"operational\",\"message\":\"\"}` | data.message",
        "incident.public_update | `{\"title\":\"t\",\"status\":\"monitoring\",\"impact\":\"operational\"}` | data.message",
        "incident.public_update | `{\"title\":\"t\",\"status\":\"monitoring\",\"impact\":\"operational\",\"message\":\"a\\rb\"}` | data.message",
        "incident.update_due | `{\"deadline\":\"soon\",\"target\":\"PT30M\"}` | data.deadline",
        "incident.update_due | `{\"deadline\":\"+10000-01-01T00:00:00Z\",\"target\":\"PT30M\"}` | data.deadline",
        "incident.update_due | `{\"deadline\":\"2025-01-01T00:00:00Z\",\"target\":\"30 minutes\"}` | data.target",
        "incident.update_due | `{\"deadline\":\"2025-01-01T00:00:00Z\"}` | data.target",
        "incident.update_due | `{\"deadline\":\"2025-01-01T00:00:00Z\",\"target\":\"PT30M\",\"commander\":7}` | data.commander",
        "incident.update_due | `{\"deadline\":\"2025-01-01T00:00:00Z\",\"target\":\"PT30M\",\"commander\":\"\"}` | data.commander",
        "incident.update_due | `{\"deadline\":\"2025-01-01T00:00:00Z\",\"target\":\"PT30M\",\"commander\":\"a\\nb\"}` | data.commander",
        // a type that does not fit its data
        "incident.mitigated     | `{\"from\":\"open\",\"to\":\"resolved\",\"note\":\"\"}`      | data.to",
        "incident.investigating | `{\"from\":\"open\",\"to\":\"canceled\",\"note\":\"\"}`      | data.to",
        "incident.identified    | `{\"from\":\"open\",\"to\":\"acknowledged\",\"note\":\"\"}`  | data.to",
        "incident.closed        | `{\"from\":\"resolved\",\"to\":\"open\",\"note\":\"\"}`      | data.to",
        "incident.reopened      | `{\"from\":\"closed\",\"to\":\"open\",\"note\":\"\"}`        | data.to",
        "incident.reopened      | `{\"from\":\"closed\",\"to\":\"duplicate\",\"note\":\"\"}`   | data.to",
        "incident.reopened      | `{\"from\":\"open\",\"to\":\"investigating\",\"note\":\"\"}` | data.from",
        "incident.investigating | `{\"from\":\"resolved\",\"to\":\"investigating\",\"note\":\"\"}` | data.from",
        "incident.resolved      | `{\"from\":\"open\",\"to\":\"bogus\",\"note\":\"\"}`         | data.to",
    })
    void malformedDataIsRejectedNamingTheField(String type, String json, String field) {
        assertThatThrownBy(() -> EventData.decode(type, 1, json))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @org.junit.jupiter.api.Test
    void anUnknownTypeOrSchemaVersionIsRejected() {
        assertThatThrownBy(() -> EventData.decode("incident.exploded", 1, "{\"note\":\"\"}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("type"));
        assertThatThrownBy(() -> EventData.decode(EventTypes.NOTE_ADDED, 2, "{\"note\":\"x\"}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("schemaVersion"));
    }

    // ---- hostile input never escapes as another exception --------------------------------

    @Property(tries = 1500)
    void anyInputGivesAnEventOrAValidationException(@ForAll("types") String type, @ForAll("hostileData") String json) {
        Throwable thrown = catchThrowable(() -> EventData.decode(type, 1, json));
        if (thrown == null) {
            IncidentEvent event = EventData.decode(type, 1, json);
            assertThat(event.type()).isEqualTo(type);
            assertThat(EventData.decode(type, 1, EventData.encode(event))).isEqualTo(event);
        } else {
            assertThat(thrown).isInstanceOf(ValidationException.class);
            assertThat(((ValidationException) thrown).field()).matches("type|data|data\\.[a-z_]+");
        }
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.of(EventTypes.ALL)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(30)));
    }

    @Provide
    Arbitrary<String> hostileData() {
        Arbitrary<String> garbage = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-truefalsn \\u").ofMaxLength(40);
        Arbitrary<String> objects = objectNode(2).map(EventDataProperties::write);
        Arbitrary<String> mutated = Combinators.combine(EventArbitraries.anyEvent(), mutations())
                .as((event, mutation) -> mutation.apply(EventData.encode(event)));
        Arbitrary<String> truncated = Combinators.combine(EventArbitraries.anyEvent(), Arbitraries.integers().between(0, 1000))
                .as((event, cut) -> {
                    String s = EventData.encode(event);
                    return s.substring(0, Math.min(s.length(), cut));
                });
        Arbitrary<String> statuses = Arbitraries.of("open", "acknowledged", "investigating", "identified", "mitigated",
                "resolved", "closed", "canceled", "duplicate", "Resolved", "gone");
        Arbitrary<String> statusChanges = Combinators.combine(statuses, statuses, EventArbitraries.note())
                .as((from, to, note) -> {
                    ObjectNode o = NODES.objectNode();
                    o.put("from", from);
                    o.put("to", to);
                    o.put("note", note);
                    return write(o);
                });
        return Arbitraries.frequencyOf(Tuple.of(1, garbage), Tuple.of(1, jsonish), Tuple.of(2, objects),
                Tuple.of(6, mutated), Tuple.of(1, truncated), Tuple.of(2, statusChanges));
    }

    /** A change to an encoded event: drop a field, or set one (known or not) to any JSON value. */
    private interface Mutation {
        String apply(String json);
    }

    private Arbitrary<Mutation> mutations() {
        Arbitrary<Mutation> drop = Arbitraries.integers().between(0, 20).map(i -> json -> {
            ObjectNode node = read(json);
            Iterator<String> names = node.fieldNames();
            List<String> all = new ArrayList<>();
            names.forEachRemaining(all::add);
            if (!all.isEmpty()) {
                node.remove(all.get(i % all.size()));
            }
            return write(node);
        });
        Arbitrary<Mutation> set = Combinators.combine(fieldName(), value(1)).as((name, value) -> json -> {
            ObjectNode node = read(json);
            node.set(name, value);
            return write(node);
        });
        return Arbitraries.oneOf(drop, set);
    }

    private static Arbitrary<String> fieldName() {
        return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of(FIELDS)), Tuple.of(1, Arbitraries.strings().all().ofMaxLength(8)));
    }

    private static Arbitrary<JsonNode> value(int depth) {
        List<Tuple.Tuple2<Integer, Arbitrary<? extends JsonNode>>> choices = new ArrayList<>();
        choices.add(Tuple.of(4, Arbitraries.oneOf(List.of(
                EventArbitraries.title(),
                EventArbitraries.note(),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of("open", "acknowledged", "investigating", "identified", "mitigated", "resolved", "closed",
                        "canceled", "duplicate", "OPEN", " open", "SEV-1", "sev2", "P3", "4", "commander", "tech-lead",
                        "comms_lead", "ack", "resolve", "update", "PT15M", "P1D", "-PT1S", "2025-01-01",
                        "2025-01-01T00:00:00Z", "2025-01-01T00:00:00.123456789Z", "9999-12-31T23:59:59Z",
                        "9999-12-31T23:59:59.5Z", "1970-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "", " ", "api",
                        "INC-2025-001"))).map(NODES::textNode)));
        choices.add(Tuple.of(2, Arbitraries.oneOf(List.of(
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(NODES.numberNode(new BigInteger("123456789012345678901234567890")),
                        NODES.numberNode(0), NODES.numberNode(1), NODES.numberNode(-1), NODES.numberNode(1.0),
                        NODES.numberNode(Integer.MAX_VALUE + 1L))))));
        choices.add(Tuple.of(1, Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode())));
        if (depth > 0) {
            choices.add(Tuple.of(1, value(depth - 1).list().ofMaxSize(3).map(l -> {
                ArrayNode a = NODES.arrayNode();
                l.forEach(a::add);
                return (JsonNode) a;
            })));
            choices.add(Tuple.of(1, objectNode(depth - 1).map(o -> (JsonNode) o)));
        }
        return Arbitraries.frequencyOf(choices.toArray(new Tuple.Tuple2[0]));
    }

    private static Arbitrary<ObjectNode> objectNode(int depth) {
        return Combinators.combine(fieldName(), value(depth)).as(Tuple::of).list().ofMaxSize(8).map(entries -> {
            ObjectNode o = NODES.objectNode();
            entries.forEach(t -> o.set(t.get1(), t.get2()));
            return o;
        });
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("the encoder wrote no JSON object: " + json, e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
