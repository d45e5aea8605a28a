package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.EventArbitraries;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The notifications' CloudEvent view is the codec's CloudEvent, attribute for attribute and byte for byte. */
class StoredCloudEventProperties {

    private static final JsonFormat FORMAT = new JsonFormat();
    private static final List<String> ATTRIBUTES = List.of("specversion", "id", "source", "type", "datacontenttype",
            "dataschema", "subject", "time");

    /** One stored event of any type, version, envelope and source, with or without a command id. */
    record Case(StoredEvent stored, CloudEventCodec codec) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<CloudEventCodec> codecs = Arbitraries.of(CloudEventCodec.forApplication("incidentkit"),
                CloudEventCodec.withSource(URI.create("https://ops.example.com/incidents?x=1")));
        Arbitrary<StoredEvent> stored = Combinators.combine(
                        EventArbitraries.anyEvent(),
                        Arbitraries.longs().between(0, Integer.MAX_VALUE - 1),
                        EventArbitraries.recordedInstant(),
                        EventArbitraries.recordedInstant(),
                        EventArbitraries.actor(),
                        EventArbitraries.actorName().optional(),
                        Arbitraries.longs().between(0, 1L << 40))
                .as((IncidentEvent event, Long previousVersion, Instant occurredAt, Instant recordedAt, Actor actor,
                        Optional<String> commandId, Long position) -> {
                    EventRecord r = Events.records("INC-2025-042", previousVersion, HashChain.GENESIS, List.of(event),
                            occurredAt, recordedAt, actor, commandId).get(0);
                    return new StoredEvent(new LogPosition(position + 7, position), r);
                });
        return Combinators.combine(stored, codecs).as(Case::new);
    }

    @Property(tries = 500)
    void attributesExtensionsAndDataAreTheCodecs(@ForAll("cases") Case c) {
        CloudEvent expected = c.codec().toCloudEvent(c.stored());
        CloudEvent view = new StoredCloudEvent(c.codec().source(), c.stored());

        assertThat(view.getSpecVersion()).isEqualTo(expected.getSpecVersion());
        assertThat(view.getId()).isEqualTo(expected.getId());
        assertThat(view.getSource()).isEqualTo(expected.getSource());
        assertThat(view.getType()).isEqualTo(expected.getType());
        assertThat(view.getDataContentType()).isEqualTo(expected.getDataContentType());
        assertThat(view.getDataSchema()).isEqualTo(expected.getDataSchema());
        assertThat(view.getSubject()).isEqualTo(expected.getSubject());
        assertThat(view.getTime()).isEqualTo(expected.getTime());
        for (String name : ATTRIBUTES) {
            assertThat(view.getAttribute(name)).as(name).isEqualTo(expected.getAttribute(name));
        }
        assertThat(view.getAttributeNames()).isEqualTo(expected.getAttributeNames());

        // Same names in the same order, same values of the same types.
        assertThat(view.getExtensionNames()).containsExactlyElementsOf(expected.getExtensionNames());
        for (String name : expected.getExtensionNames()) {
            assertThat(view.getExtension(name)).as(name).isEqualTo(expected.getExtension(name))
                    .hasSameClassAs(expected.getExtension(name));
        }
        assertThat(view.getExtension("nosuchextension")).isNull();
        assertThat(view.getData().toBytes()).isEqualTo(expected.getData().toBytes());

        // The SDK reads it as its own: the JSON event format writes the same bytes, a copy is equal.
        assertThat(FORMAT.serialize(view)).isEqualTo(FORMAT.serialize(expected));
        assertThat(CloudEventBuilder.v1(view).build()).isEqualTo(expected);
    }

    @Property(tries = 100)
    void equalToAViewOfTheSameEventOnly(@ForAll("cases") Case c, @ForAll("cases") Case other) {
        URI source = c.codec().source();
        CloudEvent view = new StoredCloudEvent(source, c.stored());
        CloudEvent same = new StoredCloudEvent(source, c.stored());
        assertThat(view).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(view.toString()).contains(view.getId(), view.getType());
        if (!other.stored().record().equals(c.stored().record())) {
            assertThat(view).isNotEqualTo(new StoredCloudEvent(source, other.stored()));
        }
    }

    @Property(tries = 20)
    void anUnknownAttributeIsRefusedAsTheSdkRefusesIt(@ForAll("cases") Case c) {
        CloudEvent view = new StoredCloudEvent(c.codec().source(), c.stored());
        CloudEvent expected = c.codec().toCloudEvent(c.stored());
        assertThatThrownBy(() -> expected.getAttribute("actor")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> view.getAttribute("actor")).isInstanceOf(IllegalArgumentException.class);
    }
}
