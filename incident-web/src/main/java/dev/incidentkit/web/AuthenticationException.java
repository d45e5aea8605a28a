package dev.incidentkit.web;

import dev.incidentkit.core.IncidentException;

/**
 * A request carried credentials of an {@link Authenticator}'s kind, and they are wrong: an
 * unknown or expired token, a session that has ended, a header from an untrusted address.
 * Answered with 401; the message never repeats the credential.
 *
 * @since 0.2.0
 */
public final class AuthenticationException extends IncidentException {

    private static final long serialVersionUID = 1L;

    /** @param message one sentence saying what was wrong, without the credential itself */
    public AuthenticationException(String message) {
        super(message);
    }
}
