package dev.incidentkit.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One line of the route table: a method and a path template, the query parameters it accepts and
 * what answers it. A template's segments are literal or a variable in braces, {@code
 * /api/v1/incidents/{id}/export}; a variable matches one non-empty segment.
 *
 * @param method the HTTP method
 * @param template the path template
 * @param parameters the query parameters the route accepts; any other is refused with 400
 * @param body whether the route reads a JSON body (it then requires {@code Content-Type: application/json})
 * @param handler what answers it
 * @param open whether anyone may call it, authenticated or not (login and logout); such a route
 *     is answered without asking the authenticators, so that a stale cookie cannot stop a login
 */
public record Route(String method, String template, Set<String> parameters, boolean body, Handler handler, boolean open) {

    /** Answers one request of a route. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param exchange the request, checked
         * @return the response
         */
        ApiResponse handle(Exchange exchange);
    }

    /** Copies the set and checks the template. */
    public Route {
        Objects.requireNonNull(method, "method");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a template starts with /: " + template);
        }
        parameters = Set.copyOf(parameters);
        Objects.requireNonNull(handler, "handler");
    }

    /** @return a GET route */
    static Route get(String template, Set<String> parameters, Handler handler) {
        return new Route("GET", template, parameters, false, handler, false);
    }

    /** @return a POST route with a JSON body */
    static Route post(String template, Handler handler) {
        return new Route("POST", template, Set.of(), true, handler, false);
    }

    /** @return a PUT route with a JSON body */
    static Route put(String template, Handler handler) {
        return new Route("PUT", template, Set.of(), true, handler, false);
    }

    /** @return this route, open to anyone */
    Route openToAnyone() {
        return new Route(method, template, parameters, body, handler, true);
    }

    /**
     * @param segments a request path split at {@code /}, without the empty first segment
     * @return the template's variables if the path matches it
     */
    Optional<Map<String, String>> match(List<String> segments) {
        List<String> parts = segments(template);
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        var variables = new java.util.HashMap<String, String>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String segment = segments.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                if (segment.isEmpty()) {
                    return Optional.empty();
                }
                variables.put(part.substring(1, part.length() - 1), segment);
            } else if (!part.equals(segment)) {
                return Optional.empty();
            }
        }
        return Optional.of(variables);
    }

    /** @return a path split at {@code /}, without the empty first segment */
    static List<String> segments(String path) {
        var out = new ArrayList<String>();
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                out.add(path.substring(start));
                return out;
            }
            out.add(path.substring(start, slash));
            start = slash + 1;
        }
    }
}
