package dev.incidentkit.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.VerificationResult;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.IncidentEvent.PublicUpdatePosted;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.StatusUpdate;
import dev.incidentkit.core.format.SnapshotFormat;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.metrics.Metric;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.NotifierStatus;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.ReadModelCheck;
import dev.incidentkit.core.query.ReadModelRebuild;
import dev.incidentkit.core.spi.Lease;
import dev.incidentkit.core.timeline.TimelineEntry;
import dev.incidentkit.notify.spi.DeliveryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON of API v1's responses, defined once, here; the OpenAPI document's schemas describe
 * the same shapes. Names are snake_case, instants ISO-8601 strings, durations ISO-8601 ({@code
 * PT15M}); an absent value is {@code null}. Two shapes are not defined here but reused, as
 * public versioned formats of core: an incident is {@link SnapshotFormat} version 1, and an event
 * is its CloudEvent in structured JSON mode ({@link CloudEventCodec}).
 */
public final class WireFormat {

    /** Plain Jackson, no default typing: only trees built here are written. */
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private WireFormat() {}

    /** @return an incident: the snapshot object of {@link SnapshotFormat} version 1 */
    static ObjectNode incident(Incident incident) {
        return (ObjectNode) tree(SnapshotFormat.encode(incident));
    }

    /** @return an event: its CloudEvent in structured JSON mode */
    static JsonNode event(RecordedEvent event, CloudEventCodec codec) {
        try {
            return JSON.readTree(codec.serialize(event));
        } catch (IOException e) {
            throw new UncheckedIOException("a CloudEvent the codec wrote is JSON", e);
        }
    }

    /** @return {@code {"incident": ..., "events": [...]}}: what a command did */
    static ObjectNode result(Incident incident, List<RecordedEvent> events, CloudEventCodec codec) {
        ObjectNode out = JSON.createObjectNode();
        out.set("incident", incident(incident));
        out.set("events", events(events, codec));
        return out;
    }

    /** @return {@code {"incident_id": ..., "events": [...]}}: an incident's history */
    static ObjectNode history(String incidentId, List<RecordedEvent> events, CloudEventCodec codec) {
        ObjectNode out = JSON.createObjectNode();
        out.put("incident_id", incidentId);
        out.set("events", events(events, codec));
        return out;
    }

    private static ArrayNode events(List<RecordedEvent> events, CloudEventCodec codec) {
        ArrayNode array = JSON.createArrayNode();
        events.forEach(e -> array.add(event(e, codec)));
        return array;
    }

