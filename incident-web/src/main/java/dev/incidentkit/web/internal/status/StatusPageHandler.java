package dev.incidentkit.web.internal.status;

import dev.incidentkit.core.statuspage.StatusPages;
import dev.incidentkit.web.internal.ApiHandler;
import dev.incidentkit.web.internal.Counters;
import dev.incidentkit.web.internal.SecurityHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public status page, without authentication: {@code GET} and {@code HEAD} of {@link #PAGE}
 * (HTML), {@link #JSON_PATH} ({@value StatusFormats#FORMAT}) and {@link #ATOM_PATH} (Atom 1.0),
 * and of the page's stylesheet and icon under {@code /status/}. No authenticator is asked and no
 * cookie read: what these answer is the same for everyone, so shared caches may keep it ({@code
 * Cache-Control: public, max-age=30}); each carries a strong {@code ETag} of its bytes, and a
 * request whose {@code If-None-Match} names it is answered 304. The query string is ignored (a
 * link with tracking parameters still works). Other paths are the next handler's, or, for a server
 * of the status page only, a 404.
 *
 * <p>Put in front of the dashboard and the API, it makes these paths, and only these, public.
 */
public final class StatusPageHandler extends Handler.Abstract {

    /** The HTML page. */
    public static final String PAGE = "/status";
    /** The JSON document. */
    public static final String JSON_PATH = "/status.json";
    /** The Atom feed. */
    public static final String ATOM_PATH = "/status.atom";
    /** The representations' paths, documented in the OpenAPI document. */
    public static final List<String> PATHS = List.of(PAGE, JSON_PATH, ATOM_PATH);

    /** How long a client or a shared cache may reuse an answer, in seconds, without asking again. */
    static final int MAX_AGE = 30;

    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";
    static final String ATOM = "application/atom+xml; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String CACHE = "public, max-age=" + MAX_AGE;
    private static final String FOLDER = "/dev/incidentkit/web/status/";

    private static final Logger LOG = LoggerFactory.getLogger(StatusPageHandler.class);

    /** A file of the page's own, named by its content's hash so that a browser keeps it for a year. */
    private record Asset(String name, String contentType, StatusCache.Representation content) {
        String path() {
            return "/status/" + name + "?v=" + content.etag().substring(1, 17);
        }
    }

    private final StatusCache cache;
    private final Counters counters;
    private final boolean only;
    private final Map<String, Asset> assets;

    /**
     * @param pages reads the page
     * @param title the page's title, such as {@code Acme status}
     * @param clock the clock of the page's cache
     * @param counters where answers and failures are counted
     * @param only whether this server serves the status page only: every other path is then a 404
     *     here, rather than the next handler's
     */
    public StatusPageHandler(StatusPages pages, String title, Clock clock, Counters counters, boolean only) {
        super(InvocationType.BLOCKING);
        Asset css = asset("status.css", "text/css; charset=utf-8");
        Asset icon = asset("icon.svg", "image/svg+xml");
        this.assets = Map.of("/status/" + css.name(), css, "/status/" + icon.name(), icon);
        this.cache = new StatusCache(pages, title, clock, css.path(), icon.path());
        this.counters = counters;
        this.only = only;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String decoded = request.getHttpURI().getDecodedPath();
        String path = decoded == null || decoded.isEmpty() ? "/" : decoded;
        boolean ours = PATHS.contains(path) || assets.containsKey(path);
        if (!ours && !only) {
            return false;
        }
        Answer answer;
        if (!ours) {
            answer = Answer.text(404, "There is nothing at this address. The status page is at " + PAGE + ".");
        } else if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            answer = Answer.text(405, "The status page is only read: GET or HEAD.").with("Allow", "GET, HEAD");
        } else {
            answer = answer(path, Optional.ofNullable(request.getHttpURI().getQuery()),
                    Optional.ofNullable(request.getHeaders().get("If-None-Match")));
        }
        counters.answered(answer.status());
        response.setStatus(answer.status());
        SecurityHeaders.apply(response.getHeaders());
        response.getHeaders().put("Content-Type", answer.contentType());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    private Answer answer(String path, Optional<String> query, Optional<String> ifNoneMatch) {
        Asset asset = assets.get(path);
        if (asset != null) {
            // Kept for a year only when asked for by the hash of this content, as the dashboard's assets.
            boolean current = query.equals(Optional.of(asset.path().substring(asset.path().indexOf('?') + 1)));
            return Answer.of(asset.content(), ifNoneMatch, current ? "public, max-age=31536000, immutable" : "no-cache");
        }
        StatusCache.Snapshot snapshot;
        try {
            snapshot = cache.current();
        } catch (StatusCache.Unavailable e) {
            return Answer.text(503, "The status page is unavailable for a moment; retry soon.")
                    .with("Retry-After", Integer.toString(MAX_AGE));
        } catch (RuntimeException | StackOverflowError failure) {
            String errorId = UUID.randomUUID().toString();
            counters.handlerError(failure, errorId);
            LOG.error("Internal error {} answering the status page {}", errorId, ApiHandler.instance(path), failure);
            return Answer.text(503, "The status page is unavailable for a moment; retry soon. (Error id " + errorId + ".)")
                    .with("Retry-After", Integer.toString(MAX_AGE));
        }
        StatusCache.Representation r = switch (path) {
            case JSON_PATH -> snapshot.json();
            case ATOM_PATH -> snapshot.atom();
            default -> snapshot.html();
        };
        return Answer.of(r, ifNoneMatch, CACHE);
    }

    /**
     * @param header an If-None-Match header
     * @param etag a representation's entity tag
     * @return whether the header names it, or is {@code *}: compared weakly, as RFC 9110 (13.1.2) has it
     */
    static boolean matches(String header, String etag) {
        for (String tag : header.split(",", -1)) {
            String t = tag.strip();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** One answer, whole. */
    private record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Answer text(int status, String text) {
            return new Answer(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Answer of(StatusCache.Representation r, Optional<String> ifNoneMatch, String cacheControl) {
            Map<String, String> headers = Map.of("ETag", r.etag(), "Cache-Control", cacheControl);
            return ifNoneMatch.filter(h -> matches(h, r.etag())).isPresent()
                    ? new Answer(304, r.contentType(), new byte[0], headers)
                    : new Answer(200, r.contentType(), r.body(), headers);
        }

        Answer with(String name, String value) {
            var all = new java.util.LinkedHashMap<>(headers);
            all.put(name, value);
            return new Answer(status, contentType, body, all);
        }
    }

    private static Asset asset(String name, String contentType) {
        try (InputStream in = StatusPageHandler.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("the status page's " + FOLDER + name + " is missing from the jar");
            }
            return new Asset(name, contentType, StatusCache.Representation.of(contentType, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
