package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.web.WebHarness.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A server wired as a host wires it: users and tokens in a {@link Credentials} file, roles from
 * it ({@code RoleBasedAuthorizer.of(credentials::roleOf)}), {@link TokenAuthenticator} and
 * {@link Sessions}, plus a proxy header trusted from loopback ({@code X-Forwarded-User}) for a
 * single-sign-on user who has no local account and so no role. Users: alice (commander) and
 * vera (viewer), both with {@link #PASSWORD}. Every reply it is sent is kept, so that a test can
 * look for secrets in all of them.
 */
final class HostServer implements AutoCloseable {

    static final String PASSWORD = "correct horse battery staple";
    static final String PROXY_HEADER = "X-Forwarded-User";

    final ManualClock clock = ManualClock.at(WebHarness.START);
    final Credentials credentials;
    final Sessions sessions;
    final IncidentManager incidents;
    final IncidentWeb web;
    final HttpClient http;
    final List<Reply> replies = Collections.synchronizedList(new ArrayList<>());

    HostServer(Path dir) {
        this(dir, HttpClient.newBuilder(), b -> b);
    }

    HostServer(Path dir, HttpClient.Builder client, UnaryOperator<IncidentWeb.Builder> settings) {
        this(dir, new InMemoryEventStore(), client, settings);
    }

    HostServer(Path dir, EventStore store, HttpClient.Builder client, UnaryOperator<IncidentWeb.Builder> settings) {
        credentials = Credentials.open(dir.resolve("credentials.json"), clock, PasswordHasher.withIterations(1000));
        credentials.addUser("alice", AccessRole.COMMANDER, Optional.of(PASSWORD.toCharArray()));
        credentials.addUser("vera", AccessRole.VIEWER, Optional.of(PASSWORD.toCharArray()));
        incidents = IncidentKit.builder().store(store).clock(clock)
                .authorizer(RoleBasedAuthorizer.of(credentials::roleOf)).build();
        sessions = Sessions.ofDefaults(credentials, clock);
        web = settings.apply(IncidentWeb.builder(incidents).port(0)
                .authenticator(TokenAuthenticator.of(credentials))
                .authenticator(TrustedHeaderAuthenticator.of(PROXY_HEADER, List.of("127.0.0.1")))
                .sessions(sessions)).start();
        // HTTP/1.1 only: no h2c upgrade attempt, and one connection per held-open stream.
        http = client.version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** @return {@code http://127.0.0.1:<port>}, the server's own origin */
    String origin() {
        String u = web.uri().toString();
        return u.substring(0, u.length() - 1);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(10));
    }

    static HttpRequest.BodyPublisher json(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    Reply send(HttpRequest request) {
        try {
            Reply reply = new Reply(http.send(request, HttpResponse.BodyHandlers.ofString()));
            replies.add(reply);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST /api/v1/session, with extra headers as name, value pairs. */
    Reply login(String user, String password, String... headers) {
        ObjectNode body = WebHarness.JSON.createObjectNode().put("user", user).put("password", password);
        HttpRequest.Builder b = request("/api/v1/session").header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.POST(json(body.toString())).build());
    }

    /** @return a new API token of the user */
    String token(String user) {
        return credentials.createToken(user, "tests", Optional.empty());
    }

    /** Declares an incident over HTTP with a bearer token; @return its id. */
    String declare(String token) {
        Reply r = send(request("/api/v1/incidents").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(json("{\"title\":\"Checkout latency\",\"severity\":\"SEV-2\",\"service\":\"checkout\"}")).build());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("incident").get("id").asText();
    }

    /** Runs a command over HTTP with a bearer token, expecting 200. */
    Reply command(String token, String id, String command, String json) {
        Reply r = send(request("/api/v1/incidents/" + id + "/" + command).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(json(json)).build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    long eventCount() {
        return incidents.events(LogPosition.START, 100_000).size();
    }

    @Override
    public void close() {
        web.close();
        incidents.close();
    }
}
