package dev.incidentkit.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.LabelMatcher;
import dev.incidentkit.core.alert.Silence;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The alert reads and the silences: {@code GET /api/v1/alerts} (a viewer's read), {@code GET
 * /api/v1/silences} (the same), {@code POST /api/v1/silences} and {@code DELETE
 * /api/v1/silences/{silence}} (a commander's). A server without alerts answers them with 404,
 * after the authorization check.
 * Silences are the authorizer's {@link Action.Task#SILENCES} (a commander's, with {@code
 * RoleBasedAuthorizer}).
 */
final class AlertRoutes {

    /** The query parameters of {@code GET /api/v1/alerts}. */
    static final Set<String> PARAMETERS = Set.of("state", "incident", "source", "limit");
    /** The fields of a new silence. */
    static final Set<String> SILENCE_FIELDS = Set.of("matchers", "service", "starts_at", "ends_at", "comment");

    private final IncidentManager incidents;
    private final Optional<AlertIntake> intake;

    AlertRoutes(IncidentManager incidents, Optional<AlertIntake> intake) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.intake = Objects.requireNonNull(intake, "intake");
    }

    ApiResponse alerts(Exchange x) {
        incidents.authorizer().authorize(x.actor(), new Action.Read(Optional.empty()));
        AlertIntake alerts = enabled();
        AlertQuery query = AlertQuery.recent();
        Optional<String> state = x.parameter("state");
        if (state.isPresent()) {
            query = switch (state.get()) {
                case "firing" -> query.state(AlertQuery.State.FIRING);
                case "resolved" -> query.state(AlertQuery.State.RESOLVED);
                case "suppressed" -> query.state(AlertQuery.State.SUPPRESSED);
                default -> throw ApiException.badRequest("state", "Query parameter state must be firing, resolved or suppressed.");
            };
        }
        query = x.parameter("incident").map(query::incident).orElse(query);
        query = x.parameter("source").map(query::source).orElse(query);
        Optional<String> limit = x.parameter("limit");
        if (limit.isPresent()) {
            String n = limit.get();
            if (n.isEmpty() || n.length() > 4 || !n.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(n) < 1 || Integer.parseInt(n) > 1000) {
                throw ApiException.badRequest("limit", "Query parameter limit must be a number from 1 to 1000.");
            }
            query = query.limit(Integer.parseInt(n));
        }
        return ApiResponse.json(200, WireFormat.write(AlertWire.alerts(alerts.alerts(query))));
    }

    ApiResponse silences(Exchange x) {
        incidents.authorizer().authorize(x.actor(), new Action.Read(Optional.empty()));
        return ApiResponse.json(200, WireFormat.write(AlertWire.silences(enabled().silences())));
    }

    ApiResponse silence(Exchange x) {
        mayManageSilences(x.actor());
        AlertIntake alerts = enabled();
        JsonBody body = JsonBody.parse(x.body(), SILENCE_FIELDS);
        Instant now = incidents.clock().instant().truncatedTo(ChronoUnit.MICROS);
        Instant startsAt = body.optionalInstant("starts_at").orElse(now);
        Instant endsAt = body.optionalInstant("ends_at").orElseThrow(
                () -> ApiException.invalid("ends_at", "Field ends_at is required: when the silence ends."));
        String comment = body.textOrEmpty("comment");
        Optional<String> service = body.optionalText("service");
        List<String> texts = matchers(x.body());
        if (service.isPresent() == !texts.isEmpty()) {
            throw ApiException.invalid("matchers", "Give either matchers (a silence) or service (a maintenance window).");
        }
        Silence silence;
        if (service.isPresent()) {
            silence = Silence.maintenance(service.get(), startsAt, endsAt, x.actor(), comment);
        } else {
            var parsed = new ArrayList<LabelMatcher>();
            for (int i = 0; i < texts.size(); i++) {
                try {
                    parsed.add(LabelMatcher.parse(texts.get(i)));
                } catch (ValidationException e) {
                    throw ApiException.invalid("matchers[" + i + "]", "matchers[" + i + "] " + e.rule() + ".");
                }
            }
            silence = Silence.of(parsed, startsAt, endsAt, x.actor(), comment);
        }
        Silence saved = alerts.silence(silence);
        return ApiResponse.json(201, WireFormat.write(AlertWire.silence(saved)))
                .with("Location", RouteTable.BASE + "/silences/" + saved.id());
    }

    ApiResponse expire(Exchange x) {
        mayManageSilences(x.actor());
        AlertIntake alerts = enabled();
        String id = x.variable("silence");
        Silence ended = alerts.expire(id, x.actor()).orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                "There is no silence " + JsonBody.printable(id) + ".", Optional.empty()));
        return ApiResponse.json(200, WireFormat.write(AlertWire.silence(ended)));
    }

    /** The matchers, an array of strings such as {@code service=checkout}; JsonBody reads scalars only. */
    private static List<String> matchers(byte[] bytes) {
        JsonNode node = AlertPayload.parse(bytes).get("matchers");
        var out = new ArrayList<String>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray() || node.size() > 32) {
            throw ApiException.invalid("matchers", "Field matchers must be an array of at most 32 strings such as service=checkout.");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw ApiException.invalid("matchers[" + i + "]", "matchers[" + i + "] must be a string such as service=checkout.");
            }
            out.add(node.get(i).textValue());
        }
        return out;
    }

    /** Asked before the intake, which asks again, so that a server without alerts still answers 403 first. */
    private void mayManageSilences(Actor actor) {
        incidents.authorizer().authorize(actor, new Action.Administer(Action.Task.SILENCES));
    }

    private AlertIntake enabled() {
        return intake.orElseThrow(AlertRoutes::disabled);
    }

    /** @return the 404 of an alert route on a server without alerts */
    static ApiException disabled() {
        return new ApiException(ProblemType.NOT_FOUND, "Alerts are not enabled on this server (IncidentWeb.Builder.alerts).",
                Optional.empty());
    }
}
