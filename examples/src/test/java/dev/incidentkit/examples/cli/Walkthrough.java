package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.testkit.Fixtures;

/**
 * The walkthrough of the documentation ({@link Fixtures}), typed command by command into the real
 * {@code im}, with the checks a reader would make: what {@code im} prints is spelled out here, as
 * the documentation shows it.
 */
final class Walkthrough {

    static final String ID = "INC-2025-001";

    /** {@code $IM_MAX_BACKDATING} for a store the walkthrough runs on: its 2025 dates are older than the default year. */
    static final String ITS_AGE = "P36500D";

    private Walkthrough() {}

    static void run(ImProcess im) throws Exception {
        ImProcess.Result declared = ok(im.run("declare", "--sev", "SEV-2",
                "--title", Fixtures.WALKTHROUGH_TITLE,
                "--service", Fixtures.WALKTHROUGH_SERVICE,
                "--description", Fixtures.WALKTHROUGH_DESCRIPTION,
                "--at", Fixtures.WALKTHROUGH_DECLARED_AT.toString()));
        assertThat(declared.out()).isEqualTo("Incident declared: INC-2025-001" + System.lineSeparator()
                + "View at: http://localhost:8080/incidents/INC-2025-001" + System.lineSeparator());

        assertThat(ok(im.run("ack", "--incident", ID, "--note", Fixtures.WALKTHROUGH_ACK_NOTE,
                "--at", Fixtures.WALKTHROUGH_ACKNOWLEDGED_AT.toString())).out())
                .contains("Incident INC-2025-001 acknowledged by user@example.com");
        for (int i = 0; i < Fixtures.WALKTHROUGH_NOTES.size(); i++) {
            ok(im.run("update", "--incident", ID, "--note", Fixtures.WALKTHROUGH_NOTES.get(i),
                    "--at", Fixtures.WALKTHROUGH_NOTE_TIMES.get(i).toString()));
        }
        assertThat(ok(im.run("mitigate", "--incident", ID, "--note", Fixtures.WALKTHROUGH_MITIGATE_NOTE,
                "--at", Fixtures.WALKTHROUGH_MITIGATED_AT.toString())).out()).contains("mitigated");
        ok(im.run("resolve", "--incident", ID, "--note", Fixtures.WALKTHROUGH_RESOLVE_NOTE,
                "--at", Fixtures.WALKTHROUGH_RESOLVED_AT.toString()));
        ok(im.run("close", "--incident", ID, "--at", Fixtures.WALKTHROUGH_CLOSED_AT.toString()));

        JsonNode shown = new ObjectMapper().readTree(ok(im.run("show", "--incident", ID, "--output", "json")).out());
        assertThat(shown.path("incident").path("status").asText()).isEqualToIgnoringCase("closed");
        assertThat(shown.path("events")).hasSize(8);

        assertThat(ok(im.run("verify", "--incident", ID)).out()).contains("intact: 8 events verified");

        String postmortem = ok(im.run("timeline", "export", "--incident", ID, "--format", "md")).out();
        assertThat(postmortem).containsSubsequence(
                "# Incident Postmortem - INC-2025-001",
                "## Incident Summary",
                "- **Title:** Checkout service experiencing high database latency",
                "- **Severity:** SEV-2 (Major)",
                "- **Service:** checkout",
                "- **Duration:** 17 minutes (14:30 - 14:47)",
                "- **Status:** Closed",
                "## Timeline",
                "- **14:30** - Incident declared",
                "- **14:32** - Acknowledged by user@example.com",
                "- **14:35** - ", "Found slow query in orders table",
                "- **14:42** - ", "Applied database index to orders.created",
                "- **14:47** - Incident mitigated",
                "- **15:15** - Incident resolved",
                "## Root Cause",
                "## Resolution",
                "## Action Items");
    }

    static ImProcess.Result ok(ImProcess.Result result) {
        assertThat(result.exitCode()).as("exit code of im; stderr: %s", result.err()).isZero();
        assertThat(result.err()).isEmpty();
        return result;
    }
}
