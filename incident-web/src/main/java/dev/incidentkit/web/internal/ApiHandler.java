package dev.incidentkit.web.internal;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.web.AuthenticationException;
import dev.incidentkit.web.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler of the API. For each request, in this order: who calls (401), which
 * route (404, 405), the cross-site guard of session writes (403), the query parameters the route
 * knows (400), for a write the media type (415), the body's size (413) and the Idempotency-Key
 * and If-Match headers (400); then the route. Every failure becomes a problem document; an
 * unexpected one a 500 with an error id, logged once, its message and stack trace never sent.
 * Blocking: Jetty runs it on its bounded pool.
 */
public final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final int MAX_KEY = 200;
    private static final long SWALLOW = 2L << 20;

    private final RouteTable table;
    private final Callers callers;
    private final WriteGuard guard;
    private final long maxBodyBytes;
    private final Counters counters;

    /**
     * @param table the routes
     * @param callers who calls
     * @param guard the cross-site guard of session, proxy and local requests
     * @param maxBodyBytes the largest body accepted
     * @param counters where answers are counted
     */
    public ApiHandler(RouteTable table, Callers callers, WriteGuard guard, long maxBodyBytes, Counters counters) {
        super(InvocationType.BLOCKING);
        this.table = table;
        this.callers = callers;
        this.guard = guard;
        this.maxBodyBytes = maxBodyBytes;
        this.counters = counters;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String decoded = request.getHttpURI().getDecodedPath();
        String path = decoded == null || decoded.isEmpty() ? "/" : decoded;
        boolean ifMatchSent = request.getHeaders().contains("If-Match");
        ApiResponse answer;
        try {
            answer = process(request, path);
        } catch (RuntimeException | StackOverflowError failure) {
            Optional<ApiResponse> expected = Problems.expected(failure, instance(path), ifMatchSent);
            if (expected.isPresent() && !(failure instanceof StoreException)) {
                answer = expected.get();
            } else {
                // Unexpected (a 500), or the store's failure (a 503 whose cause only the server's log gets).
                String errorId = counted(failure);
                // The method and the printable path only: never a header (credentials) nor the body.
                LOG.error("Internal error {} answering {} {}", errorId, request.getMethod(), instance(path), failure);
                answer = expected.orElseGet(() -> Problems.internal(errorId, instance(path)));
            }
            if (!request.getMethod().equals("GET")) {
                // Refused before its body was read, perhaps: the connection then closes under a
                // client that would send its next request on it; so tell it to open another.
                answer = answer.with("Connection", "close");
            }
        }
        write(answer, response, callback);
        return true;
    }

    /** Counts a failure that is logged once by the caller: @return its error id, for the log line and the answer */
    private String counted(Throwable failure) {
        String errorId = UUID.randomUUID().toString();
        counters.handlerError(failure, errorId);
        return errorId;
    }

    private ApiResponse process(Request request, String path) {
        JettyWebRequest web = new JettyWebRequest(request, path);
        List<String> segments = Route.segments(path);
        String method = request.getMethod();
        Route route = null;
        Map<String, String> variables = Map.of();
        var allowed = new LinkedHashSet<String>();
        for (Route r : table.routes()) {
            Optional<Map<String, String>> match = r.match(segments);
            if (match.isPresent()) {
                allowed.add(r.method());
                if (r.method().equals(method) && route == null) {
                    route = r;
                    variables = match.get();
                }
            }
        }
        // Who calls before what is there, so that a caller without credentials learns nothing of
        // the paths; a route open to anyone asks no authenticator (a stale cookie cannot stop a login).
        Optional<Principal> principal = route != null && route.open() ? Optional.empty() : Optional.of(authenticate(web));
        if (route == null) {
            if (allowed.isEmpty()) {
                throw new ApiException(ProblemType.NOT_FOUND, "There is no resource at this path.", Optional.empty());
            }
            String allow = String.join(", ", allowed);
            return Problems.problem(ProblemType.METHOD_NOT_ALLOWED, "This resource allows " + allow + ".", instance(path),
                    Optional.empty()).with("Allow", allow);
        }
        guard.check(web, principal);
        Map<String, List<String>> query = query(request, route);
        byte[] body = new byte[0];
        Optional<String> key = Optional.empty();
        OptionalLong ifMatch = OptionalLong.empty();
        if (route.body()) {
            requireJson(request);
            body = body(request);
            key = idempotencyKey(web.header("Idempotency-Key"));
            ifMatch = ETags.ifMatch(web.header("If-Match"));
        }
        try {
            return route.handler().handle(new Exchange(principal, web, instance(path), variables, query, body, key, ifMatch,
                    () -> authenticateAgain(web)));
        } finally {
            if (!method.equals("GET")) {
                // Whatever a write wrote, the next read through this server sees it.
                table.written();
            }
        }
    }

    private Principal authenticate(JettyWebRequest web) {
        return callers.authenticate(web);
    }

    /** Who calls now, for a response held open: empty if no authenticator accepts the request any more. */
    private Optional<Principal> authenticateAgain(JettyWebRequest web) {
        try {
            return Optional.of(authenticate(web));
        } catch (AuthenticationException e) {
            // Ended credentials: not who it was.
            return Optional.empty();
        } catch (RuntimeException e) {
            String errorId = counted(e);
            LOG.warn("Asking the authenticators again for a live stream failed (error {}); the stream ends", errorId, e);
            return Optional.empty();
        }
    }

    private static Map<String, List<String>> query(Request request, Route route) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("The query string is not well-formed.");
        }
        var out = new LinkedHashMap<String, List<String>>();
        for (Fields.Field field : fields) {
            if (!route.parameters().contains(field.getName())) {
                String name = JsonBody.printable(field.getName());
                throw ApiException.badRequest(name, "Unknown query parameter " + name + "; this route accepts "
                        + (route.parameters().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(route.parameters())))
                        + ".");
            }
            out.put(field.getName(), List.copyOf(field.getValues()));
        }
        return out;
    }

    private static void requireJson(Request request) {
        String type = request.getHeaders().get("Content-Type");
        if (type == null) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "A write needs Content-Type: application/json.",
                    Optional.of("Content-Type"));
        }
        String[] parts = type.split(";", -1);
        boolean json = parts[0].strip().equalsIgnoreCase("application/json");
        for (int i = 1; i < parts.length && json; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            json = parameter.equals("charset=utf-8");
        }
        if (!json) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "A write needs Content-Type: application/json (charset, if given, utf-8).", Optional.of("Content-Type"));
        }
    }

    private byte[] body(Request request) {
        long declared = request.getLength();
        try (InputStream in = Request.asInputStream(request)) {
            if (declared > maxBodyBytes) {
                swallow(in);
                throw tooLarge();
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (bytes.length > maxBodyBytes) {
                swallow(in);
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read.");
        }
    }

    /**
     * Reads and drops up to {@value #SWALLOW} bytes of a body too large to accept, so that a
     * client still sending it reads the 413 instead of a reset connection (as Tomcat's
     * maxSwallowSize). Past that, Jetty closes the connection; the idle timeout bounds a slow sender.
     */
    private static void swallow(InputStream in) throws IOException {
        long left = SWALLOW;
        byte[] buffer = new byte[8192];
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
            left -= n;
        }
    }

    private ApiException tooLarge() {
        return new ApiException(ProblemType.BODY_TOO_LARGE, "The body is larger than " + maxBodyBytes + " bytes.",
                Optional.empty());
    }

    private static Optional<String> idempotencyKey(Optional<String> header) {
        if (header.isEmpty()) {
            return header;
        }
        String key = header.get();
        boolean printable = !key.isEmpty() && key.length() <= MAX_KEY && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (!printable) {
            throw ApiException.badRequest("Idempotency-Key",
                    "Idempotency-Key must be 1 to " + MAX_KEY + " printable ASCII characters without spaces.");
        }
        return header;
    }

    /** The path as a problem's {@code instance}: printable ASCII, at most 200 characters. */
    public static String instance(String path) {
        var out = new StringBuilder();
        path.codePoints().limit(200).forEach(cp -> out.append(cp > 0x20 && cp < 0x7f && cp != '"' ? (char) cp : '_'));
        return out.toString();
    }

    private void write(ApiResponse answer, Response response, Callback callback) {
        counters.answered(answer.status());
        response.setStatus(answer.status());
        SecurityHeaders.apply(response.getHeaders());
        response.getHeaders().put("Content-Type", answer.contentType());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (answer.status() == 401) {
            response.getHeaders().put("WWW-Authenticate", Callers.CHALLENGE);
        }
        if (answer.stream().isPresent()) {
            answer.stream().get().start(response, callback);
        } else {
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
    }
}
