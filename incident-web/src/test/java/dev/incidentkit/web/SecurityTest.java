package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.web.WebHarness.Reply;
import dev.incidentkit.web.internal.Route;
import dev.incidentkit.web.internal.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("security: authentication, authorization, hostile requests, safe defaults")
class SecurityTest {

    private final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private List<Route> routes() {
        return RouteTable.of(h.incidents).routes();
    }

    private Reply call(WebHarness on, Route route, String id, String user) {
        HttpRequest.Builder b = on.request(ValidBodies.path(route, id), user);
        if (route.body()) {
            b.header("Content-Type", "application/json").method(route.method(),
                    HttpRequest.BodyPublishers.ofString(ValidBodies.of(route, id)));
        } else {
            b.method(route.method(), HttpRequest.BodyPublishers.noBody());
        }
        return on.send(b.build());
    }

    static void assertSecurityHeaders(Reply r) {
        assertThat(r.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(r.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.header("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.header("Cache-Control")).hasValue("no-store");
        assertThat(r.header("Server")).isEmpty();
    }

    @Test
    @DisplayName("every route refuses a request without credentials, or with wrong ones: 401 with a challenge")
    void everyRouteNeedsCredentials() {
        String id = h.declare();
        long before = h.eventCount();
        for (Route route : routes()) {
            if (route.open()) {
                continue; // login and logout: SessionRoutesTest
            }
            Reply none = call(h, route, id, null);
            JsonNode p = none.problem(401);
            assertThat(none.header("WWW-Authenticate")).as(route.template()).hasValue("Bearer realm=\"incidentkit\"");
            assertThat(p.get("detail").asText()).doesNotContain("token-");
            assertSecurityHeaders(none);
            HttpRequest.Builder bad = h.request(ValidBodies.path(route, id), null).header("Authorization", "Bearer bad");
            Reply wrong = h.send(route.body() ? bad.header("Content-Type", "application/json")
                    .method(route.method(), HttpRequest.BodyPublishers.ofString(ValidBodies.of(route, id))).build() : bad.GET().build());
            wrong.problem(401);
        }
        assertThat(h.eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("a viewer is refused every write (403, nothing written); a user without a role every read")
    void authorization() {
        String id = h.declare();
        long before = h.eventCount();
        for (Route route : routes()) {
            if (route.open() || route.template().endsWith("/session")) {
                continue; // open to anyone, or (who am I) to anyone authenticated: SessionRoutesTest
            } else if (route.body() || !route.method().equals("GET")) {
                assertThat(call(h, route, id, "vera").problem(403).get("detail").asText()).contains("vera");
            } else if (!route.template().endsWith("openapi.json")) {
                String query = route.template().endsWith("/export") ? "?format=md" : "";
                Reply r = h.get(ValidBodies.path(route, id) + query, "nora");
                r.problem(403);
                assertSecurityHeaders(r);
            }
        }
        assertThat(h.eventCount()).isEqualTo(before);
        assertThat(h.get("/api/v1/incidents/" + id, "vera").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("unknown paths are 404, a wrong method 405 with Allow; both problem documents with the security headers")
    void notFoundAndMethodNotAllowed() {
        String id = h.declare();
        Reply missing = h.get("/api/v1/nothing-here", "vera");
        missing.problem(404);
        assertSecurityHeaders(missing);
        Reply wrong = h.get("/api/v1/incidents/" + id + "/acknowledge", "rita");
        wrong.problem(405);
        assertThat(wrong.header("Allow")).hasValue("POST");
        Reply delete = h.send(h.request("/api/v1/incidents/" + id, "carl").DELETE().build());
        delete.problem(405);
        assertThat(delete.header("Allow")).hasValue("GET");
        assertThat(h.send(h.request("/api/v1/incidents", "carl").PUT(HttpRequest.BodyPublishers.ofString("{}")).build())
                .header("Allow")).hasValue("GET, POST");
    }

    @Test
    @DisplayName("headers over the limit are 431, a problem document with the security headers")
    void headersTooLarge() {
        Reply r = h.send(h.request("/api/v1/incidents", "vera").header("X-Padding", "x".repeat(20_000)).GET().build());

        r.problem(431);
        assertSecurityHeaders(r);
    }

    @Test
    @DisplayName("hostile raw requests: CR/LF in a header, non-ASCII in If-Match, a bad request line: a clear 400, nothing written")
    void hostileRawRequests() throws IOException {
        String id = h.declare();
        long before = h.eventCount();
        String body = "{\"note\":\"x\"}";
        String head = "POST /api/v1/incidents/" + id + "/notes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer token-rita\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n";

        String injected = raw(head.replace("Connection: close\r\n", "X-Evil: a\rSet-Cookie: b\r\nConnection: close\r\n") + "\r\n" + body);
        String nonAscii = raw(head + "If-Match: \"1\u00e9\"\r\n\r\n" + body);
        String keyNonAscii = raw(head + "Idempotency-Key: k\u00e9y\r\n\r\n" + body);
        String badLine = raw("GARBAGE\r\n\r\n");

        assertThat(injected).startsWith("HTTP/1.1 400").doesNotContain("Set-Cookie: b")
                .contains("application/problem+json").contains("Content-Security-Policy: ").contains("X-Content-Type-Options: nosniff");
        assertThat(nonAscii).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("1\u00e9");
        assertThat(keyNonAscii).startsWith("HTTP/1.1 400");
        assertThat(badLine).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("GARBAGE");
        assertThat(h.eventCount()).isEqualTo(before);
    }

    private String raw(String request) throws IOException {
        return HtmlPages.raw(h.web.port(), request);
    }


    @Test
    @DisplayName("an unexpected exception is 500 with an error id, never its message or stack trace, and is counted")
    void internalError() {
        try (WebHarness failing = new WebHarness(m -> failing(m, new IllegalStateException("secret s3cr3t detail")), b -> b)) {
            String id = failing.declare();
            java.io.PrintStream err = System.err;
            var log = new java.io.ByteArrayOutputStream();
            Reply r;
            // slf4j-simple writes to whatever System.err is at each call.
            System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
            try {
                r = failing.send(failing.request("/api/v1/incidents/" + id, "vera").header("Cookie", "sid=c00kie").GET().build());
            } finally {
                System.setErr(err);
            }
            String logged = log.toString(StandardCharsets.UTF_8);

            JsonNode p = r.problem(500);
            assertThat(r.body()).doesNotContain("s3cr3t").doesNotContain("IllegalStateException").doesNotContain("at dev.");
            assertThat(p.get("detail").asText()).contains(p.get("error_id").asText());
            assertThat(logged.lines().filter(l -> l.contains("ERROR"))).singleElement().asString()
                    .contains(p.get("error_id").asText());
            assertThat(logged).contains("s3cr3t").doesNotContain("token-vera").doesNotContain("c00kie");
            assertSecurityHeaders(r);
            WebStatus status = failing.web.status();
            assertThat(status.handlerErrors()).isEqualTo(1);
            assertThat(status.serverErrors()).isEqualTo(1);
            assertThat(status.lastError()).hasValueSatisfying(e -> {
                assertThat(e.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
                assertThat(e.errorId()).isEqualTo(p.get("error_id").asText());
                assertThat(e.at()).isEqualTo(failing.clock.instant());
            });
        }
        try (WebHarness store = new WebHarness(m -> failing(m, new StoreException("disk full at /var/x")), b -> b)) {
            String id = store.declare();
            Reply r = store.get("/api/v1/incidents/" + id, "vera");
            r.problem(503);
            assertThat(r.body()).doesNotContain("/var/x");
        }
    }

    /** The manager, except that reading one incident throws. */
    static IncidentManager failing(IncidentManager real, RuntimeException failure) {
        return failing(real, "get", failure);
    }

    /** The manager, except that the method of this name (and find, for get) throws. */
    static IncidentManager failing(IncidentManager real, String name, RuntimeException failure) {
        return (IncidentManager) Proxy.newProxyInstance(IncidentManager.class.getClassLoader(),
                new Class<?>[] {IncidentManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals(name) || name.equals("get") && method.getName().equals("find")) {
                        throw failure;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    @DisplayName("without an authenticator: loopback only, every request the local actor's, loopback Host names only, no cross-origin writes")
    void loopbackOnlyWithoutAuthenticator() {
        assertThatThrownBy(() -> IncidentWeb.builder(h.incidents).port(0).bind("0.0.0.0").start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("0.0.0.0");
        try (IncidentWeb local = IncidentWeb.builder(h.incidents).port(0).localActor(Actor.of("carl")).start()) {
            assertThat(local.uri().getHost()).isEqualTo("127.0.0.1");
            Reply r = h.send(HttpRequest.newBuilder(local.uri().resolve("/api/v1/incidents"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Local\",\"severity\":\"SEV-4\",\"service\":\"web\"}")).build());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().get("incident").get("declared_by").asText()).isEqualTo("carl");

            Reply foreign = h.send(HttpRequest.newBuilder(local.uri().resolve("/api/v1/incidents"))
                    .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Evil\",\"severity\":\"SEV-4\",\"service\":\"web\"}")).build());
            assertThat(foreign.problem(403).get("field").asText()).isEqualTo("Origin");
            String rebound = HtmlPages.raw(local.port(), "GET /api/v1/incidents HTTP/1.1\r\nHost: evil.example:" + local.port()
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(rebound).startsWith("HTTP/1.1 403").contains("\"field\":\"Host\"");
            assertThat(HtmlPages.raw(local.port(), "GET /api/v1/incidents HTTP/1.1\r\nHost: localhost:" + local.port()
                    + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
            assertThat(h.incidents.list()).extracting(i -> i.title()).doesNotContain("Evil");
        }
    }

    @Test
    @DisplayName("a session write from another origin is 403; without a CSRF check configured, every session write is 403")
    void sessionWrites() {
        try (WebHarness sessions = new WebHarness(m -> m, b -> b.authenticator(r -> r.cookie("session")
                .map(v -> new Principal(Actor.of(v), Principal.Scheme.SESSION))))) {
            String id = sessions.declare();
            long before = sessions.eventCount();
            String path = "/api/v1/incidents/" + id + "/notes";
            HttpRequest.Builder write = sessions.request(path, null).header("Cookie", "session=carl")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"x\"}"));

            Reply foreign = sessions.send(write.copy().header("Origin", "https://evil.example").build());
            Reply own = sessions.send(write.build());

            assertThat(foreign.problem(403).get("field").asText()).isEqualTo("Origin");
            assertThat(own.problem(403).get("detail").asText()).contains("CSRF");
            assertThat(sessions.eventCount()).isEqualTo(before);
            assertThat(sessions.send(sessions.request("/api/v1/incidents/" + id, null).header("Cookie", "session=vera").GET()
                    .build()).status()).isEqualTo(200);
            assertThat(sessions.send(sessions.request(path, "carl").header("Origin", "https://evil.example")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"x\"}"))
                    .build()).status()).as("a bearer token is not sent by a browser on its own").isEqualTo(200);
        }
    }

}
