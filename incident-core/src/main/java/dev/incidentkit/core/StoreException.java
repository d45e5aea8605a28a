package dev.incidentkit.core;

/**
 * The store failed: a lost connection, a full disk, a schema it cannot read. Whatever was being
 * appended was written entirely or not at all; retrying the command with the same {@code
 * commandId} is safe.
 *
 * @since 0.1.0
 */
public class StoreException extends IncidentException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public StoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
