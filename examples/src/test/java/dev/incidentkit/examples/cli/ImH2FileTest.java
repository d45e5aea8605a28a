package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.ConcurrencyConflictException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code im}, as separate processes, on its default store: an H2 file under {@code IM_HOME}. */
class ImH2FileTest {

    @TempDir
    Path home;

    ImProcess im;

    @BeforeEach
    void tool() {
        im = new ImProcess(home, Map.of("IM_HOME", home.toString(), "IM_USER", "user@example.com",
                "IM_MAX_BACKDATING", Walkthrough.ITS_AGE));
    }

    @Test
    void theWalkthroughCommandByCommand() throws Exception {
        Walkthrough.run(im);

        assertThat(home.resolve("incidents.mv.db")).exists();
        assertThat(Walkthrough.ok(im.run("list")).out()).contains("No active incidents.");
        assertThat(Walkthrough.ok(im.run("list", "--status", "all")).out()).contains("INC-2025-001", "CLOSED", "checkout");
        assertThat(Walkthrough.ok(im.run("metrics")).out()).contains("MTTA", "MTTR");
    }

    @Test
    void everyErrorHasItsExitCodeOneSentenceAndWritesNothing() throws Exception {
        Walkthrough.ok(im.run("declare", "--sev", "SEV-3", "--title", "Slow reports", "--service", "reports"));
        String id = "INC-" + java.time.Year.now(java.time.ZoneOffset.UTC) + "-001";
        long before = version(id);

        assertError(im.run("ack"), 2, "Missing required option");
        assertError(im.run("frobnicate"), 2, "Unmatched argument");
        assertError(im.run("ack", "--incident", "INC-1999-404"), 3, "Incident INC-1999-404 does not exist.");
        assertError(im.run("close", "--incident", id), 4, "Cannot run 'close' on incident " + id + ": it is OPEN");
        assertError(im.run("declare", "--sev", "SEV-9", "--title", "x"), 6, "--sev must be one of");
        assertError(im.run("declare", "--sev", "SEV-2", "--title", "x".repeat(201)), 6, "--title must be 1 to 200 characters");
        assertError(im.run("declare", "--sev", "SEV-2", "--title", "t", "--service", "Checkout!"), 6, "--service must match");
        assertError(im.run("update", "--incident", id, "--note", "late", "--at", "yesterday"), 6, "--at must be an ISO-8601 instant");
        assertError(im.run("update", "--incident", id, "--note", "x", "--at", "2999-01-01T00:00:00Z"), 6,
                "--at must not be later than now");

        assertThat(version(id)).isEqualTo(before);
        // The header, the one incident, and the count.
        assertThat(Walkthrough.ok(im.run("list", "--status", "all")).out().lines().count()).isEqualTo(3);
    }

    @Test
    void aStoreThatCannotBeOpenedSaysSoPlainly() {
        ImProcess.Result result = im.run("list", "--db", "jdbc:postgresql://127.0.0.1:1/nowhere?password=secret");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("im: Cannot open the incident store at jdbc:postgresql://127.0.0.1:1/nowhere?password=***");
        assertThat(result.err()).doesNotContain("secret");
    }

    @Test
    void aChainChangedBehindItsBackFailsVerificationWithSeven() throws Exception {
        Walkthrough.run(im);
        // An attacker with access to the database file rewrites an update's text.
        try (Connection c = DriverManager.getConnection(
                        "jdbc:h2:file:" + home.resolve("incidents"), "sa", "");
                PreparedStatement update = c.prepareStatement(
                        "UPDATE incidentkit_events SET data = ? WHERE incident_id = ? AND version = 3")) {
            update.setString(1, "{\"note\":\"Nothing to see here\"}");
            update.setString(2, Walkthrough.ID);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        ImProcess.Result result = im.run("verify", "--incident", Walkthrough.ID);

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.out()).contains("BROKEN at version 3");
    }

    @Test
    void aConcurrentChangeThatOutlastsTheRetriesExitsWithFive() {
        assertThat(Im.exitCode(new ConcurrencyConflictException("INC-2025-001", 3, 4))).isEqualTo(5);
    }

    private long version(String id) throws Exception {
        return new ObjectMapper().readTree(Walkthrough.ok(im.run("show", "--incident", id, "--output", "json")).out())
                .path("incident").path("version").asLong();
    }

    static void assertError(ImProcess.Result result, int exitCode, String message) {
        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isEqualTo(exitCode);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("im: ").contains(message);
        assertThat(result.err().strip().lines().count()).as("one line on stderr: %s", result.err()).isEqualTo(1);
    }
}
