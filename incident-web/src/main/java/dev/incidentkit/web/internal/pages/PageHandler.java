package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.AccessDeniedException;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.web.AuthenticationException;
import dev.incidentkit.web.Principal;
import dev.incidentkit.web.Session;
import dev.incidentkit.web.Sessions;
import dev.incidentkit.web.internal.ApiException;
import dev.incidentkit.web.internal.ApiHandler;
import dev.incidentkit.web.internal.Callers;
import dev.incidentkit.web.internal.Counters;
import dev.incidentkit.web.internal.JettyWebRequest;
import dev.incidentkit.web.internal.QueryCache;
import dev.incidentkit.web.internal.RouteTable;
import dev.incidentkit.web.internal.SecurityHeaders;
import dev.incidentkit.web.internal.WriteGuard;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
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
 * failure a 500 page (503 when the store failed) naming only an error id, which the one ERROR
 * line logged for it also names.
 */
public final class PageHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(PageHandler.class);
    private static final String HTML = "text/html; charset=utf-8";

    /** Where the API's paths start: every other path is a page's. */
    public static final String API = "/api/";

    private final IncidentManager incidents;
    private final Callers callers;
    private final Optional<Sessions> sessions;
    private final WriteGuard guard;
    private final Counters counters;
    private final Clock clock;
    private final QueryCache cache;
    private final DashboardReads dashboard;
    private final Optional<AlertIntake> alerts;
    private final Optional<Supplier<OnCallConfig>> onCall;
    private final Optional<Escalator> escalator;

    /**
     * @param incidents the manager the pages show
     * @param callers who calls, as for the API
     * @param sessions the login sessions, if users log in with a password
     * @param guard the API's guard, whose loopback-host check a server without authentication needs on pages too
     * @param counters where answers and failures are counted
     * @param clock the clock of ages and SLA clocks
     * @param cache the reads kept while nothing is recorded, shared with the API's query
     * @param alerts the alert intake, if the server receives alerts: the Alerts page and the
     *     incident page's Alerts section
     * @param onCall the on-call configuration, asked for on each page, if there is one: the On call page
     * @param escalator the host's escalator, if there is one: the incident page's escalation line
     *     and the On call page's running escalations
     */
    public PageHandler(IncidentManager incidents, Callers callers, Optional<Sessions> sessions, WriteGuard guard,
            Counters counters, Clock clock, QueryCache cache, Optional<AlertIntake> alerts,
            Optional<Supplier<OnCallConfig>> onCall, Optional<Escalator> escalator) {
        super(InvocationType.BLOCKING);
        this.incidents = incidents;
        this.callers = callers;
        this.sessions = sessions;
        this.guard = guard;
        this.counters = counters;
        this.clock = clock;
        this.cache = cache;
        this.dashboard = new DashboardReads(incidents, cache);
        this.alerts = alerts;
        this.onCall = onCall;
        this.escalator = escalator;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String decoded = request.getHttpURI().getDecodedPath();
        String path = decoded == null || decoded.isEmpty() ? "/" : decoded;
        if (path.startsWith(API) || path.equals(RouteTable.PAGERDUTY_EVENTS)) {
            return false;
        }
        Page page;
        try {
            page = page(request, path);
        } catch (RuntimeException | LinkageError | StackOverflowError failure) {
            // LinkageError: a template or asset class that failed to load is counted and shown too.
            page = failed(failure, request, path, Optional.empty());
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

        Page with(String name, String value) {
            var all = new java.util.LinkedHashMap<>(headers);
            all.put(name, value);
            return new Page(status, contentType, body, all);
        }
    }

    private Page page(Request request, String path) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            return errorPage(405, "Pages are only read: their forms write through the API, with JavaScript, "
                    + "which this browser did not run.", Optional.empty()).with("Allow", "GET, HEAD")
                    // Its body is never read: the connection closes under a client that would reuse it.
                    .with("Connection", "close");
        }
        if (path.startsWith("/assets/")) {
            return asset(path.substring("/assets/".length()), Optional.ofNullable(parameters(request).getValue("v")));
        }
        JettyWebRequest web = new JettyWebRequest(request, path);
        if (path.equals("/login")) {
            return Page.html(200, render("login.jte", new LoginView(Frame.anonymous("Log in"),
                    sessions.isPresent(), callers.local(), nextPath(request))));
        }
        Principal principal;
        try {
            principal = callers.authenticate(web);
        } catch (AuthenticationException e) {
            if (sessions.isPresent()) {
                // The address as sent (still encoded), so that any path comes back as it was.
                String next = request.getHttpURI().getPath()
                        + Optional.ofNullable(request.getHttpURI().getQuery()).map(q -> "?" + q).orElse("");
                return new Page(303, HTML, new byte[0],
                        Map.of("Location", "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
            }
            return errorPage(401, "This server accepts API tokens only; the dashboard needs a server with login.",
                    Optional.empty()).with("WWW-Authenticate", Callers.CHALLENGE);
        }
        guard.check(web, Optional.of(principal));
        Optional<String> csrf = principal.scheme() == Principal.Scheme.SESSION
                ? sessions.flatMap(s -> s.session(web)).map(Session::csrfToken)
                : Optional.empty();
        Viewer viewer = new Viewer(principal.actor(), incidents.authorizer(), csrf);
        try {
            return page(request, path, viewer);
        } catch (RuntimeException | LinkageError | StackOverflowError failure) {
            return failed(failure, request, path, Optional.of(viewer));
        }
    }

    /** The page of a caller who is known. */
    private Page page(Request request, String path, Viewer viewer) {
        Instant now = clock.instant();
        List<String> segments = List.of(path.substring(1).split("/", -1));
        if (path.equals("/")) {
            read(viewer, Optional.empty());
            return Page.html(200, render("dashboard.jte", DashboardView.of(dashboard, frame(viewer, "Dashboard", "dashboard"), now)));
        }
        if (path.equals("/metrics")) {
            read(viewer, Optional.empty());
            // Thirteen metric queries: kept while nothing is recorded, as the dashboard's reads.
            MetricsView view = cache.answer(new MetricsKey(now.truncatedTo(ChronoUnit.MINUTES)),
                    () -> MetricsView.of(incidents, frame(viewer, "Metrics", "metrics"), now, alerts));
            return Page.html(200, render("metrics.jte", view.withFrame(frame(viewer, "Metrics", "metrics"))));
        }
        if (path.equals("/incidents")) {
            read(viewer, Optional.empty());
            Fields fields = parameters(request);
            return Page.html(200, render("incidents.jte", ListView.of(incidents, frame(viewer, "Incidents", "incidents"),
                    name -> Optional.ofNullable(fields.getValue(name)).filter(v -> !v.isEmpty()), now)));
        }
        if (path.equals("/alerts") && alerts.isPresent()) {
            read(viewer, Optional.empty());
            return Page.html(200, render("alerts.jte", AlertsView.of(alerts.get(), frame(viewer, "Alerts", "alerts"))));
        }
        if (path.equals("/oncall") && onCall.isPresent()) {
            read(viewer, Optional.empty());
            return Page.html(200, render("oncall.jte", OnCallView.of(onCall.get().get(), frame(viewer, "On call", "oncall"), now,
                    escalator.map(e -> e.running(OnCallView.RUNNING_SHOWN + 1)))));
        }
        if (path.equals("/incidents/new")) {
            if (!viewer.mayDeclare()) {
                return errorPage(403, viewer.actor().name() + " may not declare incidents.", Optional.of(viewer));
            }
            return Page.html(200, render("declare.jte", new DeclareView(frame(viewer, "Declare an incident", "incidents"),
                    List.of(Severity.values()))));
        }
        if (segments.size() == 2 && segments.get(0).equals("incidents") && !segments.get(1).isEmpty()) {
            String id = segments.get(1);
            read(viewer, Optional.of(id));
            Fields fields = parameters(request);
            // The forms' previews are GETs of this page, with their fields in the query.
            IncidentView view = IncidentView.of(incidents, viewer, id, now, alerts,
                    escalator.flatMap(e -> e.escalation(id)), name -> Optional.ofNullable(fields.getValue(name)));
            return Page.html(200, render("incident.jte", view.withFrame(frame(viewer, id + ": " + view.incident().title(),
                    "incidents"))));
        }
        return errorPage(404, "There is no page at this address.", Optional.of(viewer));
    }

    /** The cache key of the metrics page of a minute. */
    private record MetricsKey(Instant minute) {}

    private void read(Viewer viewer, Optional<String> incidentId) {
        incidents.authorizer().authorize(viewer.actor(), new Action.Read(incidentId));
    }

    /**
     * An asset: kept for a year by the browser when the URL names its content's hash ({@link
     * Assets#path}), so it never changes under a browser that keeps it; asked for by another
     * hash (a page of another version of the server, say), it is served but not kept.
     */
    private Page asset(String name, Optional<String> version) {
        Optional<Assets.Asset> asset = Assets.find(name);
        if (asset.isEmpty()) {
            return errorPage(404, "There is no such file.", Optional.empty());
        }
        boolean current = version.equals(Optional.of(asset.get().hash()));
        return new Page(200, asset.get().contentType(), asset.get().bytes(),
                Map.of("Cache-Control", current ? "public, max-age=31536000, immutable" : "no-cache"));
    }

    /**
     * The page of a failure: the expected ones by their status, the rest a 500 (or, the store's,
     * a 503) naming the error id of the one ERROR line logged for it, and counted.
     */
    private Page failed(Throwable failure, Request request, String path, Optional<Viewer> viewer) {
        if (failure instanceof IncidentNotFoundException || failure instanceof AccessDeniedException
                || failure instanceof ValidationException) {
            int status = failure instanceof IncidentNotFoundException ? 404 : failure instanceof AccessDeniedException ? 403 : 400;
            return errorPage(status, failure.getMessage(), viewer);
        }
        if (failure instanceof ApiException e) {
            return errorPage(e.type().status(), e.getMessage(), viewer);
        }
        String errorId = UUID.randomUUID().toString();
        counters.handlerError(failure, errorId);
        LOG.error("Internal error {} answering page {} {}", errorId, request.getMethod(), ApiHandler.instance(path), failure);
        boolean store = failure instanceof StoreException;
        return errorPage(store ? 503 : 500, (store ? "The incident store failed; retry in a moment. " : "")
                + "The server log has the details under error id " + errorId + ".", viewer);
    }

    private Page errorPage(int status, String message, Optional<Viewer> viewer) {
        String heading = ErrorPages.heading(status);
        Frame frame = viewer.map(v -> frame(v, heading, "")).orElseGet(() -> Frame.anonymous(heading));
        return Page.html(status, ErrorPages.html(status, message, frame));
    }

    private String render(String template, Object model) {
        return Templates.render(template, model);
    }

    private Frame frame(Viewer viewer, String title, String section) {
        return new Frame(title, section, Optional.of(viewer.actor().name()), viewer.csrfToken(), viewer.mayDeclare(),
                alerts.isPresent(), onCall.isPresent());
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
}
