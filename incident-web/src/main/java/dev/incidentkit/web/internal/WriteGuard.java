package dev.incidentkit.web.internal;

import dev.incidentkit.web.Principal;
import dev.incidentkit.web.WebRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Guards the writes of cookie-authenticated principals against cross-site requests: a request
 * whose principal has scheme {@link Principal.Scheme#SESSION} and whose method is not GET must
 * come from the server's own origin (or an allowed one), when it says, and must pass the {@link
 * CsrfCheck}. Tokens, proxy headers and local principals are not sent by browsers on their own
 * and pass.
 */
final class WriteGuard {

    private final Set<String> allowedOrigins;
    private final CsrfCheck csrf;

    /**
     * @param allowedOrigins origins besides the server's own, lower case, such as {@code https://ops.example.com}
     * @param csrf the token check of session writes
     */
    WriteGuard(Set<String> allowedOrigins, CsrfCheck csrf) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.csrf = csrf;
    }

    /**
     * @throws ApiException 403 if the request is a session write from another origin or without a valid CSRF token
     */
    void check(WebRequest request, Principal principal) {
        if (principal.scheme() != Principal.Scheme.SESSION || request.method().equals("GET")) {
            return;
        }
        Optional<String> origin = request.header("Origin");
        if (origin.isPresent() && !ownOrigin(request).equals(origin.get().toLowerCase(Locale.ROOT))
                && !allowedOrigins.contains(origin.get().toLowerCase(Locale.ROOT))) {
            throw new ApiException(ProblemType.FORBIDDEN, "A write from another origin is refused.", Optional.of("Origin"));
        }
        csrf.check(request, principal);
    }

    private static String ownOrigin(WebRequest request) {
        return (request.secure() ? "https://" : "http://") + request.header("Host").orElse("").toLowerCase(Locale.ROOT);
    }
}
