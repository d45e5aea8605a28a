package dev.incidentkit.examples.cli;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command.Acknowledge;
import dev.incidentkit.core.Command.PostPublicUpdate;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.CommandResult;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.export.StatusUpdate;
import dev.incidentkit.core.statuspage.PublicUpdate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The commands that change an incident, one small class each. */
final class WriteCommands {

    private WriteCommands() {}

    @Command(name = "declare", description = "Declare an incident; prints its new id, such as INC-2025-001.")
    static final class DeclareIncident extends IncidentCommand {
        @Option(names = "--sev", required = true, paramLabel = "SEVERITY", description = "SEV-1 (worst) to SEV-4.")
        String severity;

        @Option(names = "--title", required = true, description = "What is wrong, one line of at most 200 characters.")
        String title;

        @Option(names = "--service", defaultValue = "unknown", description = "The affected service (default: ${DEFAULT-VALUE}).")
        String service;

        @Option(names = "--description", defaultValue = "", description = "More detail.")
        String description;

        @Option(names = "--war-room", description = "Open a war room.")
        boolean warRoom;

        @Option(names = "--impact-started-at", paramLabel = "INSTANT", description = "When users started to feel it.")
        Optional<String> impactStartedAt = Optional.empty();

        @Option(names = "--detected-at", paramLabel = "INSTANT", description = "When it was noticed (default: the declaration).")
        Optional<String> detectedAt = Optional.empty();

        @Override
        int run(Session s) {
            Declare declare = Declare.of(title, Severity.parse(severity), service).description(description).warRoom(warRoom);
            if (impactStartedAt.isPresent()) {
                declare = declare.impactStartedAt(Options.instant("--impact-started-at", impactStartedAt.get()));
            }
            if (detectedAt.isPresent()) {
                declare = declare.detectedAt(Options.instant("--detected-at", detectedAt.get()));
            }
            Incident incident = s.incidents.declare(declare, options.context(s.env));
            Printer.result(s, incident, "Incident declared: " + incident.id() + System.lineSeparator()
                    + "View at: " + options.link(s.env, incident.id()));
            return 0;
        }
    }

    /** What every command on an existing incident takes. */
    abstract static class OnIncident extends IncidentCommand {
        @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident, such as INC-2025-001.")
        String incident;
    }

    /** A command with an optional note. */
    abstract static class WithNote extends OnIncident {
        @Option(names = "--note", defaultValue = "", description = "What happened, what you did.")
        String note;
    }

    /** A move to another status with an optional note: which method of the manager, and what to print. */
    abstract static class StatusChange extends WithNote {
        /** One of the manager's status changes, such as {@link IncidentManager#mitigate}. */
        @FunctionalInterface
        interface Change {
            Incident apply(IncidentManager incidents, String incidentId, String note, CommandContext context);
        }

        private final Change change;
        private final String done;

        StatusChange(Change change, String done) {
            this.change = change;
            this.done = done;
        }

        @Override
        int run(Session s) {
            Incident i = change.apply(s.incidents, incident, note, options.context(s.env));
            Printer.result(s, i, "Incident " + i.id() + " " + done);
            return 0;
        }
    }

    @Command(name = "ack", description = "Acknowledge an incident: you are on it.")
    static final class Ack extends WithNote {
        @Option(names = "--role", paramLabel = "ROLE", description = "Take a role with it: commander, tech-lead or comms-lead.")
        Optional<String> role = Optional.empty();

        @Override
        int run(Session s) {
            CommandContext context = options.context(s.env);
            Optional<Role> taken = role.map(Role::parse);
            CommandResult r = s.incidents.submit(incident, new Acknowledge(note, taken), context);
            Incident i = r.incident();
            String who = context.actor().name();
            String as = taken.map(t -> " as " + t.wireName()).orElse("");
            // Say what was recorded: joining a moved-on incident assigns a role, a repeat changes nothing.
            String said;
            if (r.recorded(EventTypes.ACKNOWLEDGED)) {
                said = "Incident " + i.id() + " acknowledged by " + who + as;
            } else if (r.changed()) {
                said = who + " joined incident " + i.id() + as;
            } else if (taken.isPresent()) {
                said = "Nothing changed: " + who + " already holds the role " + taken.get().wireName() + " in " + i.id();
            } else {
                said = "Nothing changed: incident " + i.id() + " was already acknowledged by " + who;
            }
            Printer.result(s, i, said);
            return 0;
        }
    }

