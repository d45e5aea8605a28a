package dev.incidentkit.web;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.event.IncidentEvent.PublicUpdatePosted;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.statuspage.StatusPages;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.web.WebHarness.Reply;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

@DisplayName("the public status page: /status, /status.json and /status.atom")
class StatusPageTest {

    static final List<String> PUBLIC = List.of("/status", "/status.json", "/status.atom");
    /** How long the server keeps a page read: the tests move the clock past it to see a change. */
    static final Duration REFRESH = Duration.ofSeconds(5);

    final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    /** Declares an incident on checkout and posts a public update: @return its id */
    static String incidentWithUpdate(WebHarness h) {
        String id = h.declare("Checkout 502s from the load balancer", "SEV-2", "checkout");
        h.incidents.postPublicUpdate(id, "Checkout issues", PublicStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE,
                "Some customers cannot pay.\nWe are looking into it.", as("carl"));
        return id;
    }

    /** @return the event ids of an incident's public updates, oldest first */
    static List<String> updateIds(WebHarness h, String id) {
        List<String> ids = new ArrayList<>();
        for (RecordedEvent e : h.incidents.history(id)) {
            if (e.event() instanceof PublicUpdatePosted) {
                ids.add(e.eventId().toString());
            }
        }
        return ids;
    }

    @Nested
    @DisplayName("who may read it")
    class Access {

