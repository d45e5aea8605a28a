package dev.incidentkit.core.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.EventArbitraries;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.internal.Events;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import io.cloudevents.CloudEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class CloudEventCodecProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> CORE_ATTRIBUTES = Set.of("specversion", "id", "source", "type", "datacontenttype",
            "dataschema", "subject", "time", "data", "data_base64");
    private static final String EXTENSION_NAME = "^[a-z][a-z0-9]{0,19}$";

    private static final CloudEventCodec CODEC = CloudEventCodec.forApplication("incidentkit");
    private static final CloudEventCodec OTHER_SOURCE = CloudEventCodec.withSource(URI.create("https://ops.example.com/incidents?x=1"));

    /** One append: its events and its envelope. */
    record Append(List<IncidentEvent> events, Instant occurredAt, Instant recordedAt, Actor actor, Optional<String> commandId) {}

    /** A valid chained stream of one incident, stored from some global position on. */
    @Provide
    Arbitrary<List<StoredEvent>> streams() {
        Arbitrary<Append> append = Combinators.combine(
                        EventArbitraries.anyEvent().filter(e -> !(e instanceof IncidentEvent.Declared)).list().ofMinSize(1).ofMaxSize(3),
                        EventArbitraries.recordedInstant(),
                        EventArbitraries.recordedInstant(),
                        EventArbitraries.actor(),
                        EventArbitraries.actorName().optional())
                .as(Append::new);
        return Combinators.combine(EventArbitraries.declared(), append.list().ofMaxSize(4),
                        Arbitraries.longs().between(0, 1L << 40), Arbitraries.longs().between(0, 1000))
                .as((declared, appends, firstPosition, commitOffset) -> {
                    List<StoredEvent> out = new ArrayList<>();
                    Append first = new Append(List.of(declared), Instant.parse("2025-01-01T00:00:00Z"),
                            Instant.parse("2025-01-01T00:00:00.000001Z"), Actor.of("pagerduty"), Optional.empty());
                    String prev = HashChain.GENESIS;
                    long version = 0;
                    for (Append a : prepend(first, appends)) {
                        for (EventRecord r : Events.records(declared.incidentId(), version, prev, a.events(), a.occurredAt(),
                                a.recordedAt(), a.actor(), a.commandId())) {
                            long position = firstPosition + out.size();
                            out.add(new StoredEvent(new LogPosition(position + commitOffset, position), r));
                            prev = r.hash();
                            version = r.version();
                        }
                    }
                    return out;
                });
    }

    private static List<Append> prepend(Append first, List<Append> rest) {
        List<Append> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    @Property(tries = 150)
    void eachEventRoundTripsExactly(@ForAll("streams") List<StoredEvent> stream) {
        String previousHash = HashChain.GENESIS;
        for (StoredEvent stored : stream) {
            for (CloudEventCodec codec : List.of(CODEC, OTHER_SOURCE)) {
                byte[] json = codec.serialize(stored);
                EventRecord back = codec.toRecord(codec.deserialize(json));
                assertThat(back).isEqualTo(stored.record());
                assertThat(back.data().getBytes(StandardCharsets.UTF_8)).isEqualTo(stored.record().data().getBytes(StandardCharsets.UTF_8));
                assertThat(HashChain.hash(back)).isEqualTo(back.hash());
            }
            assertThat(stored.record().prevHash()).isEqualTo(previousHash);
            previousHash = stored.record().hash();
        }
    }

    @Property(tries = 100)
    void aBatchRoundTripsInOrder(@ForAll("streams") List<StoredEvent> stream) throws Exception {
        byte[] batch = CODEC.serializeBatch(stream);
        JsonNode tree = JSON.readTree(batch);
        assertThat(tree.isArray()).isTrue();
        assertThat(tree.size()).isEqualTo(stream.size());
        List<CloudEvent> events = CODEC.deserializeBatch(batch);
        assertThat(events).hasSize(stream.size());
        for (int i = 0; i < stream.size(); i++) {
            assertThat(CODEC.toRecord(events.get(i))).isEqualTo(stream.get(i).record());
            // Each element of the batch is the event format of that one event.
            assertThat(tree.get(i)).isEqualTo(JSON.readTree(CODEC.serialize(stream.get(i))));
        }
    }

    @Property(tries = 100)
    void theJsonFormIsACloudEventWithLegalExtensionNames(@ForAll("streams") List<StoredEvent> stream) throws Exception {
        for (StoredEvent stored : stream) {
            EventRecord r = stored.record();
            JsonNode json = JSON.readTree(CODEC.serialize(stored));
            assertThat(json.path("specversion").textValue()).isEqualTo("1.0");
            assertThat(json.path("id").textValue()).isEqualTo(r.eventId().toString());
            assertThat(json.path("source").textValue()).isEqualTo("incident-management/incidentkit");
            assertThat(json.path("type").textValue()).isEqualTo(r.type());
            assertThat(Instant.parse(json.path("time").textValue())).isEqualTo(r.occurredAt());
            assertThat(json.path("subject").textValue()).isEqualTo(r.incidentId());
            assertThat(json.path("datacontenttype").textValue()).isEqualTo("application/json");
            assertThat(json.get("data")).isEqualTo(JSON.readTree(r.data()));
            assertThat(json.has("data_base64")).isFalse();
            assertThat(json.path("incidentversion").isInt()).isTrue();
            assertThat(json.path("incidentversion").intValue()).isEqualTo((int) r.version());
            assertThat(json.path("hash").textValue()).isEqualTo(r.hash());
            assertThat(json.path("prevhash").textValue()).isEqualTo(r.prevHash());
            assertThat(json.path("actor").textValue()).isEqualTo(r.actor());
            assertThat(json.has("commandid")).isEqualTo(r.commandId().isPresent());
            // The global position belongs to the store and travels nowhere.
            assertThat(json.toString()).doesNotContain(stored.position().toString());
            Iterator<String> names = json.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!CORE_ATTRIBUTES.contains(name)) {
                    assertThat(name).matches(EXTENSION_NAME).isNotIn(CORE_ATTRIBUTES);
                }
            }
        }
    }

    @Example
    void theNamedExtensionsAreLegal() {
        for (String name : List.of(CloudEventCodec.ACTOR, CloudEventCodec.INCIDENT_VERSION, CloudEventCodec.SCHEMA_VERSION,
                CloudEventCodec.RECORDED_AT, CloudEventCodec.COMMAND_ID, CloudEventCodec.PREV_HASH, CloudEventCodec.HASH)) {
            assertThat(name).matches(EXTENSION_NAME).isNotIn(CORE_ATTRIBUTES);
        }
    }

    // ---- malformed CloudEvents -----------------------------------------------------------

    private static final StoredEvent ONE_EVENT = oneEvent();

    private static StoredEvent oneEvent() {
        IncidentEvent.Declared declared = new IncidentEvent.Declared("INC-2025-001", "Checkout latency", Severity.SEV2,
                "checkout", Status.OPEN, "", Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:05:00Z"), false);
        EventRecord r = Events.records("INC-2025-001", 0, HashChain.GENESIS, List.of(declared),
                Instant.parse("2025-03-01T10:06:00.123456Z"), Instant.parse("2025-03-01T10:06:00.2Z"), Actor.of("alice"),
                Optional.of("cmd-1")).get(0);
        return new StoredEvent(LogPosition.of(1), r);
    }

    private static ObjectNode validJson() {
        try {
            return (ObjectNode) JSON.readTree(CODEC.serialize(ONE_EVENT));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static EventRecord read(ObjectNode json) {
        return CODEC.toRecord(CODEC.deserialize(json.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void rejected(Consumer<ObjectNode> change, String field) {
        ObjectNode json = validJson();
        change.accept(json);
        assertThatThrownBy(() -> read(json))
                .as(json.toString())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Example
    void theUnchangedEventIsAccepted() {
        assertThat(read(validJson())).isEqualTo(ONE_EVENT.record());
    }

    @Example
    void missingOrMalformedAttributesAreRejectedNamingThem() {
        rejected(j -> j.remove("subject"), "subject");
        rejected(j -> j.put("subject", ""), "subject");
        rejected(j -> j.put("subject", "INC\n1"), "subject");
        rejected(j -> j.remove("time"), "time");
        rejected(j -> j.put("id", "not-a-uuid"), "id");
        rejected(j -> j.put("id", "1-1-1-1-1"), "id");
        rejected(j -> j.put("id", j.get("id").textValue().toUpperCase()), "id");
        rejected(j -> j.put("type", "incident.exploded"), "type");
        rejected(j -> j.put("type", "com.example.other"), "type");
        rejected(j -> {
            j.put("datacontenttype", "text/plain");
            j.put("data", "hello");
        }, "datacontenttype");
        rejected(j -> {
            j.put("datacontenttype", "application/xml");
            j.put("data", "<x/>");
        }, "datacontenttype");
        // The SDK itself refuses a JSON object as data of a non-JSON type.
        rejected(j -> j.put("datacontenttype", "application/xml"), "cloudevent");
        rejected(j -> j.put("hash", "zz" + j.get("hash").textValue().substring(2)), "hash");
        rejected(j -> j.put("hash", j.get("hash").textValue().toUpperCase()), "hash");
        rejected(j -> j.put("hash", j.get("hash").textValue().substring(1)), "hash");
        rejected(j -> j.remove("hash"), "hash");
        rejected(j -> j.put("prevhash", "0"), "prevhash");
        rejected(j -> j.remove("actor"), "actor");
        rejected(j -> j.put("actor", ""), "actor");
        rejected(j -> j.put("actor", "a\u0000"), "actor");
        rejected(j -> j.remove("incidentversion"), "incidentversion");
        rejected(j -> j.put("incidentversion", 0), "incidentversion");
        rejected(j -> j.put("incidentversion", "two"), "incidentversion");
        rejected(j -> j.put("schemaversion", 2), "schemaVersion");
        rejected(j -> j.put("recordedat", "yesterday"), "recordedat");
        rejected(j -> j.remove("recordedat"), "recordedat");
        rejected(j -> j.put("commandid", ""), "commandid");
        rejected(j -> j.remove("data"), "data");
        rejected(j -> ((ObjectNode) j.get("data")).put("title", "a\u0007"), "data.title");
        rejected(j -> ((ObjectNode) j.get("data")).remove("severity"), "data.severity");
        rejected(j -> j.put("type", "incident.note_added"), "data.note");
    }

    @Example
    void withoutDatacontenttypeJsonDataIsReadAsApplicationJson() {
        // The JSON event format implies application/json for JSON data (DESIGN §12), so the
        // codec always writes the attribute but can read an event that lacks it.
        ObjectNode json = validJson();
        json.remove("datacontenttype");
        assertThat(read(json)).isEqualTo(ONE_EVENT.record());
    }

    @Example
    void bytesThatAreNoCloudEventAreRejected() {
        for (String bad : List.of("", "not json", "[]", "{}", "{\"specversion\":\"1.0\"}", "{\"specversion\":\"0.1\",\"id\":\"x\"}",
                "null")) {
            assertThatThrownBy(() -> CODEC.deserialize(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(ValidationException.class);
        }
        for (String bad : List.of("", "{}", "[{}]", "[1]", "not json", "null", "[null]")) {
            assertThatThrownBy(() -> CODEC.deserializeBatch(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(ValidationException.class);
        }
    }

    @Property(tries = 600)
    void hostileCloudEventsGiveARecordOrAValidationException(@ForAll("mutations") Consumer<ObjectNode> mutation) {
        ObjectNode json = validJson();
        mutation.accept(json);
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        Throwable thrown = catchThrowable(() -> CODEC.toRecord(CODEC.deserialize(bytes)));
        if (thrown != null) {
            assertThat(thrown).as(json.toString()).isInstanceOf(ValidationException.class);
        }
        Throwable batchThrown = catchThrowable(() -> {
            for (CloudEvent e : CODEC.deserializeBatch(("[" + json + "]").getBytes(StandardCharsets.UTF_8))) {
                CODEC.toRecord(e);
            }
        });
        if (batchThrown != null) {
            assertThat(batchThrown).as(json.toString()).isInstanceOf(ValidationException.class);
        }
    }

    @Provide
    Arbitrary<Consumer<ObjectNode>> mutations() {
        Arbitrary<String> attribute = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject",
                        "time", "data", "data_base64", "actor", "incidentversion", "schemaversion", "recordedat", "commandid",
                        "prevhash", "hash")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(25)));
        Arbitrary<JsonNode> value = Arbitraries.oneOf(List.of(
                Arbitraries.strings().all().ofMaxLength(30).map(s -> (JsonNode) NODES.textNode(s)),
                EventArbitraries.title().map(s -> (JsonNode) NODES.textNode(s)),
                Arbitraries.of("1.0", "0.3", "2.0", "", "application/json", "text/plain", "application/cloudevents+json",
                        "2025-03-01T10:06:00Z", "2025-13-01T00:00:00Z", "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                        "incident.declared", "incident.note_added", "aGVsbG8=", "%%%", "urn:x", "::", "00000000-0000-0000-0000-000000000000")
                        .map(s -> (JsonNode) NODES.textNode(s)),
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(NODES.booleanNode(true), NODES.nullNode(), NODES.objectNode(), NODES.arrayNode().add(1),
                        NODES.objectNode().put("note", "x"))));
        Arbitrary<Consumer<ObjectNode>> remove = attribute.map(name -> j -> j.remove(name));
        Arbitrary<Consumer<ObjectNode>> set = Combinators.combine(attribute, value).as((name, v) -> j -> j.set(name, v));
        return Arbitraries.oneOf(remove, set).list().ofMinSize(1).ofMaxSize(3).map(list -> j -> list.forEach(m -> m.accept(j)));
    }
}