    @Command(name = "investigate", description = "Move an incident to INVESTIGATING.")
    static final class Investigate extends StatusChange {
        Investigate() {
            super(IncidentManager::investigate, "is investigating");
        }
    }

    @Command(name = "identify", description = "The cause is known: move an incident to IDENTIFIED.")
    static final class Identify extends StatusChange {
        Identify() {
            super(IncidentManager::identify, "identified");
        }
    }

    @Command(name = "mitigate", description = "User impact has stopped: move an incident to MITIGATED.")
    static final class Mitigate extends StatusChange {
        Mitigate() {
            super(IncidentManager::mitigate, "mitigated");
        }
    }

    @Command(name = "resolve", description = "The incident is over: move it to RESOLVED.")
    static final class Resolve extends StatusChange {
        Resolve() {
            super(IncidentManager::resolve, "resolved");
        }
    }

    @Command(name = "close", description = "Close a resolved incident.")
    static final class Close extends StatusChange {
        Close() {
            super(IncidentManager::closeIncident, "closed");
        }
    }

    @Command(name = "reopen", description = "Bring a resolved, closed, canceled or duplicate incident back.")
    static final class Reopen extends OnIncident {
        @Option(names = "--note", required = true, description = "Why it is back.")
        String note;

        @Override
        int run(Session s) {
            Incident i = s.incidents.reopen(incident, note, options.context(s.env));
            Printer.result(s, i, "Incident " + i.id() + " reopened");
            return 0;
        }
    }

    @Command(name = "cancel", description = "Cancel an incident declared by mistake or without customer impact.")
    static final class Cancel extends OnIncident {
        @Option(names = "--reason", required = true, description = "Why.")
        String reason;

        @Override
        int run(Session s) {
            Incident i = s.incidents.cancel(incident, reason, options.context(s.env));
            Printer.result(s, i, "Incident " + i.id() + " canceled");
            return 0;
        }
    }

    @Command(name = "duplicate", description = "Mark an incident as a duplicate of another.")
    static final class Duplicate extends WithNote {
        @Option(names = "--of", required = true, paramLabel = "ID", description = "The incident that covers the same problem.")
        String survivor;

        @Override
        int run(Session s) {
            Incident i = s.incidents.markDuplicate(incident, survivor, note, options.context(s.env));
            Printer.result(s, i, "Incident " + i.id() + " marked as a duplicate of " + survivor);
            return 0;
        }
    }

    @Command(name = "update", description = {"Post a progress update: a note, the guides' status update (--template), "
            + "or an update for customers on the public status page (--public).",
            "--preview prints what would be posted and posts nothing."})
    static final class Update extends OnIncident {
        /** The longest promise of a next update: a day. */
        static final int MAX_NEXT_UPDATE_MINUTES = 24 * 60;

        @Option(names = "--note", description = "The update; with --public, what customers read.")
        Optional<String> note = Optional.empty();

        @Option(names = "--template", description = "Post the status update of the guides (status, impact, duration, "
                + "team, current theory, next action, next update), filled from the incident and the flags below.")
        boolean template;

        @Option(names = "--impact", paramLabel = "TEXT", description = "With --template: what users suffer.")
        Optional<String> impact = Optional.empty();

        @Option(names = "--theory", paramLabel = "TEXT", description = "With --template: the current theory.")
        Optional<String> theory = Optional.empty();

        @Option(names = "--next", paramLabel = "TEXT", description = "With --template: the next action.")
        Optional<String> next = Optional.empty();

        @Option(names = "--next-update", paramLabel = "MINUTES",
                description = "With --template: minutes to the next update (default: the severity's update SLA, else 30).")
        Optional<Integer> nextUpdate = Optional.empty();

        @Option(names = "--public", description = "Post an update for customers: it shows on the public status page. "
                + "Only what you write here is public.")
        boolean isPublic;

        @Option(names = "--title", description = "With --public: the public title, such as \"Checkout issues\" "
                + "(default: the last public update's; required for the first).")
        Optional<String> title = Optional.empty();

        @Option(names = "--status", paramLabel = "STATUS",
                description = "With --public: investigating, identified, monitoring or resolved (default: the last "
                        + "public update's unless it said resolved, else what the incident's status suggests).")
        Optional<String> status = Optional.empty();

