package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.spi.EventRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
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
 * The hash, which writes each field straight into its buffer, equals the chain's definition
 * written the plain way: stored chains stay valid, whatever the text.
 */
class HashChainProperties {

    @Property(tries = 2000)
    void equalsTheDefinition(
            @ForAll long msb, @ForAll long lsb, @ForAll("text") String incidentId,
            @ForAll @LongRange(min = 1) long version, @ForAll("text") String type,
            @ForAll @IntRange(min = 0) int schemaVersion, @ForAll("instants") Instant occurredAt,
            @ForAll("instants") Instant recordedAt, @ForAll("text") String actor,
            @ForAll("text") String commandId, @ForAll("text") String data, @ForAll("text") String prevHash,
            @ForAll boolean recordedWhenItOccurred) {
        EventRecord r = new EventRecord(new UUID(msb, lsb), incidentId, version, type, schemaVersion, occurredAt,
                recordedWhenItOccurred ? Instant.ofEpochSecond(occurredAt.getEpochSecond(), occurredAt.getNano()) : recordedAt, actor, commandId.isEmpty() ? Optional.empty() : Optional.of(commandId), data, prevHash, "");

        assertThat(HashChain.hash(r)).isEqualTo(definition(r));
    }

    /** Hex SHA-256 of the previous hash (ASCII), a tag, then each field as a 4-byte length and UTF-8. */
    private static String definition(EventRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(r.prevHash().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("incidentkit/1".getBytes(StandardCharsets.US_ASCII));
        for (String field : new String[] {r.eventId().toString(), r.incidentId(), Long.toString(r.version()), r.type(),
                Integer.toString(r.schemaVersion()), r.occurredAt().toString(), r.recordedAt().toString(), r.actor(),
                r.commandId().orElse(""), r.data()}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            int n = bytes.length;
            out.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            out.writeBytes(bytes);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** ASCII, Latin-1, other planes, lone surrogates and long text. */
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(80),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('a', 'f').withCharRange('0', '9').ofLength(64),
                Arbitraries.strings().ascii().ofMinLength(1000).ofMaxLength(3000));
    }

    /** Inside and outside the years Instants prints itself, at every precision. */
    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 253_402_300_799L),
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()))
                .flatMap(s -> Arbitraries.of(1_000_000_000, 1_000_000, 1_000, 1).flatMap(unit ->
                        Arbitraries.integers().between(0, 999_999_999 / unit).map(n -> Instant.ofEpochSecond(s, (long) n * unit))));
    }
}
