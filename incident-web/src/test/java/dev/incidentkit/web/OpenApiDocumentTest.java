package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.web.WebHarness.Reply;
import dev.incidentkit.web.internal.Route;
import dev.incidentkit.web.internal.RouteTable;
import dev.incidentkit.web.internal.status.StatusPageHandler;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the OpenAPI document at /api/v1/openapi.json")
class OpenApiDocumentTest {

    private final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    @DisplayName("is valid OpenAPI 3.1 for an independent parser, and documents exactly the route table")
    void documentsEveryRoute() {
        Reply r = h.get("/api/v1/openapi.json", "vera");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue("application/json");

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body(), null, options);

        assertThat(parsed.getMessages()).as("parse messages").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api).isNotNull();
        assertThat(api.getOpenapi()).startsWith("3.1.");
        Set<String> documented = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> documented.add(method.name() + " " + path)));
        Set<String> routed = RouteTable.of(h.incidents).routes().stream()
                .map(route -> route.method().toUpperCase(Locale.ROOT) + " " + route.template())
                .collect(Collectors.toCollection(TreeSet::new));
        // The public status page's, answered in front of the route table.
        StatusPageHandler.PATHS.forEach(path -> routed.add("GET " + path));
        assertThat(documented).isEqualTo(routed);
    }

    @Test
    @DisplayName("every operation documents 403 and 401 (but login and logout, open to anyone), every write 415 and 422 "
            + "(an alert receiver 400 and 401), "
            + "every route on one incident 404")
    void documentsStatuses() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(h.get("/api/v1/openapi.json", "vera").body(), null, options)
                .getOpenAPI();
        for (Route route : RouteTable.of(h.incidents).routes()) {
            var operation = api.getPaths().get(route.template()).readOperationsMap().entrySet().stream()
                    .filter(e -> e.getKey().name().equalsIgnoreCase(route.method())).findFirst().orElseThrow().getValue();
            assertThat(operation.getResponses()).as(route.template()).containsKeys("403", "500");
            if (!route.open()) {
                assertThat(operation.getResponses()).as(route.template()).containsKey("401");
            }
            boolean receiver = route.open() && route.body() && !route.template().endsWith("/session");
            if (receiver) {
                // The alert receivers: a machine's payload is malformed (400) rather than invalid input.
                assertThat(operation.getResponses()).as(route.template()).containsKeys("400", "401", "413", "415");
            } else if (route.body()) {
                assertThat(operation.getResponses()).as(route.template()).containsKeys("413", "415", "422");
            }
            if (route.template().contains("{id}")) {
                assertThat(operation.getResponses()).as(route.template()).containsKey("404");
            }
        }
    }
}
