package dev.incidentkit.core.internal;

import dev.incidentkit.core.format.CanonicalForm;
import dev.incidentkit.core.spi.EventRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The tamper-evident chain, {@link CanonicalForm}: {@code hash = SHA-256(prev_hash || canonical
 * bytes of the envelope)}. Computed here, in core, so that every store adapter keeps the very
 * same chain. Hashing runs on every command, so this writes the canonical bytes straight into a
 * reused buffer instead of the reference's streams and strings; a property test and the golden
 * vectors hold the two byte for byte equal.
 */
public final class HashChain {

    /** The {@code prev_hash} of a stream's first event. */
    public static final String GENESIS = CanonicalForm.GENESIS;

    private static final byte[] TAG = CanonicalForm.TAG.getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();
    /** One digest and one growing buffer per thread: hashing sits on every command's path. */
    private static final ThreadLocal<Canonical> CANONICAL = ThreadLocal.withInitial(Canonical::new);

    private HashChain() {}

    /** @return the hash {@code record} must carry, computed from its other fields */
    public static String hash(EventRecord record) {
        return hash(record.prevHash(), record.eventId(), record.incidentId(), record.version(), record.type(),
                record.schemaVersion(), record.occurredAt(), record.recordedAt(), record.actor(), record.commandId(),
                record.data());
    }

    /** @return the hash of a record with these fields, for building the record once, hash included */
    static String hash(String prevHash, UUID eventId, String incidentId, long version, String type, int schemaVersion,
                       Instant occurredAt, Instant recordedAt, String actor, Optional<String> commandId, String data) {
        Canonical c = CANONICAL.get();
        c.length = 0;
        c.text(prevHash, false);
        c.append(TAG);
        c.uuid(eventId);
        c.text(incidentId, true);
        c.number(version);
        c.text(type, true);
        c.number(schemaVersion);
        int occurredField = c.length;
        c.instant(occurredAt);
        if (recordedAt.equals(occurredAt)) {
            // Unless the event is back-dated, both instants are the same: print it once.
            c.copy(occurredField, c.length - occurredField);
        } else {
            c.instant(recordedAt);
        }
        c.text(actor, true);
        c.text(commandId.orElse(""), true);
        c.text(data, true);
        return HEX.formatHex(c.digest());
    }

    /**
     * The canonical bytes of one envelope, built in a reused buffer. Each field is written
     * straight into it, not made a string and then bytes first: hashing sits on every command's
     * path, and those copies were most of what it allocated.
     */
    private static final class Canonical {
        private static final int KEPT_CAPACITY = 64 * 1024;
        private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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

        /** {@code value} as UTF-8, with its length in front if {@code prefixed}. */
        void text(String value, boolean prefixed) {
            int n = value.length();
            ensure(4 + n);
            int start = prefixed ? length + 4 : length;
            // ASCII, the usual case, is one byte a char: copy it without an intermediate array.
            for (int i = 0; i < n; i++) {
                char ch = value.charAt(i);
                if (ch >= 0x80) {
                    // The previous hash is ASCII by definition (anything else is replaced by '?').
                    byte[] utf8 = value.getBytes(prefixed ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
                    ensure(4 + utf8.length);
                    System.arraycopy(utf8, 0, buffer, start, utf8.length);
                    end(start, utf8.length, prefixed);
                    return;
                }
                buffer[start + i] = (byte) ch;
            }
            end(start, n, prefixed);
        }

        /** The id as {@link java.util.UUID#toString()} prints it: 8-4-4-4-12 lower-case hex digits. */
        void uuid(UUID id) {
            ensure(4 + 36);
            int at = length + 4;
            long msb = id.getMostSignificantBits();
            long lsb = id.getLeastSignificantBits();
            at = hex(msb >>> 32, 8, at);
            buffer[at++] = '-';
            at = hex(msb >>> 16, 4, at);
            buffer[at++] = '-';
            at = hex(msb, 4, at);
            buffer[at++] = '-';
            at = hex(lsb >>> 48, 4, at);
            buffer[at++] = '-';
            hex(lsb, 12, at);
            end(length + 4, 36, true);
        }

        /** The number in decimal, as {@link Long#toString(long)} prints it. */
        void number(long value) {
            if (value < 0) {
                text(Long.toString(value), true);
                return;
            }
            int digits = 1;
            for (long rest = value / 10; rest > 0; rest /= 10) {
                digits++;
            }
            ensure(4 + digits);
            int start = length + 4;
            for (int i = start + digits - 1; i >= start; i--) {
                buffer[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            end(start, digits, true);
        }

        /** The instant as {@link Instants#iso} prints it. */
        void instant(Instant instant) {
            ensure(4 + Instants.MAX_LENGTH);
            int end = Instants.write(instant, buffer, length + 4);
            if (end < 0) {
                text(instant.toString(), true);
            } else {
                end(length + 4, end - (length + 4), true);
            }
        }

        private int hex(long value, int digits, int at) {
            for (int i = digits - 1; i >= 0; i--) {
                buffer[at + i] = HEX_DIGITS[(int) (value & 0xF)];
                value >>>= 4;
            }
            return at + digits;
        }

        /** Closes a field of {@code n} bytes written at {@code start}: its length prefix, then the length. */
        private void end(int start, int n, boolean prefixed) {
            if (prefixed) {
                buffer[length] = (byte) (n >>> 24);
                buffer[length + 1] = (byte) (n >>> 16);
                buffer[length + 2] = (byte) (n >>> 8);
                buffer[length + 3] = (byte) n;
            }
            length = start + n;
        }

        /** Appends a copy of the {@code n} bytes from {@code from}: a field written already. */
        void copy(int from, int n) {
            ensure(n);
            System.arraycopy(buffer, from, buffer, length, n);
            length += n;
        }

        void append(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        byte[] digest() {
            sha256.reset();
            sha256.update(buffer, 0, length);
            if (buffer.length > KEPT_CAPACITY) {
                // One huge event must not pin its buffer to the thread.
                buffer = new byte[1024];
            }
            return sha256.digest();
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
    }
}
