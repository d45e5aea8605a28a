package dev.incidentkit.core.internal;

import dev.incidentkit.core.spi.EventRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
    /** One digest and one growing buffer per thread: hashing sits on every command's path. */
    private static final ThreadLocal<Canonical> CANONICAL = ThreadLocal.withInitial(Canonical::new);

    private HashChain() {}

    /** @return the hash {@code record} must carry, computed from its other fields */
    public static String hash(EventRecord record) {
        Canonical c = CANONICAL.get();
        c.length = 0;
        c.append(record.prevHash().getBytes(StandardCharsets.US_ASCII));
        c.append(TAG);
        c.field(record.eventId().toString());
        c.field(record.incidentId());
        c.field(Long.toString(record.version()));
        c.field(record.type());
        c.field(Integer.toString(record.schemaVersion()));
        c.field(Instants.iso(record.occurredAt()));
        c.field(Instants.iso(record.recordedAt()));
        c.field(record.actor());
        c.field(record.commandId().orElse(""));
        c.field(record.data());
        return HEX.formatHex(c.digest());
    }

    /** The canonical bytes of one envelope, built in a reused buffer. */
    private static final class Canonical {
        private final MessageDigest sha256;
        private byte[] buffer = new byte[1024];
        private int length;

        Canonical() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        void field(String value) {
            // getBytes is a vectorized copy for ASCII text: faster than encoding char by char here.
            utf8(value);
        }

        private void utf8(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            ensure(4 + bytes.length);
            lengthPrefix(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        private void lengthPrefix(int n) {
            buffer[length++] = (byte) (n >>> 24);
            buffer[length++] = (byte) (n >>> 16);
            buffer[length++] = (byte) (n >>> 8);
            buffer[length++] = (byte) n;
        }

        void append(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        byte[] digest() {
            sha256.reset();
            sha256.update(buffer, 0, length);
            return sha256.digest();
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
    }
}
