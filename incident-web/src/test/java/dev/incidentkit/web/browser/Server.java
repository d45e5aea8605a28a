package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.Authorizer;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.oncall.ContactMethod;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.testkit.Fixtures;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.web.Credentials;
import dev.incidentkit.web.EscalationFixture;
import dev.incidentkit.web.IncidentWeb;
import dev.incidentkit.web.PasswordHasher;
import dev.incidentkit.web.Sessions;
import dev.incidentkit.web.TokenAuthenticator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An IncidentKit web server on loopback for a browser to visit: a manager on the in-memory store
 * with a manual clock, served by {@link IncidentWeb}. Either {@linkplain #local() local} (no
 * authentication: every request is the local actor, who may do everything, as {@code im serve}
 * without users) or {@linkplain #withLogins(Path) with logins}: users vera (viewer), rita
 * (responder), carl (commander), ada (admin) and nora (no role), each with {@link #PASSWORD}, in a credentials
 * file, logging in with sessions, and API tokens for the test's own calls; the test kit's
 * fixture actors act as commanders. The server with logins also receives alerts, serves
 * {@link EscalationFixture#CONFIG} on call and shows its escalator, which pages through a notifier
 * that delivers everything.
 */
final class Server implements AutoCloseable {

    static final Instant START = Instant.parse("2025-08-23T14:00:00Z");
    static final String PASSWORD = "correct horse battery staple";
    static final Map<String, AccessRole> ROLES = Map.of("vera", AccessRole.VIEWER, "rita", AccessRole.RESPONDER,
            "carl", AccessRole.COMMANDER, "ada", AccessRole.ADMIN);
    static final ObjectMapper JSON = new ObjectMapper();
    /** A user who logs in but whom the authorizer gives no role, as a role taken away: every page is refused. */
    static final String NO_ROLE = "nora";
    static final String ESCALATOR = "escalation";
    static final Set<String> FIXTURE_ACTORS = Set.of(Fixtures.WALKTHROUGH_ACTOR, Fixtures.HOSTILE_ACTOR, Fixtures.LONG_ACTOR);

    final ManualClock clock = ManualClock.at(START);
    final IncidentManager incidents;
    final IncidentWeb web;
    /** The escalator of a server with logins, over {@link EscalationFixture#CONFIG}: the test ticks it. */
    final Optional<Escalator> escalator;
    private final Optional<Credentials> credentials;
    /** The key of the {@code alertmanager} integration of a server with logins, which receives alerts. */
    private final Optional<String> alertKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Server(Optional<Path> dir) {
        if (dir.isEmpty()) {
            escalator = Optional.empty();
            credentials = Optional.empty();
            alertKey = Optional.empty();
            incidents = IncidentKit.builder().store(new InMemoryEventStore()).clock(clock)
                    .authorizer(Authorizer.allowAll()).build();
            web = IncidentWeb.builder(incidents).port(0).start();
        } else {
            Credentials c = Credentials.open(dir.get().resolve("credentials.json"), clock, PasswordHasher.withIterations(1000));
            ROLES.forEach((user, role) -> c.addUser(user, role, Optional.of(PASSWORD.toCharArray())));
            c.addUser(NO_ROLE, AccessRole.VIEWER, Optional.of(PASSWORD.toCharArray()));
            credentials = Optional.of(c);
            alertKey = Optional.of(c.addIntegration("alertmanager"));
            InMemoryEventStore store = new InMemoryEventStore();
            // The test kit's fixtures act as people with no login here; they get a commander's role.
            // The escalator records pages as "escalation", a responder.
            incidents = IncidentKit.builder().store(store).clock(clock)
                    .authorizer(RoleBasedAuthorizer.of(a -> a.name().equals(NO_ROLE) ? Optional.empty()
                            : a.name().equals(ESCALATOR) ? Optional.of(AccessRole.RESPONDER)
                            : c.roleOf(a).or(() -> FIXTURE_ACTORS.contains(a.name())
                                    ? Optional.of(AccessRole.COMMANDER) : Optional.empty())))
                    .notifier(new dev.incidentkit.testkit.RecordingPager())
                    .contacts((person, kind) -> EscalationFixture.CONFIG.person(person).flatMap(p -> p.contact(kind))
                            .map(ContactMethod::address))
                    .build();
            escalator = Optional.of(Escalator.builder(incidents, store, () -> EscalationFixture.CONFIG).actor(ESCALATOR).build());
            web = IncidentWeb.builder(incidents).port(0).authenticator(TokenAuthenticator.of(c))
                    .sessions(Sessions.ofDefaults(c, clock))
                    .alerts(AlertIntake.of(incidents, store, AlertRules.defaults())).integrations(c)
                    .onCall(EscalationFixture.CONFIG).escalator(escalator.get()).start();
        }
    }

    /** A server without authentication: every request is the local actor's. */
    static Server local() {
        return new Server(Optional.empty());
    }

    /** A server with users who log in, their credentials file in {@code dir}. */
    static Server withLogins(Path dir) {
        return new Server(Optional.of(dir));
    }

    /** @return the server's root, {@code http://127.0.0.1:<port>/} */
    URI uri() {
        return web.uri();
    }

    /** @return {@code http://127.0.0.1:<port>}, the server's origin */
    String origin() {
        String u = web.uri().toString();
        return u.substring(0, u.length() - 1);
    }

    /** Declares over the API, as {@code user} (with a token) or, on a local server, as the local actor; @return the id. */
    String declare(Optional<String> user, String title, String severity, String service, String description) {
        ObjectNode body = JSON.createObjectNode().put("title", title).put("severity", severity).put("service", service)
                .put("description", description);
        JsonNode r = call("POST", "/api/v1/incidents", user, body.toString(), 201);
        return r.get("incident").get("id").asText();
    }

    /** Runs a command over the API ({@code POST /api/v1/incidents/{id}/{command}}), expecting 200. */
    JsonNode command(Optional<String> user, String id, String command, ObjectNode body) {
        return call("POST", "/api/v1/incidents/" + id + "/" + command, user, body.toString(), 200);
    }

    /**
     * Posts a test resource of {@code alerts/} (such as {@code alertmanager-firing.json}) to a
     * receiver with the integration's key, expecting 200 or 202.
     *
     * @return the answer
     */
    JsonNode postAlerts(String path, String resource) {
        String json;
        try (InputStream in = Server.class.getResourceAsStream("/dev/incidentkit/web/alerts/" + resource)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String withKey = path.equals("/v2/enqueue") ? json.replaceAll("\"routing_key\"\\s*:\\s*\"[^\"]*\"",
                "\"routing_key\": \"" + alertKey.orElseThrow() + "\"") : json;
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + alertKey.orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString(withKey)).build());
        assertThat(r.statusCode()).as("POST %s: %s", path, r.body()).isIn(200, 202);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the response's status and body of a GET with no credentials */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private JsonNode call(String method, String path, Optional<String> user, String json, int expected) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        user.ifPresent(u -> b.header("Authorization", "Bearer " + token(u)));
        HttpResponse<String> r = send(b.build());
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(expected);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String token(String user) {
        return credentials.orElseThrow(() -> new IllegalStateException("a local server has no users"))
                .createToken(user, "browser tests", Optional.empty());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return how many events the store holds */
    long eventCount() {
        return incidents.events(LogPosition.START, 100_000).size();
    }

    @Override
    public void close() {
        try {
            escalator.ifPresent(Escalator::close);
            web.close();
        } finally {
            incidents.close();
        }
    }
}
