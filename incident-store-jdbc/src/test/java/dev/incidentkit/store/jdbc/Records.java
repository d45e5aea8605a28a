package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.EventRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Event records for tests that talk to the store directly, chained as core chains them. */
final class Records {

    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    private Records() {}

    /** {@code count} chained records of {@code incidentId}, versions {@code after + 1} onwards. */
    static List<EventRecord> batch(String incidentId, long after, String prevHash, int count, Optional<String> commandId) {
        List<EventRecord> out = new ArrayList<>(count);
        String prev = prevHash;
        for (int i = 1; i <= count; i++) {
            long version = after + i;
            EventRecord r = record(incidentId, version, prev, "{\"note\":\"event " + version + "\"}", commandId);
            out.add(r);
            prev = r.hash();
        }
        return out;
    }

    static List<EventRecord> batch(String incidentId, long after, int count) {
        return batch(incidentId, after, HashChain.GENESIS, count, Optional.empty());
    }

    static EventRecord record(String incidentId, long version, String prevHash, String data, Optional<String> commandId) {
        EventRecord unhashed = new EventRecord(UUID.randomUUID(), incidentId, version, "incident.note_added", 1,
                T0.plusSeconds(version), T0.plusSeconds(version).plusNanos(1_000), "alice", commandId, data,
                prevHash, "");
        return withHash(unhashed);
    }

    static EventRecord withHash(EventRecord r) {
        EventRecord unhashed = new EventRecord(r.eventId(), r.incidentId(), r.version(), r.type(), r.schemaVersion(),
                r.occurredAt(), r.recordedAt(), r.actor(), r.commandId(), r.data(), r.prevHash(), "");
        return new EventRecord(r.eventId(), r.incidentId(), r.version(), r.type(), r.schemaVersion(), r.occurredAt(),
                r.recordedAt(), r.actor(), r.commandId(), r.data(), r.prevHash(), HashChain.hash(unhashed));
    }
}
