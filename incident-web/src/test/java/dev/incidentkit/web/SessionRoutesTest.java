package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.web.WebHarness.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("/api/v1/session over HTTP: login, who am I, CSRF on session writes, throttling, logout")
class SessionRoutesTest {

    static final Pattern SESSION_COOKIE = Pattern.compile(
            "ik_session=([A-Za-z0-9_-]{43}); Path=/; Max-Age=86400; HttpOnly; SameSite=Strict");
    static final String CLEARING_COOKIE = "ik_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
    static final String DECLARE = "{\"title\":\"Checkout latency\",\"severity\":\"SEV-2\",\"service\":\"checkout\"}";

    @TempDir
    Path dir;

    HostServer s;

    @BeforeEach
    void start() {
        s = new HostServer(dir);
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
            // Whatever a test did, no response ever carried the password back.
            for (Reply r : s.replies) {
                assertThat(r.body()).doesNotContain(HostServer.PASSWORD);
                assertThat(r.response().headers().map().toString()).doesNotContain(HostServer.PASSWORD);
            }
        }
    }

    /** A logged-in browser: the session cookie's value and the CSRF token. */
    record Browser(String cookie, String csrf) {}

    Browser loginAlice() {
        Reply r = s.login("alice", HostServer.PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Matcher m = SESSION_COOKIE.matcher(r.header("Set-Cookie").orElseThrow());
        assertThat(m.matches()).as(r.header("Set-Cookie").get()).isTrue();
        return new Browser(m.group(1), r.json().get("csrf_token").asText());
    }

    Reply declareWithCookie(String cookie, String... headers) {
        HttpRequest.Builder b = s.request("/api/v1/incidents").header("Cookie", "ik_session=" + cookie)
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return s.send(b.POST(HostServer.json(DECLARE)).build());
    }

    Reply whoAmI(String header, String value) {
        return s.send(s.request("/api/v1/session").header(header, value).GET().build());
    }

    @Test
    @DisplayName("a login sets the cookie with exactly its attributes and answers the user and the CSRF token, nothing else")
    void login() {
        Reply r = s.login("alice", HostServer.PASSWORD);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.response().headers().allValues("Set-Cookie")).hasSize(1)
                .allSatisfy(c -> assertThat(c).matches(SESSION_COOKIE));
        JsonNode body = r.json();
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("user", "csrf_token");
        assertThat(body.get("user").asText()).isEqualTo("alice");
        assertThat(body.get("csrf_token").asText()).matches("[A-Za-z0-9_-]{43}");
        SecurityTest.assertSecurityHeaders(r);
    }

    @Test
    @DisplayName("who am I: with the cookie, scheme session and the login's CSRF token; with a token, scheme token and no CSRF token")
    void whoAmI() {
        Browser b = loginAlice();

        JsonNode session = whoAmI("Cookie", "ik_session=" + b.cookie()).json();
        JsonNode token = whoAmI("Authorization", "Bearer " + s.token("vera")).json();

        assertThat(session.get("user").asText()).isEqualTo("alice");
        assertThat(session.get("scheme").asText()).isEqualTo("session");
        assertThat(session.get("csrf_token").asText()).isEqualTo(b.csrf());
        assertThat(token.get("user").asText()).isEqualTo("vera");
        assertThat(token.get("scheme").asText()).isEqualTo("token");
        assertThat(token.has("csrf_token")).isFalse();
    }

    @Test
    @DisplayName("a write with the cookie needs the session's CSRF token and the server's own origin: else 403 and nothing written")
    void csrf() {
        Browser b = loginAlice();

        Reply none = declareWithCookie(b.cookie());
        Reply wrong = declareWithCookie(b.cookie(), "X-CSRF-Token", b.csrf().substring(1) + "A");
        Reply empty = declareWithCookie(b.cookie(), "X-CSRF-Token", "");
        Reply foreign = declareWithCookie(b.cookie(), "X-CSRF-Token", b.csrf(), "Origin", "http://evil.example");
        Reply otherPort = declareWithCookie(b.cookie(), "X-CSRF-Token", b.csrf(), "Origin", "http://127.0.0.1:1");

        assertThat(none.problem(403).get("field").asText()).isEqualTo("X-CSRF-Token");
        assertThat(wrong.problem(403).get("field").asText()).isEqualTo("X-CSRF-Token");
        assertThat(empty.problem(403).get("field").asText()).isEqualTo("X-CSRF-Token");
        assertThat(foreign.problem(403).get("field").asText()).isEqualTo("Origin");
        assertThat(otherPort.problem(403).get("field").asText()).isEqualTo("Origin");
        assertThat(s.eventCount()).isZero();

        Reply right = declareWithCookie(b.cookie(), "X-CSRF-Token", b.csrf());
        Reply sameOrigin = declareWithCookie(b.cookie(), "X-CSRF-Token", b.csrf(), "Origin", s.origin());

        assertThat(right.status()).as(right.body()).isEqualTo(201);
        assertThat(sameOrigin.status()).as(sameOrigin.body()).isEqualTo(201);
        List<RecordedEvent> events = s.incidents.events(LogPosition.START, 10);
        assertThat(events).hasSize(2).extracting(RecordedEvent::actor).containsOnly(Actor.of("alice"));
    }

    @Test
    @DisplayName("a CSRF token is its session's: another session's token is refused")
    void csrfTokenOfAnotherSession() {
        Browser alice = loginAlice();
        Reply vera = s.login("vera", HostServer.PASSWORD);

        Reply r = declareWithCookie(alice.cookie(), "X-CSRF-Token", vera.json().get("csrf_token").asText());

        r.problem(403);
        assertThat(s.eventCount()).isZero();
    }

    @Test
    @DisplayName("a wrong password and an unknown user get the same 401, and no cookie")
    void wrongPassword() {
        Reply wrong = s.login("alice", "not the password");
        Reply unknown = s.login("mallory", HostServer.PASSWORD);
        Reply noPassword = s.login("alice", "");

        for (Reply r : List.of(wrong, unknown, noPassword)) {
            assertThat(r.problem(401).get("detail").asText()).isEqualTo(LoginFailedException.MESSAGE);
            assertThat(r.header("Set-Cookie")).isEmpty();
        }
        assertThat(wrong.body()).isEqualTo(unknown.body());
    }

    @Test
    @DisplayName("the sixth failure within 15 minutes is 429 with Retry-After, even with the right password; after the window, a login works")
    void throttled() {
        // LoginThrottle.ofDefaults: 5 failures per account (20 per address) in any 15 minutes.
        for (int i = 0; i < 5; i++) {
            s.login("alice", "wrong password " + i).problem(401);
            s.clock.advance(Duration.ofSeconds(10));
        }

        Reply sixth = s.login("alice", "wrong password 5");
        Reply right = s.login("alice", HostServer.PASSWORD);

        sixth.problem(429);
        // The first failure leaves the window 15 minutes after it: 900 s less the 50 s since.
        assertThat(sixth.header("Retry-After")).hasValue("850");
        right.problem(429);
        assertThat(right.header("Retry-After")).hasValue("850");
        assertThat(right.header("Set-Cookie")).isEmpty();
        assertThat(s.login("vera", HostServer.PASSWORD).status()).as("another account").isEqualTo(200);

        s.clock.advance(Duration.ofSeconds(850));
        assertThat(s.login("alice", HostServer.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("logout answers 204 with a clearing cookie; the old cookie then gets 401, for reads and writes")
    void logout() {
        Browser b = loginAlice();

        Reply out = s.send(s.request("/api/v1/session").header("Cookie", "ik_session=" + b.cookie()).DELETE().build());

        assertThat(out.status()).isEqualTo(204);
        assertThat(out.response().headers().allValues("Set-Cookie")).containsExactly(CLEARING_COOKIE);
        whoAmI("Cookie", "ik_session=" + b.cookie()).problem(401);
        declareWithCookie(b.cookie(), "X-CSRF-Token", b.csrf()).problem(401);
        assertThat(s.eventCount()).isZero();
        Reply again = s.send(s.request("/api/v1/session").DELETE().build());
        assertThat(again.status()).as("logout without a session").isEqualTo(204);
        assertThat(again.header("Set-Cookie")).hasValue(CLEARING_COOKIE);
    }

    @Test
    @DisplayName("a session ends after 8 hours unused, after 24 hours in any case, and when its user is removed: then 401")
    void sessionEnds() {
        Browser idle = loginAlice();
        s.clock.advance(Duration.ofHours(8).minusSeconds(1));
        assertThat(whoAmI("Cookie", "ik_session=" + idle.cookie()).status()).as("used within 8 hours").isEqualTo(200);
        s.clock.advance(Duration.ofHours(8));
        whoAmI("Cookie", "ik_session=" + idle.cookie()).problem(401);

        Browser busy = loginAlice();
        for (int hour = 0; hour < 23; hour++) {
            s.clock.advance(Duration.ofHours(1));
            assertThat(whoAmI("Cookie", "ik_session=" + busy.cookie()).status()).isEqualTo(200);
        }
        s.clock.advance(Duration.ofHours(1));
        whoAmI("Cookie", "ik_session=" + busy.cookie()).problem(401);

        Reply vera = s.login("vera", HostServer.PASSWORD);
        String cookie = vera.header("Set-Cookie").orElseThrow().replaceAll("^ik_session=([^;]*);.*$", "$1");
        s.credentials.removeUser("vera");
        whoAmI("Cookie", "ik_session=" + cookie).problem(401);
    }

    @Test
    @DisplayName("a stale or garbage cookie does not stop a login, though it is 401 elsewhere")
    void staleCookie() {
        Browser old = loginAlice();
        s.send(s.request("/api/v1/session").header("Cookie", "ik_session=" + old.cookie()).DELETE().build());

        for (String cookie : List.of(old.cookie(), "garbage", "")) {
            whoAmI("Cookie", "ik_session=" + cookie).problem(401);
            Reply r = s.login("alice", HostServer.PASSWORD, "Cookie", "ik_session=" + cookie);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.header("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).matches(SESSION_COOKIE));
        }
    }

    @Test
    @DisplayName("a login from another origin is 403; from the server's own origin, 200")
    void loginOrigin() {
        s.login("alice", HostServer.PASSWORD, "Origin", "http://evil.example").problem(403);
        assertThat(s.login("alice", HostServer.PASSWORD, "Origin", s.origin()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a bearer token from createToken needs no CSRF token, and its actor is the token's user")
    void bearerToken() {
        String token = s.token("alice");

        Reply r = s.send(s.request("/api/v1/incidents").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HostServer.json(DECLARE)).build());

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(s.incidents.events(LogPosition.START, 10)).extracting(RecordedEvent::actor)
                .containsExactly(Actor.of("alice"));
        assertThat(r.body()).doesNotContain(token);
        assertThat(r.response().headers().map().toString()).doesNotContain(token);
    }

    @Test
    @DisplayName("a server without sessions answers a login with a 404 problem")
    void noSessions() {
        try (var plain = IncidentWeb.builder(s.incidents).port(0).authenticator(TokenAuthenticator.of(s.credentials)).start()) {
            Reply r = s.send(HttpRequest.newBuilder(plain.uri().resolve("/api/v1/session"))
                    .header("Content-Type", "application/json")
                    .POST(HostServer.json("{\"user\":\"alice\",\"password\":\"" + HostServer.PASSWORD + "\"}")).build());
            r.problem(404);
        }
    }

    @Test
    @DisplayName("under TLS the session cookie is Secure")
    void secureCookie() throws Exception {
        Path keystore = TlsTest.keystore(dir);
        char[] password = TlsTest.KEYSTORE_PASSWORD.toCharArray();
        try (HostServer tls = new HostServer(Files.createDirectories(dir.resolve("tls")),
                HttpClient.newBuilder().sslContext(TlsTest.trusting(keystore, password)), b -> b.tls(keystore, password))) {
            assertThat(tls.origin()).startsWith("https://");

            Reply r = tls.login("alice", HostServer.PASSWORD);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.header("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                    .matches(SESSION_COOKIE.pattern() + "; Secure"));
            String cookie = r.header("Set-Cookie").get().replaceAll("^ik_session=([^;]*);.*$", "$1");
            String csrf = r.json().get("csrf_token").asText();
            Reply write = tls.send(tls.request("/api/v1/incidents").header("Cookie", "ik_session=" + cookie)
                    .header("X-CSRF-Token", csrf).header("Origin", tls.origin())
                    .header("Content-Type", "application/json").POST(HostServer.json(DECLARE)).build());
            assertThat(write.status()).as("the https origin is the server's own: " + write.body()).isEqualTo(201);
            Reply out = tls.send(tls.request("/api/v1/session").header("Cookie", "ik_session=" + cookie).DELETE().build());
            assertThat(out.header("Set-Cookie")).hasValue(CLEARING_COOKIE + "; Secure");
        }
    }

    @Test
    @DisplayName("the password, the token, the session id and the CSRF token never appear in the server's log")
    void secretsStayOutOfTheLog() throws Exception {
        s.close();
        s = null;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        List<String> secrets = new ArrayList<>(List.of(HostServer.PASSWORD));
        // slf4j-simple writes to whatever System.err is at the moment of each call.
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        HostServer logged = null;
        try {
            logged = new HostServer(Files.createDirectories(dir.resolve("logged")));
            HostServer h = logged;
            String token = h.token("alice");
            secrets.add(token);
            Reply login = h.login("alice", HostServer.PASSWORD);
            String cookie = login.header("Set-Cookie").orElseThrow().replaceAll("^ik_session=([^;]*);.*$", "$1");
            secrets.add(cookie);
            secrets.add(login.json().get("csrf_token").asText());
            h.login("alice", HostServer.PASSWORD + "x");
            h.login("mallory", HostServer.PASSWORD);
            h.send(h.request("/api/v1/session").header("Authorization", "Bearer " + token + "x").GET().build());
            h.send(h.request("/api/v1/incidents").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HostServer.json(DECLARE)).build());
            h.send(h.request("/api/v1/incidents").header("Cookie", "ik_session=" + cookie)
                    .header("Content-Type", "application/json").POST(HostServer.json(DECLARE)).build());
            // A malformed body names a line and column, and must not quote the password around it.
            h.send(h.request("/api/v1/session").header("Content-Type", "application/json")
                    .POST(HostServer.json("{\"user\":\"alice\",\"password\":\"" + HostServer.PASSWORD + "\"")).build());
            h.send(h.request("/api/v1/session").header("Cookie", "ik_session=" + cookie).DELETE().build());
        } finally {
            if (logged != null) {
                logged.close();
            }
            System.setErr(err);
        }
        String out = log.toString(StandardCharsets.UTF_8);
        assertThat(out).as("the server's start was logged, so the log was captured").contains("Started");
        for (String secret : secrets) {
            assertThat(out).doesNotContain(secret);
        }
        for (Reply r : logged.replies) {
            assertThat(r.body()).doesNotContain(HostServer.PASSWORD);
        }
    }
}
