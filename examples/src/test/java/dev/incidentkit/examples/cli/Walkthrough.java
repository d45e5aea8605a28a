package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The walkthrough of the documentation, typed command by command into the real {@code im}, with the checks a reader would make. */
final class Walkthrough {

    static final String ID = "INC-2025-001";

    /** {@code $IM_MAX_BACKDATING} for a store the walkthrough runs on: its 2025 dates are older than the default year. */
    static final String ITS_AGE = "P36500D";

    private Walkthrough() {}

    static void run(ImProcess im) throws Exception {
        ImProcess.Result declared = ok(im.run("declare", "--sev", "SEV-2",
                "--title", "Checkout service experiencing high database latency",
                "--service", "checkout",
                "--description", "Database response times increased to 5+ seconds. Multiple customer reports of failed checkouts.",
                "--at", "2025-08-23T14:30:00Z"));
        assertThat(declared.out()).isEqualTo("Incident declared: INC-2025-001" + System.lineSeparator()
                + "View at: http://localhost:8080/incidents/INC-2025-001" + System.lineSeparator());

        assertThat(ok(im.run("ack", "--incident", ID, "--note", "Investigating database performance metrics",
                "--at", "2025-08-23T14:32:00Z")).out())
                .contains("Incident INC-2025-001 acknowledged by user@example.com");
        ok(im.run("update", "--incident", ID, "--note", "Found slow query in orders table. Query execution time: 8.2s avg",
                "--at", "2025-08-23T14:35:00Z"));
        ok(im.run("update", "--incident", ID, "--note", "Applied database index to orders.created_at. Testing performance",
                "--at", "2025-08-23T14:42:00Z"));
        ok(im.run("update", "--incident", ID, "--note", "Database performance improved. Response time now <500ms. Monitoring",
                "--at", "2025-08-23T14:45:00Z"));
        assertThat(ok(im.run("mitigate", "--incident", ID,
                "--note", "Applied database optimization. Performance restored, monitoring for stability",
                "--at", "2025-08-23T14:47:00Z")).out()).contains("mitigated");
        ok(im.run("resolve", "--incident", ID,
                "--note", "Database performance stable for 30+ minutes. Customer reports ceased. Issue resolved.",
                "--at", "2025-08-23T15:15:00Z"));
        ok(im.run("close", "--incident", ID, "--at", "2025-08-23T15:15:00Z"));

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
