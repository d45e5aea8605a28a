package dev.incidentkit.core.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids as UUID version 7 (RFC 9562): 48 bits of Unix milliseconds from the recording instant,
 * then 74 random bits. Time-ordered ids keep a database's event-id index append-mostly, and taking
 * the instant from the injected clock keeps tests deterministic in everything but the random part.
 * {@link ThreadLocalRandom} rather than {@link java.security.SecureRandom}: ids must be unique, not
 * unguessable, and a shared secure generator is a lock on every command.
 */
final class EventIds {

    private EventIds() {}

    static UUID next(Instant recordedAt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = recordedAt.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long mostSignificant = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
