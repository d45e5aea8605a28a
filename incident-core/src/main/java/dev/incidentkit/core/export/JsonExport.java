package dev.incidentkit.core.export;

import static dev.incidentkit.core.export.ExportSupport.byVersion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Acknowledgement;
import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Postmortem;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.ExportSupport.Span;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.Instant;
import java.time.LocalDate;
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

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonExport() {}

    /**
     * The incident as one JSON document: {@code format_version} (1), {@code incident} (the
     * snapshot, snake_case, absent values as {@code null}; {@code severity} is the current one,
     * {@code peak_severity} the most severe it has been; each of {@code sla_breaches} has its
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
        root.put("format_version", 1);
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
     * tool that prints an incident without its history.
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

    private static ObjectNode incidentJson(Incident i) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", i.id());
        o.put("title", i.title());
        o.put("description", i.description());
        o.put("severity", i.severity().toString());
        o.put("peak_severity", i.peakSeverity().toString());
        o.put("status", i.status().wireName());
        o.put("service", i.service());
        ArrayNode correlated = o.putArray("correlated_services");
        i.correlatedServices().forEach(correlated::add);
        ObjectNode roles = o.putObject("roles");
        for (Role role : Role.values()) {
            putOptional(roles, role.name().toLowerCase(Locale.ROOT), i.role(role).map(Actor::name));
        }
        o.put("war_room", i.warRoom());
        o.put("declared_by", i.declaredBy().name());
        Milestones m = i.milestones();
        ObjectNode milestones = o.putObject("milestones");
        milestones.put("impact_started_at", m.impactStartedAt().toString());
        milestones.put("detected_at", m.detectedAt().toString());
        milestones.put("declared_at", m.declaredAt().toString());
        putInstant(milestones, "acknowledged_at", m.acknowledgedAt());
        putInstant(milestones, "identified_at", m.identifiedAt());
        putInstant(milestones, "mitigated_at", m.mitigatedAt());
        putInstant(milestones, "resolved_at", m.resolvedAt());
        putInstant(milestones, "closed_at", m.closedAt());
        if (i.acknowledgement().isPresent()) {
            Acknowledgement a = i.acknowledgement().get();
            ObjectNode ack = o.putObject("acknowledgement");
            ack.put("by", a.by().name());
            ack.put("at", a.at().toString());
            ack.put("note", a.note());
        } else {
            o.putNull("acknowledgement");
        }
        o.put("last_update_at", i.lastUpdateAt().toString());
        o.put("notes_count", i.notesCount());
        ArrayNode items = o.putArray("action_items");
        for (ActionItem item : i.actionItems()) {
            ObjectNode a = items.addObject();
            a.put("id", item.id());
            a.put("text", item.text());
            putOptional(a, "owner", item.owner().map(Actor::name));
            putOptional(a, "due", item.due().map(LocalDate::toString));
            a.put("added_at", item.addedAt().toString());
            putInstant(a, "completed_at", item.completedAt());
        }
        Postmortem p = i.postmortem();
        ObjectNode pm = o.putObject("postmortem");
        pm.put("summary", p.summary());
        pm.put("root_cause", p.rootCause());
        pm.put("contributing_factors", p.contributingFactors());
        pm.put("impact", p.impact());
        pm.put("went_well", p.wentWell());
        pm.put("went_poorly", p.wentPoorly());
        pm.put("resolution", p.resolution());
        ArrayNode breaches = o.putArray("sla_breaches");
        for (SlaBreach b : i.slaBreaches()) {
            ObjectNode s = breaches.addObject();
            s.put("kind", b.kind().wireName());
            s.put("target", b.target().toString());
            s.put("deadline", b.deadline().toString());
            s.put("breached_at", b.breachedAt().toString());
        }
        o.put("reopen_count", i.reopenCount());
        putOptional(o, "cancel_reason", i.cancelReason());
        putOptional(o, "duplicate_of", i.duplicateOf());
        o.put("version", i.version());
        return o;
    }

    private static void putOptional(ObjectNode o, String field, Optional<String> value) {
        if (value.isPresent()) {
            o.put(field, value.get());
        } else {
            o.putNull(field);
        }
    }

    private static void putInstant(ObjectNode o, String field, Optional<Instant> value) {
        putOptional(o, field, value.map(Instant::toString));
    }
}