        @Option(names = "--component-status", paramLabel = "STATUS", description = "With --public: how the incident's "
                + "services work: operational, degraded_performance, partial_outage or major_outage (default: operational "
                + "once resolved, else the last unresolved public update's, else by severity: SEV-1 major_outage, "
                + "SEV-2 partial_outage, else degraded_performance).")
        Optional<String> componentStatus = Optional.empty();

        @Option(names = "--preview", description = "Print what would be posted; post nothing.")
        boolean preview;

        @Override
        void check() {
            if (template && isPublic) {
                throw new ParameterException(spec.commandLine(), "Choose one of --template and --public: "
                        + "the status update is internal, the public update is for customers.");
            }
            boolean templateFlags = impact.isPresent() || theory.isPresent() || next.isPresent() || nextUpdate.isPresent();
            if (templateFlags && !template) {
                throw new ParameterException(spec.commandLine(),
                        "--impact, --theory, --next and --next-update fill the status update: add --template.");
            }
            boolean publicFlags = title.isPresent() || status.isPresent() || componentStatus.isPresent();
            if (publicFlags && !isPublic) {
                throw new ParameterException(spec.commandLine(),
                        "--title, --status and --component-status describe a public update: add --public.");
            }
            if (template && note.isPresent()) {
                throw new ParameterException(spec.commandLine(), "--template writes the update from its fields: "
                        + "give --impact, --theory and --next rather than --note.");
            }
            if (!template && note.isEmpty()) {
                throw new ParameterException(spec.commandLine(), isPublic ? "Missing --note: what customers read."
                        : "Missing --note: the update (or --template to post the guides' status update).");
            }
            if (nextUpdate.isPresent() && (nextUpdate.get() < 1 || nextUpdate.get() > MAX_NEXT_UPDATE_MINUTES)) {
                throw new ParameterException(spec.commandLine(), "--next-update must be 1 to " + MAX_NEXT_UPDATE_MINUTES
                        + " minutes (a day; was " + nextUpdate.get() + ").");
            }
        }

        @Override
        int run(Session s) {
            if (template) {
                return postTemplate(s);
            }
            if (isPublic) {
                return postPublic(s);
            }
            if (preview) {
                s.incidents.get(incident);   // an unknown incident is an error, previewed or not
                s.env.out.println(note.get());
                return 0;
            }
            Incident i = s.incidents.addNote(incident, note.get(), options.context(s.env));
            Printer.result(s, i, "Update added to " + i.id());
            return 0;
        }

        private int postTemplate(Session s) {
            Incident current = s.incidents.get(incident);
            StatusUpdate update = StatusUpdate.draft(current, s.incidents.slaPolicy(), s.incidents.clock().instant());
            update = update.withImpact(impact.orElse(update.impact())).withCurrentTheory(theory.orElse(update.currentTheory()))
                    .withNextAction(next.orElse(update.nextAction()));
            if (nextUpdate.isPresent()) {
                update = update.withNextUpdateIn(Duration.ofMinutes(nextUpdate.get()));
            }
            if (preview) {
                s.env.out.println(update.text());
                return 0;
            }
            Incident i = s.incidents.execute(incident, update.command(), options.context(s.env));
            Printer.result(s, i, "Status update posted to " + i.id() + ":" + System.lineSeparator() + System.lineSeparator()
                    + update.text());
            return 0;
        }

        private int postPublic(Session s) {
            Incident current = s.incidents.get(incident);
            List<PublicUpdate> posted = PublicUpdate.in(s.incidents.history(incident));
            Optional<PublicUpdate> last = posted.isEmpty() ? Optional.empty() : Optional.of(posted.get(posted.size() - 1));
            if (title.isEmpty() && last.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "Missing --title: the first public update of "
                        + current.id() + " names the incident for customers, such as --title \"Checkout issues\".");
            }
            String publicTitle = title.orElseGet(() -> last.get().title());
            PublicStatus publicStatus = status.map(PublicStatus::parse)
                    .orElseGet(() -> PublicUpdate.suggestedStatus(current, last));
            ComponentStatus impactNow = componentStatus.map(Update::componentStatus)
                    .orElseGet(() -> PublicUpdate.suggestedImpact(current, last, publicStatus));
            PostPublicUpdate command = new PostPublicUpdate(publicTitle, publicStatus, impactNow, note.get());
            // As the status page shows it: a resolved incident's services are operational again.
            ComponentStatus shownImpact = publicStatus == PublicStatus.RESOLVED ? ComponentStatus.OPERATIONAL : impactNow;
            String shown = publicStatus.label() + ": " + command.title() + " ("
                    + shownImpact.label().toLowerCase(Locale.ROOT) + ")" + System.lineSeparator() + note.get();
            if (preview) {
                s.env.out.println("Customers will read, on the status page:" + System.lineSeparator()
                        + System.lineSeparator() + shown);
                return 0;
            }
            Incident i = s.incidents.execute(incident, command, options.context(s.env));
            Printer.result(s, i, "Public update posted to " + i.id() + "; the status page now shows:"
                    + System.lineSeparator() + System.lineSeparator() + shown);
            return 0;
        }

