package dev.incidentkit.core.export;

import static dev.incidentkit.core.export.ExportSupport.byVersion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertCounts;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.Silence;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.ExportSupport.Span;
import dev.incidentkit.core.format.SnapshotFormat;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An incident as JSON, written by Jackson: the whole document from its history, or the snapshot
 * alone. A pure function of the events (pass {@code incidents.history(id)}). The duration is the
 * one the {@link MarkdownExport postmortem} shows.
 *
 * <p>Thread-safe; no state.
 *
 * @since 0.2.0
 */
public final class JsonExport {

    /**
     * The version of the document's format, its {@code format_version} member. It is the export's
     * own, apart from {@link SnapshotFormat#VERSION}: a new snapshot version changes what stores
     * keep, not what this publishes, unless this version moves too.
     */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonExport() {}

    /**
     * The incident as one JSON document: {@code format_version} ({@value #FORMAT_VERSION}),
     * {@code incident} (the incident's fields as {@link SnapshotFormat} version 1 defines them,
     * field by field: snake_case, absent values as {@code null}; {@code severity} is the current
     * one, {@code peak_severity} the most severe it has been; each of {@code sla_breaches} has its
     * {@code kind}, {@code target}, {@code deadline} and {@code breached_at}), {@code duration}
     * (as {@link MarkdownExport} defines it, or {@code null}), {@code timeline} (the entries in
     * order) and {@code events} (each with its envelope, hash chain and data as written).
     * Instants are ISO-8601 UTC strings.
     *
     * @param history the incident's events (any order; its whole history)
     * @return the document, indented, ending with a newline
     * @throws IllegalArgumentException if the events are not one incident's whole history
     */
    public static String document(List<RecordedEvent> history) {
        List<RecordedEvent> events = byVersion(history);
        Incident incident = Incident.replay(events);
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.set("incident", incidentJson(incident));
        Optional<Span> span = Span.of(incident);
        if (span.isPresent()) {
            ObjectNode d = root.putObject("duration");
            d.put("from", span.get().start.toString());
            d.put("to", span.get().end.toString());
            d.put("until", span.get().until);
            d.put("seconds", span.get().length().getSeconds());
        } else {
            root.putNull("duration");
        }
        ArrayNode timeline = root.putArray("timeline");
        for (TimelineEntry entry : Timeline.of(events)) {
            ObjectNode e = timeline.addObject();
            e.put("at", entry.at().toString());
            e.put("version", entry.version());
            e.put("actor", entry.actor().name());
            e.put("type", entry.type());
            e.put("headline", entry.headline());
            e.put("text", entry.text());
        }
        ArrayNode eventsJson = root.putArray("events");
        for (RecordedEvent event : events) {
            EventRecord r = event.stored().record();
            ObjectNode e = eventsJson.addObject();
            e.put("id", r.eventId().toString());
            e.put("incident_id", r.incidentId());
            e.put("version", r.version());
            e.put("type", r.type());
            e.put("schema_version", r.schemaVersion());
            e.put("occurred_at", r.occurredAt().toString());
            e.put("recorded_at", r.recordedAt().toString());
            e.put("actor", r.actor());
            putOptional(e, "command_id", r.commandId());
            try {
                e.set("data", JSON.readTree(r.data()));
            } catch (JsonProcessingException ex) {
                throw new IllegalArgumentException("event " + r.eventId() + " holds data that is not JSON", ex);
            }
            e.put("prev_hash", r.prevHash());
            e.put("hash", r.hash());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a tree of plain nodes always serializes", ex);
        }
    }

    /**
     * One incident snapshot as a JSON object, the {@code incident} member of {@link #document}: for a
     * tool that prints an incident without its history. Today it is {@link SnapshotFormat#encode}
     * indented.
     *
     * @param incident the incident
     * @return the object, indented
     */
    public static String snapshot(Incident incident) {
        try {
            return JSON.writeValueAsString(incidentJson(incident));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a tree of plain nodes always serializes", ex);
        }
    }

