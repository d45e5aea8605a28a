package dev.incidentkit.web.internal;

import dev.incidentkit.web.Principal;
import dev.incidentkit.web.WebRequest;
import java.util.Optional;

/**
 * The CSRF token check of a write by a session principal (a cookie that a browser would send on
 * its own). The session component supplies the real one, which compares the request's token
 * header with its session's; until then {@link #REFUSE} refuses every session write.
 * Implementations must be thread-safe and compare tokens in constant time.
 */
@FunctionalInterface
public interface CsrfCheck {

    /** Refuses every session write: the safe default while no session component is configured. */
    CsrfCheck REFUSE = (request, principal) -> {
        throw new ApiException(ProblemType.FORBIDDEN, "A write with a session needs a CSRF token; none is configured.",
                Optional.empty());
    };

    /**
     * @param request a non-GET request
     * @param principal its principal, of scheme SESSION
     * @throws ApiException (403) if the request does not carry the session's CSRF token
     */
    void check(WebRequest request, Principal principal);
}
