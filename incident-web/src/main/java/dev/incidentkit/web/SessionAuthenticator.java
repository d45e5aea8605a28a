package dev.incidentkit.web;

import java.util.Objects;
import java.util.Optional;

/**
 * Authenticates requests by the session cookie {@value Sessions#COOKIE_NAME} of {@link Sessions}.
 * No cookie: empty. A cookie naming no live session (unknown, logged out, expired, or its user
 * removed): {@link AuthenticationException}, so that the server can send the browser to the login
 * page. Otherwise a {@link Principal} with {@link Principal.Scheme#SESSION}; the server must then
 * check the CSRF token of every write ({@link Sessions#csrfValid}). Thread-safe; logs nothing.
 *
 * @since 0.2.0
 */
public final class SessionAuthenticator implements Authenticator {

    private final Sessions sessions;

    private SessionAuthenticator(Sessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /**
     * @param sessions whose sessions are accepted
     * @return the authenticator
     */
    public static SessionAuthenticator of(Sessions sessions) {
        return new SessionAuthenticator(sessions);
    }

    @Override
    public Optional<Principal> authenticate(WebRequest request) {
        Optional<String> id = request.cookie(Sessions.COOKIE_NAME);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Session session = sessions.find(id.get()).orElseThrow(() -> new AuthenticationException(
                "The session has ended or is unknown; log in again."));
        return Optional.of(new Principal(session.actor(), Principal.Scheme.SESSION));
    }

    @Override
    public String toString() {
        return "SessionAuthenticator";
    }
}
