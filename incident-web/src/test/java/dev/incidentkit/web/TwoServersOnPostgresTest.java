package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.alert.AlertStatus;
import dev.incidentkit.core.event.IncidentEvent;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * JdbcEventStore}, sharing the database and the credentials file (users, tokens and the
 * {@code alertmanager} integration, whose alerts both receive).
 */
@DisplayName("two server processes on one PostgreSQL database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoServersOnPostgresTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A bound that finds a hang, not a speed limit: the resolutions take 100 s on a quiet 2-core machine. */
    static final Duration POSTS_TIMEOUT = Duration.ofMinutes(5);
    static final int GROUPS = 10;
    static final int ALERTS_PER_GROUP = 4;
    static final int POSTS_PER_GROUP = 2;
    static final int THREADS_PER_SERVER = 8;
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
    String alertmanager;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The manager of either server: roles from the credentials, polling the store for the other's events. */
    static IncidentManager manager(EventStore store, Clock clock, Credentials credentials) {
        return IncidentKit.builder().store(store).clock(clock).pollInterval(Duration.ofMillis(100))
                .authorizer(RoleBasedAuthorizer.of(credentials::roleOf)).build();
    }

    /** Either server, as a host wires it: tokens and alert integrations from the credentials file, alerts on. */
    static IncidentWeb.Builder server(IncidentManager manager, EventStore store, Credentials credentials) {
        return IncidentWeb.builder(manager).port(0).authenticator(TokenAuthenticator.of(credentials))
                .alerts(AlertIntake.of(manager, store, AlertRules.builder().stormLimit(1000).build()))
                .integrations(credentials);
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
        alertmanager = credentials.addIntegration("alertmanager");

        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        storeA = JdbcEventStore.builder(dataSource).migrate(true).build();
        managerA = manager(storeA, clock, credentials);
        serverA = server(managerA, storeA, credentials).start();

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
        return together(requests.stream().<Callable<Reply>>map(r -> () -> send(r)).toList(), TIMEOUT);
    }

    /** Runs the tasks at once, each on a thread of its own released by one barrier; their results in order. */
    static <T> List<T> together(List<Callable<T>> tasks, Duration timeout) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
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

    @Test
    @DisplayName("the same alerts posted by 8 threads to A and 8 to B at once: each alert stored once with every post "
            + "counted, one incident per group, each alert attached and resolved once")
    void sameAlertsOnBothServers() throws Exception {
        String run = "run" + System.nanoTime();
        long seed = System.nanoTime();
        LogPosition head = storeA.head();
        List<Integer> inOrder = IntStream.range(0, ALERTS_PER_GROUP).boxed().toList();
        List<String> firing = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            for (int p = 0; p < POSTS_PER_GROUP; p++) {
                firing.add(alertmanagerPost(run, g, inOrder, false));
            }
        }
        List<Callable<List<Reply>>> posters = new ArrayList<>();
        for (int t = 0; t < 2 * THREADS_PER_SERVER; t++) {
            posters.add(poster(t < THREADS_PER_SERVER ? a() : b(), firing, new Random(seed + t)));
        }

        long firingStart = System.nanoTime();
        Map<String, Long> fired = outcomes(together(posters, POSTS_TIMEOUT));
        long firingMillis = (System.nanoTime() - firingStart) / 1_000_000;

        int alerts = GROUPS * ALERTS_PER_GROUP;
        long alertPosts = 2L * THREADS_PER_SERVER * GROUPS * POSTS_PER_GROUP * ALERTS_PER_GROUP;
        assertThat(fired).as("the receipts' outcomes (seed %d)", seed).isEqualTo(Map.of(
                "declared", (long) GROUPS, "joined", (long) alerts - GROUPS, "repeated", alertPosts - alerts));
        List<Alert> stored = alertsOf(run);
        assertThat(stored).hasSize(alerts);
        assertThat(stored).extracting(x -> x.details().source() + " " + x.details().dedupKey()).doesNotHaveDuplicates();
        assertThat(stored).allSatisfy(x -> {
            assertThat(x.details().source()).isEqualTo("alertmanager");
            assertThat(x.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(x.incidentId()).isPresent();
        });
        assertThat(stored.stream().mapToLong(Alert::repeats).sum()).as("repeats, summed").isEqualTo(alertPosts);
        Map<Integer, Set<String>> incidentsByGroup = new TreeMap<>();
        Map<String, Set<String>> alertIdsByIncident = new TreeMap<>();
        for (Alert x : stored) {
            int group = Integer.parseInt(x.details().dedupKey().replaceAll(".*-g(\\d+)-a\\d+$", "$1"));
            incidentsByGroup.computeIfAbsent(group, g -> new TreeSet<>()).add(x.incidentId().orElseThrow());
            alertIdsByIncident.computeIfAbsent(x.incidentId().orElseThrow(), i -> new TreeSet<>()).add(x.id());
        }
        assertThat(incidentsByGroup).hasSize(GROUPS).allSatisfy((g, ids) -> assertThat(ids).as("group %d", g).hasSize(1));
        assertThat(alertIdsByIncident).hasSize(GROUPS);
        assertThat(managerA.events(head, 100_000)).filteredOn(e -> e.type().equals("incident.declared"))
                .as("incidents declared during the posts").allSatisfy(e ->
                        assertThat(e.actor()).isEqualTo(Actor.of("integration:alertmanager")))
                .extracting(RecordedEvent::incidentId).containsExactlyInAnyOrderElementsOf(alertIdsByIncident.keySet());
        alertIdsByIncident.forEach((id, alertIds) -> assertThat(managerA.history(id))
                .filteredOn(e -> e.event() instanceof IncidentEvent.AlertAttached)
                .extracting(e -> ((IncidentEvent.AlertAttached) e.event()).alertId())
                .as("alerts attached to %s", id).containsExactlyInAnyOrderElementsOf(alertIds));

        // Every thread resolves every group once, its alerts in an order of the thread's own.
        posters.clear();
        for (int t = 0; t < 2 * THREADS_PER_SERVER; t++) {
            Random random = new Random(seed - t);
            List<String> resolved = new ArrayList<>();
            for (int g = 0; g < GROUPS; g++) {
                List<Integer> order = new ArrayList<>(inOrder);
                Collections.shuffle(order, random);
                resolved.add(alertmanagerPost(run, g, order, true));
            }
            posters.add(poster(t < THREADS_PER_SERVER ? a() : b(), resolved, random));
        }

        long resolvingStart = System.nanoTime();
        List<List<Reply>> resolving = together(posters, POSTS_TIMEOUT);
        long resolvingMillis = (System.nanoTime() - resolvingStart) / 1_000_000;
        Map<String, Long> ended = outcomes(resolving);

        assertThat(ended).as("the receipts' outcomes (seed %d)", seed).isEqualTo(Map.of(
                "resolved", (long) alerts, "not_firing", 2L * THREADS_PER_SERVER * GROUPS * ALERTS_PER_GROUP - alerts));
        assertThat(alertsOf(run)).allSatisfy(x -> assertThat(x.status()).isEqualTo(AlertStatus.RESOLVED));
        alertIdsByIncident.forEach((id, alertIds) -> {
            List<RecordedEvent> history = managerA.history(id);
            assertThat(history).filteredOn(e -> e.event() instanceof IncidentEvent.AlertResolved)
                    .extracting(e -> ((IncidentEvent.AlertResolved) e.event()).alertId())
                    .as("alerts resolved on %s", id).containsExactlyInAnyOrderElementsOf(alertIds);
            List<String> notes = history.stream().filter(e -> e.event() instanceof IncidentEvent.NoteAdded n
                    && n.note().startsWith("Every alert of this incident has resolved"))
                    .map(e -> e.commandId().orElseThrow()).toList();
            // Exactly one: resolvers of an incident's last alerts (on two servers, or two threads
            // of one) may each count none firing, but all name the same last-resolved alert in the
            // note's command id, so the first writes and the others find its command.
            assertThat(notes).as("notes that every alert of %s resolved (seed %d)", id, seed).hasSize(1)
                    .allSatisfy(c -> assertThat(alertIds).anySatisfy(alert -> assertThat(c).contains(alert)));
        });
        System.out.printf("alerts on two servers: firing posts %d ms, resolved posts %d ms%n", firingMillis,
                resolvingMillis);
    }

    /**
     * One Alertmanager post of a group of a run: the group's alerts, in the order given, firing or
     * resolved, made from the test resource's first alert.
     */
    static String alertmanagerPost(String run, int group, List<Integer> alerts, boolean resolved) {
        ObjectNode post = AlertmanagerReceiverTest.parse(AlertHarness.payload("alertmanager-firing.json"));
        JsonNode template = post.get("alerts").get(0);
        String alertname = "Load" + group;
        String status = resolved ? "resolved" : "firing";
        ArrayNode list = post.putArray("alerts");
        for (int a : alerts) {
            ObjectNode alert = template.deepCopy();
            alert.put("status", status).put("fingerprint", run + "-g" + group + "-a" + a);
            if (resolved) {
                alert.put("endsAt", "2025-08-23T14:10:00Z");
            }
            ((ObjectNode) alert.get("labels")).put("alertname", alertname).put("instance", "checkout-" + a + ":9090");
            ((ObjectNode) alert.get("annotations")).put("summary", alertname + " on checkout-" + a);
            list.add(alert);
        }
        post.put("status", status);
        ((ObjectNode) post.get("groupLabels")).put("alertname", alertname);
        ((ObjectNode) post.get("commonLabels")).put("alertname", alertname);
        post.put("groupKey", "{}/{severity=\"critical\"}:{alertname=\"" + alertname + "\",run=\"" + run + "\"}");
        return post.toString();
    }

    /** A poster: its own client, which posts the bodies to the Alertmanager receiver of the server in its own order. */
    Callable<List<Reply>> poster(URI server, List<String> bodies, Random random) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> order = new ArrayList<>(bodies);
        Collections.shuffle(order, random);
        return () -> {
            List<Reply> replies = new ArrayList<>();
            for (String body : order) {
                replies.add(WebHarness.send(client, HttpRequest.newBuilder(server.resolve("/api/v1/alerts/alertmanager"))
                        .timeout(POSTS_TIMEOUT).header("Authorization", "Bearer " + alertmanager)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build()));
            }
            return replies;
        };
    }

    /** @return how many receipts had each outcome, once every reply is checked to be a 200 */
    static Map<String, Long> outcomes(List<List<Reply>> replies) {
        Map<String, Long> counts = new TreeMap<>();
        for (Reply r : replies.stream().flatMap(List::stream).toList()) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().get("alerts").forEach(receipt -> counts.merge(receipt.get("outcome").asText(), 1L, Long::sum));
        }
        return counts;
    }

    /** @return the alerts of a run, from the shared database */
    List<Alert> alertsOf(String run) {
        return storeA.alertStore().orElseThrow().alerts(AlertQuery.recent().limit(1000)).stream()
                .filter(x -> x.details().dedupKey().startsWith(run + "-")).toList();
    }
}
