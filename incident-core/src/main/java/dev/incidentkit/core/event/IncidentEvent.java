package dev.incidentkit.core.event;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One fact of an incident's life. Each record's {@link #type()} is its CloudEvents {@code type};
 * its components become the snake_case fields of the event's JSON data. Notes are plain text,
 * empty when none was given.
 *
 * @since 0.1.0
 */
public sealed interface IncidentEvent {

    /** The schema version every event of this release is written with. */
    int SCHEMA_VERSION = 1;

    /** @return the CloudEvents type, such as {@code incident.declared} */
    String type();

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
    }
}
