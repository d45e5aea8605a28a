package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.examples.Readme;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code im paging}: pages per person and per shift, from the store's {@code incident.paged} events. */
class ImPagingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    Path home;
    ImInProcess im;
    Instant t;

    /** Alice is paged at t (level 1), bob at t + 5 min (level 2); alice acknowledges at t + 12 min. */
    @BeforeEach
    void twoPages(@TempDir Path home) throws Exception {
        this.home = home;
        Files.copy(Readme.root().resolve("docs/oncall.json"), home.resolve("oncall.json"));
        im = new ImInProcess(Map.of("IM_HOME", home.toString()));
        t = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (JdbcEventStore store = JdbcEventStore.h2(home.resolve("incidents"));
                IncidentManager m = IncidentKit.builder().store(store).build()) {
            String id = m.declare(Declare.of("Checkout fails", Severity.SEV1, "checkout"), CommandContext.as("alice").at(t)).id();
            m.submit(id, new Command.RecordPage("alice", 1, 1, "payments", "level 1 of policy Payments", List.of("slack")),
                    CommandContext.as("escalation").at(t));
            m.submit(id, new Command.RecordPage("bob", 2, 1, "payments", "level 2 of policy Payments", List.of("email")),
                    CommandContext.as("escalation").at(t.plusSeconds(300)));
            m.acknowledge(id, "on it", CommandContext.as("alice").at(t.plusSeconds(720)));
        }
    }

    @Test
    void pagesPerPersonWithTheirTimeToAcknowledge() throws Exception {
        JsonNode doc = JSON.readTree(Walkthrough.ok(im.run("paging", "--from", t.minusSeconds(60).toString(),
                "--to", t.plusSeconds(3600).toString(), "--schedule", "primary", "--output", "json")).out());

        assertThat(doc.path("pages").asInt()).isEqualTo(2);
        assertThat(doc.path("policy").asText()).isEqualTo("payments");
        JsonNode alice = doc.path("people").get(0);
        JsonNode bob = doc.path("people").get(1);
        assertThat(alice.path("person").asText()).isEqualTo("alice");
        assertThat(alice.path("pages").asInt()).isEqualTo(1);
        assertThat(alice.path("time_to_acknowledge_median_seconds").asLong()).isEqualTo(720);
        assertThat(bob.path("person").asText()).isEqualTo("bob");
        assertThat(bob.path("time_to_acknowledge_median_seconds").asLong()).isEqualTo(420);
        assertThat(doc.path("schedule").asText()).isEqualTo("primary");
        assertThat(doc.path("shifts").size()).isPositive();
        long shiftPages = 0;
        for (JsonNode s : doc.path("shifts")) {
            shiftPages += s.path("pages").asLong();
        }
        assertThat(shiftPages).as("pages of people on call in primary's shifts").isBetween(0L, 2L);
    }

    @Test
    void asATable() {
        String out = Walkthrough.ok(im.run("paging", "--from", t.minusSeconds(60).toString(), "--to", t.plusSeconds(3600).toString())).out();

        assertThat(out).startsWith("2 pages from ");
        assertThat(out).containsPattern("alice +1 +[01] +0 +12m00s +12m00s");
        assertThat(out).containsPattern("bob +1 +[01] +0 +7m00s +7m00s");
    }

    @Test
    void badInputIsASentenceAndExitCode() {
        ImProcess.Result backwards = im.run("paging", "--from", t.toString(), "--to", t.minusSeconds(1).toString());
        assertThat(backwards.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(backwards.err()).contains("--to must be after --from");

        ImProcess.Result policy = im.run("paging", "--from", t.toString(), "--to", t.plusSeconds(60).toString(), "--policy", "nope");
        assertThat(policy.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(policy.err()).contains("--policy must name an escalation policy of the on-call file (payments)");
    }
}
