package dev.incidentkit.core.export;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.DuplicateEventException;
import dev.incidentkit.core.IncidentAlreadyExistsException;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.IncidentEvent.Declared;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.Events;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a CloudEvents export ({@link CloudEventsExport#lines}, {@link
 * CloudEventsExport#batch}) into an {@link EventStore}, so that the store holds the same
 * incidents with the same events: ids, versions, times, actors, data and hashes identical.
 *
 * <p>In this order:
 *
 * <ol>
 *   <li>Every event is read and checked as strictly as the store's own ({@link
 *       CloudEventCodec#toRecord}); instants must have at most microsecond precision.
 *   <li>Events are grouped by incident; each incident must have versions 1, 2, 3... without gap
 *       or repeat, start with its declaration (of the same id), keep an intact hash chain from
 *       the first event, and replay into an incident. Event ids must be unique. A failure here
 *       throws a {@link ValidationException} and nothing at all is written.
 *   <li>Each incident is appended on its own, atomically, expecting a stream that does not exist
 *       yet (version 0). A store that already holds exactly these events reports them as {@link
 *       ImportSummary#alreadyPresent()} (running an import again is safe); a store that holds
 *       another incident of that id refuses it with an {@link IncidentAlreadyExistsException} in
 *       {@link ImportSummary#rejected()}, and nothing is written for that incident. The others
 *       are imported all the same.
 *   <li>For each imported id of the form {@code PREFIX-YEAR-NUMBER}, the store's incident
 *       numbers of that year are moved past {@code NUMBER}, so that incidents declared later do
 *       not take an imported id. (Numbers above 100,000 are left alone: moving past them would
 *       take as many calls.)
 * </ol>
 *
 * <p>The hash chain proves that an export was not changed by accident or by someone who did not
 * recompute it; it is not a signature. The lifecycle of an imported incident is trusted as it
 * was exported.
 *
 * @since 0.1.0
 */
public final class Imports {

    private static final Pattern NUMBERED_ID = Pattern.compile("[A-Z][A-Z0-9]{0,15}-(\\d{4})-(\\d{3,9})");
    private static final long MAX_NUMBER_TO_SKIP = 100_000;

    private Imports() {}

    /**
     * Imports CloudEvents in either format: a batch when the text starts with {@code [},
     * otherwise one event per line.
     *
     * @param export the export
     * @param codec reads the events
     * @param store where to write them
     * @return what was written
     * @throws ValidationException if the export is malformed; nothing was written
     */
    public static ImportSummary cloudEvents(String export, CloudEventCodec codec, EventStore store) {
        return export.stripLeading().startsWith("[") ? cloudEventsBatch(export, codec, store)
                : cloudEventsLines(export, codec, store);
    }

    /**
     * Imports CloudEvents in the JSON event format, one per line; blank lines are skipped.
     *
     * @param export the export
     * @param codec reads the events
     * @param store where to write them
     * @return what was written
     * @throws ValidationException naming the line, if the export is malformed; nothing was written
     */
    public static ImportSummary cloudEventsLines(String export, CloudEventCodec codec, EventStore store) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(store, "store");
        List<EventRecord> records = new ArrayList<>();
        String[] lines = export.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(read(codec, codec.deserialize(line.getBytes(StandardCharsets.UTF_8))));
            } catch (ValidationException e) {
                throw new ValidationException("line " + (i + 1) + ": " + e.field(), e.rule(), line);
            }
        }
        return write(records, store);
    }

    /**
     * Imports CloudEvents in the JSON batch format.
     *
     * @param export the export: a JSON array of events
     * @param codec reads the events
     * @param store where to write them
     * @return what was written
     * @throws ValidationException naming the event's index, if the export is malformed; nothing
     *     was written
     */
    public static ImportSummary cloudEventsBatch(String export, CloudEventCodec codec, EventStore store) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(store, "store");
        List<CloudEvent> events = codec.deserializeBatch(export.getBytes(StandardCharsets.UTF_8));
        List<EventRecord> records = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            try {
                records.add(read(codec, events.get(i)));
            } catch (ValidationException e) {
                throw new ValidationException("event " + i + ": " + e.field(), e.rule(), events.get(i).getId());
            }
        }
        return write(records, store);
    }

    private static EventRecord read(CloudEventCodec codec, CloudEvent event) {
        EventRecord r = codec.toRecord(event);
        checkMicros("time", r.occurredAt());
        checkMicros(CloudEventCodec.RECORDED_AT, r.recordedAt());
        return r;
    }

    private static void checkMicros(String field, Instant instant) {
        if (instant.getNano() % 1_000 != 0) {
            throw new ValidationException(field, "must have at most microsecond precision, as stores keep it", instant);
        }
    }

    private static ImportSummary write(List<EventRecord> records, EventStore store) {
        Map<String, List<EventRecord>> streams = group(records);
        Map<String, IncidentSummary> summaries = new HashMap<>();
        for (Map.Entry<String, List<EventRecord>> stream : streams.entrySet()) {
            summaries.put(stream.getKey(), check(stream.getKey(), stream.getValue()));
        }
        List<String> imported = new ArrayList<>();
        List<String> alreadyPresent = new ArrayList<>();
        List<ImportSummary.Rejection> rejected = new ArrayList<>();
        long written = 0;
        for (Map.Entry<String, List<EventRecord>> stream : streams.entrySet()) {
            String id = stream.getKey();
            List<EventRecord> events = stream.getValue();
            try {
                AppendResult result = store.append(id, 0, events, summaries.get(id));
                if (result.alreadyStored()) {
                    alreadyPresent.add(id);
                } else {
                    imported.add(id);
                    written += events.size();
                }
            } catch (ConcurrencyConflictException e) {
                rejected.add(new ImportSummary.Rejection(id, new IncidentAlreadyExistsException(id, e.actualVersion(), e)));
            } catch (DuplicateEventException e) {
                // The same incident with fewer events (an older export) also ends up here.
                List<StoredEvent> existing = store.readStream(id, 0);
                rejected.add(new ImportSummary.Rejection(id, existing.isEmpty() ? e
                        : new IncidentAlreadyExistsException(id, existing.size(), e)));
            } catch (StoreException e) {
                // DuplicateCommandException among them: a command id of the export is taken.
                rejected.add(new ImportSummary.Rejection(id, e));
            }
        }
        skipImportedNumbers(imported, store);
        return new ImportSummary(imported, alreadyPresent, rejected, written);
    }

    private static Map<String, List<EventRecord>> group(List<EventRecord> records) {
        Set<UUID> ids = new HashSet<>();
        Map<String, List<EventRecord>> streams = new LinkedHashMap<>();
        for (EventRecord r : records) {
            if (!ids.add(r.eventId())) {
                throw new ValidationException("id", "must be unique in the export; it appears twice", r.eventId());
            }
            streams.computeIfAbsent(r.incidentId(), id -> new ArrayList<>()).add(r);
        }
        for (List<EventRecord> stream : streams.values()) {
            stream.sort(Comparator.comparingLong(EventRecord::version));
        }
        return streams;
    }

    /**
     * Checks one incident's events, in version order, as an import must (versions, hash chain,
     * declaration, replay), and returns the summary they make.
     */
    private static IncidentSummary check(String incidentId, List<EventRecord> events) {
        String previousHash = HashChain.GENESIS;
        List<RecordedEvent> decoded = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            EventRecord r = events.get(i);
            String where = "incident " + incidentId + " version " + r.version();
            if (r.version() != i + 1) {
                throw new ValidationException(CloudEventCodec.INCIDENT_VERSION, "must run 1, 2, 3... without gaps or "
                        + "repeats within an incident; " + incidentId + " has version " + r.version() + " where " + (i + 1)
                        + " should be", r.version());
            }
            if (!r.prevHash().equals(previousHash)) {
                throw new ValidationException(CloudEventCodec.PREV_HASH, "must be the hash of the previous event ("
                        + where + "): an event was changed, removed or reordered", r.prevHash());
            }
            if (!HashChain.hash(r).equals(r.hash())) {
                throw new ValidationException(CloudEventCodec.HASH, "must match the event's content (" + where
                        + "): the event was changed", r.hash());
            }
            previousHash = r.hash();
            RecordedEvent e = Events.decode(new StoredEvent(LogPosition.of(i + 1L), r));
            if (i == 0 && !(e.event() instanceof Declared d && d.incidentId().equals(incidentId))) {
                throw new ValidationException("type", "of the first event of " + incidentId
                        + " must be incident.declared, declaring " + incidentId, r.type());
            }
            decoded.add(e);
        }
        try {
            return new IncidentSummary(Incident.replay(decoded), events.get(events.size() - 1).recordedAt());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ValidationException("events", "of " + incidentId + " must make an incident (" + e.getMessage() + ")",
                    incidentId);
        }
    }

    private static void skipImportedNumbers(List<String> imported, EventStore store) {
        Map<Integer, Long> highest = new HashMap<>();
        for (String id : imported) {
            Matcher m = NUMBERED_ID.matcher(id);
            if (m.matches()) {
                long number = Long.parseLong(m.group(2));
                if (number <= MAX_NUMBER_TO_SKIP) {
                    highest.merge(Integer.parseInt(m.group(1)), number, Math::max);
                }
            }
        }
        for (Map.Entry<Integer, Long> year : highest.entrySet()) {
            long next = store.nextIncidentNumber(year.getKey());
            while (next < year.getValue()) {
                next = store.nextIncidentNumber(year.getKey());
            }
        }
    }
}
