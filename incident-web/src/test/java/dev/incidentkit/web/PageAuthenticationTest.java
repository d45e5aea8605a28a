package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.web.WebHarness.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("pages ask the API's authenticators: 401 page, login redirect with a local next, CSRF token, loopback Host")
class PageAuthenticationTest {

    static final List<String> PAGES = List.of("/", "/incidents", "/incidents/new", "/metrics", "/nope");

    @Nested
    @DisplayName("a server with bearer tokens only")
    class TokensOnly {

        @Test
        @DisplayName("a page without credentials, or with wrong ones, is a 401 page with a challenge, not a redirect")
        void unauthenticated() {
            try (WebHarness h = new WebHarness()) {
                String id = h.declare();
                for (String path : concat(PAGES, "/incidents/" + id)) {
                    for (Reply r : List.of(h.get(path, null),
                            h.send(h.request(path, null).header("Authorization", "Bearer bad").GET().build()))) {
                        String html = assertPage(r, 401);
                        assertThat(r.header("Location")).as(path).isEmpty();
                        assertThat(html).as(path).contains("Error 401").doesNotContain("Checkout latency");
                        // RFC 9110, 15.5.2: a 401 response must carry WWW-Authenticate, as the API's does.
                        assertThat(r.header("WWW-Authenticate")).as(path).hasValue("Bearer realm=\"incidentkit\"");
                    }
                }
            }
        }

        @Test
        @DisplayName("the login page says there is no password login, and offers no form")
        void loginPage() {
            try (WebHarness h = new WebHarness()) {
                String html = assertPage(h.get("/login", null), 200);

                assertThat(html).contains("no login with a password").doesNotContain("data-api=\"/api/v1/session\"");
            }
        }

        @Test
        @DisplayName("a page read with a token carries no CSRF token and no log-out form")
        void noCsrfToken() {
            try (WebHarness h = new WebHarness()) {
                String html = assertPage(h.get("/", "carl"), 200);

                assertThat(html).doesNotContain("csrf-token").doesNotContain("Log out").contains("Signed in as <strong>carl</strong>");
            }
        }
    }

    @Nested
    @DisplayName("a server with login sessions")
    class WithSessions {

        @TempDir
        Path dir;

