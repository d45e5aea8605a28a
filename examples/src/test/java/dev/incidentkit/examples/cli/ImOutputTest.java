package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code im} prints for a script (one versioned JSON envelope per command) and for a person. */
class ImOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    ImInProcess im;

    @BeforeEach
    void twoIncidents() {
        im = new ImInProcess(Map.of("IM_HOME", home.toString(), "IM_USER", "alice",
                // The 2025 dates are past the default limit on back-dating.
                "IM_MAX_BACKDATING", "P36500D"));
        Walkthrough.ok(im.run("declare", "--sev", "SEV-2", "--title", "Checkout latency", "--service", "checkout",
                "--at", "2025-08-23T14:30:00Z"));
        Walkthrough.ok(im.run("declare", "--sev", "SEV-3", "--title", "Slow search", "--service", "search",
                "--at", "2025-08-23T15:00:00Z"));
    }

    @Test
    void everyJsonDocumentIsAnObjectWithItsFormatVersion() throws Exception {
        JsonNode list = json("list", "--output", "json");
        JsonNode show = json("show", "--incident", "INC-2025-001", "--output", "json");
        JsonNode ack = json("ack", "--incident", "INC-2025-001", "--output", "json");
        JsonNode metrics = json("metrics", "--output", "json");
        JsonNode verify = json("verify", "--incident", "INC-2025-001", "--output", "json");

        for (JsonNode document : new JsonNode[] {list, show, ack, metrics, verify}) {
            assertThat(document.isObject()).as("%s", document).isTrue();
            assertThat(document.path("format_version").asInt()).as("%s", document).isEqualTo(1);
        }
        assertThat(list.path("incidents")).hasSize(2);
        assertThat(list.path("incidents").get(0).path("id").asText()).isEqualTo("INC-2025-002");   // the most recent first
        assertThat(list.path("incidents").get(1)).isEqualTo(show.path("incident"));
        assertThat(ack.path("incident").path("id").asText()).isEqualTo("INC-2025-001");
        assertThat(ack.path("incident").path("status").asText()).isEqualTo("acknowledged");
    }

    @Test
    void anEmptyListIsAnEmptyArrayInTheEnvelope() throws Exception {
        JsonNode list = json("list", "--output", "json", "--service", "nothing-here");

        assertThat(list.path("format_version").asInt()).isEqualTo(1);
        assertThat(list.path("incidents").isArray()).isTrue();
        assertThat(list.path("incidents")).isEmpty();
    }

    @Test
    void showKeepsASpaceAfterEveryLabel() {
        Walkthrough.ok(im.run("assign", "--incident", "INC-2025-001", "--role", "commander", "--user", "alice"));
        Walkthrough.ok(im.run("assign", "--incident", "INC-2025-001", "--role", "tech-lead", "--user", "bob"));
        Walkthrough.ok(im.run("assign", "--incident", "INC-2025-001", "--role", "comms-lead", "--user", "carol"));

        String shown = Walkthrough.ok(im.run("show", "--incident", "INC-2025-001")).out();

        assertThat(shown).contains("  comms-lead: carol", "  commander:  alice", "  tech-lead:  bob",
                "  Severity:   SEV-2 (Major)", "  Status:     OPEN");
        assertThat(shown.lines().filter(l -> l.startsWith("  ") && l.contains(":") && !l.startsWith("    ")))
                .allMatch(l -> l.matches("  [A-Za-z-]+: +\\S.*"), "a label, a colon, a space, the value");
    }

    @Test
    void showGivesThePeakSeverityBesideTheCurrentOne() {
        String declared = Walkthrough.ok(im.run("show", "--incident", "INC-2025-001")).out();
        Walkthrough.ok(im.run("escalate", "--incident", "INC-2025-001", "--severity", "SEV-1"));
        Walkthrough.ok(im.run("downgrade", "--incident", "INC-2025-001", "--severity", "SEV-3"));

        String shown = Walkthrough.ok(im.run("show", "--incident", "INC-2025-001")).out();

        assertThat(declared).contains("  Severity:   SEV-2 (Major)\n");
        assertThat(shown).contains("  Severity:   SEV-3 (Minor), SEV-1 (Critical) at peak\n");
    }

    private JsonNode json(String... args) throws Exception {
        return JSON.readTree(Walkthrough.ok(im.run(args)).out());
    }
}
