package dev.incidentkit.web.internal;

import dev.incidentkit.core.IncidentManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every route of API v1, in one table: the single source of dispatch, and of the test that holds
 * the OpenAPI document to the routes. A route added here and not documented there fails that test.
 */
public final class RouteTable {

    /** The root of API v1. */
    public static final String BASE = "/api/v1";

    /** The OpenAPI document, a resource of this module. */
    static final String OPENAPI_RESOURCE = "/dev/incidentkit/web/openapi.json";

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * @param incidents the manager the routes serve
     * @return the table
     */
    public static RouteTable of(IncidentManager incidents) {
        Objects.requireNonNull(incidents, "incidents");
        ReadRoutes reads = new ReadRoutes(incidents);
        CommandRoutes commands = new CommandRoutes(incidents);
        byte[] openApi = openApi();
        String incident = BASE + "/incidents/{id}";
        var routes = new ArrayList<Route>();
        routes.add(Route.get(BASE + "/openapi.json", Set.of(),
                x -> new ApiResponse(200, ApiResponse.JSON, openApi, Map.of())));
        routes.add(Route.get(BASE + "/incidents", Set.of("status", "severity", "service", "text", "commander",
                "role_holder", "declared_from", "declared_before", "sort", "order", "limit", "cursor"), reads::query));
        routes.add(Route.post(BASE + "/incidents", commands::declare));
        routes.add(Route.get(incident, Set.of(), reads::incident));
        routes.add(Route.get(incident + "/events", Set.of(), reads::history));
        routes.add(Route.get(incident + "/timeline", Set.of(), reads::timeline));
        routes.add(Route.get(incident + "/export", Set.of("format"), reads::export));
        routes.add(Route.get(incident + "/verify", Set.of(), reads::verify));
        routes.addAll(commands.routes(incident));
        routes.add(Route.get(BASE + "/metrics", Set.of("since", "until", "severity", "service", "by"), reads::metrics));
        // Hooks, one line each, for the components other engineers add (see the module's README in the report):
        // routes.add(Route.post(BASE + "/session", sessions::login));      // login: a Principal of scheme SESSION
        // routes.add(new Route("DELETE", BASE + "/session", ...));         // logout
        // routes.add(Route.get(BASE + "/events", Set.of("after"), sse::stream)); // Server-Sent Events (needs a streaming handler)
        return new RouteTable(routes);
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
