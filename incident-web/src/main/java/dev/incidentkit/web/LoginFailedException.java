package dev.incidentkit.web;

import dev.incidentkit.core.IncidentException;

/**
 * A login with a user name and password failed. The message is the same whether the user is
 * unknown, has no password, or gave the wrong one, so that it tells an attacker nothing: answer
 * with 401 and this message.
 *
 * @since 0.2.0
 */
public final class LoginFailedException extends IncidentException {

    private static final long serialVersionUID = 1L;

    /** The one message of every failed login. */
    public static final String MESSAGE = "Unknown user or wrong password.";

    /** Creates the exception with {@link #MESSAGE}. */
    public LoginFailedException() {
        super(MESSAGE);
    }
}
