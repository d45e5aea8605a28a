package dev.incidentkit.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.EventArbitraries;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.IncidentEvent.PublicUpdatePosted;
import dev.incidentkit.core.event.IncidentEvent.UpdateDue;
import dev.incidentkit.core.internal.EventData;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The data of {@code incident.public_update} and {@code incident.update_due} over hostile text:
 * quotes, backslashes, newlines and tabs, markup, bidi overrides, every plane. What customers read
 * is written and read back exactly; a lone surrogate, which no UTF-8 store can hold, is written the
 * same by both encoders and refused by the reader, naming its field.
 */
class PublicUpdateDataProperties {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 500)
    void aPublicUpdateIsWrittenAndReadBackExactly(@ForAll("publicUpdates") PublicUpdatePosted event) throws Exception {
        String data = EventDataFormat.encode(event);
        assertThat(EventData.encode(event)).isEqualTo(data);
        assertThat(EventDataFormat.decode(EventTypes.PUBLIC_UPDATE, EventDataFormat.VERSION, data)).isEqualTo(event);
        // One line of JSON whose strings are the texts themselves: the escaping loses nothing.
        assertThat(data).doesNotContain("\n").doesNotContain("\t");
        JsonNode tree = JSON.readTree(data);
        assertThat(tree.get("title").textValue()).isEqualTo(event.title());
        assertThat(tree.get("message").textValue()).isEqualTo(event.message());
        assertThat(tree.get("status").textValue()).isEqualTo(event.status().wireName());
        assertThat(tree.get("impact").textValue()).isEqualTo(event.impact().wireName());
        assertThat(tree.size()).isEqualTo(4);
    }

    @Property(tries = 500)
    void aReminderIsWrittenAndReadBackExactly(@ForAll("reminders") UpdateDue event) throws Exception {
        String data = EventDataFormat.encode(event);
        assertThat(EventData.encode(event)).isEqualTo(data);
        assertThat(EventDataFormat.decode(EventTypes.UPDATE_DUE, EventDataFormat.VERSION, data)).isEqualTo(event);
        JsonNode tree = JSON.readTree(data);
        // No commander is no field at all, never null.
        assertThat(tree.has("commander")).isEqualTo(event.commander().isPresent());
        event.commander().ifPresent(c -> assertThat(tree.get("commander").textValue()).isEqualTo(c.name()));
    }

    /** The field a lone surrogate is put in is the field the reader names. */
    @Property(tries = 300)
    void aLoneSurrogateIsWrittenTheSameByBothEncodersAndRefusedByTheReader(
            @ForAll("publicUpdates") PublicUpdatePosted event, @ForAll("loneSurrogates") String half,
            @ForAll boolean inTitle) {
        PublicUpdatePosted broken = inTitle
                ? new PublicUpdatePosted(event.title() + half, event.status(), event.impact(), event.message())
                : new PublicUpdatePosted(event.title(), event.status(), event.impact(), half + event.message());
        String data = EventDataFormat.encode(broken);
        assertThat(EventData.encode(broken)).isEqualTo(data);
        assertThatThrownBy(() -> EventDataFormat.decode(EventTypes.PUBLIC_UPDATE, EventDataFormat.VERSION, data))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo(inTitle ? "data.title" : "data.message"));
    }

    /** Through the manager and its store: what the commander wrote is what the timeline holds. */
    @Property(tries = 100)
    void aPostedUpdateIsStoredAsWritten(@ForAll("publicUpdates") PublicUpdatePosted event) {
        try (IncidentManager manager = IncidentKit.builder().store(new SimpleEventStore())
                .clock(ManualClock.at(Instant.parse("2026-12-03T11:00:00Z"))).build()) {
            String id = manager.declare(Declare.of("Checkout down", Severity.SEV1, "checkout"), CommandContext.as("carol")).id();
            manager.execute(id, new Command.PostPublicUpdate(event.title(), event.status(), event.impact(), event.message()),
                    CommandContext.as("carol"));
            IncidentEvent stored = manager.history(id).get(1).event();
            assertThat(stored).isEqualTo(new PublicUpdatePosted(event.title().strip(), event.status(), event.impact(),
                    event.message()));
            assertThat(manager.timeline(id).get(1).text()).isEqualTo(event.message());
            assertThat(manager.verify(id).isIntact()).isTrue();
        }
    }

    @Provide
    Arbitrary<PublicUpdatePosted> publicUpdates() {
        Arbitrary<String> hostile = Arbitraries.of(EventArbitraries.HOSTILE);
        Arbitrary<String> message = Arbitraries.frequencyOf(
                Tuple.of(4, EventArbitraries.requiredText()),
                Tuple.of(1, hostile.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("\n", l))
                        .filter(s -> !s.isBlank())));
        return Combinators.combine(EventArbitraries.title(), Arbitraries.of(PublicStatus.class),
                        Arbitraries.of(ComponentStatus.class), message)
                .as(PublicUpdatePosted::new);
    }

    @Provide
    Arbitrary<UpdateDue> reminders() {
        return Combinators.combine(EventArbitraries.instant(), EventArbitraries.duration().filter(d -> !d.isZero()),
                        EventArbitraries.actorName().map(Actor::of).optional())
                .as(UpdateDue::new);
    }

    @Provide
    Arbitrary<String> loneSurrogates() {
        return Arbitraries.chars().range('\uD800', '\uDFFF').map(String::valueOf);
    }
}
