package dev.incidentkit.web.internal;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.web.OnCallSource;
import dev.incidentkit.web.Sessions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every route of API v1, in one table: the single source of dispatch, and of the test that holds
 * the OpenAPI document to the routes. A route added here and not documented there fails that test.
 */
public final class RouteTable {

    /** The root of API v1. */
    public static final String BASE = "/api/v1";

    /** PagerDuty's Events API v2 path, outside {@link #BASE} as PagerDuty's own: its clients need only the host changed. */
    public static final String PAGERDUTY_EVENTS = "/v2/enqueue";

    /** The OpenAPI document, a resource of this module. */
    static final String OPENAPI_RESOURCE = "/dev/incidentkit/web/openapi.json";

    private final List<Route> routes;
    private final CsrfCheck csrf;
    private final QueryCache cache;

    private RouteTable(List<Route> routes, CsrfCheck csrf, QueryCache cache) {
        this.routes = List.copyOf(routes);
        this.csrf = csrf;
        this.cache = cache;
    }

    /**
     * The table of a server without login, whose live event streams are never started: for
     * tests that read the routes.
     *
     * @param incidents the manager the routes serve
     * @return the table
     */
    public static RouteTable of(IncidentManager incidents) {
        return of(incidents, Optional.empty(), new EventStreams(incidents, 1, Duration.ofDays(1)), 0, Optional.empty(),
                key -> Optional.empty(), new Counters(incidents.clock()), Optional.empty(), Optional.empty());
    }