        @Test
        @DisplayName("a page without a cookie is a 303 to the login page, whose next is the page, query string included")
        void redirectToLogin() {
            try (HostServer s = new HostServer(dir)) {
                for (String target : List.of("/", "/incidents?severity=SEV-1&status=active", "/metrics", "/incidents/INC-2025-001",
                        "/incidents?text=a%20b%26c%3Dd")) {
                    Reply r = s.send(s.request(target).GET().build());

                    assertThat(r.status()).as(target).isEqualTo(303);
                    assertThat(r.header("Location")).as(target)
                            .hasValue("/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
                    HtmlPages.assertSecurityHeaders(r);
                    // Following it: the login form returns to exactly the page asked for.
                    String login = assertPage(s.send(s.request(r.header("Location").get()).GET().build()), 200);
                    assertThat(dataThen(login)).as(target).isEqualTo(target);
                }
                assertThat(s.send(s.request("/").GET().build()).header("Location")).hasValue("/login?next=%2F");
            }
        }

        @Test
        @DisplayName("a next that leaves the server (another origin, protocol-relative, a scheme, a backslash, a control) returns to /")
        void openRedirectGuard() {
            try (HostServer s = new HostServer(dir)) {
                for (String next : List.of("//evil.example", "//evil.example/incidents", "/\\evil.example", "\\\\evil.example",
                        "https://evil.example/", "http:evil.example", "javascript:alert(1)", "JavaScript:alert(1)",
                        " /incidents", "/\t/evil.example", "/\n/evil.example", "evil.example", "", "data:text/html,x",
                        "%2F%2Fevil.example", "/\u3000/evil.example")) {
                    String html = assertPage(s.send(s.request("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
                            .GET().build()), 200);

                    assertThat(dataThen(html)).as(next).isEqualTo("/");
                }
                String html = assertPage(s.send(s.request("/login?next=%2F%2Fevil.example&next=%2Fincidents").GET().build()), 200);
                assertThat(dataThen(html)).isIn("/", "/incidents");
                assertThat(dataThen(assertPage(s.send(s.request("/login").GET().build()), 200))).isEqualTo("/");
                // A local next with markup in it stays a local path, and is only text in the attribute.
                String marked = "/incidents?text=\"><svg/onload=alert(1)>"; // no space: a next holds none
                String page = assertPage(s.send(s.request("/login?next=" + URLEncoder.encode(marked, StandardCharsets.UTF_8))
                        .GET().build()), 200);
                assertThat(dataThen(page)).isEqualTo(marked);
                HtmlPages.assertNoInjectedScript(page);
            }
        }

        @Test
        @DisplayName("a page read with the session cookie carries the session's CSRF token and a log-out form; with a token, neither")
        void csrfToken() {
            try (HostServer s = new HostServer(dir)) {
                Reply login = s.login("alice", HostServer.PASSWORD);
                Matcher m = SessionRoutesTest.SESSION_COOKIE.matcher(login.header("Set-Cookie").orElseThrow());
                assertThat(m.matches()).isTrue();
                String csrf = login.json().get("csrf_token").asText();
                String id = s.declare(s.token("alice"));

                for (String path : List.of("/", "/incidents", "/incidents/" + id, "/incidents/new", "/metrics")) {
                    String html = assertPage(s.send(s.request(path).header("Cookie", "ik_session=" + m.group(1)).GET().build()), 200);
                    assertThat(HtmlPages.tags(html)).as(path).filteredOn(t -> t.attribute("name").equals(Optional.of("csrf-token")))
                            .singleElement().satisfies(t -> assertThat(t.attribute("content")).hasValue(csrf));
                    assertThat(html).as(path).contains("data-api=\"/api/v1/session\" data-method=\"DELETE\"");

                    String byToken = assertPage(s.send(s.request(path).header("Authorization", "Bearer " + s.token("alice"))
                            .GET().build()), 200);
                    assertThat(byToken).as(path).doesNotContain("csrf-token").doesNotContain(csrf).doesNotContain("data-method=\"DELETE\"");
                }
            }
        }

        @Test
        @DisplayName("a cookie of no session (logged out, or made up) is sent to the login page, not shown a page")
        void staleCookie() {
            try (HostServer s = new HostServer(dir)) {
                Reply r = s.send(s.request("/incidents").header("Cookie", "ik_session=" + "A".repeat(43)).GET().build());

                assertThat(r.status()).isEqualTo(303);
                assertThat(r.header("Location")).hasValue("/login?next=%2Fincidents");
            }
        }
    }

    @Nested
    @DisplayName("a server without authenticators (local use)")
    class Local {

        @Test
        @DisplayName("a request whose Host is not a loopback name is a 403 page (DNS rebinding); a loopback one is served")
        void dnsRebinding() {
            try (WebHarness h = new WebHarness();
                    IncidentWeb local = IncidentWeb.builder(h.incidents).port(0).localActor(Actor.of("carl")).start()) {
                for (String path : List.of("/", "/incidents", "/metrics", "/incidents/new")) {
                    String rebound = HtmlPages.raw(local.port(), "GET " + path + " HTTP/1.1\r\nHost: evil.example:" + local.port()
                            + "\r\nConnection: close\r\n\r\n");
                    assertThat(rebound).as(path).startsWith("HTTP/1.1 403").contains("Content-Type: text/html; charset=utf-8")
                            .contains("Error 403").doesNotContain("Signed in as");
                    String noPort = HtmlPages.raw(local.port(), "GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
                    assertThat(noPort).as(path).startsWith("HTTP/1.1 403");

                    for (String host : List.of("localhost", "127.0.0.1")) {
                        String own = HtmlPages.raw(local.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + local.port()
                                + "\r\nConnection: close\r\n\r\n");
                        assertThat(own).as(host + path).startsWith("HTTP/1.1 200").contains("Signed in as <strong>carl</strong>");
                    }
                }
            }
        }
    }

    /** @return the login form's {@code data-then}, as a browser reads it */
    static String dataThen(String html) {
        return HtmlPages.tags(html).stream()
                .filter(t -> t.attribute("data-api").equals(Optional.of("/api/v1/session")) && t.name().equals("form"))
                .filter(t -> !t.attribute("data-method").isPresent())
                .findFirst().flatMap(t -> t.attribute("data-then")).map(HtmlPages::decode)
                .orElseThrow(() -> new AssertionError("no login form in " + html));
    }

    private static List<String> concat(List<String> a, String b) {
        var out = new java.util.ArrayList<>(a);
        out.add(b);
        return out;
    }
}
