package dev.incidentkit.web.internal;

import dev.incidentkit.web.AuthenticationException;
import dev.incidentkit.web.Authenticator;
import dev.incidentkit.web.Principal;
import dev.incidentkit.web.WebRequest;
import java.util.List;
import java.util.Optional;

/** Who calls: the authenticators asked in order, or the local actor when there are none. The API and the pages share it. */
public final class Callers {

    /** The challenge of a 401, API or page (RFC 9110, section 15.5.2). */
    public static final String CHALLENGE = "Bearer realm=\"incidentkit\"";

    private final List<Authenticator> authenticators;
    private final Optional<Principal> local;

    /**
     * @param authenticators asked in order; when there are none, every request is {@code local}'s
     * @param local the principal of every request when no authenticator is configured
     */
    public Callers(List<Authenticator> authenticators, Principal local) {
        this.authenticators = List.copyOf(authenticators);
        this.local = authenticators.isEmpty() ? Optional.of(local) : Optional.empty();
    }

    /** @return whether there are no authenticators: every request is the local actor's */
    public boolean local() {
        return local.isPresent();
    }

    /**
     * @param request a request
     * @return its principal
     * @throws AuthenticationException if no authenticator recognizes it
     */
    public Principal authenticate(WebRequest request) {
        if (local.isPresent()) {
            return local.get();
        }
        for (Authenticator authenticator : authenticators) {
            Optional<Principal> principal = authenticator.authenticate(request);
            if (principal.isPresent()) {
                return principal.get();
            }
        }
        throw new AuthenticationException("This request carries no credentials; send Authorization: Bearer <token>.");
    }
}
