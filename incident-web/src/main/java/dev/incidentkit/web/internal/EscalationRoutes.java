package dev.incidentkit.web.internal;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.oncall.Escalator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the host's {@link Escalator} stands, read-only: {@code GET
 * /api/v1/incidents/{id}/escalation} (the incident's escalation, running or ended) and {@code GET
 * /api/v1/escalations} (the running ones, soonest due first), each a viewer's read. A server
 * without an escalator answers both with 404, after the authorization check.
 */
final class EscalationRoutes {

    /** The most escalations one {@code GET /api/v1/escalations} lists. */
    static final int MOST = 500;
    /** How many it lists unless asked, as the OpenAPI document's default says. */
    static final int DEFAULT_LIMIT = 100;

    private final IncidentManager incidents;
    private final Optional<Escalator> escalator;

    EscalationRoutes(IncidentManager incidents, Optional<Escalator> escalator) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.escalator = Objects.requireNonNull(escalator, "escalator");
    }

    ApiResponse incident(Exchange x) {
        String id = x.variable("id");
        incidents.authorizer().authorize(x.actor(), new Action.Read(Optional.of(id)));
        Escalator e = enabled();
        // An unknown incident is the incident routes' 404, not "not escalated".
        incidents.get(id);
        Escalation escalation = e.escalation(id).orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                JsonBody.printable(id) + " is not escalated: no escalation policy covered its service when it was declared, "
                        + "or it was declared before the escalator was first built.",
                Optional.empty()));
        return ApiResponse.json(200, WireFormat.write(OnCallWire.escalation(escalation)));
    }

    ApiResponse running(Exchange x) {
        incidents.authorizer().authorize(x.actor(), new Action.Read(Optional.empty()));
        Escalator e = enabled();
        int limit = x.parameter("limit").map(EscalationRoutes::limit).orElse(DEFAULT_LIMIT);
        List<Escalation> running = e.running(limit);
        return ApiResponse.json(200, WireFormat.write(OnCallWire.escalations(running)));
    }

    private static int limit(String n) {
        if (n.isEmpty() || n.length() > 3 || !n.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(n) < 1 || Integer.parseInt(n) > MOST) {
            throw ApiException.badRequest("limit", "Query parameter limit must be a number from 1 to " + MOST + ".");
        }
        return Integer.parseInt(n);
    }

    private Escalator enabled() {
        return escalator.orElseThrow(EscalationRoutes::disabled);
    }

    /** @return the 404 of an escalation route on a server without an escalator */
    static ApiException disabled() {
        return new ApiException(ProblemType.NOT_FOUND,
                "Escalation is not configured on this server (IncidentWeb.Builder.escalator).", Optional.empty());
    }
}
