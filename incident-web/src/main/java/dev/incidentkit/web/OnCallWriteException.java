package dev.incidentkit.web;

import dev.incidentkit.core.IncidentException;

/**
 * A change to the on-call configuration could not be stored ({@link OnCallSource#update}): the
 * disk failed, or the stored configuration cannot be read to apply the change to. Nothing was
 * changed. The message names the file and the cause; the API answers it with 503 and keeps the
 * message for the server's log.
 *
 * @since 0.4.0
 */
public class OnCallWriteException extends IncidentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one sentence naming what failed
     * @param cause the underlying failure
     */
    public OnCallWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message one sentence naming what failed */
    protected OnCallWriteException(String message) {
        super(message);
    }
}
