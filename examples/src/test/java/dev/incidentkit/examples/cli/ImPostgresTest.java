package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code im}, as separate processes, on a real PostgreSQL 17 server started by the test:
 * the walkthrough, and two {@code im} processes acting on one incident at once.
 */
class ImPostgresTest {

    private static EmbeddedPostgres server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theWalkthroughCommandByCommand() throws Exception {
        Walkthrough.run(tool("walkthrough", "user@example.com"));
    }

    @Test
    void twoProcessesUpdatingOneIncidentAtOnceBothLand() throws Exception {
        ImProcess im = tool("updates", "alice");
        Walkthrough.ok(im.run("declare", "--sev", "SEV-1", "--title", "Payment system down", "--service", "payments"));
        String id = id(im);

        List<ImProcess.Running> running = Stream.of("Found network connectivity issue", "Paging the network team")
                .map(note -> im.start("update", "--incident", id, "--note", note))
                .collect(Collectors.toList());
        running.forEach(r -> Walkthrough.ok(r.result()));

        JsonNode incident = show(im, id).path("incident");
        assertThat(incident.path("notes_count").asInt()).isEqualTo(2);
        assertThat(incident.path("version").asInt()).isEqualTo(3);
        assertThat(Walkthrough.ok(im.run("verify", "--incident", id)).out()).contains("intact: 3 events verified");
    }

    @Test
    void twoProcessesAcknowledgingAtOnceOneWinsTheOtherIsToldWhy() throws Exception {
        ImProcess im = tool("acks", "alice");
        Walkthrough.ok(im.run("declare", "--sev", "SEV-1", "--title", "Complete payment system outage",
                "--service", "payments", "--war-room"));
        String id = id(im);

        List<ImProcess.Running> running = Stream.of("bob", "carol")
                .map(user -> im.start("ack", "--incident", id, "--as", user, "--note", "Taking ownership"))
                .collect(Collectors.toList());
        List<ImProcess.Result> results = running.stream().map(ImProcess.Running::result).collect(Collectors.toList());

        assertThat(results).extracting(ImProcess.Result::exitCode).containsExactlyInAnyOrder(0, 4);
        ImProcess.Result loser = results.stream().filter(r -> r.exitCode() == 4).findFirst().orElseThrow();
        assertThat(loser.err()).startsWith("im: Cannot run 'ack' on incident " + id + ": it is ACKNOWLEDGED");
        assertThat(show(im, id).path("incident").path("version").asInt()).isEqualTo(2);
    }

    private ImProcess tool(String schema, String user) throws Exception {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres?user=postgres&currentSchema=" + schema;
        return new ImProcess(work, Map.of("IM_DB", url, "IM_USER", user, "IM_MAX_BACKDATING", Walkthrough.ITS_AGE));
    }

    private static String id(ImProcess im) throws Exception {
        JsonNode list = new ObjectMapper().readTree(Walkthrough.ok(im.run("list", "--output", "json")).out());
        return list.path("incidents").get(0).path("id").asText();
    }

    private static JsonNode show(ImProcess im, String id) throws Exception {
        return new ObjectMapper().readTree(Walkthrough.ok(im.run("show", "--incident", id, "--output", "json")).out());
    }
}
