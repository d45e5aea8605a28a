package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.testkit.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A manager on the in-memory store with a manual clock and a role-based authorizer (vera views,
 * rita responds, carl commands, nora has no role), served by an {@link IncidentWeb} on loopback
 * with a bearer-token test authenticator; and an HTTP client to call it.
 */
final class WebHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2025-08-23T14:00:00Z");
    static final Map<String, AccessRole> ROLES = Map.of("vera", AccessRole.VIEWER, "rita", AccessRole.RESPONDER,
            "carl", AccessRole.COMMANDER, "ada", AccessRole.ADMIN);
    static final ObjectMapper JSON = new ObjectMapper();

    final ManualClock clock = ManualClock.at(START);
    final IncidentManager incidents;
    final IncidentWeb web;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebHarness() {
        this(m -> m, b -> b);
    }

    WebHarness(UnaryOperator<IncidentManager> wrap, UnaryOperator<IncidentWeb.Builder> settings) {
        this(new InMemoryEventStore(), wrap, settings);
    }

    /** Serves a manager the test built (with notifiers, say), with the harness's authenticator; closes it too. */
    WebHarness(IncidentManager incidents) {
        this.incidents = incidents;
        this.web = IncidentWeb.builder(incidents).port(0).authenticator(WebHarness::bearer).start();
    }

    WebHarness(EventStore store, UnaryOperator<IncidentManager> wrap, UnaryOperator<IncidentWeb.Builder> settings) {
        incidents = IncidentKit.builder().store(store).clock(clock).authorizer(RoleBasedAuthorizer.of(ROLES)).build();
        web = settings.apply(IncidentWeb.builder(wrap.apply(incidents)).port(0).authenticator(WebHarness::bearer)).start();
    }

    /**
     * A manager with more settings (notifiers, say), served with settings that may use it (an
     * escalator built on it, say).
     */
    WebHarness(EventStore store, UnaryOperator<IncidentKit.Builder> more,
            BiFunction<IncidentManager, IncidentWeb.Builder, IncidentWeb.Builder> settings) {
        incidents = more.apply(IncidentKit.builder().store(store).clock(clock).authorizer(RoleBasedAuthorizer.of(ROLES))).build();
        web = settings.apply(incidents, IncidentWeb.builder(incidents).port(0).authenticator(WebHarness::bearer)).start();
    }

    /** The test authenticator: {@code Bearer token-<name>} is the actor {@code <name>}; {@code Bearer bad} is wrong. */
    static Optional<Principal> bearer(WebRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty() || !header.get().startsWith("Bearer ")) {
            return Optional.empty();
        }
        String token = header.get().substring("Bearer ".length());
        if (!token.startsWith("token-")) {
            throw new AuthenticationException("The bearer token is not known.");
        }
        return Optional.of(new Principal(Actor.of(token.substring("token-".length())), Principal.Scheme.TOKEN));
    }

    /** @return a request to a path, as the user (null for none) */
    HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (user != null) {
            b.header("Authorization", "Bearer token-" + user);
        }
        return b;
    }

    Reply get(String path, String user) {
        return send(request(path, user).GET().build());
    }

    Reply post(String path, String user, String json) {
        return send(request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply send(HttpRequest request) {
        return send(http, request);
    }

    /** Sends a request with a client, its body as text: a failure to send fails the test. */
    static Reply send(HttpClient client, HttpRequest request) {
        try {
            return new Reply(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return a new incident's id, declared over HTTP by carl */
    String declare() {
        return declare("Checkout latency", "SEV-2", "checkout");
    }

    /** @return a new incident's id, declared over HTTP by carl */
    String declare(String title, String severity, String service) {
        Reply r = post("/api/v1/incidents", "carl", JSON.createObjectNode().put("title", title)
                .put("severity", severity).put("service", service).toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("incident").get("id").asText();
    }

    /** @return how many events the store holds */
    long eventCount() {
        return incidents.events(LogPosition.START, 100_000).size();
    }

    @Override
    public void close() {
        web.close();
        incidents.close();
    }

    /** A response, with its body as text. */
    record Reply(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Asserts it is a problem document of this status, and returns it. */
        JsonNode problem(int status) {
            assertThat(status()).as(body()).isEqualTo(status);
            assertThat(header("Content-Type")).hasValue("application/problem+json");
            JsonNode p = json();
            assertThat(p.get("status").asInt()).isEqualTo(status);
            assertThat(p.get("type").asText()).startsWith("https://incidentkit.dev/problems/");
            assertThat(p.get("title").asText()).isNotBlank();
            assertThat(p.get("detail").asText()).isNotBlank();
            assertThat(p.has("instance")).isTrue();
            return p;
        }
    }
}
