package dev.incidentkit.core.internal;

import dev.incidentkit.core.spi.EventRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper-evident chain: {@code hash = SHA-256(prev_hash || canonical bytes of the envelope)}.
 * Computed here, in core, so that every store adapter keeps the very same chain.
 *
 * <p>The canonical bytes are a tag followed by each envelope field (event id, incident id,
 * version, type, schema version, occurredAt, recordedAt, actor, command id, data) as UTF-8 with a
 * 4-byte length in front, so that no two envelopes share their bytes. The global position is not
 * part of it: a store assigns it, and a restore into another store changes it.
 */
public final class HashChain {

    /** The {@code prev_hash} of a stream's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final byte[] TAG = "incidentkit/1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private HashChain() {}

    /** @return the hash {@code record} must carry, computed from its other fields */
    public static String hash(EventRecord record) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(record.prevHash().getBytes(StandardCharsets.US_ASCII));
        digest.update(TAG);
        field(digest, record.eventId().toString());
        field(digest, record.incidentId());
        field(digest, Long.toString(record.version()));
        field(digest, record.type());
        field(digest, Integer.toString(record.schemaVersion()));
        field(digest, record.occurredAt().toString());
        field(digest, record.recordedAt().toString());
        field(digest, record.actor());
        field(digest, record.commandId().orElse(""));
        field(digest, record.data());
        return HEX.formatHex(digest.digest());
    }

    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
