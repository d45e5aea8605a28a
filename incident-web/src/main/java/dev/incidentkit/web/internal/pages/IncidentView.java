package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.Command.ChangeSeverity.Direction;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Postmortem;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.sla.SlaStatus;
import dev.incidentkit.core.timeline.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One incident's page ({@code /incidents/INC-2025-001}): its summary, status flow, SLA clocks,
 * roles, services and timeline, its action items and postmortem, the downloads of its exports,
 * and a form for every action the viewer may take in its status.
 *
 * @param frame the page's frame
 * @param incident the incident as it is now
 * @param flow the status flow's steps, in lifecycle order
 * @param sla every SLA clock of its severity
 * @param roles who holds each role
 * @param timeline its timeline, oldest first, as the walkthrough shows it
 * @param actionItems its action items
 * @param postmortem the postmortem's sections, in the Markdown export's order
 * @param offers the actions offered, by the name of their API route ({@code acknowledge},
 *     {@code notes}, {@code investigate}, {@code escalate}, {@code action-items}, ...)
 * @param escalateTo the severities it may be escalated to, most severe first
 * @param downgradeTo the severities it may be downgraded to
 * @param alerts its alerts, received last first, when the server receives alerts
 * @param escalation where its escalation stands, when the server has an escalator and it is escalated
 * @param nextUpdate when the next update is due, in words, or empty when none is
 * @param statusUpdate the "Post update" form, when the viewer may add an update
 * @param publicUpdate the "Post public update" form, when the viewer may post one
 */
