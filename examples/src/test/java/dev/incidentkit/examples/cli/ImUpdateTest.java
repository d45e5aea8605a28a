package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.event.IncidentEvent.NoteAdded;
import dev.incidentkit.core.event.IncidentEvent.PublicUpdatePosted;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.MarkdownExport;
import dev.incidentkit.examples.Readme;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code im update}: a note, the guides' status update ({@code --template}) and the public update ({@code --public}). */
class ImUpdateTest {

    private final String db = "jdbc:h2:mem:update-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private String id;

    record Run(int exitCode, String out, String err) {}

    private Run im(String user, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Im.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("IM_DB", db, "IM_USER", user));
        return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    private List<RecordedEvent> history() {
        JdbcConnectionPool pool = JdbcConnectionPool.create(db, "sa", "");
        try (IncidentManager incidents = IncidentKit.builder().store(JdbcEventStore.builder(pool).build()).build()) {
            return incidents.history(id);
        } finally {
            pool.dispose();
        }
    }

    @BeforeEach
    void declare() {
        Run declared = im("alice", "declare", "--sev", "SEV-2", "--title", "Orders DB pool exhausted", "--service", "checkout");
        id = declared.out().lines().findFirst().orElseThrow().replace("Incident declared: ", "");
        im("alice", "ack", "--incident", id, "--role", "commander");
        im("bob", "ack", "--incident", id, "--role", "tech-lead");
    }

    @Test
    void theTemplateIsPreviewedThenPostedAsTheUpdate() {
        String[] fields = {"--template", "--impact", "~30% of checkout attempts fail", "--theory", "Connection pool exhaustion",
                "--next", "Restarting order-service pods", "--next-update", "20"};
        Run preview = im("alice", concat(new String[] {"update", "--incident", id, "--preview"}, fields));
        int before = history().size();

        assertThat(preview.exitCode()).isZero();
        assertThat(preview.out()).startsWith("\uD83D\uDFE0 SEV-2 Incident: Orders DB pool exhausted\n\nStatus: Acknowledged\n")
                .contains("Impact: ~30% of checkout attempts fail", "Team: @alice (IC), @bob (Tech Lead)",
                        "Current theory: Connection pool exhaustion", "Next action: Restarting order-service pods")
                .endsWith("ETA to next update: 20 minutes");

        Run posted = im("alice", concat(new String[] {"update", "--incident", id}, fields));
        List<RecordedEvent> history = history();
        assertThat(posted.exitCode()).isZero();
        assertThat(posted.out()).startsWith("Status update posted to " + id + ":").endsWith(preview.out());
        assertThat(history).hasSize(before + 1);
        assertThat(((NoteAdded) history.get(history.size() - 1).event()).note()).isEqualTo(preview.out());
    }

