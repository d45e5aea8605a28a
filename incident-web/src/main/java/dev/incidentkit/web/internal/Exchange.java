package dev.incidentkit.web.internal;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.web.Principal;
import dev.incidentkit.web.WebRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * What a route's handler gets of a request, checked: who calls, the path's variables, the query,
 * the body (for a write), and the Idempotency-Key and If-Match headers, already parsed.
 *
 * @param principal who calls, as an authenticator established it; empty on the routes open to
 *     anyone (login, logout), which are answered without asking the authenticators
 * @param request the request's line, headers and peer
 * @param path the request's path, the problem documents' {@code instance}
 * @param pathVariables the values of the route template's variables
 * @param query the query parameters, each name with its values
 * @param body the request body (empty for a read)
 * @param idempotencyKey the Idempotency-Key header, the command id of a write
 * @param ifMatch the version in If-Match
 * @param principalNow who calls now: the authenticators asked again, empty if none recognizes
 *     the request any more (logged out, token revoked, user removed); for a response held open,
 *     such as a live event stream, whose caller's credentials may end while it runs
 */
public record Exchange(
        Optional<Principal> principal,
        WebRequest request,
        String path,
        Map<String, String> pathVariables,
        Map<String, List<String>> query,
        byte[] body,
        Optional<String> idempotencyKey,
        OptionalLong ifMatch,
        Supplier<Optional<Principal>> principalNow) {

    /** Copies the maps. */
    public Exchange {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(path, "path");
        pathVariables = Map.copyOf(pathVariables);
        query = Map.copyOf(query);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(ifMatch, "ifMatch");
        Objects.requireNonNull(principalNow, "principalNow");
    }

    /** @return the principal's actor: the actor of every event this request records */
    public Actor actor() {
        return principal.orElseThrow(() -> new IllegalStateException("a route open to anyone has no actor")).actor();
    }

    /**
     * @param name a template variable, such as {@code id}
     * @return its value
     */
    public String variable(String name) {
        String value = pathVariables.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no variable " + name);
        }
        return value;
    }

    /**
     * @param name a query parameter
     * @return its value, if given; a parameter given twice is refused
     * @throws ApiException (400) if it is given more than once
     */
    public Optional<String> parameter(String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiException.badRequest(name, "Query parameter " + name + " is given more than once.");
        }
        return values.stream().findFirst();
    }

    /** @return the context of a command: the principal's actor, with the command id and expected version given */
    public CommandContext context() {
        CommandContext context = CommandContext.as(actor());
        if (idempotencyKey.isPresent()) {
            context = context.commandId(idempotencyKey.get());
        }
        if (ifMatch.isPresent()) {
            context = context.expectVersion(ifMatch.getAsLong());
        }
        return context;
    }
}
