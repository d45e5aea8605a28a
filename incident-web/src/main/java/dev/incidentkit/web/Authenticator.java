package dev.incidentkit.web;

import java.util.Optional;

/**
 * Says who a request comes from. {@code IncidentWeb} asks its authenticators in the order they
 * were added; the first that recognizes the request decides. A request no authenticator
 * recognizes is answered with 401 (or, on the pages, sent to the login page).
 *
 * <p>Implementations must be thread-safe, must never log or echo a credential, and should
 * compare secrets in constant time.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param request the request's line, headers, cookies and peer
     * @return who it comes from, or empty if it carries no credentials of this authenticator's kind
     * @throws AuthenticationException if it carries credentials of this kind and they are wrong
     */
    Optional<Principal> authenticate(WebRequest request);
}