public record IncidentView(
        Frame frame,
        Incident incident,
        List<Step> flow,
        List<SlaCell> sla,
        List<RoleRow> roles,
        List<TimelineRow> timeline,
        List<ItemRow> actionItems,
        List<Section> postmortem,
        Set<String> offers,
        List<Severity> escalateTo,
        List<Severity> downgradeTo,
        Optional<List<AlertsView.AlertRow>> alerts,
        Optional<EscalationLine> escalation,
        String nextUpdate,
        Optional<StatusUpdateForm> statusUpdate,
        Optional<PublicUpdateForm> publicUpdate) {

    /**
     * A step of the status flow.
     *
     * @param label the status, such as {@code Acknowledged}
     * @param state {@code done}, {@code current} or {@code todo}
     * @param at when it was reached, in words, or empty
     */
    public record Step(String label, String state, String at) {}

    /**
     * A role and its holder.
     *
     * @param role the role in words
     * @param value the role's API name, such as {@code tech-lead}
     * @param holder who holds it, or empty
     */
    public record RoleRow(String role, String value, String holder) {}

    /**
     * A timeline entry.
     *
     * @param at such as {@code 14:32}
     * @param day such as {@code 2025-08-23}
     * @param iso for {@code <time datetime>}
     * @param headline such as {@code Incident acknowledged}
     * @param by who, or empty when the headline names them
     * @param text their note, if any
     * @param badge what kind of entry it is, when it is one to set apart: {@code Public} (a public
     *     update, which customers read) or {@code Reminder} (an update is due); else empty
     */
    public record TimelineRow(String at, String day, String iso, String headline, String by, String text, String badge) {
        /** @return the CSS class of the badge, such as {@code public} */
        public String badgeClass() {
            return badge.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * An action item.
     *
     * @param id its number
     * @param text what is to be done
     * @param owner who owns it, or empty
     * @param due its due day, or empty
     * @param done whether it is completed
     * @param completable whether the viewer may complete it now
     */
    public record ItemRow(int id, String text, String owner, String due, boolean done, boolean completable) {}

    /**
     * A postmortem section.
     *
     * @param title such as {@code Root cause}
     * @param field its API field, such as {@code root_cause}
     * @param text what is written, possibly empty
     */
    public record Section(String title, String field, String text) {}

    /** The status flow of a normal incident; canceled and duplicate ones end it early. */
    private static final List<Status> FLOW = List.of(Status.OPEN, Status.ACKNOWLEDGED, Status.INVESTIGATING,
            Status.IDENTIFIED, Status.MITIGATED, Status.RESOLVED, Status.CLOSED);

    /** @return this page with another frame */
    IncidentView withFrame(Frame other) {
        return new IncidentView(other, incident, flow, sla, roles, timeline, actionItems, postmortem, offers, escalateTo,
                downgradeTo, alerts, escalation, nextUpdate, statusUpdate, publicUpdate);
    }

    /**
     * @param action an action's route name
     * @return whether the page offers it
     */
    public boolean offers(String action) {
        return offers.contains(action);
    }

    /** @return whether the viewer may do anything to it here */
    public boolean anyAction() {
        return !offers.isEmpty();
    }

    /** @return every role's API name and words, for the role selects */
    public List<RoleRow> roleChoices() {
        return Arrays.stream(Role.values()).map(r -> new RoleRow(Texts.role(r), r.wireName(), "")).toList();
    }

    static IncidentView of(IncidentManager incidents, Viewer viewer, String id, Instant now,
            Optional<AlertIntake> alertIntake, Optional<Escalation> escalation, Function<String, Optional<String>> query) {
        List<RecordedEvent> history = incidents.history(id); // names a missing incident itself
        Incident incident = Incident.replay(history);
        List<TimelineRow> timeline = Timeline.of(history).stream()
                .map(e -> new TimelineRow(Texts.time(e.at()), Texts.day(e.at()), Texts.iso(e.at()), e.headline(),
                        Texts.by(e), e.text(), badge(e.type())))
                .toList();
        List<RoleRow> roles = Arrays.stream(Role.values())
                .map(r -> new RoleRow(Texts.role(r), r.wireName(), incident.role(r).map(Actor::name).orElse("")))
                .toList();
        List<Severity> escalate = Arrays.stream(Severity.values()).filter(s -> s.isMoreSevereThan(incident.severity())).toList();
        List<Severity> downgrade = Arrays.stream(Severity.values()).filter(s -> incident.severity().isMoreSevereThan(s)).toList();
        List<ItemRow> items = incident.actionItems().stream().map(item -> item(viewer, incident, item)).toList();
        SlaStatus sla = incidents.slaPolicy().status(history, now);
        Set<String> offers = offers(viewer, incident, escalate, downgrade);
        Optional<StatusUpdateForm> statusUpdate = offers.contains("notes")
                ? Optional.of(StatusUpdateForm.of(incident, incidents.slaPolicy(), now, query)) : Optional.empty();
        Optional<PublicUpdateForm> publicUpdate = offers.contains("public-updates")
                ? Optional.of(PublicUpdateForm.of(incident, history, now, query)) : Optional.empty();
        return new IncidentView(new Frame(id, "incidents", Optional.empty(), Optional.empty(), false, false, false), incident,
                flow(incident), SlaCell.of(sla, true), roles, timeline, items,
                sections(incident.postmortem()), offers, escalate, downgrade,
                alertIntake.map(a -> AlertsView.ofIncident(a, id)), escalation.map(e -> EscalationLine.of(e, now)),
                StatusUpdateForm.nextDue(sla), statusUpdate, publicUpdate);
    }

    /** @return the badge of a timeline entry of this type: public updates and update reminders stand out */
    private static String badge(String type) {
        return switch (type) {
            case EventTypes.PUBLIC_UPDATE -> "Public";
            case EventTypes.UPDATE_DUE -> "Reminder";
            default -> "";
        };
    }

    private static ItemRow item(Viewer viewer, Incident incident, ActionItem item) {
        return new ItemRow(item.id(), item.text(), item.owner().map(Actor::name).orElse(""),
                item.due().map(Object::toString).orElse(""), item.completedAt().isPresent(),
                item.completedAt().isEmpty() && viewer.may(incident, new Command.CompleteActionItem(item.id(), "")));
    }

    private static Set<String> offers(Viewer viewer, Incident incident, List<Severity> escalate, List<Severity> downgrade) {
        var out = new LinkedHashSet<String>();
        offer(out, viewer, incident, "acknowledge", new Command.Acknowledge("", Optional.empty()));
        offer(out, viewer, incident, "notes", new Command.AddNote("-"));
        offer(out, viewer, incident, "investigate", new Command.ChangeStatus(Status.INVESTIGATING, ""));
        offer(out, viewer, incident, "identify", new Command.ChangeStatus(Status.IDENTIFIED, ""));
        offer(out, viewer, incident, "mitigate", new Command.ChangeStatus(Status.MITIGATED, ""));
        offer(out, viewer, incident, "resolve", new Command.ChangeStatus(Status.RESOLVED, ""));
        offer(out, viewer, incident, "close", new Command.ChangeStatus(Status.CLOSED, ""));
        offer(out, viewer, incident, "reopen", new Command.Reopen("-"));
        offer(out, viewer, incident, "cancel", new Command.Cancel("-"));
        offer(out, viewer, incident, "mark-duplicate", new Command.MarkDuplicate("-", ""));
        if (!escalate.isEmpty()) {
            offer(out, viewer, incident, "escalate", new Command.ChangeSeverity(escalate.get(0), Direction.ESCALATE, ""));
        }
        if (!downgrade.isEmpty()) {
            offer(out, viewer, incident, "downgrade", new Command.ChangeSeverity(downgrade.get(0), Direction.DOWNGRADE, ""));
        }
        offer(out, viewer, incident, "correlate", new Command.CorrelateService("-", ""));
        offer(out, viewer, incident, "assign", new Command.AssignRole(Role.TECH_LEAD, viewer.actor()));
        offer(out, viewer, incident, "action-items", new Command.AddActionItem("-", Optional.empty(), Optional.empty()));
        offer(out, viewer, incident, "public-updates", new Command.PostPublicUpdate("-", PublicStatus.INVESTIGATING,
                ComponentStatus.OPERATIONAL, "-"));
        offer(out, viewer, incident, "postmortem", new Command.UpdatePostmortem(new PostmortemUpdate(Optional.of("-"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
        return Set.copyOf(out);
    }

    private static void offer(Set<String> out, Viewer viewer, Incident incident, String name, Command command) {
        if (viewer.may(incident, command)) {
            out.add(name);
        }
    }

    private static List<Step> flow(Incident incident) {
        Milestones m = incident.milestones();
        int current = FLOW.indexOf(incident.status());
        var out = new ArrayList<Step>();
        for (int i = 0; i < FLOW.size(); i++) {
            Status s = FLOW.get(i);
            Optional<Instant> at = switch (s) {
                case OPEN -> Optional.of(m.declaredAt());
                case ACKNOWLEDGED -> m.acknowledgedAt();
                case IDENTIFIED -> m.identifiedAt();
                case MITIGATED -> m.mitigatedAt();
                case RESOLVED -> m.resolvedAt();
                case CLOSED -> m.closedAt();
                default -> Optional.empty();
            };
            String state = current < 0 ? (at.isPresent() ? "done" : "todo")
                    : i < current ? "done" : i == current ? "current" : "todo";
            out.add(new Step(Texts.status(s), state, at.map(Texts::dateTime).orElse("")));
        }
        return out;
    }

    private static List<Section> sections(Postmortem p) {
        return List.of(new Section("Summary", "summary", p.summary()),
                new Section("Impact", "impact", p.impact()),
                new Section("Root cause", "root_cause", p.rootCause()),
                new Section("Contributing factors", "contributing_factors", p.contributingFactors()),
                new Section("Resolution", "resolution", p.resolution()),
                new Section("What went well", "went_well", p.wentWell()),
                new Section("What went poorly", "went_poorly", p.wentPoorly()));
    }
}
