package dev.incidentkit.core.internal;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.Command.Acknowledge;
import dev.incidentkit.core.Command.AddActionItem;
import dev.incidentkit.core.Command.AddNote;
import dev.incidentkit.core.Command.AssignRole;
import dev.incidentkit.core.Command.AttachAlerts;
import dev.incidentkit.core.Command.Cancel;
import dev.incidentkit.core.Command.ChangeSeverity;
import dev.incidentkit.core.Command.ChangeStatus;
import dev.incidentkit.core.Command.CompleteActionItem;
import dev.incidentkit.core.Command.CorrelateService;
import dev.incidentkit.core.Command.MarkDuplicate;
import dev.incidentkit.core.Command.PostPublicUpdate;
import dev.incidentkit.core.Command.RecordPage;
import dev.incidentkit.core.Command.RecordSlaBreach;
import dev.incidentkit.core.Command.RemindUpdate;
import dev.incidentkit.core.Command.Reopen;
import dev.incidentkit.core.Command.ResolveAlert;
import dev.incidentkit.core.Command.UpdatePostmortem;
import dev.incidentkit.core.CommandType;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.Lifecycle;
import dev.incidentkit.core.Postmortem;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.IncidentEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which events a command produces on an incident: the pure heart of every command.
 * Rejections are typed exceptions; an empty list means the command changes nothing (a safe
 * retry, such as acknowledging twice with the same note).
 */
public final class Decider {

    private final Lifecycle lifecycle;

