package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.incidentkit.web.OnCallFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code im serve --oncall FILE} pages people: its escalator pages the person on call through the
 * Slack notifier that {@code $IM_SLACK_WEBHOOK} sets, here an incoming webhook on loopback, and
 * the page is on the incident's timeline. The webhook's secret path never reaches the output.
 */
class ImServePagingTest {

    /** The webhook's path: Slack's carries its secret there. */
    static final String SECRET_PATH = "/services/T0000/B0000/s3cretHookToken";

    /**
     * The checkout service is paged to pat (reachable on Slack); the ledger service first to nora,
     * whom no notifier reaches (e-mail only), then to pat.
     */
    static final String ON_CALL = """
            {
              "version": 1,
              "schedules": [
                {
                  "id": "primary",
                  "name": "Payments primary",
                  "zone": "UTC",
                  "layers": [
                    {"name": "weekly", "rotation": {"kind": "WEEKLY", "start": "2026-01-05T09:00", "participants": ["pat"]}}
                  ]
                }
              ],
              "policies": [
                {
                  "id": "payments",
                  "name": "Payments",
                  "services": ["checkout"],
                  "calendar": {"zone": "UTC", "hours": [{"days": ["MONDAY"], "from": "09:00", "to": "17:00"}]},
                  "levels": [{"escalateAfter": "PT5M", "targets": [{"schedule": "primary"}]}]
                },
                {
                  "id": "ledger",
                  "name": "Ledger",
                  "services": ["ledger"],
                  "calendar": {"zone": "UTC", "hours": [{"days": ["MONDAY"], "from": "09:00", "to": "17:00"}]},
                  "levels": [
                    {"escalateAfter": "PT5M", "targets": [{"person": "nora"}]},
                    {"escalateAfter": "PT5M", "targets": [{"schedule": "primary"}]}
                  ]
                }
              ],
              "people": [
                {"id": "pat", "name": "Pat Parker", "contacts": [{"kind": "slack", "address": "U0PAT1234"}]},
                {"id": "nora", "name": "Nora North", "contacts": [{"kind": "email", "address": "nora@example.com"}]}
              ]
            }
            """;

    @TempDir
    Path home;

    HttpServer slack;
    final BlockingQueue<String> posts = new LinkedBlockingQueue<>();
    Process server;
    BufferedReader serverOut;

