package dev.incidentkit.core.format;

import dev.incidentkit.core.spi.EventRecord;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash chain's canonical form, version {@value #VERSION}: the bytes of a stored event that its
 * hash covers, and the hash. This class is its specification and reference implementation.
 *
 * <p><b>Canonical bytes</b> of an {@link EventRecord}: the ASCII tag {@value #TAG}, without a
 * length, followed by ten fields, each as its 4-byte big-endian length in bytes and then its
 * UTF-8 bytes (an unpaired surrogate becomes {@code ?}):
 *
 * <ol>
 *   <li>event id, as {@link java.util.UUID#toString()}: 36 lower-case characters, 8-4-4-4-12;
 *   <li>incident id;
 *   <li>version, in decimal;
 *   <li>type, such as {@code incident.declared};
 *   <li>schema version, in decimal;
 *   <li>occurredAt, as {@link DateTimeFormatter#ISO_INSTANT} prints it ({@code
 *       2025-08-23T14:30:00Z}, {@code 2025-08-23T14:30:00.123456Z});
 *   <li>recordedAt, likewise;
 *   <li>actor;
 *   <li>command id, the empty string if there is none;
 *   <li>data, the event data JSON exactly as stored ({@link EventDataFormat}).
 * </ol>
 *
 * <p>The global position is not part of it: a store assigns it, and a restore into another store
 * changes it. Neither are the previous hash and the hash.
 *
 * <p><b>Hash</b>: the SHA-256 of the previous hash's ASCII characters (64 hex digits, without a
 * length; {@link #GENESIS} for a stream's first event) followed by the canonical bytes, as 64
 * lower-case hex digits. Each event's hash so covers every event before it in its stream.
 *
 * @since 0.2.0
 */
public final class CanonicalForm {

    /** The version of this form, named in its tag. */
    public static final int VERSION = 1;
    /** The tag the canonical bytes start with. */
    public static final String TAG = "incidentkit/" + VERSION;
    /** The previous hash of a stream's first event: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private CanonicalForm() {}

    /**
     * @param record a stored event; its previous hash and hash are not read
     * @return its canonical bytes
     */
    public static byte[] canonicalBytes(EventRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.write(TAG.getBytes(StandardCharsets.US_ASCII));
            for (String field : new String[] {
                    record.eventId().toString(),
                    record.incidentId(),
                    Long.toString(record.version()),
                    record.type(),
                    Integer.toString(record.schemaVersion()),
                    DateTimeFormatter.ISO_INSTANT.format(record.occurredAt()),
                    DateTimeFormatter.ISO_INSTANT.format(record.recordedAt()),
                    record.actor(),
                    record.commandId().orElse(""),
                    record.data()}) {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array does not fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param record a stored event; its hash is not read
     * @return the hash it must carry: hex SHA-256 of its previous hash and its canonical bytes
     */
    public static String hash(EventRecord record) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha256.update(record.prevHash().getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha256.digest(canonicalBytes(record)));
    }
}
