package dev.incidentkit.web.internal;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.CommandResult;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.StatusUpdate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The routes of stakeholder communication (issue 18): an incident's public updates, which the
 * public status page shows (posting one is a commander's: the authorizer decides), and the
 * internal status update of the guides, drafted from the incident, previewed with edits ({@code
 * GET}, which writes nothing) and posted as a note ({@code POST}, a responder's, like any note).
 */
final class CommsRoutes {

    /** How often a status update is drafted again when other writers moved the incident meanwhile. */
    private static final int DRAFTS = 3;

    private static final Set<String> PUBLIC_FIELDS = Set.of("title", "status", "impact", "message", CommandRoutes.OCCURRED_AT);

    private final IncidentManager incidents;

    CommsRoutes(IncidentManager incidents) {
        this.incidents = incidents;
    }

    /** The routes, under an incident's path. */
    List<Route> routes(String incident) {
        return List.of(
                Route.get(incident + "/public-updates", Set.of(), this::publicUpdates),
                Route.post(incident + "/public-updates", this::postPublicUpdate),
                Route.get(incident + "/status-update", Set.copyOf(StatusUpdateEdits.FIELDS), this::statusUpdate),
                Route.post(incident + "/status-update", this::postStatusUpdate));
    }

    /** Every public update of the incident, oldest first (the timeline's order). */
    ApiResponse publicUpdates(Exchange x) {
        String id = x.variable("id");
        List<RecordedEvent> history = readable(x, id).history(id);
        return ApiResponse.json(200, WireFormat.write(WireFormat.publicUpdates(id, history)))
                .with("ETag", ETags.of(history.size()));
    }

    /** Posts a public update: 201 with the incident and the event. */
    ApiResponse postPublicUpdate(Exchange x) {
        JsonBody body = JsonBody.parse(x.body(), PUBLIC_FIELDS);
        // Read in the body's order of the form, so that the first problem named is the first field's.
        String title = body.text("title");
        PublicStatus status = PublicStatus.parse(body.text("status"));
        ComponentStatus impact = ComponentStatus.parse(body.text("impact"));
        String message = body.text("message");
        CommandResult result = incidents.submit(x.variable("id"), new Command.PostPublicUpdate(title, status, impact, message),
                CommandRoutes.context(x, body));
        return ApiResponse.json(201, WireFormat.write(WireFormat.result(result.incident(), result.events(),
                        incidents.cloudEvents())))
                .with("ETag", ETags.of(result.incident().version()));
    }

    /** The drafted status update, with the query's edits: a preview, which writes nothing. */
    ApiResponse statusUpdate(Exchange x) {
        String id = x.variable("id");
        IncidentManager readable = readable(x, id);
        var unread = new LinkedHashMap<String, String>();
        StatusUpdateEdits edits = StatusUpdateEdits.fromText(x::parameter, unread);
        edits.problems(unread).entrySet().stream().findFirst().ifPresent(p -> {
            throw ApiException.invalid(p.getKey(), p.getValue());
        });
        Incident incident = readable.get(id);
        StatusUpdate update = edits.applyTo(StatusUpdate.draft(incident, incidents.slaPolicy(), incidents.clock().instant()));
        return ApiResponse.json(200, WireFormat.write(WireFormat.statusUpdate(incident.version(), update)))
                .with("ETag", ETags.of(incident.version()));
    }

    /**
     * Drafts the status update, applies the body's edits and posts its text as a note: the
     * progress update the update-cadence SLA counts. The text is drafted from the version it is
     * recorded on (If-Match's, if sent): when other writers move the incident in between, it is
     * drafted again, so that it never tells an old status.
     */
    ApiResponse postStatusUpdate(Exchange x) {
        JsonBody body = JsonBody.parse(x.body(), withOccurredAt());
        StatusUpdateEdits edits = new StatusUpdateEdits(body.optionalText("impact"), body.optionalText("current_theory"),
                body.optionalText("next_action"), body.optionalInteger("next_update_minutes"));
        edits.requireValid();
        String id = x.variable("id");
        CommandContext context = CommandRoutes.context(x, body);
        Optional<Instant> at = body.optionalInstant(CommandRoutes.OCCURRED_AT);
        for (int attempt = 1; ; attempt++) {
            Incident incident = incidents.get(id);
            StatusUpdate update = edits.applyTo(StatusUpdate.draft(incident, incidents.slaPolicy(),
                    at.orElseGet(() -> incidents.clock().instant())));
            try {
                CommandResult result = incidents.submit(id, update.command(),
                        x.ifMatch().isPresent() ? context : context.expectVersion(incident.version()));
                return ApiResponse.json(200, WireFormat.write(WireFormat.result(result.incident(), result.events(),
                                incidents.cloudEvents())))
                        .with("ETag", ETags.of(result.incident().version()));
            } catch (ConcurrencyConflictException e) {
                if (x.ifMatch().isPresent() || attempt >= DRAFTS) {
                    throw e;
                }
            }
        }
    }

    private static Set<String> withOccurredAt() {
        var all = new java.util.HashSet<>(StatusUpdateEdits.FIELDS);
        all.add(CommandRoutes.OCCURRED_AT);
        return Set.copyOf(all);
    }

    private IncidentManager readable(Exchange x, String id) {
        incidents.authorizer().authorize(x.actor(), new Action.Read(Optional.of(id)));
        return incidents;
    }
}
