package dev.incidentkit.web.internal;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.oncall.OnCall;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who is on call, the schedules and the escalation policies, read from the host's on-call
 * configuration: {@code GET /api/v1/oncall}, {@code GET /api/v1/schedules}, {@code GET
 * /api/v1/schedules/{id}/shifts} and {@code GET /api/v1/escalation-policies}, each a viewer's read.
 * The configuration is asked for once per request, so that a host that reads its file again
 * serves the new one at once. A server without it answers them with 404, after the authorization check.
 */
final class OnCallRoutes {

    /** The longest span of {@code GET /api/v1/schedules/{id}/shifts}, as {@code im schedule shifts}'s. */
    static final Duration MOST_SHIFTS = Duration.ofDays(366);

    private final IncidentManager incidents;
    private final Optional<Supplier<OnCallConfig>> onCall;

    OnCallRoutes(IncidentManager incidents, Optional<Supplier<OnCallConfig>> onCall) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.onCall = Objects.requireNonNull(onCall, "onCall");
    }

    ApiResponse now(Exchange x) {
        read(x);
        OnCallConfig config = config();
        Instant at = x.parameter("at").map(t -> instant("at", t)).orElseGet(() -> incidents.clock().instant());
        return ApiResponse.json(200, WireFormat.write(OnCallWire.onCallNow(config.schedules().values(), at)));
    }

    ApiResponse schedules(Exchange x) {
        read(x);
        return ApiResponse.json(200, WireFormat.write(OnCallWire.schedules(config().schedules().values())));
    }

    ApiResponse shifts(Exchange x) {
        read(x);
        OnCallConfig config = config();
        String id = x.variable("id");
        Schedule schedule = config.schedule(id).orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                "There is no schedule " + JsonBody.printable(id) + " in the on-call configuration.", Optional.empty()));
        Instant from = instant("from", x.parameter("from").orElseThrow(() -> ApiException.badRequest("from",
                "Query parameter from is required: an instant such as 2026-03-02T00:00:00Z.")));
        Instant to = instant("to", x.parameter("to").orElseThrow(() -> ApiException.badRequest("to",
                "Query parameter to is required: an instant such as 2026-03-09T00:00:00Z.")));
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("to", "Query parameter to must be after from (" + from + ").");
        }
        if (Duration.between(from, to).compareTo(MOST_SHIFTS) > 0) {
            throw ApiException.badRequest("to", "Query parameter to must be at most 366 days after from (" + from + ").");
        }
        return ApiResponse.json(200, WireFormat.write(OnCallWire.shifts(schedule, from, to, OnCall.shifts(schedule, from, to))));
    }

    ApiResponse policies(Exchange x) {
        read(x);
        return ApiResponse.json(200, WireFormat.write(OnCallWire.policies(config().policies().values())));
    }

    private void read(Exchange x) {
        incidents.authorizer().authorize(x.actor(), new Action.Read(Optional.empty()));
    }

    private OnCallConfig config() {
        return Objects.requireNonNull(onCall.orElseThrow(OnCallRoutes::disabled).get(), "the on-call supplier's configuration");
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "Query parameter " + name
                    + " must be an instant with an offset, such as 2026-03-02T09:00:00Z.");
        }
    }

    /** @return the 404 of an on-call route on a server without an on-call configuration */
    static ApiException disabled() {
        return new ApiException(ProblemType.NOT_FOUND,
                "On-call is not configured on this server (IncidentWeb.Builder.onCall).", Optional.empty());
    }
}
