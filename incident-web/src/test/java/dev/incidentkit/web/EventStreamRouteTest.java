package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.web.EventStreamClient.Frame;
import dev.incidentkit.web.WebHarness.Reply;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("GET /api/v1/events over HTTP: Server-Sent Events, resumable, authorized, capped, ended by close")
class EventStreamRouteTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    HostServer s;
    final List<EventStreamClient> clients = new ArrayList<>();
    String writer;
    String reader;

    void start(UnaryOperator<IncidentWeb.Builder> settings) {
        s = new HostServer(dir, java.net.http.HttpClient.newBuilder(), settings);
        writer = s.token("alice");
        reader = s.token("vera");
    }

    @AfterEach
    void stop() {
        clients.forEach(EventStreamClient::close);
        if (s != null) {
            s.close();
        }
    }

    HttpRequest.Builder streamRequest(String query) {
        return s.request("/api/v1/events" + query).header("Authorization", "Bearer " + reader).timeout(TIMEOUT);
    }

    EventStreamClient open(HttpRequest.Builder request) {
        EventStreamClient c = EventStreamClient.open(s.http, request.GET().build());
        clients.add(c);
        return c;
    }

    EventStreamClient stream() {
        EventStreamClient c = open(streamRequest(""));
        assertThat(c.status()).isEqualTo(200);
        return c;
    }

    List<String> positions(LogPosition after) {
        return s.incidents.events(after, 1000).stream().map(e -> e.position().toString()).toList();
    }

    static List<String> ids(List<Frame> frames) {
        return frames.stream().map(Frame::id).toList();
    }

    @Test
    @DisplayName("a stream starts with retry, then sends every event as a CloudEvent whose id is its store position")
    void liveEvents() {
        start(b -> b);
        assertTimeoutPreemptively(TIMEOUT, () -> {
            EventStreamClient c = stream();
            assertThat(c.response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(c.response.headers().firstValue("Cache-Control")).hasValue("no-store");

            String id = s.declare(writer);
            s.command(writer, id, "acknowledge", "{\"note\":\"on it\"}");
            s.command(writer, id, "notes", "{\"note\":\"pool exhausted\"}");
            List<Frame> frames = c.next(3);

            assertThat(c.lines.subList(0, 2)).containsExactly("retry: 2000", "");
            List<RecordedEvent> stored = s.incidents.events(LogPosition.START, 10);
            assertThat(ids(frames)).containsExactlyElementsOf(stored.stream().map(e -> e.position().toString()).toList());
            assertThat(frames).extracting(f -> f.json().get("type").asText())
                    .containsExactly("incident.declared", "incident.acknowledged", "incident.note_added");
            for (int i = 0; i < 3; i++) {
                JsonNode event = frames.get(i).json();
                assertThat(event.get("specversion").asText()).isEqualTo("1.0");
                assertThat(event.get("id").asText()).isEqualTo(stored.get(i).eventId().toString());
            }
        });
    }

    @Test
    @DisplayName("a client that drops and reconnects with Last-Event-ID gets exactly the events after it, then live ones")
    void resumeWithLastEventId() {
        start(b -> b);
        resume(last -> streamRequest("").header("Last-Event-ID", last));
    }

    @Test
    @DisplayName("the same with ?after=")
    void resumeWithAfter() {
        start(b -> b);
        resume(last -> streamRequest("?after=" + last));
    }

    private void resume(java.util.function.Function<String, HttpRequest.Builder> reconnect) {
        assertTimeoutPreemptively(TIMEOUT, () -> {
            String id = s.declare(writer);
            s.command(writer, id, "acknowledge", "{\"note\":\"on it\"}");
            s.command(writer, id, "notes", "{\"note\":\"one\"}");
            EventStreamClient first = stream();
            List<Frame> before = first.next(2);
            first.close();

            // Written while the client is away.
            s.command(writer, id, "notes", "{\"note\":\"two\"}");
            s.command(writer, id, "investigate", "{}");
            String last = before.get(1).id();
            EventStreamClient second = open(reconnect.apply(last));
            assertThat(second.status()).isEqualTo(200);
            List<Frame> missed = second.next(3);
            s.command(writer, id, "notes", "{\"note\":\"live\"}");
            Frame live = second.next();

            List<String> all = positions(LogPosition.START);
            assertThat(ids(before)).containsExactlyElementsOf(all.subList(0, 2));
            assertThat(ids(missed)).containsExactlyElementsOf(positions(LogPosition.parse(last)).subList(0, 3));
            assertThat(live.id()).isEqualTo(all.get(5));
            List<String> seen = new ArrayList<>(ids(before));
            seen.addAll(ids(missed));
            seen.add(live.id());
            assertThat(seen).as("none lost, none twice").containsExactlyElementsOf(all);
            assertThat(live.json().get("type").asText()).isEqualTo("incident.note_added");
        });
    }

    @Test
    @DisplayName("a bad Last-Event-ID or after is 400 naming it; no credentials 401; a user without a role 403")
    void refusals() {
        start(b -> b);
        for (String bad : List.of("banana", "12", "-1/0", "1/x", "1/2/3")) {
            Reply header = s.send(streamRequest("").header("Last-Event-ID", bad).GET().build());
            assertThat(header.problem(400).get("field").asText()).as(bad).isEqualTo("Last-Event-ID");
            Reply query = s.send(streamRequest("?after=" + bad).GET().build());
            assertThat(query.problem(400).get("field").asText()).as(bad).isEqualTo("after");
        }
        s.send(s.request("/api/v1/events").GET().build()).problem(401);
        s.send(s.request("/api/v1/events").header("Authorization", "Bearer ik_tok_nope").GET().build()).problem(401);
        // A single-sign-on user the proxy vouches for, without an account here: no role.
        s.send(s.request("/api/v1/events").header(HostServer.PROXY_HEADER, "nora").GET().build()).problem(403);
        s.send(streamRequest("?since=1").GET().build()).problem(400);
    }

    @Test
    @DisplayName("over maxEventStreams a stream is 503 with Retry-After; once the first client is gone, a new one is accepted")
    void cap() {
        start(b -> b.maxEventStreams(1));
        assertTimeoutPreemptively(TIMEOUT, () -> {
            String id = s.declare(writer);
            EventStreamClient first = stream();
            first.next();

            Reply refused = s.send(streamRequest("").GET().build());

            refused.problem(503);
            assertThat(refused.header("Retry-After")).hasValue("5");

            first.close();
            // The server learns that a client went away when a write to it fails: write until one
            // does, and poll for a stream to be accepted again, within the deadline.
            EventStreamClient accepted = null;
            while (accepted == null) {
                s.command(writer, id, "notes", "{\"note\":\"anyone there?\"}");
                EventStreamClient c = open(streamRequest(""));
                if (c.status() == 200) {
                    accepted = c;
                } else {
                    assertThat(c.status()).as(c.body()).isEqualTo(503);
                }
            }
            assertThat(accepted.next().id()).isEqualTo(positions(LogPosition.START).get(0));
        });
    }

    @Test
    @DisplayName("streams opened at once over the cap: each is either a live stream or a 503, never an empty 200")
    void capUnderConcurrency() throws Exception {
        int cap = 2;
        int clientCount = 10;
        start(b -> b.maxEventStreams(cap).maxThreads(32));
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(clientCount);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clientCount);
        try {
            List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < clientCount; i++) {
                outcomes.add(pool.submit(() -> {
                    HttpRequest request = streamRequest("").GET().build();
                    barrier.await();
                    EventStreamClient c = EventStreamClient.open(s.http, request);
                    synchronized (clients) {
                        clients.add(c);
                    }
                    if (c.status() != 200) {
                        return c.status() + " " + c.response.headers().firstValue("Retry-After").orElse("-");
                    }
                    // A live stream starts with its retry line; a stream refused after its 200 ends at once.
                    return "200 " + c.line().orElse("<end of stream>");
                }));
            }
            List<String> seen = new ArrayList<>();
            for (var outcome : outcomes) {
                seen.add(outcome.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(seen).filteredOn(o -> o.startsWith("200")).containsOnly("200 retry: 2000").hasSize(cap);
            assertThat(seen).filteredOn(o -> !o.startsWith("200")).containsOnly("503 5").hasSize(clientCount - cap);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads to the end of the stream; @return the ids of the frames read on the way. */
    static List<String> idsToEnd(EventStreamClient c) throws java.io.IOException {
        List<String> ids = new ArrayList<>();
        for (Optional<String> line = c.line(); line.isPresent(); line = c.line()) {
            if (line.get().startsWith("id: ")) {
                ids.add(line.get().substring(4));
            }
        }
        return ids;
    }

    @Test
    @DisplayName("a stream ends, and sends nothing more, once its session is logged out")
    void endsAtLogout() {
        start(b -> b);
        assertTimeoutPreemptively(TIMEOUT, () -> {
            Reply login = s.login("vera", HostServer.PASSWORD);
            String cookie = "ik_session=" + login.header("Set-Cookie").orElseThrow().replaceAll("^ik_session=([^;]*);.*$", "$1");
            EventStreamClient c = open(s.request("/api/v1/events").timeout(TIMEOUT).header("Cookie", cookie));
            assertThat(c.status()).isEqualTo(200);
            String id = s.declare(writer);
            c.next();

            assertThat(s.send(s.request("/api/v1/session").header("Cookie", cookie).DELETE().build()).status()).isEqualTo(204);
            s.command(writer, id, "notes", "{\"note\":\"not for vera any more\"}");

            assertThat(idsToEnd(c)).isEmpty();
        });
    }

    @Test
    @DisplayName("a stream ends, and sends nothing more, once its token is revoked or its user removed")
    void endsWhenCredentialsGo() {
        start(b -> b);
        assertTimeoutPreemptively(TIMEOUT, () -> {
            s.credentials.addUser("rita", dev.incidentkit.core.access.AccessRole.RESPONDER, Optional.empty());
            String rita = s.token("rita");
            EventStreamClient revoked = stream();
            EventStreamClient removed = open(s.request("/api/v1/events").timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + rita));
            String id = s.declare(writer);
            revoked.next();
            removed.next();

            s.credentials.tokens().stream().filter(t -> t.actor().name().equals("vera"))
                    .forEach(t -> s.credentials.revokeToken(t.id()));
            s.credentials.removeUser("rita");
            s.command(writer, id, "notes", "{\"note\":\"not for them any more\"}");

            assertThat(idsToEnd(revoked)).isEmpty();
            assertThat(idsToEnd(removed)).isEmpty();
        });
    }

    @Test
    @DisplayName("IncidentWeb.close() ends open streams: the client reads the end of the stream")
    void closeEndsStreams() {
        start(b -> b);
        assertTimeoutPreemptively(TIMEOUT, () -> {
            s.declare(writer);
            EventStreamClient c = stream();
            c.next();

            s.web.close();

            Optional<String> line;
            do {
                line = c.line();
            } while (line.isPresent());
        });
    }

    @Test
    @DisplayName("an idle stream gets a keep-alive comment within the heartbeat (half the idle timeout) and stays open")
    void heartbeat() {
        start(b -> b.idleTimeout(Duration.ofSeconds(1)));
        assertTimeoutPreemptively(TIMEOUT, () -> {
            EventStreamClient c = stream();
            // Three heartbeats span more than the idle timeout: the stream outlives it.
            int beats = 0;
            while (beats < 3) {
                if (c.line().orElseThrow().equals(": keep-alive")) {
                    beats++;
                }
            }
            String id = s.declare(writer);
            assertThat(c.next().json().get("subject").asText()).isEqualTo(id);
        });
    }
}
