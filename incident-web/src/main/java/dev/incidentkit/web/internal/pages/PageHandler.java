package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.AccessDeniedException;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.web.AuthenticationException;
import dev.incidentkit.web.Principal;
import dev.incidentkit.web.Session;
import dev.incidentkit.web.Sessions;
import dev.incidentkit.web.internal.ApiException;
import dev.incidentkit.web.internal.Callers;
import dev.incidentkit.web.internal.Counters;
import dev.incidentkit.web.internal.IncidentQueries;
import dev.incidentkit.web.internal.JettyWebRequest;
import dev.incidentkit.web.internal.SecurityHeaders;
import dev.incidentkit.web.internal.WriteGuard;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's pages: every path outside {@code /api/}. Pages are read-only ({@code GET}); their
 * forms write through the JSON API with {@code app.js}, so there is one write path, one set of
 * checks and one set of problem documents. A page asks the same authenticators and authorizer as
 * the API: without credentials a browser is sent to the login page (or gets 401 when the server
 * has no login); a refusal is a 403 page, a missing incident a 404 page, and an unexpected
 * failure a 500 page naming only an error id, which the one ERROR line logged for it also names.
 */
public final class PageHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(PageHandler.class);
    private static final String HTML = "text/html; charset=utf-8";

    private final IncidentManager incidents;
    private final Callers callers;
    private final Optional<Sessions> sessions;
    private final WriteGuard guard;
    private final Counters counters;
    private final Clock clock;
    private final DashboardReads dashboard;

    /**
     * @param incidents the manager the pages show
     * @param callers who calls, as for the API
     * @param sessions the login sessions, if users log in with a password
     * @param guard the API's guard, whose loopback-host check a server without authentication needs on pages too
     * @param counters where answers and failures are counted
     * @param clock the clock of ages and SLA clocks
     */
    public PageHandler(IncidentManager incidents, Callers callers, Optional<Sessions> sessions, WriteGuard guard,
            Counters counters, Clock clock) {
        super(InvocationType.BLOCKING);
        this.incidents = incidents;
        this.callers = callers;
        this.sessions = sessions;
        this.guard = guard;
        this.counters = counters;
        this.clock = clock;
        this.dashboard = new DashboardReads(incidents);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String decoded = request.getHttpURI().getDecodedPath();
        String path = decoded == null || decoded.isEmpty() ? "/" : decoded;
        if (path.startsWith("/api/")) {
            return false;
        }
        Page page;
        try {
            page = page(request, path);
        } catch (RuntimeException | StackOverflowError failure) {
            page = failed(failure, request, path);
        }
        counters.answered(page.status());
        response.setStatus(page.status());
        SecurityHeaders.apply(response.getHeaders());
        response.getHeaders().put("Content-Type", page.contentType());
        page.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(page.body()), callback);
        return true;
    }

    /** A response: a rendered page, an asset or a redirect. */
    private record Page(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Page html(int status, String html) {
            return new Page(status, HTML, html.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    private Page page(Request request, String path) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            return new Page(405, HTML, render("error.jte", error(Optional.empty(), 405, "Not allowed",
                    "Pages are only read; forms write through the API.")).getBytes(StandardCharsets.UTF_8),
                    Map.of("Allow", "GET, HEAD"));
        }
        if (path.startsWith("/assets/")) {
            return asset(path.substring("/assets/".length()));
        }
        JettyWebRequest web = new JettyWebRequest(request, path);
        if (path.equals("/login")) {
            return Page.html(200, render("login.jte", new LoginView(frame("Log in", "", Optional.empty()),
                    sessions.isPresent(), nextPath(request))));
        }
        Principal principal;
        try {
            principal = callers.authenticate(web);
        } catch (AuthenticationException e) {
            if (sessions.isPresent()) {
                String next = path + Optional.ofNullable(request.getHttpURI().getQuery()).map(q -> "?" + q).orElse("");
                return new Page(303, HTML, new byte[0],
                        Map.of("Location", "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
            }
            return new Page(401, HTML, render("error.jte", error(Optional.empty(), 401, "Sign-in needed",
                    "This server accepts API tokens only; the dashboard needs a server with login.")).getBytes(StandardCharsets.UTF_8),
                    Map.of("WWW-Authenticate", Callers.CHALLENGE));
        }
        guard.check(web, Optional.of(principal));
        Optional<String> csrf = principal.scheme() == Principal.Scheme.SESSION
                ? sessions.flatMap(s -> s.session(web)).map(Session::csrfToken)
                : Optional.empty();
        Viewer viewer = new Viewer(principal.actor(), incidents.authorizer(), csrf);
        Instant now = clock.instant();
        List<String> segments = List.of(path.substring(1).split("/", -1));
        if (path.equals("/")) {
            read(viewer, Optional.empty());
            return Page.html(200, render("dashboard.jte", DashboardView.of(dashboard, frame(viewer, "Dashboard", "dashboard"), now)));
        }
        if (path.equals("/metrics")) {
            read(viewer, Optional.empty());
            return Page.html(200, render("metrics.jte", MetricsView.of(incidents, frame(viewer, "Metrics", "metrics"), now)));
        }
        if (path.equals("/incidents")) {
            read(viewer, Optional.empty());
            Fields fields = parameters(request);
            return Page.html(200, render("incidents.jte", ListView.of(incidents, frame(viewer, "Incidents", "incidents"),
                    name -> Optional.ofNullable(fields.getValue(name)).filter(v -> !v.isEmpty()), now)));
        }
        if (path.equals("/incidents/new")) {
            if (!viewer.mayDeclare()) {
                return Page.html(403, render("error.jte", error(Optional.of(viewer), 403, "Not allowed",
                        viewer.actor().name() + " may not declare incidents.")));
            }
            return Page.html(200, render("declare.jte", new DeclareView(frame(viewer, "Declare an incident", "incidents"),
                    List.of(Severity.values()))));
        }
        if (segments.size() == 2 && segments.get(0).equals("incidents") && !segments.get(1).isEmpty()) {
            String id = segments.get(1);
            read(viewer, Optional.of(id));
            IncidentView view = IncidentView.of(incidents, viewer, id, now);
            return Page.html(200, render("incident.jte", view.withFrame(frame(viewer, id + ": " + view.incident().title(),
                    "incidents"))));
        }
        return Page.html(404, render("error.jte", error(Optional.of(viewer), 404, "Not found",
                "There is no page at this address.")));
    }

    private void read(Viewer viewer, Optional<String> incidentId) {
        incidents.authorizer().authorize(viewer.actor(), new Action.Read(incidentId));
    }

    private Page asset(String name) {
        Optional<Assets.Asset> asset = Assets.find(name);
        if (asset.isEmpty()) {
            return Page.html(404, render("error.jte", error(Optional.empty(), 404, "Not found", "There is no such file.")));
        }
        // The URL names the content's hash (Assets.path): it never changes under a browser that keeps it.
        return new Page(200, asset.get().contentType(), asset.get().bytes(),
                Map.of("Cache-Control", "public, max-age=31536000, immutable"));
    }

    /** The page of a failure: the expected ones by their status, the rest a 500 with an error id. */
    private Page failed(Throwable failure, Request request, String path) {
        if (failure instanceof IncidentNotFoundException e) {
            return Page.html(404, render("error.jte", error(Optional.empty(), 404, "Not found", e.getMessage())));
        }
        if (failure instanceof AccessDeniedException e) {
            return Page.html(403, render("error.jte", error(Optional.empty(), 403, "Not allowed", e.getMessage())));
        }
        if (failure instanceof ApiException e) {
            return Page.html(e.type().status(), render("error.jte", error(Optional.empty(), e.type().status(),
                    e.type().status() == 403 ? "Not allowed" : "Bad request", e.getMessage())));
        }
        if (failure instanceof ValidationException e) {
            return Page.html(400, render("error.jte", error(Optional.empty(), 400, "Bad request", e.getMessage())));
        }
        String errorId = UUID.randomUUID().toString();
        counters.handlerError(failure, errorId);
        LOG.error("Internal error {} answering page {} {}", errorId, request.getMethod(), printable(path), failure);
        boolean store = failure instanceof StoreException;
        int status = store ? 503 : 500;
        return Page.html(status, render("error.jte", error(Optional.empty(), status,
                store ? "The incident store failed" : "Something went wrong",
                (store ? "Retry in a moment. " : "") + "The server log has the details under error id " + errorId + ".")));
    }

    private String render(String template, Object model) {
        return Templates.render(template, model);
    }

    private Frame frame(Viewer viewer, String title, String section) {
        return new Frame(title, section, Optional.of(viewer.actor().name()), viewer.csrfToken(), viewer.mayDeclare());
    }

    private static Frame frame(String title, String section, Optional<String> user) {
        return new Frame(title, section, user, Optional.empty(), false);
    }

    private ErrorView error(Optional<Viewer> viewer, int status, String heading, String message) {
        Frame frame = viewer.map(v -> frame(v, heading, "")).orElseGet(() -> frame(heading, "", Optional.empty()));
        return new ErrorView(frame, status, message);
    }

    /** Where a login returns to: a path of this server only, never another origin. */
    private static String nextPath(Request request) {
        String next = Optional.ofNullable(parameters(request).getValue("next")).orElse("/");
        boolean local = next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
                && next.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        return local ? next : "/";
    }

    private static Fields parameters(Request request) {
        try {
            return Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("The query string is not well-formed.");
        }
    }

    private static String printable(String path) {
        var out = new StringBuilder();
        path.codePoints().limit(200).forEach(cp -> out.append(cp > 0x20 && cp < 0x7f ? (char) cp : '_'));
        return out.toString();
    }
}
