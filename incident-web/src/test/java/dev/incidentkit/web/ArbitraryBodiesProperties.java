package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.web.WebHarness.Reply;
import dev.incidentkit.web.internal.Route;
import dev.incidentkit.web.internal.RouteTable;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Each arbitrary body at every write route, as a commander (so that only the body decides): never a
 * 5xx; a refusal is a 4xx problem document and writes nothing.
 */
class ArbitraryBodiesProperties {

    private static WebHarness h;
    private static String id;
    private static List<Route> writes;

    @BeforeContainer
    static void start() {
        h = new WebHarness();
        id = h.declare();
        h.declare();
        writes = RouteTable.of(h.incidents).routes().stream().filter(Route::body).toList();
    }

    @AfterContainer
    static void stop() {
        h.close();
    }

    @Property(tries = 200)
    void anyBodyIsAnsweredWithoutServerError(@ForAll("bodies") String body) {
        for (Route route : writes) {
            long before = h.eventCount();

            // Each route with its own method: a PUT route answers a POST at once, without reading a long body.
            Reply r = h.send(h.request(ValidBodies.path(route, id), "carl").header("Content-Type", "application/json")
                    .method(route.method(), java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());

            assertThat(r.status()).as(route.template() + " <- " + abbreviate(body) + " -> " + r.body()).isLessThan(500);
            if (r.status() >= 400) {
                r.problem(r.status());
                assertThat(h.eventCount()).as("a refusal writes nothing").isEqualTo(before);
            } else {
                assertThat(r.status()).isIn(200, 201);
            }
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300),
                json(3),
                objects(),
                Arbitraries.integers().between(1, 20_000).map(n -> "[".repeat(n) + "]".repeat(n)),
                Arbitraries.integers().between(1, 5_000).map(n -> "{\"note\":" + "{\"a\":".repeat(n) + "1" + "}".repeat(n + 1)),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5_000).map(d -> "{\"note\":" + d + "}"),
                Arbitraries.of("{\"note\":1e999999}", "{\"item\":-0}", "{\"note\":\"\\ud800\"}", "{\"note\":\"\u0000\"}",
                        "{\"severity\":\"SEV-1\",\"note\":\"\\u0000\"}", "\u00ef\u00bb\u00bf{}", "{\"occurred_at\":\"9999-12-31T23:59:59Z\"}",
                        "{\"occurred_at\":\"1970-01-01T00:00:00Z\",\"note\":\"old\"}", "{\"title\":\"" + "x".repeat(5000) + "\"}"));
    }

    /** Objects whose names are the routes' own fields, or others, with values of any JSON kind. */
    private Arbitrary<String> objects() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("note", "reason", "severity", "service", "role", "assignee",
                "text", "owner", "due", "duplicate_of", "title", "description", "war_room", "occurred_at", "summary",
                "impact_started_at", "detected_at", "actor"), Arbitraries.strings().ofMaxLength(10));
        Arbitrary<String> member = net.jqwik.api.Combinators.combine(names, json(2)).as((n, v) -> quote(n) + ":" + v);
        return member.list().ofMaxSize(5).map(m -> "{" + String.join(",", m) + "}");
    }

    private Arbitrary<String> json(int depth) {
        return JsonBodies.json(depth, 50, "SEV-1", "P2", "commander", "tech-lead", "2025-09-01", "2025-08-23T14:30:00Z", "INC-2025-001",
                        "checkout");
    }

    private static String quote(String s) {
        return JsonBodies.quote(s);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
