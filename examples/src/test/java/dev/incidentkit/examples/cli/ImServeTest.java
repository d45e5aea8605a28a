package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.oncall.ContactMethod;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.examples.Readme;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code im serve} in a process of its own, on the default H2 file, while {@code im} commands run
 * meanwhile, as in another terminal: each sees what the other wrote, at once.
 */
class ImServeTest {

    static final Pattern SERVING = Pattern.compile("Serving (http://127\\.0\\.0\\.1:\\d+/)");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    Process server;
    BufferedReader serverOut;
    URI base;
    String servingLine;
    final HttpClient http = HttpClient.newHttpClient();

    /** Starts {@code im serve} on a free port and waits for its first line. */
    void serve(String... more) throws Exception {
        Map<String, String> env = Map.of("IM_HOME", home.toString(), "IM_USER", "alice");
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0"));
        args.addAll(List.of(more));
        server = new ImProcess(home, env).builder(args.toArray(String[]::new)).redirectErrorStream(true).start();
        serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = serverOut.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                base = URI.create(m.group(1));
                servingLine = line;
                return;
            }
        }
        throw new AssertionError("im serve ended before it served: " + seen);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    ImInProcess im() {
        return new ImInProcess(Map.of("IM_HOME", home.toString(), "IM_USER", "bob"));
    }

    @Test
    void theServerAndACommandLineSeeEachOthersIncidents() throws Exception {
        serve();
        ImProcess.Result declared = im().run("declare", "--sev", "SEV-2", "--title", "Checkout 502s", "--service", "checkout");
        assertThat(declared.exitCode()).as(declared.err()).isZero();
        String id = declared.out().lines().findFirst().orElseThrow().replace("Incident declared: ", "");

        HttpResponse<String> got = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/incidents/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(got.body()).path("title").asText()).isEqualTo("Checkout 502s");

        HttpResponse<String> acked = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/incidents/" + id + "/acknowledge"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"on it\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);

        // The walkthrough's View at line names the incident's page, which the same server shows.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/incidents/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Checkout 502s", "Acknowledged by alice", "Add update");

        JsonNode shown = JSON.readTree(im().run("show", "--incident", id, "--output", "json").out()).path("incident");
        assertThat(shown.path("status").asText()).isEqualTo("acknowledged");
        // Without users the server acts as the local user who started it, never as a name in the request.
        assertThat(shown.path("acknowledgement").path("by").asText()).isEqualTo("alice");

        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(home.resolve("incidents.lock.db"))).as("the served file is let go").isFalse();
        ImProcess.Result listed = im().run("list", "--status", "all");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(id);
    }

    @Test
    void withUsersTheServerAsksForATokenAndEachUsersRole() throws Exception {
        ImInProcess admin = im();
        assertThat(admin.run("user", "add", "carol", "--role", "commander", "--no-password").exitCode()).isZero();
        assertThat(admin.run("user", "add", "vera", "--role", "viewer", "--no-password").exitCode()).isZero();
        String carol = admin.run("token", "create", "--user", "carol").out().strip();
        String vera = admin.run("token", "create", "--user", "vera").out().strip();
        serve();

        // With users, a browser is sent to the login page first.
        HttpResponse<String> dashboard = http.send(HttpRequest.newBuilder(base.resolve("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.statusCode()).isEqualTo(303);
        assertThat(dashboard.headers().firstValue("Location")).hasValue("/login?next=%2F");

        String declare = "{\"title\":\"Checkout 502s\",\"severity\":\"SEV-2\",\"service\":\"checkout\"}";
        HttpResponse<String> anonymous = post("/api/v1/incidents", declare, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/incidents", declare, vera).statusCode()).isEqualTo(403);
        HttpResponse<String> declared = post("/api/v1/incidents", declare, carol);
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        JsonNode incident = JSON.readTree(declared.body()).path("incident");
        assertThat(incident.path("declared_by").asText()).isEqualTo("carol");

        // A token revoked in another terminal stops working at once (the server reads the file again).
        String id = admin.run("token", "list").out().lines().filter(l -> l.contains("vera")).findFirst().orElseThrow()
                .split("\\s+")[0];
        assertThat(get("/api/v1/incidents", vera).statusCode()).isEqualTo(200);
        assertThat(admin.run("token", "revoke", id).exitCode()).isZero();
        assertThat(awaitStatus("/api/v1/incidents", vera, 401)).isTrue();
    }

    @Test
    void theOnCallFileIsServedAndReadAgainWhenImChangesIt() throws Exception {
        Files.copy(Readme.root().resolve("docs/oncall.json"), home.resolve("oncall.json"));
        serve();
        assertThat(serverOut.readLine()).isEqualTo("On call from " + home.resolve("oncall.json") + ".");
        // No notifier is set: the escalation runs, and says at once that no page can reach anyone.
        assertThat(serverOut.readLine()).isEqualTo("Warning: escalation runs but no notifier is set (IM_SLACK_WEBHOOK, "
                + "IM_PAGERDUTY_ROUTING_KEY, IM_WEBHOOK_URL, IM_SMTP_URL), so every page is undeliverable: the incident's timeline says so "
                + "and the next level is paged at once.");

        JsonNode schedules = JSON.readTree(anonymous("/api/v1/schedules").body()).path("schedules");
        assertThat(schedules).extracting(s -> s.path("id").asText()).containsExactly("primary", "secondary");
        assertThat(JSON.readTree(anonymous("/api/v1/escalation-policies").body()).path("escalation_policies"))
                .extracting(p -> p.path("id").asText()).containsExactly("payments");
        HttpResponse<String> page = anonymous("/oncall");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<a href=\"/oncall\" aria-current=\"page\">On call</a>");

        String at = "/api/v1/oncall?at=2026-03-04T09:30:00Z";
        assertThat(anonymous(at).body()).doesNotContain("harry");
        ImProcess.Result added = im().run("override", "add", "--schedule", "primary", "--person", "harry",
                "--from", "2026-03-04T09:00:00Z", "--to", "2026-03-04T10:00:00Z");
        assertThat(added.exitCode()).as(added.err()).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String body = "";
        while (!body.contains("harry") && System.nanoTime() < deadline) {
            body = anonymous(at).body();
        }
        assertThat(JSON.readTree(body).path("schedules").get(0).path("on_call").findValuesAsText("person")).contains("harry");

        // A write through the API goes into the same file, on top of what im wrote to it.
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/people/harry"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"id\": \"harry\", \"name\": \"Harry Hill\", \"contacts\":"
                        + " [{\"kind\": \"email\", \"address\": \"harry@example.com\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        OnCallConfig onDisk;
        try (Reader r = Files.newBufferedReader(home.resolve("oncall.json"))) {
            onDisk = OnCallConfig.read(r, "oncall.json");
        }
        assertThat(onDisk.person("harry").orElseThrow().contacts()).containsExactly(new ContactMethod("email", "harry@example.com"));
        assertThat(onDisk.schedule("primary").orElseThrow().overrides()).extracting(o -> o.person()).containsExactly("chloe", "harry");
        assertThat(JSON.readTree(anonymous("/api/v1/people").body()).path("people").findValuesAsText("id")).contains("alice", "harry");
    }

    @Test
    void theStatusPageIsPublicListsItsComponentsAndCanBeTurnedOff() throws Exception {
        serve("--status-components", "checkout,payments");
        assertThat(servingLine).contains("Public status page, no login: " + base.resolve("/status") + ".");
        String id = im().run("declare", "--sev", "SEV-2", "--title", "Checkout 502s", "--service", "checkout").out().lines()
                .findFirst().orElseThrow().replace("Incident declared: ", "");
        HttpResponse<String> before = anonymous("/status.json");
        assertThat(before.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(before.body());
        assertThat(page.path("format").asText()).isEqualTo("incidentkit-status/1");
        assertThat(page.path("components").findValuesAsText("name")).containsExactly("checkout", "payments");
        assertThat(before.body()).doesNotContain(id).doesNotContain("502s");
        stop();

        serve("--no-status-page");
        assertThat(servingLine).doesNotContain("status page");
        assertThat(anonymous("/status.json").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutAnOnCallFileTheOnCallRoutesAre404() throws Exception {
        serve();
        assertThat(anonymous("/api/v1/oncall").statusCode()).isEqualTo(404);
        assertThat(anonymous("/oncall").statusCode()).isEqualTo(404);
    }

    HttpResponse<String> anonymous(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An Alertmanager webhook (payload version 4) of one group, its alerts' status given. */
    static String alertmanager(String status, String group, String... fingerprints) {
        StringBuilder alerts = new StringBuilder();
        for (String fp : fingerprints) {
            alerts.append(alerts.length() == 0 ? "" : ",").append("{\"status\":\"").append(status)
                    .append("\",\"labels\":{\"alertname\":\"").append(group).append("\",\"service\":\"checkout\",")
                    .append("\"severity\":\"critical\",\"instance\":\"").append(fp).append("\"},")
                    .append("\"annotations\":{\"summary\":\"").append(group).append(" on ").append(fp).append("\"},")
                    .append("\"startsAt\":\"2026-12-03T09:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",")
                    .append("\"generatorURL\":\"http://prometheus:9090/graph\",\"fingerprint\":\"").append(fp).append("\"}");
        }
        return "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"" + group + "\\\"}\",\"truncatedAlerts\":0,"
                + "\"status\":\"" + status + "\",\"receiver\":\"incidentkit\",\"groupLabels\":{},\"commonLabels\":{},"
                + "\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager:9093\",\"alerts\":[" + alerts + "]}";
    }

    @Test
    void alertsFromAnIntegrationBecomeIncidentsThatImListsSilencesAndCounts() throws Exception {
        ImInProcess im = im();
        ImProcess.Result added = im.run("integration", "add", "alertmanager");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.err()).contains("shown once");
        String key = added.out().strip();
        serve();

        HttpResponse<String> fired = post("/api/v1/alerts/alertmanager", alertmanager("firing", "CheckoutLatency", "fp-1", "fp-2"), key);
        assertThat(fired.statusCode()).as(fired.body()).isEqualTo(200);
        JsonNode receipts = JSON.readTree(fired.body()).path("alerts");
        assertThat(receipts.get(0).path("outcome").asText()).isEqualTo("declared");
        assertThat(receipts.get(1).path("outcome").asText()).isEqualTo("joined");
        String id = receipts.get(0).path("incident_id").asText();
        assertThat(post("/api/v1/alerts/alertmanager", alertmanager("firing", "CheckoutLatency", "fp-1"), key).statusCode())
                .isEqualTo(200);
        assertThat(post("/api/v1/alerts/alertmanager", alertmanager("firing", "CheckoutLatency", "fp-1"), "ik_int_wrong_key_0123456789")
                .statusCode()).isEqualTo(401);

        // im sees what the server received, on the same store.
        JsonNode listed = JSON.readTree(im.run("alerts", "--output", "json").out());
        assertThat(listed.path("alerts")).hasSize(2);
        assertThat(listed.path("alerts").findValuesAsText("incident_id")).containsOnly(id);
        assertThat(listed.path("alerts").findValuesAsText("dedup_key")).containsExactlyInAnyOrder("fp-1", "fp-2");
        assertThat(listed.path("last_30_days").path("received").asLong()).isEqualTo(3);
        JsonNode incident = JSON.readTree(im.run("show", "--incident", id, "--output", "json").out()).path("incident");
        assertThat(incident.path("severity").asText()).isEqualTo("SEV-1");
        assertThat(incident.path("declared_by").asText()).isEqualTo("integration:alertmanager");
        assertThat(im.run("timeline", "export", "--incident", id, "--format", "text").out())
                .contains("Alert from alertmanager attached");

        // A silence made with im applies to the server's next alert of it (silences are read once a second).
        ImProcess.Result silenced = im.run("silence", "add", "--matcher", "alertname=DiskFull", "--for", "2h",
                "--comment", "disk swap");
        assertThat(silenced.exitCode()).as(silenced.err()).isZero();
        assertThat(silenced.out()).startsWith("Silenced alertname=DiskFull until ");
        String outcome = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int n = 0; !outcome.equals("suppressed") && System.nanoTime() < deadline; n++) {
            HttpResponse<String> disk = post("/api/v1/alerts/alertmanager", alertmanager("firing", "DiskFull", "disk-" + n), key);
            outcome = JSON.readTree(disk.body()).path("alerts").get(0).path("outcome").asText();
            if (!outcome.equals("suppressed")) {
                // Declared before the server read the silence: resolve it so that it stays out of the figures below.
                post("/api/v1/alerts/alertmanager", alertmanager("resolved", "DiskFull", "disk-" + n), key);
            }
        }
        assertThat(outcome).isEqualTo("suppressed");
        assertThat(JSON.readTree(im.run("alerts", "--state", "suppressed", "--output", "json").out()).path("alerts"))
                .hasSize(1);
        assertThat(im.run("metrics").out()).contains("Alerts (first seen, whatever their service and severity): ")
                .contains("never declared or joined an incident (noise)");

        // Resolving the group's alerts says so on the incident.
        assertThat(post("/api/v1/alerts/alertmanager", alertmanager("resolved", "CheckoutLatency", "fp-1", "fp-2"), key)
                .statusCode()).isEqualTo(200);
        assertThat(im.run("timeline", "export", "--incident", id, "--format", "text").out())
                .contains("Alert from alertmanager resolved", "Every alert of this incident has resolved");

        String silenceId = JSON.readTree(im.run("silence", "list", "--output", "json").out()).path("silences").get(0)
                .path("id").asText();
        assertThat(im.run("silence", "expire", "--id", silenceId).exitCode()).isZero();
        assertThat(im.run("silence", "list").out()).isEqualTo("No active or planned silences." + System.lineSeparator());
        assertThat(im.run("silence", "expire", "--id", "no-such-id").exitCode()).isEqualTo(Im.NOT_FOUND);
        assertThat(im.run("alerts", "--state", "loud").exitCode()).isEqualTo(Im.INVALID_INPUT);
    }

    HttpResponse<String> post(String path, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Asks until the answer is {@code status}: the server reads the credentials file again at most once a second. */
    boolean awaitStatus(String path, String token, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (get(path, token).statusCode() == status) {
                return true;
            }
        }
        return false;
    }
}