    @Test
    void theReadmesStatusUpdateIsWhatImPrints() throws Exception {
        // Declared 23 minutes ago: the duration reads "23 minutes so far" for the minute this test takes.
        String at = Instant.now().minus(Duration.ofMinutes(23)).toString();
        String incident = im("alice", "declare", "--sev", "SEV-1", "--title", "Checkout failures", "--service", "checkout",
                "--at", at).out().lines().findFirst().orElseThrow().replace("Incident declared: ", "");
        im("alice", "ack", "--incident", incident, "--role", "commander", "--at", at);
        im("bob", "ack", "--incident", incident, "--role", "tech-lead", "--at", at);
        im("carol", "ack", "--incident", incident, "--role", "comms-lead", "--at", at);
        im("bob", "investigate", "--incident", incident, "--at", at);

        Run preview = im("alice", "update", "--incident", incident, "--template", "--impact", "~30% of checkout attempts fail",
                "--theory", "Database connection pool exhaustion", "--next", "Restarting order-service pods", "--preview");

        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.out() + "\n").isEqualTo(Files.readString(Readme.root().resolve("docs/status-update.txt")));
    }

    @Test
    void aPublicUpdateNeedsATitleFirstThenKeepsWhatTheLastOneSaid() {
        Run untitled = im("alice", "update", "--incident", id, "--public", "--note", "We are investigating.");
        assertThat(untitled.exitCode()).isEqualTo(Im.USAGE);
        assertThat(untitled.err()).contains("Missing --title", "Checkout issues");

        Run preview = im("alice", "update", "--incident", id, "--public", "--title", "Checkout issues", "--note",
                "Some customers see errors.", "--preview");
        assertThat(preview.out()).isEqualTo("Customers will read, on the status page:\n\n"
                + "Investigating: Checkout issues (partial outage)\nSome customers see errors.");
        assertThat(history()).noneMatch(e -> e.event() instanceof PublicUpdatePosted);

        Run first = im("alice", "update", "--incident", id, "--public", "--title", "Checkout issues", "--note",
                "Some customers see errors.");
        Run second = im("alice", "update", "--incident", id, "--public", "--status", "monitoring", "--component-status",
                "degraded_performance", "--note", "A fix is in place.");
        assertThat(first.exitCode()).isZero();
        assertThat(second.out()).isEqualTo("Public update posted to " + id + "; the status page now shows:\n\n"
                + "Monitoring: Checkout issues (degraded performance)\nA fix is in place.");
        List<PublicUpdatePosted> posted = history().stream().map(RecordedEvent::event)
                .filter(PublicUpdatePosted.class::isInstance).map(PublicUpdatePosted.class::cast).toList();
        assertThat(posted).containsExactly(
                new PublicUpdatePosted("Checkout issues", PublicStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE,
                        "Some customers see errors."),
                new PublicUpdatePosted("Checkout issues", PublicStatus.MONITORING, ComponentStatus.DEGRADED_PERFORMANCE,
                        "A fix is in place."));
        assertThat(MarkdownExport.postmortem(history())).contains("## Public Updates", "Monitoring: Checkout issues");

        // Resolved, then news again: the next update starts from investigating, not from "resolved".
        Run resolved = im("alice", "update", "--incident", id, "--public", "--status", "resolved", "--note", "Fixed.");
        assertThat(resolved.out()).endsWith("Resolved: Checkout issues (operational)\nFixed.");
        Run back = im("alice", "update", "--incident", id, "--public", "--note", "The errors are back.");
        assertThat(back.out()).endsWith("Investigating: Checkout issues (partial outage)\nThe errors are back.");
    }

    @Test
    void onlyACommanderPostsForCustomers(@TempDir Path home) {
        ImInProcess im = new ImInProcess(Map.of("IM_HOME", home.toString(), "IM_USER", "alice"));
        im.run("user", "add", "alice", "--role", "commander", "--no-password");
        im.run("user", "add", "carol", "--role", "responder", "--no-password");
        String incident = im.run("declare", "--sev", "SEV-2", "--title", "Checkout 502s", "--service", "checkout").out()
                .lines().findFirst().orElseThrow().replace("Incident declared: ", "");

        ImProcess.Result responder = im.run("update", "--incident", incident, "--public", "--title", "Checkout issues",
                "--note", "Some customers see errors.", "--as", "carol");
        ImProcess.Result commander = im.run("update", "--incident", incident, "--public", "--title", "Checkout issues",
                "--note", "Some customers see errors.");

        assertThat(responder.exitCode()).isEqualTo(Im.NOT_ALLOWED);
        assertThat(responder.err()).isEqualTo("im: carol may not post-public-update " + incident
                + ": they are a responder and it takes a commander, or the incident's commander.\n");
        assertThat(commander.exitCode()).as(commander.err()).isZero();
        assertThat(im.run("update", "--incident", incident, "--note", "looking", "--as", "carol").exitCode()).isZero();
    }

    @Test
    void badInputIsASentenceAndWritesNothing() {
        int before = history().size();
        assertThat(im("alice", "update", "--incident", id).err()).contains("Missing --note");
        assertThat(im("alice", "update", "--incident", id, "--public", "--template").err())
                .contains("Choose one of --template and --public");
        assertThat(im("alice", "update", "--incident", id, "--impact", "x", "--note", "y").err()).contains("add --template");
        assertThat(im("alice", "update", "--incident", id, "--title", "x", "--note", "y").err()).contains("add --public");
        assertThat(im("alice", "update", "--incident", id, "--template", "--note", "y").err()).contains("rather than --note");
        assertThat(im("alice", "update", "--incident", id, "--template", "--next-update", "0").err())
                .contains("--next-update must be 1 to 1440 minutes");
        Run badStatus = im("alice", "update", "--incident", id, "--public", "--title", "T", "--status", "fixed", "--note", "x");
        assertThat(badStatus.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(badStatus.err()).contains("--status", "investigating, identified, monitoring, resolved");
        Run badComponent = im("alice", "update", "--incident", id, "--public", "--title", "T", "--component-status", "meh",
                "--note", "x");
        assertThat(badComponent.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(badComponent.err()).contains("--component-status must be one of");
        assertThat(im("alice", "update", "--incident", id, "--template", "--next-update", "100000").err())
                .contains("--next-update must be 1 to 1440 minutes");
        Run previewedNote = im("alice", "update", "--incident", id, "--note", "not yet", "--preview");
        assertThat(previewedNote).isEqualTo(new Run(0, "not yet", ""));
        Run blank = im("alice", "update", "--incident", id, "--public", "--title", "T", "--note", " ");
        assertThat(blank.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(blank.err()).contains("--note");
        assertThat(history()).hasSize(before);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
