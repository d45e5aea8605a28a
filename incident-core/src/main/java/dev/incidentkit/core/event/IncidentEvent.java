package dev.incidentkit.core.event;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.format.EventDataFormat;
import dev.incidentkit.core.format.EventDataReader;
import dev.incidentkit.core.format.EventDataWriter;
import dev.incidentkit.core.internal.Validation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One fact of an incident's life. Each record's {@link #type()} is its CloudEvents {@code type};
 * its components become the snake_case fields of the event's JSON data. Notes are plain text,
 * empty when none was given.
 *
 * <p>Each record knows what it means: its timeline headline and text, whether it moves an SLA
 * clock or the status, how its data is written ({@link #writeData}) and read (its static {@code
 * read}, listed by {@link EventDataFormat}). A new event type is a new record here, its type in
 * {@link EventTypes} and its reader in {@link EventDataFormat}; the compiler then names every
 * {@link Visitor} that must answer for it.
 *
 * @since 0.1.0
 */
public sealed interface IncidentEvent {

    /**
     * The schema version every event of this release is written with: the version of the {@link
     * EventDataFormat event data format}.
     */
    int SCHEMA_VERSION = EventDataFormat.VERSION;

    /** @return the CloudEvents type, such as {@code incident.declared} */
    String type();

    /**
     * @param actor who recorded the event
     * @return the headline of its timeline entry, such as {@code Incident mitigated}
     * @since 0.2.0
     */
    String headline(Actor actor);

    /**
     * @return the text of its timeline entry: the note, reason, title or task it carries; empty if none
     * @since 0.2.0
     */
    String timelineText();

    /**
     * The text the actor gave with the event, as a notification shows it: its {@link
     * #timelineText()}, except for a declaration, whose title is the notification's subject and
     * whose description is the comment.
     *
     * @return that text, or empty if there is none
     * @since 0.2.0
     */
    default Optional<String> comment() {
        String text = timelineText();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * @return whether the event can start, stop or restart an SLA clock: a declaration, an
     *     acknowledgment, a change of status or severity, a progress update, a cancellation or a
     *     duplicate
     * @since 0.2.0
     */
    boolean movesSlaClock();

    /**
     * @return whether the event can change the incident's status
     * @since 0.2.0
     */
    boolean movesStatus();

    /**
     * Writes the event's data fields, in the order of the {@link EventDataFormat event data format}.
     *
     * @param out where to write them
     * @since 0.2.0
     */
    void writeData(EventDataWriter out);

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
     * One method per event record, so that a new record is a compile error in every visitor until
     * it answers for it: the Java 17 way to a switch that misses no case.
     *
     * @param <R> what the visitor answers
     * @since 0.2.0
     */
    interface Visitor<R> {
        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R declared(Declared e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R acknowledged(Acknowledged e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R statusChanged(StatusChanged e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R noteAdded(NoteAdded e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R severityChanged(SeverityChanged e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R serviceCorrelated(ServiceCorrelated e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R roleAssigned(RoleAssigned e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R actionItemAdded(ActionItemAdded e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R actionItemCompleted(ActionItemCompleted e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R postmortemUpdated(PostmortemUpdated e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R slaBreached(SlaBreached e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R canceled(Canceled e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         */
        R markedDuplicate(MarkedDuplicate e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         * @since 0.3.0
         */
        R alertAttached(AlertAttached e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         * @since 0.3.0
         */
        R alertResolved(AlertResolved e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         * @since 0.4.0
         */
        R paged(Paged e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         * @since 0.5.0
         */
        R publicUpdatePosted(PublicUpdatePosted e);

        /**
         * @param e the event
         * @return the visitor's answer for it
         * @since 0.5.0
         */
        R updateDue(UpdateDue e);
    }

    /**
     * The incident was declared: the first event of every incident.
     *
     * @param incidentId the new id, such as {@code INC-2025-001}
     * @param title what is wrong, 1 to 200 characters
     * @param severity how bad it is
     * @param service the primary affected service
     * @param status always {@link Status#OPEN}
     * @param description more detail, possibly empty
     * @param impactStartedAt when users started to feel it
     * @param detectedAt when it was noticed; SLA clocks start here
     * @param warRoom whether a war room was opened
     */
    record Declared(
            String incidentId,
            String title,
            Severity severity,
            String service,
            Status status,
            String description,
            Instant impactStartedAt,
            Instant detectedAt,
            boolean warRoom) implements IncidentEvent {
        /** Checks that no component is null. */
        public Declared {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(impactStartedAt, "impactStartedAt");
            Objects.requireNonNull(detectedAt, "detectedAt");
        }

        @Override
        public String type() {
            return EventTypes.DECLARED;
        }

        @Override
        public String headline(Actor actor) {
            return "Incident declared (" + severity + ")";
        }

        @Override
        public String timelineText() {
            return title;
        }

        /** @return the description: what the declaring actor said besides the title */
        @Override
        public Optional<String> comment() {
            return description.isEmpty() ? Optional.empty() : Optional.of(description);
        }

        @Override
        public boolean movesSlaClock() {
            return true;
        }

        @Override
        public boolean movesStatus() {
            return true;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("incident_id", incidentId);
            out.string("title", title);
            out.string("severity", severity.toString());
            out.string("service", service);
            out.string("status", status.wireName());
            out.string("description", description);
            out.instant("impact_started_at", impactStartedAt);
            out.instant("detected_at", detectedAt);
            out.bool("war_room", warRoom);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.declared(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static Declared read(EventDataReader in) {
            String title = in.singleLine("title", Validation.MAX_TITLE);
            Status status = in.parse("status", Status::parse);
            if (status != Status.OPEN) {
                throw in.invalid("status", "must be open in incident.declared", status);
            }
            return new Declared(
                    in.singleLine("incident_id", Validation.MAX_INCIDENT_ID),
                    title,
                    in.parse("severity", Severity::parse),
                    in.service("service"),
                    status,
                    in.note("description"),
                    in.instant("impact_started_at"),
                    in.instant("detected_at"),
                    in.bool("war_room"));
        }
    }

    /**
     * Someone took the incident, possibly taking a role with it.
     *
     * @param note what they are doing, possibly empty
     * @param role the role they took, if any
     */
    record Acknowledged(String note, Optional<Role> role) implements IncidentEvent {
        /** Checks that no component is null. */
        public Acknowledged {
            Objects.requireNonNull(note, "note");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String type() {
            return EventTypes.ACKNOWLEDGED;
        }

        @Override
        public String headline(Actor actor) {
            return "Acknowledged by " + actor.name() + role.map(r -> " as " + r.wireName()).orElse("");
        }

        @Override
        public String timelineText() {
            return note;
        }

        @Override
        public boolean movesSlaClock() {
            return true;
        }

        @Override
        public boolean movesStatus() {
            return true;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("note", note);
            if (role.isPresent()) {
                out.string("role", role.get().wireName());
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.acknowledged(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static Acknowledged read(EventDataReader in) {
            return new Acknowledged(in.note("note"), in.optionalString("role").map(r -> in.parse("role", Role::parse)));
        }
    }

    /**
     * The status changed: investigating, identified, mitigated, resolved, closed, or reopened
     * (back to investigating from resolved, closed, canceled or duplicate).
     *
     * @param from the status before
     * @param to the status after
     * @param note why, possibly empty
     */
    record StatusChanged(Status from, Status to, String note) implements IncidentEvent {
        /** Checks that no component is null. */
        public StatusChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(note, "note");
        }

        /** @return whether this change brings a resolved, closed, canceled or duplicate incident back */
        public boolean isReopen() {
            return !from.isActive() && to.isActive();
        }

        @Override
        public String type() {
            return isReopen() ? EventTypes.REOPENED : EventTypes.statusChange(to);
        }

        @Override
        public String headline(Actor actor) {
            return isReopen() ? "Incident reopened" : "Incident " + to.wireName();
        }

        @Override
        public String timelineText() {
            return note;
        }

        @Override
        public boolean movesSlaClock() {
            return true;
        }

        @Override
        public boolean movesStatus() {
            return true;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("from", from.wireName());
            out.string("to", to.wireName());
            out.string("note", note);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.statusChanged(this);
        }

        /**
         * Reads a status change whose {@code to} is the status its type names (investigating for a
         * reopen) and whose {@code from} makes it a reopen exactly when the type says so: checked
         * here because {@link #type()} cannot name a type for every pair of statuses.
         *
         * @param type one of the six status-change types, such as {@code incident.mitigated}
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or does not fit the type
         * @throws IllegalArgumentException if {@code type} is not a status-change type
         */
        public static StatusChanged read(String type, EventDataReader in) {
            Status expected = statusAfter(type);
            Status from = in.parse("from", Status::parse);
            Status to = in.parse("to", Status::parse);
            if (to != expected) {
                throw in.invalid("to", "must be " + expected.wireName() + " in " + type, to.wireName());
            }
            StatusChanged change = new StatusChanged(from, to, in.note("note"));
            if (!change.type().equals(type)) {
                throw in.invalid("from", EventTypes.REOPENED.equals(type)
                        ? "must be resolved, closed, canceled or duplicate in " + type
                        : "must be open, acknowledged, investigating, identified or mitigated in " + type, from.wireName());
            }
            return change;
        }

        private static Status statusAfter(String type) {
            switch (type) {
                case EventTypes.INVESTIGATING: return Status.INVESTIGATING;
                case EventTypes.IDENTIFIED: return Status.IDENTIFIED;
                case EventTypes.MITIGATED: return Status.MITIGATED;
                case EventTypes.RESOLVED: return Status.RESOLVED;
                case EventTypes.CLOSED: return Status.CLOSED;
                case EventTypes.REOPENED: return Status.INVESTIGATING;
                default: throw new IllegalArgumentException(type + " is not a status-change type");
            }
        }
    }

    /**
     * A progress update.
     *
     * @param note the update
     */
    record NoteAdded(String note) implements IncidentEvent {
        /** Checks that no component is null. */
        public NoteAdded {
            Objects.requireNonNull(note, "note");
        }

        @Override
        public String type() {
            return EventTypes.NOTE_ADDED;
        }

        @Override
        public String headline(Actor actor) {
            return "Update from " + actor.name();
        }

        @Override
        public String timelineText() {
            return note;
        }

        @Override
        public boolean movesSlaClock() {
            return true;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("note", note);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.noteAdded(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static NoteAdded read(EventDataReader in) {
            return new NoteAdded(in.text("note"));
        }
    }

    /**
     * Escalated or downgraded.
     *
     * @param from the severity before
     * @param to the severity after
     * @param note why, possibly empty
     */
    record SeverityChanged(Severity from, Severity to, String note) implements IncidentEvent {
        /** Checks that no component is null. */
        public SeverityChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(note, "note");
        }

        @Override
        public String type() {
            return EventTypes.SEVERITY_CHANGED;
        }

        @Override
        public String headline(Actor actor) {
            return (to.isMoreSevereThan(from) ? "Escalated" : "Downgraded") + " from " + from + " to " + to;
        }

        @Override
        public String timelineText() {
            return note;
        }

        @Override
        public boolean movesSlaClock() {
            return true;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("from", from.toString());
            out.string("to", to.toString());
            out.string("note", note);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.severityChanged(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static SeverityChanged read(EventDataReader in) {
            return new SeverityChanged(in.parse("from", Severity::parse), in.parse("to", Severity::parse), in.note("note"));
        }
    }

    /**
     * Another service is affected.
     *
     * @param service the service
     * @param note how, possibly empty
     */
    record ServiceCorrelated(String service, String note) implements IncidentEvent {
        /** Checks that no component is null. */
        public ServiceCorrelated {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(note, "note");
        }

        @Override
        public String type() {
            return EventTypes.SERVICE_CORRELATED;
        }

        @Override
        public String headline(Actor actor) {
            return "Service " + service + " correlated";
        }

        @Override
        public String timelineText() {
            return note;
        }

        @Override
        public boolean movesSlaClock() {
            return false;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("service", service);
            out.string("note", note);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.serviceCorrelated(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static ServiceCorrelated read(EventDataReader in) {
            return new ServiceCorrelated(in.service("service"), in.note("note"));
        }
    }

    /**
     * A role was given to someone.
     *
     * @param role the role
     * @param assignee who holds it now
     */
    record RoleAssigned(Role role, Actor assignee) implements IncidentEvent {
        /** Checks that no component is null. */
        public RoleAssigned {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(assignee, "assignee");
        }

        @Override
        public String type() {
            return EventTypes.ROLE_ASSIGNED;
        }

        @Override
        public String headline(Actor actor) {
            return assignee.name() + " assigned as " + role.wireName();
        }

        @Override
        public String timelineText() {
            return "";
        }

        @Override
        public boolean movesSlaClock() {
            return false;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("role", role.wireName());
            out.string("assignee", assignee.name());
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.roleAssigned(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static RoleAssigned read(EventDataReader in) {
            return new RoleAssigned(in.parse("role", Role::parse), in.parse("assignee", Actor::of));
        }
    }

    /**
     * A follow-up task.
     *
     * @param itemId its number within the incident, from 1
     * @param text what is to be done
     * @param owner who does it, if decided
     * @param due by when, if decided
     */
    record ActionItemAdded(int itemId, String text, Optional<Actor> owner, Optional<LocalDate> due)
            implements IncidentEvent {
        /** Checks that no component is null. */
        public ActionItemAdded {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(due, "due");
        }

        @Override
        public String type() {
            return EventTypes.ACTION_ITEM_ADDED;
        }

        @Override
        public String headline(Actor actor) {
            return "Action item #" + itemId + " added";
        }

        @Override
        public String timelineText() {
            return text;
        }

        @Override
        public boolean movesSlaClock() {
            return false;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.integer("item_id", itemId);
            out.string("text", text);
            if (owner.isPresent()) {
                out.string("owner", owner.get().name());
            }
            if (due.isPresent()) {
                out.string("due", due.get().toString());
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.actionItemAdded(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static ActionItemAdded read(EventDataReader in) {
            return new ActionItemAdded(
                    in.positiveInt("item_id"),
                    in.text("text"),
                    in.optionalString("owner").map(o -> in.parse("owner", Actor::of)),
                    in.optionalString("due").map(d -> in.parse("due", LocalDate::parse)));
        }
    }

    /**
     * A follow-up task is done.
     *
     * @param itemId its number within the incident
     * @param note how, possibly empty
     */
    record ActionItemCompleted(int itemId, String note) implements IncidentEvent {
        /** Checks that no component is null. */
        public ActionItemCompleted {
            Objects.requireNonNull(note, "note");
        }

        @Override
        public String type() {
            return EventTypes.ACTION_ITEM_COMPLETED;
        }

        @Override
        public String headline(Actor actor) {
            return "Action item #" + itemId + " completed";
        }

        @Override
        public String timelineText() {
            return note;
        }

        @Override
        public boolean movesSlaClock() {
            return false;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.integer("item_id", itemId);
            out.string("note", note);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.actionItemCompleted(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static ActionItemCompleted read(EventDataReader in) {
            return new ActionItemCompleted(in.positiveInt("item_id"), in.note("note"));
        }
    }

    /**
     * Postmortem fields were written; absent fields were left as they were.
     *
     * @param changes the fields written
     */
    record PostmortemUpdated(PostmortemUpdate changes) implements IncidentEvent {
        /** Checks that no component is null. */
        public PostmortemUpdated {
            Objects.requireNonNull(changes, "changes");
        }

        @Override
        public String type() {
            return EventTypes.POSTMORTEM_UPDATED;
        }

        @Override
        public String headline(Actor actor) {
            return "Postmortem updated";
        }

        @Override
        public String timelineText() {
            return "";
        }

        @Override
        public boolean movesSlaClock() {
            return false;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.optionalString("summary", changes.summary());
            out.optionalString("root_cause", changes.rootCause());
            out.optionalString("contributing_factors", changes.contributingFactors());
            out.optionalString("impact", changes.impact());
            out.optionalString("went_well", changes.wentWell());
            out.optionalString("went_poorly", changes.wentPoorly());
            out.optionalString("resolution", changes.resolution());
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.postmortemUpdated(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static PostmortemUpdated read(EventDataReader in) {
            return new PostmortemUpdated(new PostmortemUpdate(
                    in.optionalNote("summary"),
                    in.optionalNote("root_cause"),
                    in.optionalNote("contributing_factors"),
                    in.optionalNote("impact"),
                    in.optionalNote("went_well"),
                    in.optionalNote("went_poorly"),
                    in.optionalNote("resolution")));
        }
    }

    /**
     * An SLA clock ran out. Recorded once per clock and deadline.
     *
     * @param kind which clock
     * @param target its target, such as 15 minutes
     * @param deadline when it ran out
     */
    record SlaBreached(SlaKind kind, Duration target, Instant deadline) implements IncidentEvent {
        /** Checks that no component is null. */
        public SlaBreached {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(deadline, "deadline");
        }

        @Override
        public String type() {
            return EventTypes.SLA_BREACHED;
        }

        @Override
        public String headline(Actor actor) {
            return "SLA breached: " + kind.wireName() + " within " + target.toString().substring(2).toLowerCase(Locale.ROOT);
        }

        @Override
        public String timelineText() {
            return "";
        }

        @Override
        public boolean movesSlaClock() {
            return false;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("kind", kind.wireName());
            out.string("target", target.toString());
            out.instant("deadline", deadline);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.slaBreached(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static SlaBreached read(EventDataReader in) {
            return new SlaBreached(in.parse("kind", SlaKind::parse), in.parse("target", Duration::parse), in.instant("deadline"));
        }
    }

    /**
     * Declared by mistake or without customer impact.
     *
     * @param reason why
     */
    record Canceled(String reason) implements IncidentEvent {
        /** Checks that no component is null. */
        public Canceled {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return EventTypes.CANCELED;
        }

        @Override
        public String headline(Actor actor) {
            return "Incident canceled";
        }

        @Override
        public String timelineText() {
            return reason;
        }

        @Override
        public boolean movesSlaClock() {
            return true;
        }

        @Override
        public boolean movesStatus() {
            return true;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("reason", reason);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.canceled(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static Canceled read(EventDataReader in) {
            return new Canceled(in.text("reason"));
        }
    }

    /**
     * Another incident covers the same problem.
     *
     * @param duplicateOf the surviving incident
     * @param note why, possibly empty
     */
    record MarkedDuplicate(String duplicateOf, String note) implements IncidentEvent {
        /** Checks that no component is null. */
        public MarkedDuplicate {
            Objects.requireNonNull(duplicateOf, "duplicateOf");
            Objects.requireNonNull(note, "note");
        }

        @Override
        public String type() {
            return EventTypes.MARKED_DUPLICATE;
        }

        @Override
        public String headline(Actor actor) {
            return "Marked as duplicate of " + duplicateOf;
        }

        @Override
        public String timelineText() {
            return note;
        }

        @Override
        public boolean movesSlaClock() {
            return true;
        }

        @Override
        public boolean movesStatus() {
            return true;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("duplicate_of", duplicateOf);
            out.string("note", note);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.markedDuplicate(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static MarkedDuplicate read(EventDataReader in) {
            return new MarkedDuplicate(in.singleLine("duplicate_of", Validation.MAX_INCIDENT_ID), in.note("note"));
        }
    }

    /**
     * An alert joined the incident: the one that declared it, or a later one of its group.
     *
     * @param alertId the alert's id in the alert store
     * @param alert what the monitoring system said
     * @since 0.3.0
     */
    record AlertAttached(String alertId, AlertDetails alert) implements IncidentEvent {
        /** Checks that no component is null. */
        public AlertAttached {
            Objects.requireNonNull(alertId, "alertId");
            Objects.requireNonNull(alert, "alert");
        }

        @Override
        public String type() {
            return EventTypes.ALERT_ATTACHED;
        }

        @Override
        public String headline(Actor actor) {
            return "Alert from " + alert.source() + " attached";
        }

        @Override
        public String timelineText() {
            return alert.summary();
        }

        @Override
        public boolean movesSlaClock() {
            return false;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("alert_id", alertId);
            out.string("source", alert.source());
            out.string("dedup_key", alert.dedupKey());
            out.string("summary", alert.summary());
            out.string("severity", alert.severity());
            out.stringMap("labels", alert.labels());
            out.stringMap("annotations", alert.annotations());
            out.stringMap("links", alert.links());
            out.instant("starts_at", alert.startsAt());
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.alertAttached(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static AlertAttached read(EventDataReader in) {
            String alertId = in.singleLine("alert_id", 64);
            String source = in.string("source");
            String dedupKey = in.string("dedup_key");
            String summary = in.string("summary");
            String severity = in.string("severity");
            var labels = in.stringMap("labels");
            var annotations = in.stringMap("annotations");
            var links = in.stringMap("links");
            Instant startsAt = in.instant("starts_at");
            try {
                return new AlertAttached(alertId, new AlertDetails(source, dedupKey, summary, severity, labels,
                        annotations, links, startsAt));
            } catch (ValidationException e) {
                // AlertDetails names a map's entry (labels.zone); the data names the field it is in.
                throw in.invalid(e.field().split("\\.", 2)[0], e.rule(), e.shownValue());
            }
        }
    }

    /**
     * An alert of the incident stopped firing.
     *
     * @param alertId the alert's id in the alert store
     * @param source the system that sent it
     * @param dedupKey its dedup key
     * @param summary what it said was wrong
     * @param repeats how many times it was received while firing, at least 1
     * @since 0.3.0
     */
    record AlertResolved(String alertId, String source, String dedupKey, String summary, long repeats)
            implements IncidentEvent {
        /** Checks that no component is null. */
        public AlertResolved {
            Objects.requireNonNull(alertId, "alertId");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(dedupKey, "dedupKey");
            Objects.requireNonNull(summary, "summary");
        }

        @Override
        public String type() {
            return EventTypes.ALERT_RESOLVED;
        }

        @Override
        public String headline(Actor actor) {
            return "Alert from " + source + " resolved";
        }

        @Override
        public String timelineText() {
            return summary;
        }

        @Override
        public boolean movesSlaClock() {
            return false;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("alert_id", alertId);
            out.string("source", source);
            out.string("dedup_key", dedupKey);
            out.string("summary", summary);
            out.integer("repeats", repeats);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.alertResolved(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static AlertResolved read(EventDataReader in) {
            return new AlertResolved(in.singleLine("alert_id", 64), in.service("source"),
                    in.singleLine("dedup_key", 255), in.text("summary"), in.positiveInt("repeats"));
        }
    }

    /**
     * Someone was paged: one step of an escalation policy ({@link
     * dev.incidentkit.core.oncall.Step.Page}), one event per person paged. Recorded when the page
     * is due, whether or not a notifier has delivered it yet; the event's {@code occurredAt} is
     * the instant the page was due.
     *
     * @param person the id of the person paged, 1 to 128 characters on one line
     * @param level the number of the policy's level that paged them, from 1
     * @param round the time through the policy, from 1
     * @param policyId the escalation policy's id, 1 to 128 characters on one line
     * @param why why they were paged, as the escalation engine says it: one line
     * @param channels the contact methods the page was sent to or is to be sent to, such as
     *     {@code email} or {@code slack} (each {@code [a-z0-9][a-z0-9._-]{0,62}}, at most 16, none
     *     twice); empty when not known
     * @since 0.4.0
     */
    record Paged(String person, int level, int round, String policyId, String why, List<String> channels)
            implements IncidentEvent {
        /** Checks that no component is null, and copies the channels. */
        public Paged {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(policyId, "policyId");
            Objects.requireNonNull(why, "why");
            channels = List.copyOf(channels);
        }

        @Override
        public String type() {
            return EventTypes.PAGED;
        }

        /** @return {@code Paged alice (level 2, round 1)} */
        @Override
        public String headline(Actor actor) {
            return "Paged " + person + " (level " + level + ", round " + round + ")";
        }

        /** @return the engine's reason */
        @Override
        public String timelineText() {
            return why;
        }

        @Override
        public boolean movesSlaClock() {
            return false;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("person", person);
            out.integer("level", level);
            out.integer("round", round);
            out.string("policy_id", policyId);
            out.string("why", why);
            out.stringList("channels", channels);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.paged(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static Paged read(EventDataReader in) {
            return new Paged(in.singleLine("person", Validation.MAX_ON_CALL_ID), in.positiveInt("level"),
                    in.positiveInt("round"), in.singleLine("policy_id", Validation.MAX_ON_CALL_ID),
                    in.singleLine("why", Validation.MAX_TEXT),
                    Validation.channels(in.stringList("channels"), (rule, value) -> in.invalid("channels", rule, value)));
        }
    }

    /**
     * An update for customers, written on purpose for the public status page: the only event a
     * status page shows. Nothing else of the incident (its title, notes, people, alerts) is public.
     *
     * @param title the incident's public title, such as {@code Checkout issues}: 1 to 200
     *     characters on one line
     * @param status where the incident stands, in a status page's words
     * @param impact how the incident's services work while it lasts, in a status page's words
     * @param message what customers read: 1 to 10,000 characters
     * @since 0.5.0
     */
    record PublicUpdatePosted(String title, PublicStatus status, ComponentStatus impact, String message)
            implements IncidentEvent {
        /** Checks that no component is null. */
        public PublicUpdatePosted {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(impact, "impact");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String type() {
            return EventTypes.PUBLIC_UPDATE;
        }

        /** @return {@code Public update: Monitoring · Checkout issues} */
        @Override
        public String headline(Actor actor) {
            return "Public update: " + status.label() + " \u00b7 " + title;
        }

        /** @return the message customers read */
        @Override
        public String timelineText() {
            return message;
        }

        @Override
        public boolean movesSlaClock() {
            return false;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.string("title", title);
            out.string("status", status.wireName());
            out.string("impact", impact.wireName());
            out.string("message", message);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.publicUpdatePosted(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static PublicUpdatePosted read(EventDataReader in) {
            return new PublicUpdatePosted(in.singleLine("title", Validation.MAX_TITLE),
                    in.parse("status", PublicStatus::parse), in.parse("impact", ComponentStatus::parse), in.text("message"));
        }
    }

    /**
     * The reminder that the next update is due soon: recorded by the {@link
     * dev.incidentkit.core.sla.SlaMonitor} a little before the update-cadence clock ({@link
     * SlaKind#UPDATE}) runs out, so that the notifiers remind the commander. An update before the
     * deadline stops the clock; none, and the breach follows.
     *
     * @param deadline when the update is due
     * @param target the update cadence of the incident's severity
     * @param commander who held the commander role when the reminder was recorded, if anyone
     * @since 0.5.0
     */
    record UpdateDue(Instant deadline, Duration target, Optional<Actor> commander) implements IncidentEvent {
        private static final DateTimeFormatter UPDATE_DUE_TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT)
                .withZone(ZoneOffset.UTC);

        /** Checks that no component is null. */
        public UpdateDue {
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(commander, "commander");
        }

        @Override
        public String type() {
            return EventTypes.UPDATE_DUE;
        }

        /** @return {@code Update due by 14:30 UTC} */
        @Override
        public String headline(Actor actor) {
            return "Update due by " + UPDATE_DUE_TIME.format(deadline);
        }

        /** @return who is reminded, and of what cadence */
        @Override
        public String timelineText() {
            String every = target.toString().substring(2).toLowerCase(Locale.ROOT);
            return commander.map(c -> "Reminder to " + c.name() + " (commander): ").orElse("Reminder: ")
                    + "post an update by " + UPDATE_DUE_TIME.format(deadline) + " (one every " + every + ")";
        }

        @Override
        public boolean movesSlaClock() {
            return false;
        }

        @Override
        public boolean movesStatus() {
            return false;
        }

        @Override
        public void writeData(EventDataWriter out) {
            out.instant("deadline", deadline);
            out.string("target", target.toString());
            out.optionalString("commander", commander.map(Actor::name));
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.updateDue(this);
        }

        /**
         * Reads this event's data ({@link EventDataFormat}).
         *
         * @param in the event's data
         * @return the event
         * @throws ValidationException naming the field that is missing, malformed or breaks its rule
         */
        public static UpdateDue read(EventDataReader in) {
            return new UpdateDue(in.instant("deadline"), in.parse("target", Duration::parse),
                    in.optionalString("commander").map(c -> in.parse("commander", Actor::of)));
        }
    }
}
