package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.web.HtmlPages.Tag;
import dev.incidentkit.web.WebHarness.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("pages over HTTP: HTML with the security headers, error pages, read-only, hashed assets")
class PagesTest {

    private final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private List<String> pages(String id) {
        return List.of("/", "/incidents", "/incidents/new", "/incidents/" + id, "/metrics", "/login");
    }

    @Test
    @DisplayName("every page answers 200 in HTML with the security headers, and has no inline script or event handler")
    void everyPage() {
        String id = h.declare();
        for (String path : pages(id)) {
            String html = assertPage(h.get(path, "carl"), 200);
            HtmlPages.assertNoInjectedScript(html);
            assertThat(html).as(path).doesNotContain("<script>").doesNotContain("style=");
        }
    }

    @Test
    @DisplayName("ids are unique in a page; labels and ARIA references name elements of it; every live region has an id")
    void idsAndReferences() {
        String id = h.declare();
        h.post("/api/v1/incidents/" + id + "/action-items", "carl", "{\"text\":\"fix it\"}");
        for (String user : List.of("carl", "vera")) {
            for (String path : pages(id)) {
                if (user.equals("vera") && path.equals("/incidents/new")) {
                    continue; // a 403 page for a viewer
                }
                List<Tag> tags = HtmlPages.tags(assertPage(h.get(path, user), 200));
                List<String> ids = tags.stream().flatMap(t -> t.attribute("id").stream()).toList();
                assertThat(ids).as(user + " " + path).doesNotHaveDuplicates();
                for (Tag t : tags) {
                    for (String reference : List.of("for", "aria-describedby", "aria-labelledby", "aria-controls")) {
                        t.attribute(reference).ifPresent(v -> assertThat(ids).as(user + " " + path + " " + t)
                                .contains(v.trim().split("\\s+")));
                    }
                    if (t.attributes().contains("data-live")) {
                        assertThat(t.attribute("id")).as(user + " " + path + " " + t).isPresent();
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("HEAD answers as GET does, without a body")
    void head() {
        Reply r = h.send(h.request("/incidents", "carl").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue(HtmlPages.HTML);
        HtmlPages.assertSecurityHeaders(r);
        assertThat(r.body()).isEmpty();
    }

    @Test
    @DisplayName("an unknown path is a 404 page")
    void unknownPath() {
        for (String path : List.of("/nope", "/incidents/", "/incidents/x/y", "/metrics/x", "/assetsx")) {
            String html = assertPage(h.get(path, "carl"), 404);
            assertThat(html).as(path).contains("Error 404").contains("There is no page at this address.");
        }
    }

    @Test
    @DisplayName("an unknown incident is a 404 page naming it")
    void unknownIncident() {
        String html = assertPage(h.get("/incidents/INC-2099-999", "carl"), 404);

        assertThat(html).contains("Error 404").contains("INC-2099-999");
    }

    @Test
    @DisplayName("a filter the list does not understand is a 400 page naming the parameter and its value")
    void badFilter() {
        String html = assertPage(h.get("/incidents?severity=SEV9", "carl"), 400);

        assertThat(html).contains("Error 400").contains("severity").contains("SEV9");
        for (String query : List.of("limit=0", "limit=100000", "sort=title", "order=up", "status=bogus", "since=yesterday",
                "cursor=garbage", "cursor=%00", "severity=")) {
            Reply r = h.get("/incidents?" + query, "carl");
            assertThat(r.status()).as(query).isIn(200, 400);
            assertPage(r, r.status());
        }
        assertThat(assertPage(h.get("/incidents?status=bogus", "carl"), 400)).contains("status").contains("bogus");
        assertThat(assertPage(h.get("/incidents?cursor=garbage", "carl"), 400)).contains("cursor");
    }

    @Test
    @DisplayName("the declare form's title allows as many characters as the core accepts, no more")
    void declareFormLimits() {
        String html = assertPage(h.get("/incidents/new", "carl"), 200);

        assertThat(HtmlPages.tags(html)).filteredOn(t -> t.attribute("id").equals(java.util.Optional.of("title")))
                .singleElement().satisfies(t -> assertThat(t.attribute("maxlength"))
                        .hasValue(String.valueOf(dev.incidentkit.core.internal.Validation.MAX_TITLE)));
    }

    @Test
    @DisplayName("a page address Jetty refuses before any handler (an encoded slash) is still answered with an HTML page")
    void refusedByJetty() {
        Reply r = h.send(h.request("/incidents/a%2Fb", "carl").header("Accept", "text/html,application/xhtml+xml").GET().build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).as("a browser asked for a page, not a problem document").hasValue(HtmlPages.HTML);
        assertThat(h.get("/api/v1/incidents/a%2Fb", "carl").header("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    @DisplayName("a page is only read: any other method is a 405 page with Allow: GET, HEAD, and nothing is written")
    void onlyRead() {
        String id = h.declare();
        long events = h.eventCount();
        for (String path : pages(id)) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                Reply r = h.send(h.request(path, "carl").header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString("title=x&severity=SEV-1&service=web")).build());
                assertPage(r, 405);
                assertThat(r.header("Allow")).as(method + " " + path).hasValue("GET, HEAD");
            }
        }
        assertThat(h.eventCount()).isEqualTo(events);
    }

    @Test
    @DisplayName("the page links its assets by a hash of their content; each is served with its type, cached for a year")
    void assets() throws Exception {
        String html = assertPage(h.get("/", "carl"), 200);
        Map<String, String> types = Map.of("app.css", "text/css; charset=utf-8", "app.js", "text/javascript; charset=utf-8",
                "icon.svg", "image/svg+xml");
        List<String> links = HtmlPages.tags(html).stream()
                .flatMap(t -> t.attribute("href").or(() -> t.attribute("src")).stream())
                .filter(u -> u.startsWith("/assets/"))
                .toList();

        assertThat(links).hasSize(3);
        for (String link : links) {
            assertThat(link).matches("/assets/(app\\.css|app\\.js|icon\\.svg)\\?v=[0-9a-f]{16}");
            String name = link.substring("/assets/".length(), link.indexOf('?'));
            // Without credentials: the login page needs them before anyone is signed in.
            HttpResponse<byte[]> r = h.http.send(h.request(link, null).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(r.statusCode()).as(link).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(link).hasValue(types.get(name));
            assertThat(r.headers().firstValue("Cache-Control")).as(link).hasValue("public, max-age=31536000, immutable");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body())).substring(0, 16);
            assertThat(link).as("the URL names the content it serves").endsWith("?v=" + hash);
        }
        assertThat(HtmlPages.tags(html)).filteredOn(t -> t.name().equals("link"))
                .extracting(t -> t.attribute("rel").orElse("")).containsExactlyInAnyOrder("icon", "stylesheet");
        assertThat(HtmlPages.tags(html)).filteredOn(t -> t.name().equals("script")).extracting(Tag::attributes)
                .containsExactly(List.of("src", "defer"));
    }

    @Test
    @DisplayName("an unknown asset is a 404 page, not a file of the jar")
    void unknownAsset() {
        for (String path : List.of("/assets/evil.js", "/assets/", "/assets/app.js/x", "/assets/App.js",
                "/assets/..%2Fpages%2FPageHandler.class", "/assets/%2e%2e/web/assets/app.js")) {
            Reply r = h.get(path, null);
            assertThat(r.status()).as(path).isIn(400, 404);
            assertThat(r.header("Cache-Control")).as(path).hasValue("no-store");
            assertThat(r.body()).as(path).doesNotContain("use strict");
        }
        assertThat(assertPage(h.get("/assets/evil.js", null), 404)).contains("There is no such file.");
    }
}
