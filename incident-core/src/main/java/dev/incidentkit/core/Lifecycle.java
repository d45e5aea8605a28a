package dev.incidentkit.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The incident state machine as data: which command each status allows, and where the
 * status-changing ones lead. This is the table of the design contract; every command the table
 * does not allow is rejected with an {@link IllegalTransitionException}.
 *
 * <p>Besides the status changes, an active or resolved incident takes notes, severity changes,
 * service correlation, role assignment, action items and postmortem edits. A closed, canceled or
 * duplicate incident takes only a reopen (of a closed one, unless {@link #withoutReopeningClosed()})
 * and the completion of an action item, besides an SLA breach (below).
 *
 * <p>{@link CommandType#ACKNOWLEDGE} moves only an OPEN incident: an incident that has moved on
 * is never acknowledged late, so that a skipped acknowledgment stays an SLA miss. A responder who
 * joins it later acknowledges with a role instead, in any status before RESOLVED; that assigns the
 * role (a role assignment, which this table allows there) and is not a move, so the table does not
 * list it. A repeated acknowledgment is a no-op in every status.
 *
 * <p>Every status takes {@link CommandType#RECORD_SLA_BREACH}: a breach is a fact about the past
 * (back-dated to when the clock ran out), and a monitor that was down may notice it only after
 * the incident has moved on, even after it was closed. Refusing it there would lose the breach.
 * The same holds for {@link CommandType#RESOLVE_ALERT}: it records what a monitoring system said,
 * whatever the status. {@link CommandType#ATTACH_ALERT} is taken only while the incident is active
 * (before RESOLVED): an alert joins an incident that is being worked on, and one that comes after
 * the resolution starts a new incident instead (the alert intake then declares one), even when
 * the attachment raced the resolution. {@link CommandType#RECORD_PAGE} too is taken only while
 * the incident is active: an escalation stops at the acknowledgment, but a page due just before
 * it may be recorded just after, so every active status (OPEN through MITIGATED) takes it; a
 * resolved incident pages nobody.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Lifecycle {

    private static final Set<CommandType> EDITS = Collections.unmodifiableSet(EnumSet.of(
            CommandType.ADD_NOTE, CommandType.CHANGE_SEVERITY, CommandType.CORRELATE_SERVICE,
            CommandType.ASSIGN_ROLE, CommandType.ADD_ACTION_ITEM, CommandType.COMPLETE_ACTION_ITEM,
            CommandType.UPDATE_POSTMORTEM, CommandType.POST_PUBLIC_UPDATE));

    private static final Lifecycle STANDARD = new Lifecycle(true);
    private static final Lifecycle NO_REOPEN_OF_CLOSED = new Lifecycle(false);

    private final Map<Status, Map<CommandType, Status>> moves = new EnumMap<>(Status.class);
    private final Map<Status, Set<CommandType>> allowed = new EnumMap<>(Status.class);
    private final boolean reopenClosed;

    private Lifecycle(boolean reopenClosed) {
        this.reopenClosed = reopenClosed;
        for (Status s : Status.values()) {
            moves.put(s, new EnumMap<>(CommandType.class));
        }
        Status[] workedOn = {Status.OPEN, Status.ACKNOWLEDGED, Status.INVESTIGATING, Status.IDENTIFIED, Status.MITIGATED};
        move(Status.OPEN, CommandType.ACKNOWLEDGE, Status.ACKNOWLEDGED);
        for (Status from : workedOn) {
            move(from, CommandType.INVESTIGATE, Status.INVESTIGATING);
            move(from, CommandType.IDENTIFY, Status.IDENTIFIED);
            move(from, CommandType.MITIGATE, Status.MITIGATED);
            move(from, CommandType.RESOLVE, Status.RESOLVED);
            move(from, CommandType.MARK_DUPLICATE, Status.DUPLICATE);
        }
        // A status never moves to itself: investigating while investigating is rejected.
        moves.get(Status.INVESTIGATING).remove(CommandType.INVESTIGATE);
        moves.get(Status.IDENTIFIED).remove(CommandType.IDENTIFY);
        moves.get(Status.MITIGATED).remove(CommandType.MITIGATE);
        for (Status from : new Status[] {Status.OPEN, Status.ACKNOWLEDGED, Status.INVESTIGATING}) {
            move(from, CommandType.CANCEL, Status.CANCELED);
        }
        move(Status.RESOLVED, CommandType.CLOSE, Status.CLOSED);
        move(Status.RESOLVED, CommandType.REOPEN, Status.INVESTIGATING);
        move(Status.RESOLVED, CommandType.MARK_DUPLICATE, Status.DUPLICATE);
        if (reopenClosed) {
            move(Status.CLOSED, CommandType.REOPEN, Status.INVESTIGATING);
        }
        move(Status.CANCELED, CommandType.REOPEN, Status.INVESTIGATING);
        move(Status.DUPLICATE, CommandType.REOPEN, Status.INVESTIGATING);

        for (Status s : Status.values()) {
            EnumSet<CommandType> set = EnumSet.noneOf(CommandType.class);
            set.addAll(moves.get(s).keySet());
            if (s.isTerminal()) {
                set.add(CommandType.COMPLETE_ACTION_ITEM);
            } else {
                set.addAll(EDITS);
            }
            set.add(CommandType.RECORD_SLA_BREACH);
            if (s.isActive()) {
                set.add(CommandType.ATTACH_ALERT);
                set.add(CommandType.RECORD_PAGE);
                set.add(CommandType.REMIND_UPDATE);
            }
            set.add(CommandType.RESOLVE_ALERT);
            allowed.put(s, Collections.unmodifiableSet(set));
        }
    }

    private void move(Status from, CommandType command, Status to) {
        moves.get(from).put(command, to);
    }

    /** @return the lifecycle of the design contract, in which a closed incident may be reopened */
    public static Lifecycle standard() {
        return STANDARD;
    }

    /** @return the standard lifecycle, except that a closed incident can no longer be reopened */
    public static Lifecycle withoutReopeningClosed() {
        return NO_REOPEN_OF_CLOSED;
    }

    /** @return whether a closed incident may be reopened */
    public boolean reopensClosed() {
        return reopenClosed;
    }

    /**
     * @param status the current status
     * @return the commands allowed in it, in declaration order
     */
    public Set<CommandType> allowed(Status status) {
        return allowed.get(status);
    }

    /**
     * @param status the current status
     * @param command a command
     * @return whether {@code status} allows {@code command}
     */
    public boolean allows(Status status, CommandType command) {
        return allowed.get(status).contains(command);
    }

    /**
     * @param status the current status
     * @param command a command
     * @return the status {@code command} leads to from {@code status}, or empty when it does not
     *     change the status or is not allowed
     */
    public Optional<Status> target(Status status, CommandType command) {
        return Optional.ofNullable(moves.get(status).get(command));
    }

    /**
     * Checks that {@code status} allows {@code command}.
     *
     * @param incidentId the incident, for the message
     * @param status its current status
     * @param command the command to check
     * @throws IllegalTransitionException if the command is not allowed
     */
    public void check(String incidentId, Status status, CommandType command) {
        if (!allows(status, command)) {
            throw new IllegalTransitionException(incidentId, status, command, allowed(status));
        }
    }
}
