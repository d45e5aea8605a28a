package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code im postmortem}: the team's prose, from options, from {@code @FILE} and from one Markdown file. */
class ImPostmortemTest {

    @TempDir
    Path home;

    @TempDir
    Path files;

    ImInProcess im;

    @BeforeEach
    void theWalkthroughIncident() {
        im = new ImInProcess(Map.of("IM_HOME", home.toString(), "IM_USER", "alice",
                // The 2025 dates are past the default limit on back-dating.
                "IM_MAX_BACKDATING", "P36500D"));
        Walkthrough.ok(im.run("declare", "--sev", "SEV-2", "--title", "Checkout latency", "--service", "checkout",
                "--at", "2025-08-23T14:30:00Z"));
        Walkthrough.ok(im.run("mitigate", "--incident", Walkthrough.ID, "--note", "Index added", "--at", "2025-08-23T14:47:00Z"));
    }

    @Test
    void sectionsFromOptionsReachTheIncidentAndThePostmortem() throws Exception {
        ImProcess.Result result = Walkthrough.ok(im.run("postmortem", "--incident", Walkthrough.ID,
                "--root-cause", "Missing index on `orders.created_at`", "--impact", "Checkout failed for ~30% of users"));

        assertThat(result.out()).isEqualTo("Postmortem of INC-2025-001 updated: root cause, impact" + System.lineSeparator());
        JsonNode postmortem = postmortem();
        assertThat(postmortem.path("root_cause").asText()).isEqualTo("Missing index on `orders.created_at`");
        assertThat(postmortem.path("impact").asText()).isEqualTo("Checkout failed for ~30% of users");
        assertThat(postmortem.path("summary").asText()).isEmpty();
        String md = Walkthrough.ok(im.run("timeline", "export", "--incident", Walkthrough.ID, "--format", "md")).out();
        assertThat(md).containsSubsequence("## Root Cause", "orders", "created", "## Impact", "Checkout failed for");
    }

    @Test
    void aValueStartingWithAtIsReadFromThatFileAndAtAtIsALiteralAt() throws Exception {
        Path rca = files.resolve("rca.md");
        Files.writeString(rca, "\nThe index was dropped by a migration:\r\n\r\n```sql\r\nDROP INDEX orders_created_at;\r\n```\r\n\n",
                StandardCharsets.UTF_8);

        Walkthrough.ok(im.run("postmortem", "--incident", Walkthrough.ID, "--root-cause", "@" + rca,
                "--went-well", "@@oncall paged within a minute"));

        JsonNode postmortem = postmortem();
        assertThat(postmortem.path("root_cause").asText())
                .isEqualTo("The index was dropped by a migration:\n\n```sql\nDROP INDEX orders_created_at;\n```");
        assertThat(postmortem.path("went_well").asText()).isEqualTo("@oncall paged within a minute");
    }

    @Test
    void aMissingFileIsInvalidInputNamingTheFlagAndWritesNothing() throws Exception {
        long before = version();

        ImProcess.Result result = im.run("postmortem", "--incident", Walkthrough.ID, "--impact", "@" + files.resolve("nope.md"));

        ImH2FileTest.assertError(result, 6, "im: --impact must name a readable file (write @@ for a text that starts with @)");
        assertThat(version()).isEqualTo(before);
    }

    @Test
    void oneMarkdownFileWithAHeadingPerSection() throws Exception {
        Path file = files.resolve("postmortem.md");
        Files.writeString(file, String.join("\n",
                "# Postmortem: checkout latency",
                "",
                "## Summary",
                "Checkout was slow for 17 minutes.",
                "",
                "## Root cause",
                "A migration dropped an index.",
                "",
                "### Details",
                "```",
                "## Impact",
                "(a line in a code block, not a heading)",
                "```",
                "",
                "## What Went Well",
                "",
                "- paging",
                "- the runbook",
                "",
                "## What Went Poorly",
                "",
                "## Impact:",
                "*Many* failed checkouts.",
                ""), StandardCharsets.UTF_8);

        ImProcess.Result result = Walkthrough.ok(im.run("postmortem", "--incident", Walkthrough.ID, "--from-file", file.toString(),
                "--summary", "Given on the command line, this wins."));

        assertThat(result.out()).contains("updated: summary, root cause, impact, what went well");
        JsonNode postmortem = postmortem();
        assertThat(postmortem.path("summary").asText()).isEqualTo("Given on the command line, this wins.");
        assertThat(postmortem.path("root_cause").asText()).isEqualTo(
                "A migration dropped an index.\n\n### Details\n```\n## Impact\n(a line in a code block, not a heading)\n```");
        assertThat(postmortem.path("went_well").asText()).isEqualTo("- paging\n- the runbook");
        assertThat(postmortem.path("went_poorly").asText()).isEmpty();
        assertThat(postmortem.path("impact").asText()).isEqualTo("*Many* failed checkouts.");
    }

    @Test
    void aFileWithAnotherHeadingOrTextOutsideASectionIsRefusedByLine() throws Exception {
        Path unknown = files.resolve("unknown.md");
        Files.writeString(unknown, "## Root Cause\nAn index.\n## Lessons\nMore tests.\n", StandardCharsets.UTF_8);
        Path outside = files.resolve("outside.md");
        Files.writeString(outside, "Some text first.\n## Impact\nSlow.\n", StandardCharsets.UTF_8);
        long before = version();

        ImH2FileTest.assertError(im.run("postmortem", "--incident", Walkthrough.ID, "--from-file", unknown.toString()), 6,
                "im: --from-file must use only the section headings Summary, Root Cause,");
        assertThat(im.run("postmortem", "--incident", Walkthrough.ID, "--from-file", unknown.toString()).err())
                .contains("line 3 is, got \"## Lessons\"");
        ImH2FileTest.assertError(im.run("postmortem", "--incident", Walkthrough.ID, "--from-file", outside.toString()), 6,
                "im: --from-file must start its text under a section heading such as '## Root Cause'; line 1 is");
        assertThat(version()).isEqualTo(before);
    }

    @Test
    void nothingToWriteIsAUsageError() {
        ImH2FileTest.assertError(im.run("postmortem", "--incident", Walkthrough.ID), 2, "im: Nothing to write: give at least one of");
    }

    @Test
    void theCommandTheLibrarysMessagesSuggestExists() {
        ImProcess.Result help = Walkthrough.ok(im.run("postmortem", "--help"));

        assertThat(help.out()).contains("--root-cause", "--impact", "--from-file", "@FILE", "--went-well", "--went-poorly",
                "--contributing-factors", "--summary", "--resolution");
    }

    private JsonNode postmortem() throws Exception {
        return show().path("incident").path("postmortem");
    }

    private long version() throws Exception {
        return show().path("incident").path("version").asLong();
    }

    private JsonNode show() throws Exception {
        return new ObjectMapper().readTree(Walkthrough.ok(im.run("show", "--incident", Walkthrough.ID, "--output", "json")).out());
    }
}
