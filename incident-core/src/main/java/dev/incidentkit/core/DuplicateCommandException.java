package dev.incidentkit.core;

/**
 * A store refused an append because its {@code commandId} was already stored by an earlier
 * append. The {@link IncidentManager} catches it and returns the first command's result, which is
 * what makes retries with the same {@code commandId} safe even when two of them race.
 *
 * @since 0.1.0
 */
public final class DuplicateCommandException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String commandId;

    /** @param commandId the command id that is already stored */
    public DuplicateCommandException(String commandId) {
        super("Command id " + commandId + " was already used by an earlier command.");
        this.commandId = commandId;
    }

    /** @return the command id that is already stored */
    public String commandId() {
        return commandId;
    }
}
