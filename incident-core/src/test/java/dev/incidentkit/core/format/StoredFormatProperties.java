package dev.incidentkit.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.EventArbitraries;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.internal.EventData;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.EventRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The fast encoders of core's internals equal the reference encoders of the formats, byte for
 * byte, for any input: what the reference specifies is what every database holds.
 */
class StoredFormatProperties {

    @Property(tries = 1000)
    void theFastDataEncoderWritesTheReferenceBytes(@ForAll("events") IncidentEvent event) {
        assertThat(EventData.encode(event)).isEqualTo(EventDataFormat.encode(event));
    }

    @Property(tries = 500)
    void decodingTheReferenceEncodingGivesTheEventBack(@ForAll("events") IncidentEvent event) {
        assertThat(EventDataFormat.decode(event.type(), EventDataFormat.VERSION, EventDataFormat.encode(event)))
                .isEqualTo(event);
    }

    /** Text core refuses (controls, separators, lone surrogates) still encodes the same both ways. */
    @Property(tries = 1000)
    void anyTextEncodesTheSameBothWays(@ForAll("anyText") String a, @ForAll("anyText") String b) {
        for (IncidentEvent event : new IncidentEvent[] {
                new IncidentEvent.NoteAdded(a),
                new IncidentEvent.ServiceCorrelated(a, b),
                new IncidentEvent.Acknowledged(a, Optional.of(Role.TECH_LEAD)),
                new IncidentEvent.MarkedDuplicate(b, a),
                new IncidentEvent.Canceled(b)}) {
            assertThat(EventData.encode(event)).isEqualTo(EventDataFormat.encode(event));
        }
    }

    @Property(tries = 2000)
    void theFastHashIsTheReferenceHash(
            @ForAll long msb, @ForAll long lsb, @ForAll("anyText") String incidentId,
            @ForAll @LongRange(min = 1) long version, @ForAll("anyText") String type,
            @ForAll @IntRange(min = 0) int schemaVersion, @ForAll("instants") Instant occurredAt,
            @ForAll("instants") Instant recordedAt, @ForAll("anyText") String actor,
            @ForAll("anyText") String commandId, @ForAll("events") IncidentEvent event, @ForAll("anyText") String prevHash,
            @ForAll boolean backDated) {
        EventRecord r = new EventRecord(new UUID(msb, lsb), incidentId, version, type, schemaVersion, occurredAt,
                backDated ? recordedAt : Instant.ofEpochSecond(occurredAt.getEpochSecond(), occurredAt.getNano()),
                actor, commandId.isEmpty() ? Optional.empty() : Optional.of(commandId), EventData.encode(event),
                prevHash, "");
        assertThat(HashChain.hash(r)).isEqualTo(CanonicalForm.hash(r));
    }

    @Provide
    Arbitrary<IncidentEvent> events() {
        return EventArbitraries.anyEvent();
    }

    /** Any UTF-16 text: every plane, controls, lone surrogates; sometimes long. */
    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().ascii().ofMaxLength(80),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').withChars('\u2028', '\u2029').ofMaxLength(40),
                Arbitraries.strings().ascii().ofMinLength(1000).ofMaxLength(3000));
    }

    /** Inside and outside the years the fast printer handles itself, at every precision. */
    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.oneOf(
                EventArbitraries.instant(),
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n))));
    }
}
