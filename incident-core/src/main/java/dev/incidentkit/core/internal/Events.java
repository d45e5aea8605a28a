package dev.incidentkit.core.internal;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Turns typed events into chained {@link EventRecord}s, and stored events back into typed ones. */
public final class Events {

    private Events() {}

    /**
     * Builds the records of one append, numbered from {@code previousVersion + 1} and chained from
     * {@code previousHash}.
     */
    public static List<EventRecord> records(
            String incidentId, long previousVersion, String previousHash, List<IncidentEvent> events,
            Instant occurredAt, Instant recordedAt, Actor actor, Optional<String> commandId) {
        return records(incidentId, previousVersion, previousHash, events, occurredAt, recordedAt, actor,
                Collections.nCopies(events.size(), commandId));
    }

    /**
     * Builds the records of one append whose events carry command ids of their own (one per
     * event, in order), numbered from {@code previousVersion + 1} and chained from {@code previousHash}.
     */
    public static List<EventRecord> records(
            String incidentId, long previousVersion, String previousHash, List<IncidentEvent> events,
            Instant occurredAt, Instant recordedAt, Actor actor, List<Optional<String>> commandIds) {
        List<EventRecord> records = new ArrayList<>(events.size());
        String prev = previousHash;
        long version = previousVersion;
        for (int i = 0; i < events.size(); i++) {
            IncidentEvent event = events.get(i);
            Optional<String> commandId = commandIds.get(i);
            UUID eventId = EventIds.next(recordedAt);
            String data = EventData.encode(event);
            String hash = HashChain.hash(prev, eventId, incidentId, ++version, event.type(), IncidentEvent.SCHEMA_VERSION,
                    occurredAt, recordedAt, actor.name(), commandId, data);
            records.add(new EventRecord(eventId, incidentId, version, event.type(), IncidentEvent.SCHEMA_VERSION,
                    occurredAt, recordedAt, actor.name(), commandId, data, prev, hash));
            prev = hash;
        }
        return records;
    }

    /** @return {@code record} with another hash */
    public static EventRecord withHash(EventRecord record, String hash) {
        return new EventRecord(record.eventId(), record.incidentId(), record.version(), record.type(),
                record.schemaVersion(), record.occurredAt(), record.recordedAt(), record.actor(), record.commandId(),
                record.data(), record.prevHash(), hash);
    }

    /** Decodes a stored event's data. */
    public static RecordedEvent decode(StoredEvent stored) {
        EventRecord r = stored.record();
        return new RecordedEvent(stored, EventData.decode(r.type(), r.schemaVersion(), r.data()));
    }

    /** Decodes stored events' data, in order. */
    public static List<RecordedEvent> decode(List<StoredEvent> stored) {
        List<RecordedEvent> out = new ArrayList<>(stored.size());
        for (StoredEvent s : stored) {
            out.add(decode(s));
        }
        return out;
    }
}