        @Test
        @DisplayName("anyone: without credentials, with wrong ones, and a user without a role")
        void anyone() {
            incidentWithUpdate(h);
            for (String path : PUBLIC) {
                for (Reply r : List.of(h.get(path, null), h.get(path, "nora"),
                        h.send(h.request(path, null).header("Authorization", "Bearer bad").GET().build()))) {
                    assertThat(r.status()).as(path).isEqualTo(200);
                    assertThat(r.body()).as(path).contains("Checkout issues");
                    assertThat(r.header("WWW-Authenticate")).as(path).isEmpty();
                }
            }
            assertThat(h.get("/status", null).header("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(h.get("/status.json", null).header("Content-Type")).hasValue("application/json");
            assertThat(h.get("/status.atom", null).header("Content-Type")).hasValue("application/atom+xml; charset=utf-8");
        }

        @Test
        @DisplayName("every other path, near ones included, still needs credentials")
        void nothingElse() {
            String id = incidentWithUpdate(h);
            List<String> paths = new ArrayList<>(PageAuthenticationTest.PAGES);
            paths.addAll(List.of("/incidents/" + id, "/status/", "/status.html", "/statusx", "/status.json/x", "/status/x",
                    "/Status", "/api/v1/incidents", "/api/v1/incidents/" + id, "/api/v1/openapi.json", "/api/v1/status.json",
                    "/api/v1/events"));
            for (String path : paths) {
                Reply r = h.get(path, null);
                assertThat(r.status()).as(path).isEqualTo(401);
                assertThat(r.body()).as(path).doesNotContain("Checkout issues").doesNotContain("502s");
            }
        }

        @Test
        @DisplayName("on a server with logins and a trusted proxy: no redirect to the login page, no cookie needed")
        void withLogins(@TempDir Path dir) {
            try (HostServer s = new HostServer(dir)) {
                for (String path : PUBLIC) {
                    Reply r = s.send(s.request(path).GET().build());
                    assertThat(r.status()).as(path).isEqualTo(200);
                    assertThat(r.header("Set-Cookie")).isEmpty();
                    Reply proxied = s.send(s.request(path).header(HostServer.PROXY_HEADER, "sso-user").GET().build());
                    assertThat(proxied.status()).as(path).isEqualTo(200);
                }
                assertThat(s.send(s.request("/").GET().build()).status()).isEqualTo(303);
            }
        }

        @Test
        @DisplayName("turned off with statusPage(false), its paths need credentials as any other")
        void off() {
            try (WebHarness off = new WebHarness(m -> m, b -> b.statusPage(false))) {
                incidentWithUpdate(off);
                for (String path : PUBLIC) {
                    assertThat(off.get(path, null).status()).as(path).isEqualTo(401);
                }
                // A page that does not exist, for someone who may read.
                assertThat(off.get("/status", "vera").status()).isEqualTo(404);
            }
        }

        @Test
        @DisplayName("a write to it is 405, allowing GET and HEAD")
        void writes() {
            Reply r = h.send(h.request("/status.json", null).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).hasValue("GET, HEAD");
        }
    }

    @Nested
    @DisplayName("a server of the status page only (statusPageOnly)")
    class Only {

        @Test
        @DisplayName("serves the three representations and 404 on every other path, with credentials or not")
        void onlyTheStatusPage() {
            incidentWithUpdate(h);
            try (IncidentWeb only = IncidentWeb.builder(h.incidents).port(0).statusPageOnly().statusPageTitle("Acme status")
                    .start()) {
                for (String path : PUBLIC) {
                    Reply r = WebHarness.send(h.http, HttpRequest.newBuilder(only.uri().resolve(path)).GET().build());
                    assertThat(r.status()).as(path).isEqualTo(200);
                    assertThat(r.body()).contains("Acme status").contains("Checkout issues");
                }
                for (String path : List.of("/", "/incidents", "/login", "/assets/app.css", "/api/v1/incidents",
                        "/api/v1/openapi.json", "/api/v1/session", "/v2/enqueue")) {
                    Reply r = WebHarness.send(h.http, HttpRequest.newBuilder(only.uri().resolve(path))
                            .header("Authorization", "Bearer token-carl").GET().build());
                    assertThat(r.status()).as(path).isEqualTo(404);
                    assertThat(r.body()).doesNotContain("Checkout");
                }
            }
        }

        @Test
        @DisplayName("refuses to start with the status page turned off: nothing to serve")
        void nothingToServe() {
            assertThatThrownBy(() -> IncidentWeb.builder(h.incidents).port(0).statusPageOnly().statusPage(false).start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing to serve");
        }
    }

    @Nested
    @DisplayName("caching")
    class Caching {

        @Test
        @DisplayName("public for 30 s, a strong ETag, the security headers; HEAD answers the same without a body")
        void headers() {
            incidentWithUpdate(h);
            for (String path : PUBLIC) {
                Reply r = h.get(path, null);
                assertThat(r.header("Cache-Control")).as(path).hasValue("public, max-age=30");
                assertThat(r.header("ETag")).as(path).hasValueSatisfying(e -> assertThat(e).matches("\"[0-9a-f]{24}\""));
                assertThat(r.header("X-Content-Type-Options")).hasValue("nosniff");
                assertThat(r.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                        .contains("script-src 'self'").contains("frame-ancestors 'none'"));
                Reply head = h.send(h.request(path, null).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
                assertThat(head.status()).isEqualTo(200);
                assertThat(head.body()).isEmpty();
                assertThat(head.header("ETag")).isEqualTo(r.header("ETag"));
            }
        }

        @Test
        @DisplayName("If-None-Match naming the ETag (strong, weak, in a list, or *) is 304 without a body; another tag is 200")
        void notModified() {
            incidentWithUpdate(h);
            for (String path : PUBLIC) {
                String etag = h.get(path, null).header("ETag").orElseThrow();
                for (String header : List.of(etag, "W/" + etag, "\"0\", " + etag, "*")) {
                    Reply r = h.send(h.request(path, null).header("If-None-Match", header).GET().build());
                    assertThat(r.status()).as(path + " " + header).isEqualTo(304);
                    assertThat(r.body()).isEmpty();
                    assertThat(r.header("ETag")).hasValue(etag);
                    assertThat(r.header("Cache-Control")).hasValue("public, max-age=30");
                }
                Reply other = h.send(h.request(path, null).header("If-None-Match", "\"0123\"").GET().build());
                assertThat(other.status()).isEqualTo(200);
            }
        }

        @Test
        @DisplayName("the page is read again after 5 s by the server's clock, not before: a new update then changes the ETags")
        void refresh() {
            String id = incidentWithUpdate(h);
            Map<String, String> before = new java.util.HashMap<>();
            PUBLIC.forEach(p -> before.put(p, h.get(p, null).header("ETag").orElseThrow()));
            h.incidents.postPublicUpdate(id, "Checkout issues", PublicStatus.IDENTIFIED, ComponentStatus.PARTIAL_OUTAGE,
                    "A bad deploy of the load balancer's configuration.", as("carl"));

            h.clock.advance(REFRESH.minusMillis(1));
            for (String path : PUBLIC) {
                Reply cached = h.get(path, null);
                assertThat(cached.header("ETag")).as(path).hasValue(before.get(path));
                assertThat(cached.body()).doesNotContain("bad deploy");
            }
            h.clock.advance(Duration.ofMillis(1));
            for (String path : PUBLIC) {
                Reply fresh = h.send(h.request(path, null).header("If-None-Match", before.get(path)).GET().build());
                assertThat(fresh.status()).as(path).isEqualTo(200);
                assertThat(fresh.header("ETag")).as(path).isNotEqualTo(java.util.Optional.of(before.get(path)));
                assertThat(fresh.body()).contains("bad deploy");
            }
        }

        @Test
        @DisplayName("nothing new, the same bytes and ETags however late it is read again")
        void stable() {
            incidentWithUpdate(h);
            Map<String, String> before = new java.util.HashMap<>();
            PUBLIC.forEach(p -> before.put(p, h.get(p, null).header("ETag").orElseThrow()));
            h.clock.advance(Duration.ofMinutes(10));
            PUBLIC.forEach(p -> assertThat(h.get(p, null).header("ETag")).as(p).hasValue(before.get(p)));
        }

        @Test
        @DisplayName("a flood of reads within 5 s reads the store once")
        void onceForMany() {
            java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
            try (WebHarness counted = new WebHarness(new InMemoryEventStore(), k -> k, (m, b) -> b.statusPage(
                    StatusPages.builder(counting(m, queries)).build()))) {
                incidentWithUpdate(counted);
                for (int i = 0; i < 30; i++) {
                    for (String path : PUBLIC) {
                        assertThat(counted.get(path, null).status()).isEqualTo(200);
                    }
                }
                int first = queries.get();
                assertThat(first).isPositive();
                counted.clock.advance(REFRESH);
                counted.get("/status", null);
                assertThat(queries.get()).isEqualTo(2 * first);
            }
        }
    }

    /** @return the manager, counting its queries of the read model */
    static IncidentManager counting(IncidentManager m, java.util.concurrent.atomic.AtomicInteger queries) {
        return (IncidentManager) java.lang.reflect.Proxy.newProxyInstance(IncidentManager.class.getClassLoader(),
                new Class<?>[] {IncidentManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("query")) {
                        queries.incrementAndGet();
                    }
                    try {
                        return method.invoke(m, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** @return the manager, whose reads of the read model and of histories fail while {@code failing} is set */
    static IncidentManager failing(IncidentManager m, java.util.concurrent.atomic.AtomicBoolean failing) {
        return (IncidentManager) java.lang.reflect.Proxy.newProxyInstance(IncidentManager.class.getClassLoader(),
                new Class<?>[] {IncidentManager.class}, (proxy, method, args) -> {
                    if (failing.get() && (method.getName().equals("query") || method.getName().equals("history"))) {
                        throw new dev.incidentkit.core.StoreException("connection to jdbc:postgresql://admin:s3cret@db/incidents refused");
                    }
                    try {
                        return method.invoke(m, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Nested
    @DisplayName("when the store fails")
    class Failures {

        @Test
        @DisplayName("the page read before is served again, and read anew once the store works")
        void lastGoodPage() {
            java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
            try (WebHarness f = new WebHarness(new InMemoryEventStore(), k -> k, (m, b) -> b.statusPage(
                    StatusPages.builder(failing(m, failing)).build()))) {
                String id = incidentWithUpdate(f);
                Reply first = f.get("/status.json", null);
                failing.set(true);
                f.clock.advance(REFRESH);
                for (String path : PUBLIC) {
                    Reply again = f.get(path, null);
                    assertThat(again.status()).as(path).isEqualTo(200);
                    assertThat(again.body()).doesNotContain("s3cret");
                }
                assertThat(f.get("/status.json", null).header("ETag")).isEqualTo(first.header("ETag"));
                failing.set(false);
                f.incidents.postPublicUpdate(id, "Checkout issues", PublicStatus.MONITORING, ComponentStatus.DEGRADED_PERFORMANCE,
                        "A fix is in place.", as("carl"));
                f.clock.advance(REFRESH);
                assertThat(f.get("/status.json", null).body()).contains("A fix is in place.");
            }
        }

        @Test
        @DisplayName("with no page read before: 503 with Retry-After, nothing of the failure, not cached; the store asked again after 5 s")
        void nothingToServe() {
            java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean(true);
            try (WebHarness f = new WebHarness(new InMemoryEventStore(), k -> k, (m, b) -> b.statusPage(
                    StatusPages.builder(failing(m, failing)).build()))) {
                for (String path : PUBLIC) {
                    Reply r = f.get(path, null);
                    assertThat(r.status()).as(path).isEqualTo(503);
                    assertThat(r.header("Content-Type")).hasValue("text/plain; charset=utf-8");
                    assertThat(r.header("Retry-After")).hasValue("30");
                    assertThat(r.header("Cache-Control")).hasValue("no-store");
                    assertThat(r.body()).contains("unavailable").doesNotContain("s3cret").doesNotContain("postgresql")
                            .doesNotContain("Exception");
                }
                // The store was asked once: the first request's failure is logged and counted, the others wait 5 s.
                assertThat(f.web.status().handlerErrors()).isEqualTo(1);
                assertThat(f.web.status().serverErrors()).isEqualTo(PUBLIC.size());
                assertThat(f.get("/status", null).body()).doesNotContain("Error id");
                f.clock.advance(REFRESH);
                assertThat(f.get("/status", null).body()).contains("Error id");
                failing.set(false);
                f.clock.advance(REFRESH);
                assertThat(f.get("/status", null).status()).isEqualTo(200);
            }
        }
    }

    @Nested
    @DisplayName("the JSON")
    class Json {

        @Test
        @DisplayName("has the documented shape, format incidentkit-status/1, and the page's components, incidents and updates")
        void shape() {
            String id = incidentWithUpdate(h);
            h.clock.advance(Duration.ofMinutes(20));
            h.incidents.postPublicUpdate(id, "Checkout issues", PublicStatus.IDENTIFIED, ComponentStatus.MAJOR_OUTAGE,
                    "We found the cause.", as("carl"));
            JsonNode page = h.get("/status.json", null).json();

            DocumentedShape.assertMatches("/status.json", page);
            assertThat(page.get("format").asText()).isEqualTo("incidentkit-status/1");
            assertThat(page.get("title").asText()).isEqualTo("Service status");
            assertThat(page.get("headline").asText()).isEqualTo("Major outage");
            assertThat(page.get("status").asText()).isEqualTo("major_outage");
            assertThat(page.get("history_days").asInt()).isEqualTo(90);
            assertThat(page.get("updated_at").asText()).isEqualTo(h.clock.instant().toString());
            assertThat(page.get("components")).hasSize(1);
            assertThat(page.get("components").get(0).get("name").asText()).isEqualTo("checkout");
            assertThat(page.get("components").get(0).get("status").asText()).isEqualTo("major_outage");
            JsonNode incident = page.get("active_incidents").get(0);
            assertThat(incident.get("id").asText()).isEqualTo(id);
            assertThat(incident.get("status").asText()).isEqualTo("identified");
            assertThat(incident.get("resolved_at").isNull()).isTrue();
            assertThat(incident.get("started_at").asText()).isEqualTo(WebHarness.START.toString());
            List<String> ids = updateIds(h, id);
            assertThat(incident.get("updates")).hasSize(2);
            assertThat(incident.get("updates").get(0).get("id").asText()).isEqualTo(ids.get(1));
            assertThat(incident.get("updates").get(0).get("message").asText()).isEqualTo("We found the cause.");
            assertThat(incident.get("updates").get(1).get("message").asText())
                    .isEqualTo("Some customers cannot pay.\nWe are looking into it.");
            assertThat(page.get("resolved_incidents")).isEmpty();
        }

        @Test
        @DisplayName("with nothing public: all systems operational, no update, empty lists")
        void empty() {
            h.declare();
            JsonNode page = h.get("/status.json", null).json();

            DocumentedShape.assertMatches("/status.json", page);
            assertThat(page.get("headline").asText()).isEqualTo("All systems operational");
            assertThat(page.get("status").asText()).isEqualTo("operational");
            assertThat(page.get("updated_at").isNull()).isTrue();
            assertThat(page.get("components")).isEmpty();
            assertThat(page.get("active_incidents")).isEmpty();
            assertThat(page.get("resolved_incidents")).isEmpty();
        }

        @Test
        @DisplayName("lists the configured components, in order, with their statuses, and the configured title")
        void components() {
            try (WebHarness c = new WebHarness(new InMemoryEventStore(), k -> k, (m, b) -> b
                    .statusPage(StatusPages.builder(m).components("payments", "checkout", "search").build())
                    .statusPageTitle("Acme status"))) {
                incidentWithUpdate(c);
                JsonNode page = c.get("/status.json", null).json();

                DocumentedShape.assertMatches("/status.json", page);
                assertThat(page.get("title").asText()).isEqualTo("Acme status");
                assertThat(page.get("components").findValuesAsText("name")).containsExactly("payments", "checkout", "search");
                assertThat(page.get("components").findValuesAsText("status"))
                        .containsExactly("operational", "partial_outage", "operational");
            }
        }
    }

    @Nested
    @DisplayName("the Atom feed")
    class Atom {

        @Test
        @DisplayName("one entry per public update, newest first: urn:uuid id, posted time, '<status>: <title>', the message as text")
        void entries() {
            String first = incidentWithUpdate(h);
            h.clock.advance(Duration.ofMinutes(10));
            String second = h.declare("Search index stale", "SEV-3", "search");
            h.incidents.postPublicUpdate(second, "Search results out of date", PublicStatus.MONITORING,
                    ComponentStatus.DEGRADED_PERFORMANCE, "A fix is in place.", as("carl"));
            h.clock.advance(Duration.ofMinutes(10));
            h.incidents.postPublicUpdate(first, "Checkout issues", PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL,
                    "Payments work again.", as("carl"));

            Document feed = StatusFeeds.parse(h.get("/status.atom", null).body());
            List<StatusFeeds.Entry> entries = StatusFeeds.entries(feed);

            assertThat(feed.getDocumentElement().getNamespaceURI()).isEqualTo(StatusFeeds.ATOM);
            assertThat(feed.getDocumentElement().getLocalName()).isEqualTo("feed");
            assertThat(StatusFeeds.feedText(feed, "title")).isEqualTo("Service status");
            assertThat(StatusFeeds.feedText(feed, "updated")).isEqualTo(h.clock.instant().toString());
            assertThat(StatusFeeds.feedText(feed, "id")).startsWith("urn:uuid:");
            assertThat(entries).extracting(StatusFeeds.Entry::id).containsExactly(
                    "urn:uuid:" + updateIds(h, first).get(1), "urn:uuid:" + updateIds(h, second).get(0),
                    "urn:uuid:" + updateIds(h, first).get(0));
            assertThat(entries).extracting(StatusFeeds.Entry::title).containsExactly("Resolved: Checkout issues",
                    "Monitoring: Search results out of date", "Investigating: Checkout issues");
            assertThat(entries).extracting(StatusFeeds.Entry::updated).containsExactly(
                    WebHarness.START.plus(Duration.ofMinutes(20)).toString(), WebHarness.START.plus(Duration.ofMinutes(10)).toString(),
                    WebHarness.START.toString());
            assertThat(entries.get(2).content()).isEqualTo("Some customers cannot pay.\nWe are looking into it.");
            assertThat(entries).allSatisfy(e -> {
                assertThat(e.contentType()).isEqualTo("text");
                assertThat(e.published()).isEqualTo(e.updated());
            });
            assertThat(entries.get(0).link()).isEqualTo("/status#" + first);
            assertThat(entries.get(1).categories()).containsExactly("search");
        }

        @Test
        @DisplayName("with nothing public, a feed without entries")
        void empty() {
            Document feed = StatusFeeds.parse(h.get("/status.atom", null).body());
            assertThat(StatusFeeds.entries(feed)).isEmpty();
            assertThat(StatusFeeds.feedText(feed, "updated")).isEqualTo(WebHarness.START.toString());
        }
    }

    @Nested
    @DisplayName("the HTML page")
    class Html {

        @Test
        @DisplayName("a page of its own: the headline, components by name and status in words, the incident's updates, "
                + "links to the feed and the JSON; no script, no navigation, no user")
        void page() {
            String id = incidentWithUpdate(h);
            String html = h.get("/status", null).body();

            assertThat(html).startsWith("<!DOCTYPE html>").contains("<h1 id=\"headline\">").contains("Partial outage</h1>")
                    .contains("<span class=\"component-name\">checkout</span>")
                    .contains("<article class=\"incident\" id=\"" + id + "\"")
                    .contains("<strong>Investigating</strong> <time datetime=\"2025-08-23T14:00:00Z\">Aug 23, 14:00 UTC</time>")
                    .contains("<link rel=\"alternate\" type=\"application/atom+xml\"")
                    .contains("href=\"/status.atom\"").contains("href=\"/status.json\"")
                    .contains("Some customers cannot pay.\nWe are looking into it.");
            assertThat(html).doesNotContain("<script").doesNotContain("<nav").doesNotContain("Signed in")
                    .doesNotContain("/api/v1").doesNotContain("/assets/").doesNotContain("502s");
            for (String asset : HtmlPages.tags(html).stream().filter(t -> t.name().equals("link"))
                    .map(t -> t.attribute("href").orElseThrow()).filter(href -> href.startsWith("/status/")).toList()) {
                Reply r = h.get(asset, null);
                assertThat(r.status()).as(asset).isEqualTo(200);
                assertThat(r.header("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            }
        }

        @Test
        @DisplayName("with nothing public: all systems operational, no incidents in the past 90 days")
        void quiet() {
            h.declare();
            String html = h.get("/status", null).body();
            assertThat(html).contains("All systems operational</h1>").contains("No incidents resolved in the past 90 days.")
                    .doesNotContain("Checkout latency");
        }
    }
}
