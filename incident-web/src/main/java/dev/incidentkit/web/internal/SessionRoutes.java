package dev.incidentkit.web.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.web.Principal;
import dev.incidentkit.web.Session;
import dev.incidentkit.web.Sessions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/session}: who calls ({@code GET}), login with a user's password ({@code POST},
 * open to anyone, its attempts throttled per account and address by {@link Sessions}) and logout
 * ({@code DELETE}, open to anyone). A login answers with the session cookie ({@code HttpOnly},
 * {@code SameSite=Strict}, {@code Secure} under TLS) and the session's CSRF token, which every
 * write with the cookie must carry in {@value #CSRF_HEADER}.
 */
final class SessionRoutes {

    /** The header in which a write with a session cookie carries the session's CSRF token. */
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final Optional<Sessions> sessions;

    SessionRoutes(Optional<Sessions> sessions) {
        this.sessions = sessions;
    }

    ApiResponse whoAmI(Exchange x) {
        Principal principal = x.principal().orElseThrow();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("user", principal.actor().name());
        out.put("scheme", principal.scheme().name().toLowerCase(Locale.ROOT));
        if (principal.scheme() == Principal.Scheme.SESSION) {
            sessions.flatMap(s -> s.session(x.request())).ifPresent(s -> out.put("csrf_token", s.csrfToken()));
        }
        return ApiResponse.json(200, WireFormat.write(out));
    }

    ApiResponse login(Exchange x) {
        Sessions all = sessions.orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                "This server has no login: it authenticates with tokens or a proxy.", Optional.empty()));
        JsonBody body = JsonBody.parse(x.body(), Set.of("user", "password"));
        Session session = all.login(body.text("user"), body.text("password").toCharArray(), x.request().remoteAddress());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("user", session.actor().name());
        out.put("csrf_token", session.csrfToken());
        return ApiResponse.json(200, WireFormat.write(out))
                .with("Set-Cookie", all.cookieHeader(session, x.request().secure()));
    }

    ApiResponse logout(Exchange x) {
        if (sessions.isEmpty()) {
            return new ApiResponse(204, ApiResponse.JSON, new byte[0], Map.of());
        }
        Sessions all = sessions.get();
        all.session(x.request()).ifPresent(s -> all.logout(s.id()));
        return new ApiResponse(204, ApiResponse.JSON, new byte[0], Map.of())
                .with("Set-Cookie", all.clearingCookieHeader(x.request().secure()));
    }

    /** The CSRF check of writes with a session cookie: the request's token header against its session's. */
    CsrfCheck csrfCheck() {
        if (sessions.isEmpty()) {
            return CsrfCheck.REFUSE;
        }
        Sessions all = sessions.get();
        return (request, principal) -> {
            Optional<Session> session = all.session(request);
            String token = request.header(CSRF_HEADER).orElse("");
            if (session.isEmpty() || !all.csrfValid(session.get(), token)) {
                throw new ApiException(ProblemType.FORBIDDEN, "A write with a session cookie needs the session's CSRF "
                        + "token in " + CSRF_HEADER + " (GET /api/v1/session gives it).", Optional.of(CSRF_HEADER));
            }
        };
    }
}
