package dev.incidentkit.web;

/**
 * The on-call configuration cannot be changed here: the server was given it through a supplier
 * ({@link IncidentWeb.Builder#onCall(java.util.function.Supplier)}), not a place to store it. The
 * API answers it with 409.
 *
 * @since 0.4.0
 */
public final class OnCallReadOnlyException extends OnCallWriteException {

    private static final long serialVersionUID = 1L;

    /** With the message the API's problem shows. */
    public OnCallReadOnlyException() {
        super("On-call is read-only here: the server serves a configuration it was given and cannot store changes to it.");
    }
}
