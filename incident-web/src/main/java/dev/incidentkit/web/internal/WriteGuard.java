package dev.incidentkit.web.internal;

import dev.incidentkit.web.Principal;
import dev.incidentkit.web.WebRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Guards the principals a browser would present on its own against cross-site use:
 *
 * <ul>
 *   <li>{@link Principal.Scheme#SESSION} (a cookie): a request that is not a GET must come from
 *       the server's own origin or an allowed one, when it names its {@code Origin}, and must pass
 *       the {@link CsrfCheck};
 *   <li>no principal (a route open to anyone, such as login): a request that is not a GET must
 *       come from the server's own origin or an allowed one, when it names its {@code Origin};
 *   <li>{@link Principal.Scheme#LOCAL} (no authenticator, on loopback): the {@code Host} must be a
 *       loopback name, so that a page whose domain was rebound to 127.0.0.1 cannot read or write;
 *       and a request that is not a GET must not come from another origin.
 * </ul>
 *
 * A principal of {@link Principal.Scheme#PROXY} (a single-sign-on proxy's header, which the proxy
 * adds to whatever the browser sends): a request that is not a GET must not come from another
 * origin. Tokens and integration keys are not sent by browsers on their own and pass. (Writes need {@code
 * Content-Type: application/json}, which a cross-site form cannot send, and no CORS preflight is
 * ever allowed: another layer of the same defence.)
 */
public final class WriteGuard {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> allowedOrigins;
    private final CsrfCheck csrf;

    /**
     * @param allowedOrigins origins besides the server's own, lower case, such as {@code https://ops.example.com}
     * @param csrf the token check of session writes
     */
    public WriteGuard(Set<String> allowedOrigins, CsrfCheck csrf) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.csrf = csrf;
    }

    /**
     * @throws ApiException 403 if the request is a session write from another origin or without a
     *     valid CSRF token, or a local request for a host that is not loopback, or a local write from another origin
     */
    public void check(WebRequest request, Optional<Principal> principal) {
        boolean write = !request.method().equals("GET");
        if (principal.isEmpty()) {
            // A route open to anyone (login, logout): a browser sends it on its own too.
            if (write) {
                requireOwnOrigin(request);
            }
            return;
        }
        switch (principal.get().scheme()) {
            case SESSION -> {
                if (write) {
                    requireOwnOrigin(request);
                    csrf.check(request, principal.get());
                }
            }
            case LOCAL -> {
                String host = hostName(request.header("Host").orElse(""));
                if (!LOOPBACK_HOSTS.contains(host)) {
                    throw new ApiException(ProblemType.FORBIDDEN,
                            "A server without authentication answers only requests for a loopback host name.",
                            Optional.of("Host"));
                }
                if (write) {
                    requireOwnOrigin(request);
                }
            }
            case PROXY -> {
                // A single-sign-on proxy adds its header to whatever the browser sends: a cookie in all but name.
                if (write) {
                    requireOwnOrigin(request);
                }
            }
            case TOKEN -> { }
        }
    }

    private void requireOwnOrigin(WebRequest request) {
        Optional<String> origin = request.header("Origin").map(o -> o.toLowerCase(Locale.ROOT));
        if (origin.isPresent() && !ownOrigin(request).equals(origin.get()) && !allowedOrigins.contains(origin.get())) {
            throw new ApiException(ProblemType.FORBIDDEN, "A write from another origin is refused.", Optional.of("Origin"));
        }
    }

    private static String ownOrigin(WebRequest request) {
        return (request.secure() ? "https://" : "http://") + request.header("Host").orElse("").toLowerCase(Locale.ROOT);
    }

    /** The host of a Host header, without its port, lower case. */
    private static String hostName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon >= 0 && h.indexOf(']') < colon) {
            h = h.substring(0, colon);
        }
        return h;
    }
}