    @AfterEach
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        if (slack != null) {
            slack.stop(0);
        }
    }

    @Test
    void aSev1OnACoveredServicePagesItsPrimaryOnSlackAndTheTimelineSaysSo() throws Exception {
        slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slack.createContext(SECRET_PATH, exchange -> {
            posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        slack.start();
        Path onCall = Files.writeString(home.resolve("team-oncall.json"), ON_CALL);
        String webhook = "http://127.0.0.1:" + slack.getAddress().getPort() + SECRET_PATH;

        Map<String, String> env = new HashMap<>(Map.of("IM_HOME", home.toString(), "IM_USER", "alice",
                "IM_SLACK_WEBHOOK", webhook));
        server = new ImProcess(home, env).builder("serve", "--port", "0", "--oncall", onCall.toString())
                .redirectErrorStream(true).start();
        serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        assertThat(readUntil(output, ImServeTest.SERVING)).as("im serve said where it serves: %s", output).isTrue();
        assertThat(serverOut.readLine()).isEqualTo("On call from " + onCall + ".");
        assertThat(serverOut.readLine()).isEqualTo("Escalation runs: pages go out through slack.");

        ImInProcess im = new ImInProcess(Map.of("IM_HOME", home.toString(), "IM_USER", "bob"));
        String checkout = declare(im, "checkout", "Checkout down");
        String pat = awaitPost("<@U0PAT1234>");
        assertThat(pat).contains(checkout);
        String timeline = im.run("timeline", "export", "--incident", checkout, "--format", "cloudevents").out();
        assertThat(timeline).contains("incident.paged");
        assertThat(im.run("timeline", "export", "--incident", checkout, "--format", "text").out())
                .contains("Paged pat (level 1, round 1)");

        // Nobody reaches nora: the timeline says so, and the next level (pat) is paged at once, not in five minutes.
        String ledger = declare(im, "ledger", "Ledger stuck");
        String next = awaitPost("<@U0PAT1234>");
        assertThat(next).contains(ledger);
        String ledgerTimeline = im.run("timeline", "export", "--incident", ledger, "--format", "text").out();
        assertThat(ledgerTimeline).contains("Paged nora (level 1, round 1)", "could not be delivered",
                "Paged pat (level 2, round 1)");

        // Acknowledging stops the escalation.
        ImProcess.Result acked = im.run("ack", "--incident", ledger);
        assertThat(acked.exitCode()).as(acked.err()).isZero();

        // Through its handle: Process.destroy would close the pipe, and what it prints while it stops would be lost.
        assertThat(server.toHandle().destroy()).isTrue();
        for (String line = serverOut.readLine(); line != null; line = serverOut.readLine()) {
            output.append(line).append('\n');
        }
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output.toString()).contains("Stopping.").doesNotContain("s3cretHookToken");
    }

    @Test
    void aBadNotifierVariableIsOneSentenceNamingItAndNeverItsSecret() {
        for (List<String> bad : List.of(
                List.of(NotifierSettings.SLACK, "ftp://hooks.example.com/services/s3cretHookToken"),
                List.of(NotifierSettings.SLACK, "hooks.slack.com/services/s3cretHookToken"),
                List.of(NotifierSettings.SLACK, "https://user:s3cretHookToken@hooks.example.com/x"),
                List.of(NotifierSettings.WEBHOOK, "https://example.com/ho ok/s3cretHookToken"),
                List.of(NotifierSettings.PAGERDUTY, "s3cretHookToken with spaces"))) {
            ImProcess.Result result = new ImInProcess(Map.of("IM_HOME", home.toString(), bad.get(0), bad.get(1)))
                    .run("serve", "--port", "0");

            assertThat(result.exitCode()).as("%s; stderr: %s", bad, result.err()).isEqualTo(Im.INVALID_INPUT);
            assertThat(result.err()).startsWith("im: " + bad.get(0) + " must be ").doesNotContain("s3cretHookToken");
            assertThat(result.err().lines()).hasSize(1);
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void theWebhookSecretsAreMaskedInAnyMessage() {
        Environment env = new Environment(System.out, System.err, Map.of(
                NotifierSettings.SLACK, "https://hooks.example.com" + SECRET_PATH,
                NotifierSettings.PAGERDUTY, "R0UT1NGKEY0123456789",
                NotifierSettings.WEBHOOK, "https://audit.example.com/hook?token=abcdef123"));
        Secrets secrets = Secrets.of(env, List.of());

        assertThat(secrets.mask("posting to https://hooks.example.com" + SECRET_PATH + " failed")).doesNotContain("s3cret");
        assertThat(secrets.mask("path " + SECRET_PATH)).doesNotContain("s3cret");
        assertThat(secrets.mask("key R0UT1NGKEY0123456789 refused")).isEqualTo("key *** refused");
        assertThat(secrets.mask("https://audit.example.com/hook?token=abcdef123")).doesNotContain("abcdef123");
    }

    @Test
    void theWarningNamesWhatNobodyCanBeReachedBy() throws Exception {
        OnCallFile file = OnCallFile.open(Files.writeString(home.resolve("team-oncall.json"), ON_CALL));

        assertThat(ServeCommand.unreachable(file, Set.of("slack"))).isEmpty();
        assertThat(ServeCommand.unreachable(file, Set.of("pagerduty", "webhook"))).hasValue("Warning: escalation runs but "
                + "no one in " + file.file() + " has a contact of a kind the notifiers reach (pagerduty, webhook), so every "
                + "page is undeliverable: the incident's timeline says so and the next level is paged at once.");
        assertThat(ServeCommand.unreachable(file, Set.of())).get(InstanceOfAssertFactories.STRING)
                .startsWith("Warning: escalation runs but no notifier is set (IM_SLACK_WEBHOOK, IM_PAGERDUTY_ROUTING_KEY, "
                        + "IM_WEBHOOK_URL, IM_SMTP_URL)");
    }

    private static String declare(ImInProcess im, String service, String title) {
        ImProcess.Result declared = im.run("declare", "--sev", "SEV-1", "--title", title, "--service", service);
        assertThat(declared.exitCode()).as(declared.err()).isZero();
        return declared.out().lines().findFirst().orElseThrow().replace("Incident declared: ", "");
    }

    /** @return the first post to the webhook (within a minute) that mentions {@code text}; the others are incident events */
    private String awaitPost(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            String post = posts.poll(left, TimeUnit.NANOSECONDS);
            if (post != null && post.contains(text)) {
                return post;
            }
        }
        throw new AssertionError("no post to the Slack webhook mentions " + text + " within a minute");
    }

    private boolean readUntil(StringBuilder output, Pattern pattern) throws Exception {
        for (String line = serverOut.readLine(); line != null; line = serverOut.readLine()) {
            output.append(line).append('\n');
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return true;
            }
        }
        return false;
    }
}