    /**
     * One alert as a JSON object, as the HTTP API and {@code im alerts --output json} write it:
     * {@code id, source, dedup_key, status} ({@code firing} or {@code resolved}), {@code summary,
     * severity, labels, annotations, links} (objects of strings), {@code starts_at, first_seen,
     * last_seen, repeats, resolved_at, incident_id, suppressed_by} (the last three {@code null}
     * when absent). Instants in ISO-8601, UTC.
     *
     * @param alert the alert
     * @return the object, indented
     * @since 0.3.0
     */
    public static String alert(Alert alert) {
        try {
            return JSON.writeValueAsString(alertJson(alert));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a tree of plain nodes always serializes", ex);
        }
    }

    /**
     * @param alert the alert
     * @return it as {@link #alert(Alert)} writes it, as a tree to put in a larger document
     * @since 0.3.0
     */
    public static ObjectNode alertJson(Alert alert) {
        AlertDetails d = alert.details();
        ObjectNode o = JSON.createObjectNode();
        o.put("id", alert.id());
        o.put("source", d.source());
        o.put("dedup_key", d.dedupKey());
        o.put("status", alert.status().wireName());
        o.put("summary", d.summary());
        o.put("severity", d.severity());
        d.labels().forEach(o.putObject("labels")::put);
        d.annotations().forEach(o.putObject("annotations")::put);
        d.links().forEach(o.putObject("links")::put);
        o.put("starts_at", d.startsAt().toString());
        o.put("first_seen", alert.firstSeen().toString());
        o.put("last_seen", alert.lastSeen().toString());
        o.put("repeats", alert.repeats());
        putOptional(o, "resolved_at", alert.resolvedAt().map(Instant::toString));
        putOptional(o, "incident_id", alert.incidentId());
        putOptional(o, "suppressed_by", alert.suppressedBy());
        return o;
    }

    /**
     * The alert figures as a JSON object: {@code alerts, received} (with repeats), {@code firing,
     * suppressed, attached} (declared or joined an incident), {@code incidents,
     * alerts_per_incident} and {@code noise} (never declared or joined one).
     *
     * @param c the figures
     * @return them as a tree
     * @since 0.3.0
     */
    public static ObjectNode alertCountsJson(AlertCounts c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("alerts", c.alerts());
        o.put("received", c.repeats());
        o.put("firing", c.firing());
        o.put("suppressed", c.suppressed());
        o.put("attached", c.attached());
        o.put("incidents", c.incidents());
        o.put("alerts_per_incident", c.perIncident());
        o.put("noise", c.noise());
        return o;
    }

    /**
     * One silence or maintenance window as a JSON object: {@code id, kind} ({@code silence} or
     * {@code maintenance}), {@code matchers} (as written: {@code service=checkout}), {@code
     * service} ({@code null} for a silence), {@code starts_at, ends_at, created_by, comment}.
     *
     * @param silence the silence
     * @return it as a tree
     * @since 0.3.0
     */
    public static ObjectNode silenceJson(Silence silence) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", silence.id());
        o.put("kind", silence.kind().name().toLowerCase(Locale.ROOT));
        ArrayNode matchers = o.putArray("matchers");
        silence.matchers().forEach(m -> matchers.add(m.toString()));
        putOptional(o, "service", silence.service());
        o.put("starts_at", silence.startsAt().toString());
        o.put("ends_at", silence.endsAt().toString());
        o.put("created_by", silence.createdBy().name());
        o.put("comment", silence.comment());
        return o;
    }

    /**
     * The snapshot as {@link SnapshotFormat} defines it, read back into a tree: while the two
     * versions agree, the export reuses the snapshot's shape. A test pins the export's own
     * (JsonExportShapeTest), so that a new snapshot version cannot change it unnoticed: then
     * this method writes format {@value #FORMAT_VERSION}'s object itself.
     */
    private static JsonNode incidentJson(Incident i) {
        try {
            return JSON.readTree(SnapshotFormat.encode(i));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a snapshot is always JSON", ex);
        }
    }

    private static void putOptional(ObjectNode o, String field, Optional<String> value) {
        if (value.isPresent()) {
            o.put(field, value.get());
        } else {
            o.putNull(field);
        }
    }
}