    /**
     * @param incidents the manager the routes serve
     * @param sessions the login sessions, if users log in with a password
     * @param streams the live event streams
     * @param cachedQueries how many answers of {@code GET /api/v1/incidents} to keep while nothing
     *     is recorded (see {@link QueryCache}); 0 for none
     * @param alerts the alert intake, if alerts are enabled; without it the alert routes answer 404
     * @param integrationOf which integration a presented key is of, asked on every alert post
     * @param counters where the receivers count the intake's failures
     * @param onCall the on-call configuration, asked for on each request and changed by the on-call
     *     writes, if there is one; without it the on-call routes answer 404
     * @param escalator the host's escalator, read by the escalation routes; without it they answer 404
     * @return the table
     */
    public static RouteTable of(IncidentManager incidents, Optional<Sessions> sessions, EventStreams streams,
            int cachedQueries, Optional<AlertIntake> alerts, Function<String, Optional<String>> integrationOf, Counters counters,
            Optional<OnCallSource> onCall, Optional<Escalator> escalator) {
        Objects.requireNonNull(incidents, "incidents");
        SessionRoutes session = new SessionRoutes(sessions);
        EventRoutes events = new EventRoutes(incidents, streams);
        AdminRoutes admin = new AdminRoutes(incidents, escalator);
        QueryCache cache = new QueryCache(incidents, cachedQueries);
        ReadRoutes reads = new ReadRoutes(incidents, cache, alerts);
        CommandRoutes commands = new CommandRoutes(incidents);
        AlertReceivers receivers = new AlertReceivers(incidents, alerts, integrationOf, counters);
        AlertRoutes alertReads = new AlertRoutes(incidents, alerts);
        OnCallRoutes onCallReads = new OnCallRoutes(incidents, onCall);
        EscalationRoutes escalations = new EscalationRoutes(incidents, escalator);
        byte[] openApi = openApi();
        String incident = BASE + "/incidents/{id}";
        var routes = new ArrayList<Route>();
        routes.add(Route.get(BASE + "/openapi.json", Set.of(),
                x -> new ApiResponse(200, ApiResponse.JSON, openApi, Map.of())));
        routes.add(Route.get(BASE + "/incidents", IncidentQueries.PARAMETERS, reads::query));
        routes.add(Route.post(BASE + "/incidents", commands::declare));
        routes.add(Route.get(incident, Set.of(), reads::incident));
        routes.add(Route.get(incident + "/events", Set.of(), reads::history));
        routes.add(Route.get(incident + "/timeline", Set.of(), reads::timeline));
        routes.add(Route.get(incident + "/export", Set.of("format"), reads::export));
        routes.add(Route.get(incident + "/verify", Set.of(), reads::verify));
        routes.add(Route.get(incident + "/escalation", Set.of(), escalations::incident));
        routes.addAll(commands.routes(incident));
        routes.addAll(new CommsRoutes(incidents).routes(incident));
        routes.add(Route.get(BASE + "/metrics", Set.of("since", "until", "severity", "service", "by"), reads::metrics));
        routes.add(Route.get(BASE + "/events", Set.of("after"), events::stream));
        String notifier = BASE + "/admin/notifiers/{notifier}";
        routes.add(Route.get(BASE + "/admin/read-model", Set.of(), admin::checkReadModel));
        routes.add(Route.post(BASE + "/admin/read-model/rebuild", admin::rebuildReadModel));
        routes.add(Route.get(BASE + "/admin/notifiers", Set.of(), admin::notifiers));
        routes.add(Route.get(notifier + "/dead-letters", Set.of(), admin::deadLetters));
        routes.add(Route.get(BASE + "/admin/escalator", Set.of(), admin::escalator));
        routes.add(Route.post(notifier + "/dead-letters/{event}/replay", admin::replay));
        // The receivers check their integration's key themselves: machine endpoints, outside sessions and CSRF.
        routes.add(Route.post(BASE + "/alerts/alertmanager", receivers::alertmanager).openToAnyone());
        routes.add(Route.post(BASE + "/alerts/generic", receivers::generic).openToAnyone());
        routes.add(Route.post(PAGERDUTY_EVENTS, receivers::pagerDuty).openToAnyone());
        routes.add(Route.get(BASE + "/alerts", AlertRoutes.PARAMETERS, alertReads::alerts));
        routes.add(Route.get(BASE + "/silences", Set.of(), alertReads::silences));
        routes.add(Route.post(BASE + "/silences", alertReads::silence));
        routes.add(new Route("DELETE", BASE + "/silences/{silence}", Set.of(), false, alertReads::expire, false));
        routes.add(Route.get(BASE + "/oncall", Set.of("at"), onCallReads::now));
        routes.add(Route.get(BASE + "/oncall/paging", Set.of("from", "to", "policy", "schedule"), onCallReads::paging));
        routes.add(Route.get(BASE + "/schedules", Set.of(), onCallReads::schedules));
        routes.add(Route.get(BASE + "/schedules/{id}/shifts", Set.of("from", "to"), onCallReads::shifts));
        routes.add(Route.get(BASE + "/escalation-policies", Set.of(), onCallReads::policies));
        routes.add(Route.get(BASE + "/people", Set.of(), onCallReads::people));
        routes.add(Route.get(BASE + "/escalations", Set.of("limit"), escalations::running));
        routes.add(Route.put(BASE + "/schedules/{id}", onCallReads::putSchedule));
        routes.add(new Route("DELETE", BASE + "/schedules/{id}", Set.of(), false, onCallReads::deleteSchedule, false));
        routes.add(Route.post(BASE + "/schedules/{id}/overrides", onCallReads::addOverride));
        routes.add(Route.put(BASE + "/escalation-policies/{id}", onCallReads::putPolicy));
        routes.add(Route.put(BASE + "/people/{id}", onCallReads::putPerson));
        routes.add(Route.get(BASE + "/session", Set.of(), session::whoAmI));
        routes.add(Route.post(BASE + "/session", session::login).openToAnyone());
        routes.add(new Route("DELETE", BASE + "/session", Set.of(), false, session::logout, true));
        return new RouteTable(routes, session.csrfCheck(), cache);
    }

    /** Tells the query cache that a write went through this server: called before the write's answer is sent. */
    void written() {
        cache.written();
    }

    /** @return the cache of reads that the dashboard's pages share with the API's query */
    public QueryCache cache() {
        return cache;
    }

    /** @return the CSRF check of writes with a session cookie: the session's token, or a refusal without login */
    public CsrfCheck csrfCheck() {
        return csrf;
    }

    /** @return the routes, in table order */
    public List<Route> routes() {
        return routes;
    }

    private static byte[] openApi() {
        try (InputStream in = RouteTable.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + OPENAPI_RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