        private static ComponentStatus componentStatus(String text) {
            try {
                return ComponentStatus.parse(text);
            } catch (ValidationException e) {
                throw new ValidationException("--component-status", e.rule(), text);
            }
        }
    }

    @Command(name = "escalate", description = "Raise an incident's severity.")
    static final class Escalate extends WithNote {
        @Option(names = "--severity", required = true, description = "The new, more severe level.")
        String severity;

        @Override
        int run(Session s) {
            Incident i = s.incidents.escalate(incident, Severity.parse(severity), note, options.context(s.env));
            Printer.result(s, i, "Incident " + i.id() + " is now " + i.severity());
            return 0;
        }
    }

    @Command(name = "downgrade", description = "Lower an incident's severity.")
    static final class Downgrade extends WithNote {
        @Option(names = "--severity", required = true, description = "The new, less severe level.")
        String severity;

        @Override
        int run(Session s) {
            Incident i = s.incidents.downgrade(incident, Severity.parse(severity), note, options.context(s.env));
            Printer.result(s, i, "Incident " + i.id() + " is now " + i.severity());
            return 0;
        }
    }

    @Command(name = "correlate", description = "Record another affected service.")
    static final class Correlate extends WithNote {
        @Option(names = "--service", required = true, description = "The service.")
        String service;

        @Override
        int run(Session s) {
            Incident i = s.incidents.correlateService(incident, service, note, options.context(s.env));
            Printer.result(s, i, "Incident " + i.id() + " affects " + String.join(", ", i.services()));
            return 0;
        }
    }

    @Command(name = "assign", description = "Give a role to someone.")
    static final class Assign extends OnIncident {
        @Option(names = "--role", required = true, description = "commander, tech-lead or comms-lead.")
        String role;

        @Option(names = "--user", required = true, description = "Who takes it.")
        String user;

        @Override
        int run(Session s) {
            Role r = Role.parse(role);
            Actor assignee = Options.actor("--user", user);
            Incident i = s.incidents.assignRole(incident, r, assignee, options.context(s.env));
            Printer.result(s, i, user + " is " + r.wireName() + " of " + i.id());
            return 0;
        }
    }

    @Command(name = "action", description = "Follow-up tasks.", subcommands = {ActionAdd.class, ActionDone.class})
    static final class Action {
    }

    @Command(name = "add", description = "Add a follow-up task.")
    static final class ActionAdd extends OnIncident {
        @Option(names = "--text", required = true, description = "What is to be done.")
        String text;

        @Option(names = "--owner", description = "Who does it.")
        Optional<String> owner = Optional.empty();

        @Option(names = "--due", paramLabel = "DATE", description = "By when, such as 2025-09-01.")
        Optional<String> due = Optional.empty();

        @Override
        int run(Session s) {
            Optional<LocalDate> dueDate = due.map(d -> {
                try {
                    return LocalDate.parse(d);
                } catch (DateTimeParseException e) {
                    throw new ValidationException("--due", "must be a date such as 2025-09-01", d);
                }
            });
            Incident i = s.incidents.addActionItem(incident, text, owner.map(o -> Options.actor("--owner", o)), dueDate, options.context(s.env));
            Printer.result(s, i, "Action item #" + i.actionItems().size() + " added to " + i.id());
            return 0;
        }
    }

    @Command(name = "done", description = "Mark a follow-up task as done.")
    static final class ActionDone extends OnIncident {
        @Option(names = "--item", required = true, paramLabel = "N", description = "The action item's number.")
        int item;

        @Override
        int run(Session s) {
            Incident i = s.incidents.completeActionItem(incident, item, options.context(s.env));
            Printer.result(s, i, "Action item #" + item + " of " + i.id() + " is done");
            return 0;
        }
    }
}
