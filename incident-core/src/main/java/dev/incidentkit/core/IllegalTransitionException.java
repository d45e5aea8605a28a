package dev.incidentkit.core;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * A command that the incident's current status does not allow, such as closing an incident that
 * is not resolved. The message names the status and the commands allowed in it.
 *
 * @since 0.1.0
 */
public final class IllegalTransitionException extends IncidentException {

    private static final long serialVersionUID = 1L;

    private final String incidentId;
    private final Status status;
    private final CommandType command;
    private final Set<CommandType> allowed;
    private final String why;

    /**
     * @param incidentId the incident
     * @param status its current status
     * @param command the rejected command
     * @param allowed the commands its status allows
     */
    public IllegalTransitionException(String incidentId, Status status, CommandType command, Set<CommandType> allowed) {
        this(incidentId, status, command, allowed, "");
    }

    /**
     * @param incidentId the incident
     * @param status its current status
     * @param command the rejected command
     * @param allowed the commands its status allows
     * @param why a clause explaining a rule beyond the status table, or empty
     */
    public IllegalTransitionException(
            String incidentId, Status status, CommandType command, Set<CommandType> allowed, String why) {
        super("Cannot " + command.verb() + " incident " + incidentId + ": it is " + status
                + (why.isEmpty() ? "" : " and " + why) + "; allowed in " + status + ": "
                + (allowed.isEmpty() ? "nothing" : allowed.stream().map(CommandType::verb).collect(Collectors.joining(", ")))
                + ".");
        this.incidentId = incidentId;
        this.status = status;
        this.command = command;
        this.allowed = Set.copyOf(allowed);
        this.why = why;
    }

    /** @return the incident */
    public String incidentId() {
        return incidentId;
    }

    /** @return its status when the command was rejected */
    public Status status() {
        return status;
    }

    /** @return the rejected command */
    public CommandType command() {
        return command;
    }

    /** @return the commands its status allows */
    public Set<CommandType> allowed() {
        return allowed;
    }

    /**
     * @return the clause explaining a rule beyond the status table, such as {@code the survivor
     *     INC-2 is itself a duplicate of INC-1}, or empty
     * @since 0.1.0
     */
    public String why() {
        return why;
    }
}
