package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    final HttpClient http = HttpClient.newHttpClient();

    /** Starts {@code im serve} on a free port and waits for its first line. */
    void serve() throws Exception {
        Map<String, String> env = Map.of("IM_HOME", home.toString(), "IM_USER", "alice");
        server = new ImProcess(home, env).builder("serve", "--port", "0").redirectErrorStream(true).start();
        serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = serverOut.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                base = URI.create(m.group(1));
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
