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

        assertThat(inParallel(im, id, SHELLS, COMMANDS, List.of()))
                .hasSize(SHELLS * COMMANDS).allMatch(o -> o.equals("ok") || o.equals("ok after 5"));

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

    /**
     * An H2 file named by {@code --db} takes turns as the default one does: before, {@code im}
     * opened it through H2's pool, and a second process failed at once with "Locked by another
     * process" (exit 1).
     */
    @Test
    void anExplicitH2FileUrlTakesTurnsToo() throws Exception {
        List<String> db = List.of("--db", "jdbc:h2:file:" + work.resolve("explicit") + ";CACHE_SIZE=4096");
        ImProcess im = new ImProcess(work, Map.of("IM_HOME", home.toString(), "IM_USER", "alice"));
        Walkthrough.ok(im.run(with(db, "declare", "--sev", "SEV-2", "--title", "Search slow", "--service", "search")));
        String id = new ObjectMapper().readTree(Walkthrough.ok(im.run(with(db, "list", "--output", "json"))).out())
                .path("incidents").get(0).path("id").asText();

        assertThat(inParallel(im, id, 3, 3, db)).hasSize(9).allMatch(o -> o.equals("ok") || o.equals("ok after 5"));

        JsonNode shown = new ObjectMapper().readTree(
                Walkthrough.ok(im.run(with(db, "show", "--incident", id, "--output", "json"))).out());
        assertThat(shown.path("incident").path("notes_count").asInt()).isEqualTo(9);
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files).as("the default store is not touched").isEmpty();
        }
    }

    /** {@code shells} threads each run {@code commands} updates, one JVM per update, at once. */
    private static List<String> inParallel(ImProcess im, String id, int shells, int commands, List<String> db) {
        ExecutorService pool = Executors.newFixedThreadPool(shells);
        List<CompletableFuture<List<String>>> running = new ArrayList<>();
        try {
            for (int s = 0; s < shells; s++) {
                int shell = s;
                running.add(CompletableFuture.supplyAsync(() -> IntStream.range(0, commands)
                        .mapToObj(c -> update(im, id, "shell " + shell + " note " + c, db))
                        .collect(Collectors.toList()), pool));
            }
            return running.stream().flatMap(f -> f.join().stream()).collect(Collectors.toList());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String[] with(List<String> db, String... args) {
        return Stream.concat(Stream.of(args), db.stream()).toArray(String[]::new);
    }

    /** One update as a user's shell runs it: exit 5 is "try again", anything else but 0 fails the test. */
    private static String update(ImProcess im, String id, String note, List<String> db) {
        ImProcess.Result first = im.run(with(db, "update", "--incident", id, "--note", note));
        if (first.exitCode() == 0) {
            return "ok";
        }
        assertThat(first.exitCode()).as("%s: exit code; stderr: %s", note, first.err()).isEqualTo(5);
        Walkthrough.ok(im.run(with(db, "update", "--incident", id, "--note", note)));
        return "ok after 5";
    }
}
