package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A few {@code im} processes on one file" (the README): four shells run ten {@code im update}
 * each on one incident at once, every command a JVM of its own, on one {@code IM_HOME}. Each
 * command succeeds, or exits 5 (concurrent change) and succeeds when run again; nothing is lost,
 * the chain verifies, and nothing but the database file is left in {@code IM_HOME}.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class ImConcurrentProcessesTest {

    private static final int SHELLS = 4;
    private static final int COMMANDS = 10;

    @TempDir
    Path home;

    @TempDir
    Path work;

    @Test
    void fourShellsOfTenCommandsOnOneFileAllLand() throws Exception {
        ImProcess im = new ImProcess(work, Map.of("IM_HOME", home.toString(), "IM_USER", "alice"));
        Walkthrough.ok(im.run("declare", "--sev", "SEV-1", "--title", "Payment system down", "--service", "payments"));
        String id = new ObjectMapper().readTree(Walkthrough.ok(im.run("list", "--output", "json")).out())
                .path("incidents").get(0).path("id").asText();

        ExecutorService shells = Executors.newFixedThreadPool(SHELLS);
        List<CompletableFuture<List<String>>> running = new ArrayList<>();
        try {
            for (int s = 0; s < SHELLS; s++) {
                int shell = s;
                running.add(CompletableFuture.supplyAsync(() -> IntStream.range(0, COMMANDS)
                        .mapToObj(c -> update(im, id, "shell " + shell + " note " + c))
                        .collect(Collectors.toList()), shells));
            }
            List<String> outcomes = running.stream().flatMap(f -> f.join().stream()).collect(Collectors.toList());
            assertThat(outcomes).hasSize(SHELLS * COMMANDS).allMatch(o -> o.equals("ok") || o.equals("ok after 5"));
        } finally {
            shells.shutdownNow();
        }

        JsonNode shown = new ObjectMapper().readTree(Walkthrough.ok(im.run("show", "--incident", id, "--output", "json")).out());
        assertThat(shown.path("incident").path("notes_count").asInt()).isEqualTo(SHELLS * COMMANDS);
        assertThat(shown.path("incident").path("version").asInt()).isEqualTo(1 + SHELLS * COMMANDS);
        List<String> notes = new ArrayList<>();
        shown.path("events").forEach(e -> notes.add(e.path("data").path("note").asText()));
        for (int s = 0; s < SHELLS; s++) {
            for (int c = 0; c < COMMANDS; c++) {
                assertThat(notes).containsOnlyOnce("shell " + s + " note " + c);
            }
        }
        assertThat(Walkthrough.ok(im.run("verify", "--incident", id)).out())
                .contains("intact: " + (1 + SHELLS * COMMANDS) + " events verified");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("incidents.mv.db");
        }
    }

    /** One update as a user's shell runs it: exit 5 is "try again", anything else but 0 fails the test. */
    private static String update(ImProcess im, String id, String note) {
        ImProcess.Result first = im.run("update", "--incident", id, "--note", note);
        if (first.exitCode() == 0) {
            return "ok";
        }
        assertThat(first.exitCode()).as("%s: exit code; stderr: %s", note, first.err()).isEqualTo(5);
        Walkthrough.ok(im.run("update", "--incident", id, "--note", note));
        return "ok after 5";
    }
}
