package dev.incidentkit.store.jdbc;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JdbcEventStore#h2(Path)} with two processes on one file: while a child JVM ({@link
 * H2HoldChild}) has the store open, this process waits for it, and is told plainly when the wait
 * runs out; once the child closes, this process opens the file and sees the child's incident.
 * No trace or lock file is left beside the database.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class H2FileSharingTest {

    @TempDir
    Path dir;

    @Test
    void aSecondProcessWaitsForTheFirstToCloseTheFile() throws Exception {
        Path file = dir.resolve("incidents");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                H2HoldChild.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(childOut.readLine()).isEqualTo("open");

            assertThatThrownBy(() -> JdbcEventStore.h2(file, Duration.ofMillis(200)))
                    .isInstanceOf(StoreBusyException.class)
                    .hasMessageContaining("stayed open in another process for 200 ms");

            CompletableFuture<JdbcEventStore> waiting = CompletableFuture.supplyAsync(
                    () -> JdbcEventStore.h2(file, Duration.ofMinutes(2)));
            child.getOutputStream().close();   // the child closes its store and ends
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).isZero();

            try (JdbcEventStore store = waiting.get(2, TimeUnit.MINUTES);
                    IncidentManager incidents = IncidentKit.builder().store(store).build()) {
                assertThat(incidents.list()).extracting(i -> i.title()).containsExactly("Held by the child");
                incidents.declare(Declare.of("After the child", Severity.SEV3, "search"), as("parent"));
                assertThat(incidents.list()).hasSize(2);
            }
        } finally {
            child.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
            assertThat(names).containsExactly("incidents.mv.db");
        }
    }

    @Test
    void aClosedStoreReleasesTheFileAtOnceAndANameWithTheSuffixIsTheSameFile() {
        Path file = dir.resolve("incidents");
        try (JdbcEventStore store = JdbcEventStore.h2(file); IncidentManager incidents = IncidentKit.builder().store(store).build()) {
            incidents.declare(Declare.of("First", Severity.SEV3, "search"), as("alice"));
        }
        // No wait at all: the file must already be free.
        try (JdbcEventStore store = JdbcEventStore.h2(dir.resolve("incidents.mv.db"), Duration.ZERO);
                IncidentManager incidents = IncidentKit.builder().store(store).build()) {
            assertThat(incidents.list()).hasSize(1);
        }
    }
}
