package dev.incidentkit.core;

/**
 * The root of every exception IncidentKit throws on purpose. Each subclass has one meaning, and
 * each message is one sentence a user can act on. Whenever one is thrown from a command, nothing
 * was written, with one exception: after a {@link StoreException} the command's events may have
 * been written entirely (never in part), so retry it with the same {@code commandId}.
 *
 * @since 0.1.0
 */
public abstract class IncidentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one sentence naming what was wrong */
    protected IncidentException(String message) {
        super(message);
    }

    /**
     * @param message one sentence naming what was wrong
     * @param cause the underlying failure
     */
    protected IncidentException(String message, Throwable cause) {
        super(message, cause);
    }
}
