package dev.incidentkit.core;

import java.util.Locale;

/**
 * Every kind of command an incident takes after its declaration. {@link Lifecycle} says which of
 * them each {@link Status} allows.
 *
 * @since 0.1.0
 */
public enum CommandType {
    /** Someone takes the incident. */
    ACKNOWLEDGE,
    /** Responders look for the cause. */
    INVESTIGATE,
    /** The cause is known. */
    IDENTIFY,
    /** User impact has stopped. */
    MITIGATE,
    /** The incident is over. */
    RESOLVE,
    /** The incident is reviewed and done. */
    CLOSE,
    /** A resolved, closed, canceled or duplicate incident comes back. */
    REOPEN,
    /** Declared by mistake or without customer impact. */
    CANCEL,
    /** Another incident covers the same problem. */
    MARK_DUPLICATE,
    /** A progress update. */
    ADD_NOTE,
    /** Escalate or downgrade. */
    CHANGE_SEVERITY,
    /** Another affected service. */
    CORRELATE_SERVICE,
    /** Commander, technical lead or comms lead. */
    ASSIGN_ROLE,
    /** A follow-up task. */
    ADD_ACTION_ITEM,
    /** A follow-up task is done. */
    COMPLETE_ACTION_ITEM,
    /** Summary, root cause, contributing factors and the rest of the postmortem. */
    UPDATE_POSTMORTEM,
    /** An SLA clock ran out; recorded by the SLA monitor, once per clock and deadline. */
    RECORD_SLA_BREACH,
    /**
     * Alerts join the incident, while it is active; sent by {@link dev.incidentkit.core.alert.AlertIntake}.
     * Each alert's event carries a command id of its own, whatever the context's.
     *
     * @since 0.3.0
     */
    ATTACH_ALERT,
    /**
     * An alert of the incident stopped firing; sent by {@link dev.incidentkit.core.alert.AlertIntake}.
     *
     * @since 0.3.0
     */
    RESOLVE_ALERT,
    /**
     * Someone was paged by an escalation policy; taken while the incident is active.
     *
     * @since 0.4.0
     */
    RECORD_PAGE,
    /**
     * An update for customers ({@code incident.public_update}), for the public status page; taken
     * in every status but closed, canceled and duplicate.
     *
     * @since 0.5.0
     */
    POST_PUBLIC_UPDATE,
    /**
     * The reminder that the next update is due ({@code incident.update_due}); recorded by the SLA
     * monitor while the incident is active.
     *
     * @since 0.5.0
     */
    REMIND_UPDATE;

    /** @return the command's name in messages and on the command line, such as {@code mark-duplicate} */
    public String verb() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
