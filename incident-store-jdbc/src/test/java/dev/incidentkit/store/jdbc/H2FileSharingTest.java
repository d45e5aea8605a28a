package dev.incidentkit.store.jdbc;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.store.jdbc.internal.H2FileDataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
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
        Process child = holder(file);
        try {

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

    /**
     * A thread waiting for the file holds no lock that others need: close() returns at once and
     * stops it, and another waiting thread can be interrupted. (When getConnection was
     * synchronized, the first thread slept its whole wait inside the monitor, and both close()
     * and the second thread were stuck behind it, deaf to interrupts.)
     */
    @Test
    void aThreadWaitingForTheFileBlocksNeitherCloseNorOtherThreads() throws Exception {
        Path file = dir.resolve("incidents");
        Process child = holder(file);
        H2FileDataSource dataSource = new H2FileDataSource(file, Duration.ofMinutes(2));
        try {
            CompletableFuture<Connection> first = new CompletableFuture<>();
            Thread opener = connect(dataSource, first);
            awaitWaiting(opener);
            CompletableFuture<Connection> second = new CompletableFuture<>();
            Thread other = connect(dataSource, second);
            awaitWaiting(other);

            other.interrupt();
            assertThatThrownBy(() -> second.get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SQLException.class).hasMessageContaining("Interrupted while waiting");

            CompletableFuture.runAsync(() -> {
                try {
                    dataSource.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            assertThatThrownBy(() -> first.get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SQLException.class).hasMessageContaining("is closed");
        } finally {
            child.getOutputStream().close();
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            dataSource.close();
        }
        // The closed data source left the file alone: it opens at once.
        try (JdbcEventStore store = JdbcEventStore.h2(file, Duration.ZERO)) {
            assertThat(store.schemaVersion()).isPositive();
        }
    }

    /** A file named by a URL of one's own, settings and all, takes turns as h2(Path) does; other H2 URLs are refused. */
    @Test
    void anH2FileUrlTakesTurnsToo() throws Exception {
        Path file = dir.resolve("incidents");
        String url = "jdbc:h2:file:" + file + ";CACHE_SIZE=4096";
        Process child = holder(file);
        try {
            assertThatThrownBy(() -> JdbcEventStore.h2(url, "sa", "", Duration.ofMillis(200)))
                    .isInstanceOf(StoreBusyException.class)
                    .hasMessage("The H2 store at jdbc:h2:file:" + file + " stayed open in another process for 200 ms; "
                            + "try again once it is closed.");
        } finally {
            child.getOutputStream().close();
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        }
        try (JdbcEventStore store = JdbcEventStore.h2(url, "sa", "", Duration.ofMinutes(1));
                IncidentManager incidents = IncidentKit.builder().store(store).build()) {
            assertThat(incidents.list()).extracting(i -> i.title()).containsExactly("Held by the child");
        }
        assertThat(JdbcEventStore.isH2File("jdbc:h2:" + file)).isTrue();
        for (String other : List.of("jdbc:h2:mem:x", "jdbc:h2:tcp://localhost/x", "jdbc:postgresql://h/db")) {
            assertThat(JdbcEventStore.isH2File(other)).as(other).isFalse();
            assertThatThrownBy(() -> JdbcEventStore.h2(other, "sa", "", Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an H2 file URL");
        }
    }

    private static Thread connect(H2FileDataSource dataSource, CompletableFuture<Connection> result) {
        Thread thread = new Thread(() -> {
            try {
                result.complete(dataSource.getConnection());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Until {@code thread} is parked (waiting, or blocked on a monitor): a condition, not a guess at a duration. */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.BLOCKED).contains(thread.getState())) {
            assertThat(System.nanoTime()).as("%s never waited", thread).isLessThan(deadline);
            Thread.yield();
        }
    }

    /** A child JVM that has the store open once this returns, until its standard input is closed. */
    private static Process holder(Path file) throws IOException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                H2HoldChild.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(childOut.readLine()).isEqualTo("open");
        return child;
    }
}
