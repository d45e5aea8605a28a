package dev.incidentkit.web.internal;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.Command.ChangeSeverity.Direction;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.CommandResult;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.RecordedEvent;
import java.util.List;
import java.util.Set;

/**
 * The write routes: declare, and one POST route per command, each with a small JSON body. The
 * actor is always the principal's; {@code occurred_at} back-dates, as the CLI's {@code --at};
 * Idempotency-Key is the command id and If-Match the expected version. The SLA monitor's command
 * (RecordSlaBreach) has no route.
 */
final class CommandRoutes {

    /** The body field every write accepts. */
    static final String OCCURRED_AT = "occurred_at";

    private final IncidentManager incidents;

    CommandRoutes(IncidentManager incidents) {
        this.incidents = incidents;
    }

    ApiResponse declare(Exchange x) {
        if (x.ifMatch().isPresent()) {
            throw ApiException.badRequest("If-Match", "If-Match applies to commands on an incident, not to a declaration.");
        }
        JsonBody body = JsonBody.parse(x.body(), Set.of("title", "severity", "service", "description",
                "impact_started_at", "detected_at", "war_room", OCCURRED_AT));
        Declare declare = Declare.of(body.text("title"), Severity.parse(body.text("severity")), body.text("service"))
                .description(body.textOrEmpty("description"))
                .warRoom(body.optionalBoolean("war_room").orElse(false));
        declare = body.optionalInstant("impact_started_at").map(declare::impactStartedAt).orElse(declare);
        declare = body.optionalInstant("detected_at").map(declare::detectedAt).orElse(declare);
        Incident incident = incidents.declare(declare, context(x, body));
        long version = incident.version();
        List<RecordedEvent> events = incidents.history(incident.id()).stream().filter(e -> e.version() <= version).toList();
        return ApiResponse.json(201, WireFormat.write(WireFormat.result(incident, events, incidents.cloudEvents())))
                .with("Location", "/api/v1/incidents/" + incident.id())
                .with("ETag", ETags.of(version));
    }

    /**
     * @param fields the body fields the command takes, besides {@code occurred_at}
     * @param command the command of a body and the request
     * @return the handler of the command's route
     */
    Route.Handler command(Set<String> fields, CommandReader command) {
        var all = new java.util.HashSet<>(fields);
        all.add(OCCURRED_AT);
        Set<String> accepted = Set.copyOf(all);
        return x -> {
            JsonBody body = JsonBody.parse(x.body(), accepted);
            String id = x.variable("id");
            CommandResult result = incidents.submit(id, command.read(body, x), context(x, body));
            // On a retry the manager answers what the first attempt did, events included: both bodies are equal.
            return ApiResponse.json(200, WireFormat.write(WireFormat.result(result.incident(), result.events(),
                            incidents.cloudEvents())))
                    .with("ETag", ETags.of(result.incident().version()));
        };
    }

    /** Reads a command from a body. */
    @FunctionalInterface
    interface CommandReader {
        Command read(JsonBody body, Exchange x);
    }

    /** The command routes, as (verb path, handler) pairs for the route table. */
    List<Route> routes(String base) {
        return List.of(
                Route.post(base + "/acknowledge", command(Set.of("note", "role"), (b, x) ->
                        new Command.Acknowledge(b.textOrEmpty("note"), b.optionalText("role").map(Role::parse)))),
                Route.post(base + "/investigate", status(Status.INVESTIGATING)),
                Route.post(base + "/identify", status(Status.IDENTIFIED)),
                Route.post(base + "/mitigate", status(Status.MITIGATED)),
                Route.post(base + "/resolve", status(Status.RESOLVED)),
                Route.post(base + "/close", status(Status.CLOSED)),
                Route.post(base + "/reopen", command(Set.of("note"), (b, x) -> new Command.Reopen(b.text("note")))),
                Route.post(base + "/cancel", command(Set.of("reason"), (b, x) -> new Command.Cancel(b.text("reason")))),
                Route.post(base + "/mark-duplicate", command(Set.of("duplicate_of", "note"), (b, x) ->
                        new Command.MarkDuplicate(b.text("duplicate_of"), b.textOrEmpty("note")))),
                Route.post(base + "/notes", command(Set.of("note"), (b, x) -> new Command.AddNote(b.text("note")))),
                Route.post(base + "/escalate", severity(Direction.ESCALATE)),
                Route.post(base + "/downgrade", severity(Direction.DOWNGRADE)),
                Route.post(base + "/correlate", command(Set.of("service", "note"), (b, x) ->
                        new Command.CorrelateService(b.text("service"), b.textOrEmpty("note")))),
                Route.post(base + "/assign", command(Set.of("role", "assignee"), (b, x) ->
                        new Command.AssignRole(Role.parse(b.text("role")), Actor.of(b.text("assignee"))))),
                Route.post(base + "/action-items", command(Set.of("text", "owner", "due"), (b, x) ->
                        new Command.AddActionItem(b.text("text"), b.optionalText("owner").map(Actor::of), b.optionalDate("due")))),
                Route.post(base + "/action-items/{item}/complete", command(Set.of("note"), (b, x) ->
                        new Command.CompleteActionItem(item(x.variable("item")), b.textOrEmpty("note")))),
                Route.post(base + "/postmortem", command(POSTMORTEM_FIELDS, (b, x) -> new Command.UpdatePostmortem(postmortem(b)))));
    }

    private static final Set<String> POSTMORTEM_FIELDS = Set.of("summary", "root_cause", "contributing_factors", "impact",
            "went_well", "went_poorly", "resolution");

    private static PostmortemUpdate postmortem(JsonBody b) {
        return new PostmortemUpdate(b.optionalText("summary"), b.optionalText("root_cause"),
                b.optionalText("contributing_factors"), b.optionalText("impact"), b.optionalText("went_well"),
                b.optionalText("went_poorly"), b.optionalText("resolution"));
    }

    private Route.Handler status(Status to) {
        return command(Set.of("note"), (b, x) -> new Command.ChangeStatus(to, b.textOrEmpty("note")));
    }

    private Route.Handler severity(Direction direction) {
        return command(Set.of("severity", "note"), (b, x) ->
                new Command.ChangeSeverity(Severity.parse(b.text("severity")), direction, b.textOrEmpty("note")));
    }

    private static int item(String text) {
        if (text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.invalid("item", "The action item must be a number such as 1.");
        }
        return Integer.parseInt(text);
    }

    /** @return the context of a write: the principal, Idempotency-Key, If-Match, and the body's {@code occurred_at} */
    static CommandContext context(Exchange x, JsonBody body) {
        CommandContext context = x.context();
        return body.optionalInstant(OCCURRED_AT).map(context::at).orElse(context);
    }

}