    public Decider(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Checks the rules of a command's own fields, before anything is read. */
    public static void validate(Command command) {
        command.accept(FIELD_RULES);
    }

    /** The rules on each command's own fields. */
    private static final Command.Visitor<Void> FIELD_RULES = new Command.Visitor<>() {
        @Override
        public Void acknowledge(Acknowledge c) {
            Validation.note("note", c.note());
            return null;
        }

        @Override
        public Void changeStatus(ChangeStatus c) {
            Validation.note("note", c.note());
            return null;
        }

        @Override
        public Void reopen(Reopen c) {
            Validation.text("note", c.note(), 1, Validation.MAX_TEXT);
            return null;
        }

        @Override
        public Void cancel(Cancel c) {
            Validation.text("reason", c.reason(), 1, Validation.MAX_TEXT);
            return null;
        }

        @Override
        public Void markDuplicate(MarkDuplicate c) {
            Validation.singleLine("duplicateOf", c.duplicateOf(), 1, Validation.MAX_INCIDENT_ID);
            Validation.note("note", c.note());
            return null;
        }

        @Override
        public Void addNote(AddNote c) {
            Validation.text("note", c.note(), 1, Validation.MAX_TEXT);
            return null;
        }

        @Override
        public Void changeSeverity(ChangeSeverity c) {
            Validation.note("note", c.note());
            return null;
        }

        @Override
        public Void correlateService(CorrelateService c) {
            Validation.service("service", c.service());
            Validation.note("note", c.note());
            return null;
        }

        /** An Actor and a Role, both valid by construction. */
        @Override
        public Void assignRole(AssignRole c) {
            return null;
        }

        @Override
        public Void addActionItem(AddActionItem c) {
            Validation.text("text", c.text(), 1, Validation.MAX_TEXT);
            return null;
        }

        @Override
        public Void completeActionItem(CompleteActionItem c) {
            if (c.itemId() < 1) {
                throw new ValidationException("itemId", "must be at least 1", c.itemId());
            }
            Validation.note("note", c.note());
            return null;
        }

        @Override
        public Void updatePostmortem(UpdatePostmortem c) {
            var changes = c.changes();
            if (changes.isEmpty()) {
                throw new ValidationException("postmortem", "update must change at least one field", "nothing");
            }
            changes.summary().ifPresent(t -> Validation.note("summary", t));
            changes.rootCause().ifPresent(t -> Validation.note("rootCause", t));
            changes.contributingFactors().ifPresent(t -> Validation.note("contributingFactors", t));
            changes.impact().ifPresent(t -> Validation.note("impact", t));
            changes.wentWell().ifPresent(t -> Validation.note("wentWell", t));
            changes.wentPoorly().ifPresent(t -> Validation.note("wentPoorly", t));
            changes.resolution().ifPresent(t -> Validation.note("resolution", t));
            return null;
        }

        @Override
        public Void recordSlaBreach(RecordSlaBreach b) {
            if (b.target().isNegative() || b.target().isZero()) {
                throw new ValidationException("target", "must be positive", b.target());
            }
            Validation.instant("deadline", b.deadline());
            return null;
        }

        @Override
        public Void attachAlerts(AttachAlerts a) {
            for (AttachAlerts.Attachment each : a.alerts()) {
                Validation.singleLine("alert_id", each.alertId(), 1, 64);
            }
            return null;   // AlertDetails checked its own fields when it was made
        }

        @Override
        public Void resolveAlert(ResolveAlert r) {
            Validation.singleLine("alert_id", r.alertId(), 1, 64);
            Validation.service("source", r.source());
            Validation.singleLine("dedup_key", r.dedupKey(), 1, 255);
            Validation.text("summary", r.summary(), 1, 1024);
            if (r.repeats() < 1) {
                throw new ValidationException("repeats", "must be at least 1", r.repeats());
            }
            return null;
        }

        @Override
        public Void recordPage(RecordPage p) {
            Validation.singleLine("person", p.person(), 1, Validation.MAX_ON_CALL_ID);
            if (p.level() < 1) {
                throw new ValidationException("level", "must be at least 1", p.level());
            }
            if (p.round() < 1) {
                throw new ValidationException("round", "must be at least 1", p.round());
            }
            Validation.singleLine("policyId", p.policyId(), 1, Validation.MAX_ON_CALL_ID);
            Validation.singleLine("why", p.why(), 1, Validation.MAX_TEXT);
            Validation.channels(p.channels(), (rule, value) -> new ValidationException("channels", rule, value));
            return null;
        }

        @Override
        public Void postPublicUpdate(PostPublicUpdate p) {
            Validation.singleLine("title", p.title(), 1, Validation.MAX_TITLE);
            Validation.text("message", p.message(), 1, Validation.MAX_TEXT);
            return null;
        }

        @Override
        public Void remindUpdate(RemindUpdate r) {
            if (r.target().isNegative() || r.target().isZero()) {
                throw new ValidationException("target", "must be positive", r.target());
            }
            Validation.instant("deadline", r.deadline());
            return null;
        }
    };

    /**
     * Checks a declaration's rules, before an incident number is taken for it.
     *
     * @param declaredAt when it is declared, already checked against the clock
     * @return its event, without its number
     */
    public static IncidentEvent.Declared validate(Declare d, Instant declaredAt) {
        return declared("unnumbered", d, declaredAt);
    }

    /** Checks a declaration and turns it into its event, given its id and declaration instant. */
    public static IncidentEvent.Declared declared(String incidentId, Declare d, Instant declaredAt) {
        Validation.singleLine("title", d.title(), 1, Validation.MAX_TITLE);
        Validation.service("service", d.service());
        Validation.note("description", d.description());
        Instant detected = d.detectedAt().map(Times::micros).orElse(declaredAt);
        Instant impact = d.impactStartedAt().map(Times::micros).orElse(detected);
        Validation.instant("detectedAt", detected);
        Validation.instant("impactStartedAt", impact);
        if (detected.isAfter(declaredAt)) {
            throw new ValidationException("detectedAt", "must not be after the declaration (" + declaredAt + ")", detected);
        }
        if (impact.isAfter(detected)) {
            throw new ValidationException("impactStartedAt", "must not be after detectedAt (" + detected + ")", impact);
        }
        return new IncidentEvent.Declared(incidentId, d.title(), d.severity(), d.service(), Status.OPEN,
                d.description(), impact, detected, d.warRoom());
    }

    /**
     * The events {@code command} produces on {@code incident}, run by {@code actor}.
     *
     * @param lookup finds another incident, for a duplicate's survivor
     */
    public List<IncidentEvent> decide(
            Incident incident, Command command, Actor actor, Function<String, Optional<Incident>> lookup) {
        // An acknowledgment has rules of its own past OPEN: a responder joins with a role.
        if (command.type() != CommandType.ACKNOWLEDGE) {
            lifecycle.check(incident.id(), incident.status(), command.type());
        }
        return command.accept(new Decision(incident, actor, lookup));
    }

    /** The events each command produces on one incident. */
    private final class Decision implements Command.Visitor<List<IncidentEvent>> {
        private final Incident incident;
        private final Actor actor;
        private final Function<String, Optional<Incident>> lookup;

        Decision(Incident incident, Actor actor, Function<String, Optional<Incident>> lookup) {
            this.incident = incident;
            this.actor = actor;
            this.lookup = lookup;
        }

        @Override
        public List<IncidentEvent> acknowledge(Acknowledge a) {
            return Decider.this.acknowledge(incident, a, actor);
        }

        @Override
        public List<IncidentEvent> changeStatus(ChangeStatus c) {
            return List.of(new IncidentEvent.StatusChanged(incident.status(), c.to(), c.note()));
        }

        @Override
        public List<IncidentEvent> reopen(Reopen r) {
            return List.of(new IncidentEvent.StatusChanged(incident.status(), Status.INVESTIGATING, r.note()));
        }

        @Override
        public List<IncidentEvent> cancel(Cancel c) {
            return List.of(new IncidentEvent.Canceled(c.reason()));
        }

        @Override
        public List<IncidentEvent> markDuplicate(MarkDuplicate m) {
            if (m.duplicateOf().equals(incident.id())) {
                throw new ValidationException("duplicateOf", "must name another incident than " + incident.id(), m.duplicateOf());
            }
            Incident survivor = lookup.apply(m.duplicateOf()).orElseThrow(() -> new IncidentNotFoundException(m.duplicateOf()));
            if (survivor.status() == Status.DUPLICATE) {
                Status from = incident.status();
                throw new IllegalTransitionException(incident.id(), from, m.type(), lifecycle.allowed(from),
                        "the survivor " + survivor.id() + " is itself a duplicate of " + survivor.duplicateOf().orElse("?"));
            }
            return List.of(new IncidentEvent.MarkedDuplicate(m.duplicateOf(), m.note()));
        }

        @Override
        public List<IncidentEvent> addNote(AddNote n) {
            return List.of(new IncidentEvent.NoteAdded(n.note()));
        }

        @Override
        public List<IncidentEvent> changeSeverity(ChangeSeverity c) {
            if (c.to() == incident.severity()) {
                return List.of();
            }
            boolean up = c.to().isMoreSevereThan(incident.severity());
            if (c.direction() == ChangeSeverity.Direction.ESCALATE && !up) {
                throw new ValidationException("severity", "must be more severe than the current " + incident.severity()
                        + " to escalate", c.to());
            }
            if (c.direction() == ChangeSeverity.Direction.DOWNGRADE && up) {
                throw new ValidationException("severity", "must be less severe than the current " + incident.severity()
                        + " to downgrade", c.to());
            }
            return List.of(new IncidentEvent.SeverityChanged(incident.severity(), c.to(), c.note()));
        }

        @Override
        public List<IncidentEvent> correlateService(CorrelateService c) {
            if (incident.services().contains(c.service())) {
                return List.of();
            }
            return List.of(new IncidentEvent.ServiceCorrelated(c.service(), c.note()));
        }

        @Override
        public List<IncidentEvent> assignRole(AssignRole r) {
            if (incident.role(r.role()).filter(r.assignee()::equals).isPresent()) {
                return List.of();
            }
            return List.of(new IncidentEvent.RoleAssigned(r.role(), r.assignee()));
        }

        @Override
        public List<IncidentEvent> addActionItem(AddActionItem a) {
            return List.of(new IncidentEvent.ActionItemAdded(incident.actionItems().size() + 1, a.text(), a.owner(), a.due()));
        }

        @Override
        public List<IncidentEvent> completeActionItem(CompleteActionItem c) {
            var item = incident.actionItem(c.itemId()).orElseThrow(() -> new ValidationException("itemId",
                    "must name an action item of " + incident.id() + " (it has " + incident.actionItems().size() + ")",
                    c.itemId()));
            if (item.isDone()) {
                return List.of();
            }
            return List.of(new IncidentEvent.ActionItemCompleted(c.itemId(), c.note()));
        }

        @Override
        public List<IncidentEvent> updatePostmortem(UpdatePostmortem u) {
            Postmortem before = incident.postmortem();
            if (before.with(u.changes()).equals(before)) {
                return List.of();
            }
            return List.of(new IncidentEvent.PostmortemUpdated(u.changes()));
        }

        @Override
        public List<IncidentEvent> recordSlaBreach(RecordSlaBreach b) {
            // One breach per clock and deadline: what makes a monitor's retries and restarts safe.
            for (SlaBreach recorded : incident.slaBreaches()) {
                if (recorded.kind() == b.kind() && recorded.deadline().equals(b.deadline())) {
                    return List.of();
                }
            }
            if (!b.deadline().isAfter(incident.milestones().detectedAt())) {
                throw new ValidationException("deadline", "must be after the detection of " + incident.id() + " at "
                        + incident.milestones().detectedAt(), b.deadline());
            }
            return List.of(new IncidentEvent.SlaBreached(b.kind(), b.target(), b.deadline()));
        }

        @Override
        public List<IncidentEvent> attachAlerts(AttachAlerts a) {
            return a.alerts().stream()
                    .<IncidentEvent>map(each -> new IncidentEvent.AlertAttached(each.alertId(), each.alert()))
                    .toList();
        }

        @Override
        public List<IncidentEvent> resolveAlert(ResolveAlert r) {
            return List.of(new IncidentEvent.AlertResolved(r.alertId(), r.source(), r.dedupKey(), r.summary(), r.repeats()));
        }

        @Override
        public List<IncidentEvent> recordPage(RecordPage p) {
            return List.of(new IncidentEvent.Paged(p.person(), p.level(), p.round(), p.policyId(), p.why(), p.channels()));
        }

        @Override
        public List<IncidentEvent> postPublicUpdate(PostPublicUpdate p) {
            return List.of(new IncidentEvent.PublicUpdatePosted(p.title(), p.status(), p.impact(), p.message()));
        }

        @Override
        public List<IncidentEvent> remindUpdate(RemindUpdate r) {
            return List.of(new IncidentEvent.UpdateDue(r.deadline(), r.target(), incident.role(Role.COMMANDER)));
        }
    }

    /**
     * The first acknowledgment of an OPEN incident moves it to ACKNOWLEDGED (with the role taken,
     * if any). Once it has moved on, a responder joins it by acknowledging with a role, in any
     * active status: that records {@code incident.role_assigned} (and the note as
     * {@code incident.note_added}), never a second {@code incident.acknowledged}, whose readers
     * (status, milestones, SLA clocks) all take it for the move out of OPEN. Repeating an
     * acknowledgment (same actor and note, a role the actor holds already) is a no-op, so that
     * retries are safe; anything else is rejected.
     */
    private List<IncidentEvent> acknowledge(Incident incident, Acknowledge a, Actor actor) {
        Status from = incident.status();
        if (lifecycle.allows(from, CommandType.ACKNOWLEDGE)) {
            return List.of(new IncidentEvent.Acknowledged(a.note(), a.role()));
        }
        boolean holdsRole = a.role().isPresent() && incident.role(a.role().get()).filter(actor::equals).isPresent();
        boolean repeatsFirst = incident.acknowledgement()
                .filter(first -> first.by().equals(actor) && first.note().equals(a.note()))
                .isPresent();
        if (repeatsFirst && (a.role().isEmpty() || holdsRole)) {
            return List.of();
        }
        if (a.role().isPresent() && from.isActive() && lifecycle.allows(from, CommandType.ASSIGN_ROLE)) {
            if (holdsRole) {
                return List.of();
            }
            IncidentEvent role = new IncidentEvent.RoleAssigned(a.role().get(), actor);
            return a.note().isBlank() || repeatsFirst ? List.of(role) : List.of(role, new IncidentEvent.NoteAdded(a.note()));
        }
        String why = incident.acknowledgement()
                .map(first -> "was already acknowledged by " + first.by().name() + " at " + first.at())
                .orElse("moved on without an acknowledgment");
        throw new IllegalTransitionException(incident.id(), from, CommandType.ACKNOWLEDGE, lifecycle.allowed(from),
                from.isActive() ? why + "; acknowledge with a role to join it as a responder" : why);
    }
}
