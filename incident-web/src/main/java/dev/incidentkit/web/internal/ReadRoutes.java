package dev.incidentkit.web.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.CloudEventsExport;
import dev.incidentkit.core.export.JsonExport;
import dev.incidentkit.core.export.MarkdownExport;
import dev.incidentkit.core.export.TextExport;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.SeverityBasis;
import dev.incidentkit.core.query.IncidentQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read routes: one incident, a query, history, timeline, exports, verification and metrics.
 * Each asks the manager's authorizer for {@link Action.Read} before it reads, so that an actor
 * without a role gets 403 here as on writes.
 */
final class ReadRoutes {

    private final IncidentManager incidents;
    private final QueryCache cache;

    /** The server's alerts, if it receives them: their figures join the metrics. */
    private final Optional<AlertIntake> alerts;

    ReadRoutes(IncidentManager incidents, QueryCache cache, Optional<AlertIntake> alerts) {
        this.alerts = alerts;
        this.incidents = incidents;
        this.cache = cache;
    }

    ApiResponse incident(Exchange x) {
        Incident incident = readable(x).get(x.variable("id"));
        return ApiResponse.json(200, WireFormat.write(WireFormat.incident(incident)))
                .with("ETag", ETags.of(incident.version()));
    }

    ApiResponse history(Exchange x) {
        String id = x.variable("id");
        List<RecordedEvent> history = existingHistory(x, id);
        return ApiResponse.json(200, WireFormat.write(WireFormat.history(id, history, incidents.cloudEvents())))
                .with("ETag", ETags.of(history.size()));
    }

    ApiResponse timeline(Exchange x) {
        String id = x.variable("id");
        return ApiResponse.json(200, WireFormat.write(WireFormat.timeline(id, readable(x).timeline(id))));
    }

    ApiResponse verify(Exchange x) {
        String id = x.variable("id");
        return ApiResponse.json(200, WireFormat.write(WireFormat.verification(readable(x).verify(id))));
    }

    ApiResponse export(Exchange x) {
        String id = x.variable("id");
        String format = x.parameter("format").orElseThrow(
                () -> ApiException.badRequest("format", "Query parameter format is required: md, json, cloudevents or text."));
        List<RecordedEvent> history = existingHistory(x, id);
        String name = filename(id);
        return switch (format) {
            case "md" -> download(MarkdownExport.postmortem(history), "text/markdown; charset=utf-8", name + ".md");
            case "json" -> download(JsonExport.document(history), "application/json", name + ".json");
            case "cloudevents" -> download(CloudEventsExport.batch(history, incidents.cloudEvents()),
                    "application/cloudevents-batch+json", name + ".cloudevents.json");
            case "text" -> download(TextExport.timeline(history), "text/plain; charset=utf-8", name + ".txt");
            default -> throw ApiException.badRequest("format", "Query parameter format must be md, json, cloudevents or text.");
        };
    }

    ApiResponse query(Exchange x) {
        incidents.authorizer().authorize(x.actor(), new Action.Read(Optional.empty()));
        IncidentQuery selected = IncidentQueries.parse(x::parameter);
        return cache.answer(selected, () -> ApiResponse.json(200, WireFormat.write(WireFormat.page(incidents.query(selected)))));
    }

    ApiResponse metrics(Exchange x) {
        incidents.authorizer().authorize(x.actor(), new Action.Read(Optional.empty()));
        MetricQuery query = MetricQuery.all();
        if (x.parameter("by").isPresent()) {
            String by = x.parameter("by").get();
            try {
                query = query.severityBasis(SeverityBasis.parse(by));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("by", "must be peak or current", by);
            }
        }
        query = x.parameter("since").map(t -> dayOrInstant("since", t)).map(query::since).orElse(query);
        query = x.parameter("until").map(t -> dayOrInstant("until", t)).map(query::until).orElse(query);
        query = x.parameter("severity").map(Severity::parse).map(query::severity).orElse(query);
        query = x.parameter("service").map(query::service).orElse(query);
        ObjectNode out = WireFormat.metrics(incidents.metrics(query));
        if (alerts.isPresent()) {
            // The alerts first seen in the window, whatever their service and severity.
            Instant from = x.parameter("since").map(t -> dayOrInstant("since", t)).orElse(Instant.EPOCH);
            Instant until = x.parameter("until").map(t -> dayOrInstant("until", t))
                    .orElseGet(() -> incidents.clock().instant().plusSeconds(1));
            out.set("alerts", JsonExport.alertCountsJson(alerts.get().counts(from, until)));
        }
        return ApiResponse.json(200, WireFormat.write(out));
    }

    private IncidentManager readable(Exchange x) {
        incidents.authorizer().authorize(x.actor(), new Action.Read(Optional.of(x.variable("id"))));
        return incidents;
    }

    /** Its history, which names a missing incident (404) itself: no other read first. */
    private List<RecordedEvent> existingHistory(Exchange x, String id) {
        return readable(x).history(id);
    }

    /** A day (UTC midnight), as the CLI's --since, or an instant. */
    private static Instant dayOrInstant(String name, String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValidationException(name, "must be a date such as 2025-08-01 or an instant", text);
        }
    }

    private static String filename(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static ApiResponse download(String text, String type, String filename) {
        return new ApiResponse(200, type, text.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Disposition", "attachment; filename=\"" + filename + "\""));
    }
}