    /** @return {@code {"incidents": [...], "next_cursor": ...}}: one page of a query */
    static ObjectNode page(IncidentPage page) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode array = out.putArray("incidents");
        page.incidents().forEach(i -> array.add(incident(i)));
        out.put("next_cursor", page.nextCursor().orElse(null));
        return out;
    }

    /** @return {@code {"incident_id": ..., "entries": [{at, version, actor, type, headline, text}]}} */
    static ObjectNode timeline(String incidentId, List<TimelineEntry> entries) {
        ObjectNode out = JSON.createObjectNode();
        out.put("incident_id", incidentId);
        ArrayNode array = out.putArray("entries");
        for (TimelineEntry e : entries) {
            ObjectNode entry = array.addObject();
            entry.put("at", e.at().toString());
            entry.put("version", e.version());
            entry.put("actor", e.actor().name());
            entry.put("type", e.type());
            entry.put("headline", e.headline());
            entry.put("text", e.text());
        }
        return out;
    }

    /**
     * @return {@code {"incident_id", "public_updates": [{id, version, posted_at, posted_by, title,
     *     status, impact, message}]}}: the incident's public updates, oldest first, in the
     *     timeline's order (when posted, then version)
     */
    static ObjectNode publicUpdates(String incidentId, List<RecordedEvent> history) {
        ObjectNode out = JSON.createObjectNode();
        out.put("incident_id", incidentId);
        ArrayNode array = out.putArray("public_updates");
        history.stream().filter(e -> e.event() instanceof PublicUpdatePosted)
                .sorted(Comparator.comparing(RecordedEvent::occurredAt).thenComparingLong(RecordedEvent::version))
                .forEach(e -> {
                    PublicUpdatePosted p = (PublicUpdatePosted) e.event();
                    array.addObject().put("id", e.eventId().toString()).put("version", e.version())
                            .put("posted_at", e.occurredAt().toString()).put("posted_by", e.actor().name())
                            .put("title", p.title()).put("status", p.status().wireName()).put("impact", p.impact().wireName())
                            .put("message", p.message());
                });
        return out;
    }

    /**
     * @return {@code {"incident_id", "version", "severity", "title", "status", "impact",
     *     "duration", "ongoing", "team": [{role, person}], "current_theory", "next_action",
     *     "next_update_in", "next_update_minutes", "text"}}: a drafted internal status update of
     *     an incident at a version, and its text
     */
    static ObjectNode statusUpdate(long version, StatusUpdate u) {
        ObjectNode out = JSON.createObjectNode();
        out.put("incident_id", u.incidentId());
        out.put("version", version);
        out.put("severity", u.severity().toString());
        out.put("title", u.title());
        out.put("status", u.status().wireName());
        out.put("impact", u.impact());
        out.put("duration", u.duration().toString());
        out.put("ongoing", u.ongoing());
        ArrayNode team = out.putArray("team");
        u.team().forEach(m -> team.addObject().put("role", m.role().wireName()).put("person", m.person().name()));
        out.put("current_theory", u.currentTheory());
        out.put("next_action", u.nextAction());
        out.put("next_update_in", u.nextUpdateIn().toString());
        out.put("next_update_minutes", u.nextUpdateIn().toMinutes());
        out.put("text", u.text());
        return out;
    }

    /** @return {@code {"incident_id", "events_checked", "intact", "first_bad": null | {version, reason}}} */
    static ObjectNode verification(VerificationResult result) {
        ObjectNode out = JSON.createObjectNode();
        out.put("incident_id", result.incidentId());
        out.put("events_checked", result.eventsChecked());
        out.put("intact", result.isIntact());
        if (result.firstBad().isPresent()) {
            ObjectNode bad = out.putObject("first_bad");
            bad.put("version", result.firstBad().get().version());
            bad.put("reason", result.firstBad().get().reason());
        } else {
            out.putNull("first_bad");
        }
        return out;
    }

    /**
     * @return the figures of a metrics report: counts, the interval metrics ({@code mttd} ...
     *     {@code mttr}), MTBF per service, SLA compliance per kind and severity, action items and
     *     declarations per month
     */
    static ObjectNode metrics(MetricsReport report) {
        ObjectNode out = JSON.createObjectNode();
        out.put("incidents", report.incidents());
        out.put("canceled", report.canceled());
        out.put("duplicates", report.duplicates());
        out.put("reopened", report.reopened());
        ObjectNode intervals = out.putObject("intervals");
        for (Metric metric : Metric.values()) {
            intervals.set(metric.name().toLowerCase(Locale.ROOT), stats(report.stats(metric)));
        }
        ObjectNode mtbf = out.putObject("mtbf");
        report.mtbf().forEach((service, stats) -> mtbf.set(service, stats(stats)));
        ObjectNode sla = out.putObject("sla_compliance");
        for (SlaKind kind : SlaKind.values()) {
            ObjectNode bySeverity = sla.putObject(kind.name().toLowerCase(Locale.ROOT));
            for (Severity severity : Severity.values()) {
                ObjectNode c = bySeverity.putObject(severity.toString());
                c.put("met", report.sla(kind, severity).met());
                c.put("missed", report.sla(kind, severity).missed());
            }
        }
        ObjectNode items = out.putObject("action_items");
        items.put("closed_in_time", report.actionItems().closedInTime());
        items.put("closed_late", report.actionItems().closedLate());
        items.put("overdue", report.actionItems().overdue());
        items.put("pending", report.actionItems().pending());
        ObjectNode monthly = out.putObject("monthly");
        report.monthly().forEach((month, f) -> monthly.put(month.toString(), f.total()));
        return out;
    }

    private static ObjectNode stats(DurationStats s) {
        ObjectNode out = JSON.createObjectNode();
        out.put("count", s.count());
        out.put("missing", s.missing());
        boolean empty = s.isEmpty();
        duration(out, "mean", empty, s.mean());
        duration(out, "median", empty, s.median());
        duration(out, "p90", empty, s.p90());
        duration(out, "p95", empty, s.p95());
        duration(out, "p99", empty, s.p99());
        duration(out, "max", empty, s.max());
        return out;
    }

    private static void duration(ObjectNode out, String name, boolean empty, Duration d) {
        out.put(name, empty ? null : d.toString());
    }

    /**
     * @param type the kind of problem
     * @param detail one sentence about this occurrence
     * @param instance the request's path
     * @param field the field, header or parameter at fault
     * @param errorId the id of an internal error in the server log
     * @return an RFC 9457 problem document
     */
    static ObjectNode problem(ProblemType type, int status, String detail, String instance, Optional<String> field,
            Optional<String> errorId) {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", type.uri());
        out.put("title", type.title());
        out.put("status", status);
        out.put("detail", detail);
        out.put("instance", instance);
        field.ifPresent(f -> out.put("field", f));
        errorId.ifPresent(id -> out.put("error_id", id));
        return out;
    }

    /** @return {@code {"incidents", "summaries", "mismatches": [{incident_id, problem}]}}: a check of the read model */
    static ObjectNode readModelCheck(ReadModelCheck check) {
        ObjectNode out = JSON.createObjectNode();
        out.put("incidents", check.incidents());
        out.put("summaries", check.summaries());
        ArrayNode array = out.putArray("mismatches");
        for (ReadModelCheck.Mismatch m : check.mismatches()) {
            array.addObject().put("incident_id", m.incidentId()).put("problem", m.problem());
        }
        return out;
    }

    /** @return {@code {"rebuilt", "overtaken", "failed": [incident ids]}}: a rebuild of the read model */
    static ObjectNode readModelRebuild(ReadModelRebuild rebuild) {
        ObjectNode out = JSON.createObjectNode();
        out.put("rebuilt", rebuild.rebuilt());
        out.put("overtaken", rebuild.overtaken());
        ArrayNode failed = out.putArray("failed");
        rebuild.failed().forEach(failed::add);
        return out;
    }

    /**
     * @return {@code {"notifiers": [{notifier, health, checkpoint, dead_letters, failed_attempts,
     *     last_failure: null | {at, error}, lease_owner}]}}: how each notifier's delivery goes
     */
    static ObjectNode notifiers(List<NotifierStatus> statuses) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode array = out.putArray("notifiers");
        for (NotifierStatus status : statuses) {
            ObjectNode n = array.addObject();
            n.put("notifier", status.notifier());
            n.put("health", status.health().name().toLowerCase(Locale.ROOT));
            n.put("checkpoint", status.checkpoint().map(Object::toString).orElse(null));
            n.put("dead_letters", status.deadLetters());
            n.put("failed_attempts", status.failedAttempts());
            if (status.lastFailure().isPresent()) {
                n.putObject("last_failure").put("at", status.lastFailure().get().at().toString())
                        .put("error", status.lastFailure().get().error());
            } else {
                n.putNull("last_failure");
            }
            n.put("lease_owner", status.lease().map(Lease::owner).orElse(null));
        }
        return out;
    }

    /** @return {@code {"notifier", "dead_letters": [{event_id, incident_id, version, type, attempts, last_error, failed_at}]}} */
    static ObjectNode deadLetters(String notifier, List<DeadLetter> letters) {
        ObjectNode out = JSON.createObjectNode();
        out.put("notifier", notifier);
        ArrayNode array = out.putArray("dead_letters");
        for (DeadLetter d : letters) {
            array.addObject().put("event_id", d.eventId().toString()).put("incident_id", d.incidentId())
                    .put("version", d.version()).put("type", d.type()).put("attempts", d.attempts())
                    .put("last_error", d.lastError()).put("failed_at", d.failedAt().toString());
        }
        return out;
    }

    /** @return {@code {"notifier", "event_id", "result": "delivered" | "retry_later" | "failed", "reason"}}: a replay */
    static ObjectNode delivery(String notifier, UUID eventId, DeliveryResult result) {
        ObjectNode out = JSON.createObjectNode();
        out.put("notifier", notifier);
        out.put("event_id", eventId.toString());
        if (result instanceof DeliveryResult.RetryLater r) {
            out.put("result", "retry_later").put("reason", r.reason());
        } else if (result instanceof DeliveryResult.Failed f) {
            out.put("result", "failed").put("reason", f.reason());
        } else {
            out.put("result", "delivered").putNull("reason");
        }
        return out;
    }

    /** @return the tree as compact JSON text */
    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serializes", e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("core's encoders write JSON", e);
        }
    }
}
