package dev.incidentkit.core;

import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.internal.Validation;
import dev.incidentkit.core.oncall.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A command on an existing incident, run by {@link IncidentManager#execute}. Each is a small
 * record; the rules on its fields are checked when it runs, before anything is written. Notes
 * are optional text (empty for none) of at most 10,000 characters. Line breaks in notes and
 * other free text are kept as {@code \n}: a {@code \r\n} or a lone {@code \r} (as pasted from
 * another system) becomes {@code \n} when the command is made.
 *
 * @since 0.1.0
 */
public sealed interface Command {

    /** @return the kind of command, as {@link Lifecycle} knows it */
    CommandType type();

    /**
     * Calls the visitor's method for this record.
     *
     * @param visitor the visitor
     * @param <R> what it answers
     * @return its answer
     * @since 0.2.0
     */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per command record, so that a new command is a compile error in every visitor
     * (the decider's among them) until it answers for it.
     *
     * @param <R> what the visitor answers
     * @since 0.2.0
     */
    interface Visitor<R> {
        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R acknowledge(Acknowledge c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R changeStatus(ChangeStatus c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R reopen(Reopen c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R cancel(Cancel c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R markDuplicate(MarkDuplicate c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R addNote(AddNote c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R changeSeverity(ChangeSeverity c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R correlateService(CorrelateService c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R assignRole(AssignRole c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R addActionItem(AddActionItem c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R completeActionItem(CompleteActionItem c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R updatePostmortem(UpdatePostmortem c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         */
        R recordSlaBreach(RecordSlaBreach c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         * @since 0.3.0
         */
        R attachAlerts(AttachAlerts c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         * @since 0.3.0
         */
        R resolveAlert(ResolveAlert c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         * @since 0.4.0
         */
        R recordPage(RecordPage c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         * @since 0.5.0
         */
        R postPublicUpdate(PostPublicUpdate c);

        /**
         * @param c the command
         * @return the visitor's answer for it
         * @since 0.5.0
         */
        R remindUpdate(RemindUpdate c);
    }

    /**
     * Take the incident. Repeating it with the same actor and note is a no-op, so retries are
     * safe. With a role, it also lets another responder join an incident that has moved past
     * OPEN: see {@link IncidentManager#acknowledge(String, String, Role, CommandContext)}.
     *
     * @param note what you are doing
     * @param role a role you take with it, if any
     */
    record Acknowledge(String note, Optional<Role> role) implements Command {
        /** Checks that no component is null. */
        public Acknowledge {
            note = Validation.lineBreaks(Objects.requireNonNull(note, "note"));
            Objects.requireNonNull(role, "role");
        }

        @Override
        public CommandType type() {
            return CommandType.ACKNOWLEDGE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.acknowledge(this);
        }
    }

    /**
     * Move to INVESTIGATING, IDENTIFIED, MITIGATED, RESOLVED or CLOSED.
     *
     * @param to the status to move to
     * @param note why
     */
    record ChangeStatus(Status to, String note) implements Command {
        /** Checks the components. */
        public ChangeStatus {
            Objects.requireNonNull(to, "to");
            note = Validation.lineBreaks(Objects.requireNonNull(note, "note"));
            switch (to) {
                case INVESTIGATING: case IDENTIFIED: case MITIGATED: case RESOLVED: case CLOSED:
                    break;
                default:
                    throw new ValidationException("status", "must be investigating, identified, mitigated, resolved or closed", to);
            }
        }

        @Override
        public CommandType type() {
            switch (to) {
                case INVESTIGATING: return CommandType.INVESTIGATE;
                case IDENTIFIED: return CommandType.IDENTIFY;
                case MITIGATED: return CommandType.MITIGATE;
                case RESOLVED: return CommandType.RESOLVE;
                default: return CommandType.CLOSE;
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.changeStatus(this);
        }
    }

    /**
     * Bring a resolved, closed, canceled or duplicate incident back to INVESTIGATING.
     *
     * @param note why, required
     */
    record Reopen(String note) implements Command {
        /** Checks that no component is null. */
        public Reopen {
            note = Validation.lineBreaks(Objects.requireNonNull(note, "note"));
        }

        @Override
        public CommandType type() {
            return CommandType.REOPEN;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reopen(this);
        }
    }

    /**
     * Cancel an incident declared by mistake or without customer impact.
     *
     * @param reason why, required
     */
    record Cancel(String reason) implements Command {
        /** Checks that no component is null. */
        public Cancel {
            reason = Validation.lineBreaks(Objects.requireNonNull(reason, "reason"));
        }

        @Override
        public CommandType type() {
            return CommandType.CANCEL;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.cancel(this);
        }
    }

    /**
     * Mark the incident as a duplicate of another, which must exist and not be a duplicate itself.
     *
     * @param duplicateOf the surviving incident
     * @param note why
     */
    record MarkDuplicate(String duplicateOf, String note) implements Command {
        /** Checks that no component is null. */
        public MarkDuplicate {
            Objects.requireNonNull(duplicateOf, "duplicateOf");
            note = Validation.lineBreaks(Objects.requireNonNull(note, "note"));
        }

        @Override
        public CommandType type() {
            return CommandType.MARK_DUPLICATE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.markDuplicate(this);
        }
    }

    /**
     * A progress update.
     *
     * @param note the update, required
     */
    record AddNote(String note) implements Command {
        /** Checks that no component is null. */
        public AddNote {
            note = Validation.lineBreaks(Objects.requireNonNull(note, "note"));
        }

        @Override
        public CommandType type() {
            return CommandType.ADD_NOTE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.addNote(this);
        }
    }

    /**
     * Escalate or downgrade. Changing to the current severity is a no-op.
     *
     * @param to the new severity
     * @param direction which way the change must go
     * @param note why
     */
    record ChangeSeverity(Severity to, Direction direction, String note) implements Command {
        /** Checks that no component is null. */
        public ChangeSeverity {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(direction, "direction");
            note = Validation.lineBreaks(Objects.requireNonNull(note, "note"));
        }

        @Override
        public CommandType type() {
            return CommandType.CHANGE_SEVERITY;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.changeSeverity(this);
        }

        /** Which way a severity change must go. */
        public enum Direction {
            /** To a more severe level. */
            ESCALATE,
            /** To a less severe level. */
            DOWNGRADE,
            /** Either way. */
            ANY
        }
    }

    /**
     * Another service is affected. Correlating a service already listed is a no-op.
     *
     * @param service the service
     * @param note how
     */
    record CorrelateService(String service, String note) implements Command {
        /** Checks that no component is null. */
        public CorrelateService {
            Objects.requireNonNull(service, "service");
            note = Validation.lineBreaks(Objects.requireNonNull(note, "note"));
        }

        @Override
        public CommandType type() {
            return CommandType.CORRELATE_SERVICE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.correlateService(this);
        }
    }

    /**
     * Give a role to someone. Giving it to who holds it already is a no-op.
     *
     * @param role the role
     * @param assignee who takes it
     */
    record AssignRole(Role role, Actor assignee) implements Command {
        /** Checks that no component is null. */
        public AssignRole {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(assignee, "assignee");
        }

        @Override
        public CommandType type() {
            return CommandType.ASSIGN_ROLE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.assignRole(this);
        }
    }

    /**
     * A follow-up task.
     *
     * @param text what is to be done, 1 to 10,000 characters
     * @param owner who does it, if decided
     * @param due by when, if decided
     */
    record AddActionItem(String text, Optional<Actor> owner, Optional<LocalDate> due) implements Command {
        /** Checks that no component is null. */
        public AddActionItem {
            text = Validation.lineBreaks(Objects.requireNonNull(text, "text"));
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(due, "due");
        }

        @Override
        public CommandType type() {
            return CommandType.ADD_ACTION_ITEM;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.addActionItem(this);
        }
    }

    /**
     * A follow-up task is done. Completing it again is a no-op.
     *
     * @param itemId its number within the incident
     * @param note how
     */
    record CompleteActionItem(int itemId, String note) implements Command {
        /** Checks that no component is null. */
        public CompleteActionItem {
            note = Validation.lineBreaks(Objects.requireNonNull(note, "note"));
        }

        @Override
        public CommandType type() {
            return CommandType.COMPLETE_ACTION_ITEM;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.completeActionItem(this);
        }
    }

    /**
     * Write postmortem fields. Writing what is already there is a no-op.
     *
     * @param changes the fields to write, at least one
     */
    record UpdatePostmortem(PostmortemUpdate changes) implements Command {
        /** Checks that no component is null; line breaks in its fields become {@code \n}. */
        public UpdatePostmortem {
            Objects.requireNonNull(changes, "changes");
            changes = new PostmortemUpdate(changes.summary().map(Validation::lineBreaks),
                    changes.rootCause().map(Validation::lineBreaks), changes.contributingFactors().map(Validation::lineBreaks),
                    changes.impact().map(Validation::lineBreaks), changes.wentWell().map(Validation::lineBreaks),
                    changes.wentPoorly().map(Validation::lineBreaks), changes.resolution().map(Validation::lineBreaks));
        }

        @Override
        public CommandType type() {
            return CommandType.UPDATE_POSTMORTEM;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.updatePostmortem(this);
        }
    }

    /**
     * Record that an SLA clock ran out. Recording a breach of the same kind and deadline again is
     * a no-op, so that a monitor may retry, or run again after a restart, without duplicates.
     * Usually run by {@link dev.incidentkit.core.sla.SlaMonitor}, back-dated to when the clock
     * ran out.
     *
     * @param kind which clock
     * @param target its target, positive
     * @param deadline when it ran out
     * @since 0.1.0
     */
    record RecordSlaBreach(SlaKind kind, Duration target, Instant deadline) implements Command {
        /** Checks that no component is null. */
        public RecordSlaBreach {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(deadline, "deadline");
        }

        @Override
        public CommandType type() {
            return CommandType.RECORD_SLA_BREACH;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.recordSlaBreach(this);
        }
    }

    /**
     * Alerts join the incident: one {@code incident.alert_attached} event each, in one append.
     * Sent by {@link dev.incidentkit.core.alert.AlertIntake}, which decides through the alert
     * store which incident an alert joins.
     *
     * <p><b>Each alert once.</b> The event of each alert carries the command id {@link
     * #commandIdOf commandIdOf(alertId)}, whatever the context's: an alert that any process
     * attached already is left out of a later attachment (to this incident or another), so that
     * a process that takes over a router's claim, or a retry after a failure, never attaches an
     * alert twice. An attachment of alerts that are all attached already changes nothing.
     *
     * @param alerts the alerts, at least one, no id twice
     * @since 0.3.0
     */
    record AttachAlerts(List<Attachment> alerts) implements Command {
        /** Copies the list and checks that it is not empty and holds no alert id twice. */
        public AttachAlerts {
            alerts = List.copyOf(alerts);
            if (alerts.isEmpty()) {
                throw new IllegalArgumentException("an attachment needs at least one alert");
            }
            if (alerts.stream().map(Attachment::alertId).distinct().count() != alerts.size()) {
                throw new IllegalArgumentException("an attachment names an alert id twice: " + alerts);
            }
        }

        /**
         * @param alertId an alert's id
         * @param alert what the monitoring system said
         * @return the attachment of that one alert
         */
        public static AttachAlerts of(String alertId, AlertDetails alert) {
            return new AttachAlerts(List.of(new Attachment(alertId, alert)));
        }

        /**
         * @param alertId an alert's id in the alert store
         * @return the command id of its {@code incident.alert_attached} event: {@code alert:<id>:attached}
         */
        public static String commandIdOf(String alertId) {
            return "alert:" + alertId + ":attached";
        }

        /**
         * @param alertIds alerts to leave out
         * @return this attachment without them; empty if none is left
         */
        public Optional<AttachAlerts> without(Set<String> alertIds) {
            List<Attachment> left = alerts.stream().filter(a -> !alertIds.contains(a.alertId())).toList();
            return left.isEmpty() ? Optional.empty() : Optional.of(new AttachAlerts(left));
        }

        @Override
        public CommandType type() {
            return CommandType.ATTACH_ALERT;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.attachAlerts(this);
        }

        /**
         * One alert of an attachment.
         *
         * @param alertId the alert's id in the alert store
         * @param alert what the monitoring system said
         */
        public record Attachment(String alertId, AlertDetails alert) {
            /** Checks that no component is null. */
            public Attachment {
                Objects.requireNonNull(alertId, "alertId");
                Objects.requireNonNull(alert, "alert");
            }
        }
    }

    /**
     * An alert of the incident stopped firing. Sent by {@link dev.incidentkit.core.alert.AlertIntake}.
     *
     * @param alertId the alert's id in the alert store
     * @param source the system that sent it
     * @param dedupKey its dedup key
     * @param summary what it said was wrong
     * @param repeats how many times it was received while firing, at least 1
     * @since 0.3.0
     */
    record ResolveAlert(String alertId, String source, String dedupKey, String summary, long repeats)
            implements Command {
        /** Checks that no component is null. */
        public ResolveAlert {
            Objects.requireNonNull(alertId, "alertId");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(dedupKey, "dedupKey");
            Objects.requireNonNull(summary, "summary");
        }

        @Override
        public CommandType type() {
            return CommandType.RESOLVE_ALERT;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.resolveAlert(this);
        }
    }

    /**
     * Someone was paged: records one {@code incident.paged} event on the incident's timeline.
     * Sent by whatever runs the escalation ({@link dev.incidentkit.core.oncall.Escalations}), once
     * per person of each {@link Step.Page}, with the context's {@code occurredAt} at the page's
     * {@link Step.Page#at() due instant}. Taken while the incident is active only: an escalation
     * stops at the acknowledgment, but a page may race it, so OPEN through MITIGATED take it.
     *
     * @param person the id of the person paged, 1 to 128 characters on one line
     * @param level the number of the policy's level that paged them, from 1
     * @param round the time through the policy, from 1
     * @param policyId the escalation policy's id, 1 to 128 characters on one line
     * @param why why they were paged, on one line: the step's {@link Step.Page#why() why}
     * @param channels the contact methods the page was sent to or is to be sent to, such as
     *     {@code email} or {@code slack} (each {@code [a-z0-9][a-z0-9._-]{0,62}}, at most 16,
     *     none twice); empty when not known
     * @since 0.4.0
     */
    record RecordPage(String person, int level, int round, String policyId, String why, List<String> channels)
            implements Command {
        /** Checks that no component is null, and copies the channels. */
        public RecordPage {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(policyId, "policyId");
            Objects.requireNonNull(why, "why");
            channels = List.copyOf(channels);
        }

        /**
         * @param page a page the escalation engine says is due
         * @param person one of the people it pages
         * @param channels the contact methods it goes to for that person, possibly none
         * @return the command that records that person's page
         * @throws IllegalArgumentException if the page does not page {@code person}
         */
        public static RecordPage of(Step.Page page, String person, List<String> channels) {
            if (!page.people().contains(person)) {
                throw new IllegalArgumentException("the page of level " + page.level() + " does not page " + person
                        + "; it pages " + page.people());
            }
            return new RecordPage(person, page.level(), page.round(), page.next().policyId(), page.why(), channels);
        }

        @Override
        public CommandType type() {
            return CommandType.RECORD_PAGE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.recordPage(this);
        }
    }

    /**
     * An update for customers, for the public status page ({@code incident.public_update}): what
     * the page shows of the incident, and nothing else. Write it for customers: what they see, what
     * is being done, in plain words. Taken in every status but closed, canceled and duplicate.
     *
     * @param title the incident's public title, 1 to 200 characters on one line, such as {@code
     *     Checkout issues}: not necessarily its internal title
     * @param status where the incident stands for customers
     * @param impact how its services work meanwhile
     * @param message what customers read, 1 to 10,000 characters
     * @since 0.5.0
     */
    record PostPublicUpdate(String title, PublicStatus status, ComponentStatus impact, String message)
            implements Command {
        /** Checks that no component is null; strips the title. */
        public PostPublicUpdate {
            title = Objects.requireNonNull(title, "title").strip();
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(impact, "impact");
            message = Validation.lineBreaks(Objects.requireNonNull(message, "message"));
        }

        @Override
        public CommandType type() {
            return CommandType.POST_PUBLIC_UPDATE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.postPublicUpdate(this);
        }
    }

    /**
     * The reminder that the next update is due at {@code deadline} ({@code incident.update_due}),
     * with the incident's commander, if any; sent by the {@link dev.incidentkit.core.sla.SlaMonitor}
     * once per deadline, under a command id of that deadline, so that a retry writes nothing.
     *
     * @param deadline when the update is due
     * @param target the update cadence it is due by, positive
     * @since 0.5.0
     */
    record RemindUpdate(Instant deadline, Duration target) implements Command {
        /** Checks that no component is null. */
        public RemindUpdate {
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public CommandType type() {
            return CommandType.REMIND_UPDATE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.remindUpdate(this);
        }
    }
}
