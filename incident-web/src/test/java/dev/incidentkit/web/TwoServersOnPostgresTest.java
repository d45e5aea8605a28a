package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import dev.incidentkit.web.EventStreamClient.Frame;
import dev.incidentkit.web.WebHarness.Reply;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two server processes on one PostgreSQL database: server A in this JVM, server B in a JVM of its
 * own ({@link PostgresServerMain}), each with its own {@link IncidentManager} over its own {@link
 * JdbcEventStore}, sharing the database and the credentials file.
 */
@DisplayName("two server processes on one PostgreSQL database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoServersOnPostgresTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String DECLARE = "{\"title\":\"Checkout latency\",\"severity\":\"SEV-2\",\"service\":\"checkout\"}";

    Path dir;

    EmbeddedPostgres postgres;
    JdbcEventStore storeA;
    IncidentManager managerA;
    IncidentWeb serverA;
    Process processB;
    URI serverB;
    Path logB;
    String commander;
    String viewer;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The manager of either server: roles from the credentials, polling the store for the other's events. */
    static IncidentManager manager(EventStore store, Clock clock, Credentials credentials) {
        return IncidentKit.builder().store(store).clock(clock).pollInterval(Duration.ofMillis(100))
                .authorizer(RoleBasedAuthorizer.of(credentials::roleOf)).build();
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        postgres = EmbeddedPostgres.builder()
                // Tests prove ordering and atomicity, not durability: spare the disk.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        String schema = "web_two_servers";
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres&currentSchema=" + schema;

        Clock clock = Clock.systemUTC();
        Path file = dir.resolve("credentials.json");
        Credentials credentials = Credentials.open(file, clock, PasswordHasher.withIterations(1000));
        credentials.addUser("alice", AccessRole.COMMANDER, Optional.empty());
        credentials.addUser("vera", AccessRole.VIEWER, Optional.empty());
        commander = credentials.createToken("alice", "tests", Optional.empty());
        viewer = credentials.createToken("vera", "tests", Optional.empty());

        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        storeA = JdbcEventStore.builder(dataSource).migrate(true).build();
        managerA = manager(storeA, clock, credentials);
        serverA = IncidentWeb.builder(managerA).port(0).authenticator(TokenAuthenticator.of(credentials)).start();

        logB = dir.resolve("server-b.log");
        processB = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                PostgresServerMain.class.getName(), url, file.toString())
                .redirectError(logB.toFile())
                .start();
        serverB = assertTimeoutPreemptively(TIMEOUT, () -> {
            BufferedReader out = new BufferedReader(new InputStreamReader(processB.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("server B's first line; its log:%n%s", log()).startsWith("PORT ");
            return URI.create("http://127.0.0.1:" + line.substring(5) + "/");
        });
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (processB != null) {
                processB.getOutputStream().close();
                if (!processB.waitFor(30, TimeUnit.SECONDS)) {
                    processB.destroyForcibly();
                }
            }
        } finally {
            if (serverA != null) {
                serverA.close();
                managerA.close();
                storeA.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private String log() {
        try {
            return Files.exists(logB) ? Files.readString(logB) : "(none)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI a() {
        return serverA.uri();
    }

    URI b() {
        return serverB;
    }

    HttpRequest.Builder request(URI server, String path, String token) {
        return HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token);
    }

    HttpRequest post(URI server, String path, String json, String... headers) {
        HttpRequest.Builder b = request(server, path, commander).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    Reply send(HttpRequest request) {
        return WebHarness.send(http, request);
    }

    Reply get(URI server, String path) {
        return send(request(server, path, viewer).GET().build());
    }

    String declare(URI server) {
        Reply r = send(post(server, "/api/v1/incidents", DECLARE));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("incident").get("id").asText();
    }

    /** Sends the requests at once, each from a thread of its own behind one barrier. */
    List<Reply> atOnce(List<HttpRequest> requests) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(requests.size());
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (HttpRequest request : requests) {
                futures.add(pool.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return send(request);
                }));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : futures) {
                replies.add(f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("an incident declared through A is readable and commandable through B, and A then sees B's command")
    void declaredOnAUsedOnB() {
        String id = declare(a());

        Reply read = get(b(), "/api/v1/incidents/" + id);
        Reply ack = send(post(b(), "/api/v1/incidents/" + id + "/acknowledge", "{\"note\":\"on it\"}", "If-Match", "\"1\""));
        Reply back = get(a(), "/api/v1/incidents/" + id);

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("id").asText()).isEqualTo(id);
        assertThat(read.header("ETag")).hasValue("\"1\"");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.header("ETag")).hasValue("\"2\"");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.header("ETag")).as("A reads the version B wrote, from the shared store").hasValue("\"2\"");
        assertThat(back.json().get("status").asText()).isEqualTo(ack.json().get("incident").get("status").asText())
                .isNotEqualTo(read.json().get("status").asText());
        assertThat(managerA.history(id)).extracting(RecordedEvent::type)
                .containsExactly("incident.declared", "incident.acknowledged");
        assertThat(get(a(), "/api/v1/incidents/" + id + "/verify").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("one Idempotency-Key on a declaration sent to A and to B at once, then again: one incident, one event, the same answer")
    void sameKeyOnBothServers() throws Exception {
        long before = managerA.events(LogPosition.START, 100_000).size();
        String key = "declare-" + System.nanoTime();

        List<Reply> replies = atOnce(List.of(
                post(a(), "/api/v1/incidents", DECLARE, "Idempotency-Key", key),
                post(b(), "/api/v1/incidents", DECLARE, "Idempotency-Key", key)));
        Reply retryOnA = send(post(a(), "/api/v1/incidents", DECLARE, "Idempotency-Key", key));
        Reply retryOnB = send(post(b(), "/api/v1/incidents", DECLARE, "Idempotency-Key", key));

        for (Reply r : List.of(replies.get(0), replies.get(1), retryOnA, retryOnB)) {
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.body()).isEqualTo(replies.get(0).body());
        }
        assertThat(managerA.events(LogPosition.START, 100_000)).hasSize((int) before + 1);
    }

    @Test
    @DisplayName("one Idempotency-Key on a command sent to A and to B at once: one event, the same answer")
    void sameCommandKeyOnBothServers() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = declare(a());
            String key = "ack-" + System.nanoTime();

            List<Reply> acks = atOnce(List.of(
                    post(a(), "/api/v1/incidents/" + id + "/acknowledge", "{\"note\":\"A\"}", "Idempotency-Key", key),
                    post(b(), "/api/v1/incidents/" + id + "/acknowledge", "{\"note\":\"B\"}", "Idempotency-Key", key)));

            assertThat(acks).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
            assertThat(acks.get(1).body()).isEqualTo(acks.get(0).body());
            assertThat(managerA.history(id)).hasSize(2);
        }
    }

    @Test
    @DisplayName("the same If-Match sent to A and to B at once: one 200, one 412, versions gapless")
    void ifMatchAcrossServers() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = declare(a());

            List<Reply> replies = atOnce(List.of(
                    post(a(), "/api/v1/incidents/" + id + "/notes", "{\"note\":\"from A\"}", "If-Match", "\"1\""),
                    post(b(), "/api/v1/incidents/" + id + "/notes", "{\"note\":\"from B\"}", "If-Match", "\"1\"")));

            assertThat(replies).extracting(Reply::status).as("%s %s", replies.get(0).body(), replies.get(1).body())
                    .containsExactlyInAnyOrder(200, 412);
            Reply lost = replies.get(0).status() == 412 ? replies.get(0) : replies.get(1);
            lost.problem(412);
            assertThat(lost.header("ETag")).hasValue("\"2\"");
            assertThat(managerA.history(id)).extracting(RecordedEvent::version).containsExactly(1L, 2L);
        }
    }

    @Test
    @DisplayName("a stream on B sees the events written through A, in the order and with the positions of the PostgreSQL store")
    void streamOnBSeesA() {
        assertTimeoutPreemptively(TIMEOUT, () -> {
            LogPosition head = storeA.head();
            EventStreamClient stream = EventStreamClient.open(http, request(b(), "/api/v1/events", viewer)
                    .timeout(TIMEOUT).header("Last-Event-ID", head.toString()).GET().build());
            try {
                assertThat(stream.status()).isEqualTo(200);
                String id = declare(a());
                send(post(a(), "/api/v1/incidents/" + id + "/acknowledge", "{\"note\":\"on it\"}"));
                send(post(a(), "/api/v1/incidents/" + id + "/notes", "{\"note\":\"pool exhausted\"}"));

                List<Frame> frames = stream.next(3);

                List<RecordedEvent> stored = managerA.events(head, 100);
                assertThat(stored).hasSize(3);
                assertThat(frames).extracting(Frame::id)
                        .containsExactlyElementsOf(stored.stream().map(e -> e.position().toString()).toList());
                assertThat(frames).extracting(f -> f.json().get("type").asText())
                        .containsExactly("incident.declared", "incident.acknowledged", "incident.note_added");
                assertThat(frames).extracting(f -> f.json().get("id").asText())
                        .containsExactlyElementsOf(stored.stream().map(e -> e.eventId().toString()).toList());
            } finally {
                stream.close();
            }
        });
    }
}
