package dev.incidentkit.core.event;

import dev.incidentkit.core.Status;
import dev.incidentkit.core.format.EventDataFormat;
import java.util.List;

/**
 * The CloudEvents {@code type} of every {@link IncidentEvent}.
 *
 * @since 0.1.0
 */
public final class EventTypes {

    /** An incident was declared. */
    public static final String DECLARED = "incident.declared";
    /** Someone took it. */
    public static final String ACKNOWLEDGED = "incident.acknowledged";
    /** Status INVESTIGATING. */
    public static final String INVESTIGATING = "incident.investigating";
    /** Status IDENTIFIED. */
    public static final String IDENTIFIED = "incident.identified";
    /** Status MITIGATED. */
    public static final String MITIGATED = "incident.mitigated";
    /** Status RESOLVED. */
    public static final String RESOLVED = "incident.resolved";
    /** Status CLOSED. */
    public static final String CLOSED = "incident.closed";
    /** Back to INVESTIGATING from resolved, closed, canceled or duplicate. */
    public static final String REOPENED = "incident.reopened";
    /** A progress update. */
    public static final String NOTE_ADDED = "incident.note_added";
    /** Escalated or downgraded. */
    public static final String SEVERITY_CHANGED = "incident.severity_changed";
    /** Another service is affected. */
    public static final String SERVICE_CORRELATED = "incident.service_correlated";
    /** A role was given. */
    public static final String ROLE_ASSIGNED = "incident.role_assigned";
    /** A follow-up task. */
    public static final String ACTION_ITEM_ADDED = "incident.action_item_added";
    /** A follow-up task is done. */
    public static final String ACTION_ITEM_COMPLETED = "incident.action_item_completed";
    /** Postmortem fields were written. */
    public static final String POSTMORTEM_UPDATED = "incident.postmortem_updated";
    /** An SLA clock ran out. */
    public static final String SLA_BREACHED = "incident.sla_breached";
    /** Canceled. */
    public static final String CANCELED = "incident.canceled";
    /** Marked as a duplicate of another incident. */
    public static final String MARKED_DUPLICATE = "incident.marked_duplicate";
    /** @since 0.3.0 */
    public static final String ALERT_ATTACHED = "incident.alert_attached";
    /** @since 0.3.0 */
    public static final String ALERT_RESOLVED = "incident.alert_resolved";
    /**
     * Someone was paged by an escalation policy.
     *
     * @since 0.4.0
     */
    public static final String PAGED = "incident.paged";
    /**
     * An update for customers, for the public status page.
     *
     * @since 0.5.0
     */
    public static final String PUBLIC_UPDATE = "incident.public_update";
    /**
     * The next update is due soon: a reminder to the commander.
     *
     * @since 0.5.0
     */
    public static final String UPDATE_DUE = "incident.update_due";

    /** Every type, in catalog order: those the {@link EventDataFormat event data format} reads. */
    public static final List<String> ALL = EventDataFormat.types();

    private EventTypes() {}

    /**
     * @param to the status an incident moves to by a status change (not a reopen)
     * @return the type of that change, such as {@code incident.mitigated}
     * @throws IllegalArgumentException if no status change leads to {@code to}
     */
    public static String statusChange(Status to) {
        switch (to) {
            case INVESTIGATING: return INVESTIGATING;
            case IDENTIFIED: return IDENTIFIED;
            case MITIGATED: return MITIGATED;
            case RESOLVED: return RESOLVED;
            case CLOSED: return CLOSED;
            default: throw new IllegalArgumentException("no status change leads to " + to);
        }
    }
}
