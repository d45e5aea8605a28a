package dev.incidentkit.store.jdbc;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many processes, one PostgreSQL: separate JVMs ({@link StressChild}), each with several threads,
 * issue conflicting commands on the same incidents for a bounded time while this JVM tails the
 * global order. Afterwards every invariant of the store is checked on what was stored.
 */
class MultiProcessPostgresTest {

    private static final int PROCESSES = 2;
    private static final int THREADS = 3;
    private static final long RUN_MILLIS = 6_000;
    private static final int SHARED_INCIDENTS = 4;

    private TestDatabase db;
    private JdbcEventStore store;

    @BeforeEach
    void open() {
        db = TestDatabase.postgres();
        store = db.store();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void processesRacingOnTheSameIncidentsKeepEveryInvariant(@TempDir Path dir) throws Exception {
        IncidentManager incidents = IncidentKit.builder().store(store).build();
        List<String> shared = new ArrayList<>();
        for (int i = 0; i < SHARED_INCIDENTS; i++) {
            shared.add(incidents.declare(Declare.of("Shared " + i, Severity.SEV2, "checkout"), as("setup")).id());
        }

        // A reader that follows the global order while the processes write, as a subscriber would.
        AtomicBoolean writersDone = new AtomicBoolean();
        CompletableFuture<List<StoredEvent>> tail = CompletableFuture.supplyAsync(() -> follow(writersDone));

        long started = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Path log = dir.resolve("acknowledged-" + p + ".log");
            logs.add(log);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    StressChild.class.getName(),
                    db.url(), Integer.toString(p), Integer.toString(THREADS), Long.toString(RUN_MILLIS),
                    log.toString()));
            command.addAll(shared);
            processes.add(new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out-" + p + ".txt").toFile())
                    .start());
        }
        for (int p = 0; p < PROCESSES; p++) {
            Process process = processes.get(p);
            boolean exited = process.waitFor(RUN_MILLIS + 90_000, TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String out = Files.readString(dir.resolve("out-" + p + ".txt"), StandardCharsets.UTF_8);
            assertThat(exited).as("process %d ended; its output:%n%s", p, out).isTrue();
            assertThat(process.exitValue()).as("exit code of process %d; its output:%n%s", p, out).isZero();
            assertThat(out).as("output of process %d", p).contains("SUMMARY").contains("errors=0");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        writersDone.set(true);
        List<StoredEvent> followed = tail.get(60, TimeUnit.SECONDS);

        // Everything stored, read straight from the table (not through the store under test).
        List<StoredEvent> all = store.readAll(LogPosition.START, Integer.MAX_VALUE);
        assertThat(rowCount()).isEqualTo(all.size());

        // readAll returns every event exactly once, in order, and so did the reader that followed
        // the writers: no event skipped although transactions committed out of position order.
        Set<UUID> ids = new HashSet<>();
        all.forEach(e -> assertThat(ids.add(e.record().eventId())).isTrue());
        assertThat(all).extracting(StoredEvent::position).isSorted();
        assertThat(followed).isEqualTo(all);

        // Every stream gapless from 1.
        Map<String, List<Long>> versions = new TreeMap<>();
        for (StoredEvent e : all) {
            versions.computeIfAbsent(e.incidentId(), k -> new ArrayList<>()).add(e.version());
        }
        versions.values().forEach(v -> {
            v.sort(null);
            for (int i = 0; i < v.size(); i++) {
                assertThat(v.get(i)).isEqualTo(i + 1L);
            }
        });

        // Every acknowledged command stored exactly once, where and at the version it was acknowledged.
        Map<String, StoredEvent> byCommand = new HashMap<>();
        for (StoredEvent e : all) {
            e.record().commandId().ifPresent(c -> assertThat(byCommand.put(c, e)).as("command %s twice", c).isNull());
        }
        Map<String, String> acknowledged = new HashMap<>();
        Set<String> declared = new HashSet<>();
        int sharedAcknowledgements = 0;
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                String where = f[2] + "@" + f[3];
                String before = acknowledged.putIfAbsent(f[1], where);
                assertThat(before == null || before.equals(where)).as("command %s acknowledged as %s and %s", f[1], before, where).isTrue();
                StoredEvent stored = byCommand.get(f[1]);
                assertThat(stored).as("stored event of acknowledged command %s", f[1]).isNotNull();
                assertThat(stored.incidentId() + "@" + stored.version()).isEqualTo(where);
                if (f[0].equals("D")) {
                    assertThat(declared.add(f[2])).as("incident id %s given twice", f[2]).isTrue();
                    assertThat(stored.record().type()).isEqualTo("incident.declared");
                }
                if (f[1].startsWith("shared-")) {
                    sharedAcknowledgements++;
                }
            }
        }
        // No incident id given twice: one declaration per stream, and only the ones acknowledged.
        long declarations = all.stream().filter(e -> e.record().type().equals("incident.declared")).count();
        assertThat(declarations).isEqualTo(versions.size()).isEqualTo(SHARED_INCIDENTS + declared.size());

        // Every chain verifies.
        for (String id : versions.keySet()) {
            assertThat(incidents.verify(id).isIntact()).as("chain of %s", id).isTrue();
        }

        // The figures, for the README and the report.
        long conflicts = 0;
        long storeConflicts = 0;
        StringBuilder summaries = new StringBuilder();
        for (int p = 0; p < PROCESSES; p++) {
            String out = Files.readString(dir.resolve("out-" + p + ".txt"), StandardCharsets.UTF_8);
            String summary = out.substring(out.indexOf("SUMMARY")).strip();
            summaries.append("\n  process ").append(p).append(": ").append(summary);
            conflicts += figure(summary, "conflicts");
            storeConflicts += figure(summary, "storeConflicts");
        }
        System.out.printf("MULTI-PROCESS: %d processes x %d threads, %.1f s; %d commands acknowledged (%d distinct "
                        + "command ids, %d acknowledgements of shared ids), %d conflicts surfaced to callers, %d "
                        + "conflicts retried by the managers, %d events, %d incidents, %d pages followed live%s%n",
                PROCESSES, THREADS, seconds, acknowledged.size() + (sharedAcknowledgements - sharedIds(acknowledged)),
                acknowledged.size(), sharedAcknowledgements, conflicts, storeConflicts, all.size(), versions.size(),
                followedPages, summaries);
        assertThat(acknowledged).hasSizeGreaterThan(100);
        assertThat(storeConflicts).as("the processes did race").isPositive();
    }

    private volatile int followedPages;

    /** Follows the global order, as a subscriber would, until the writers are done and it has caught up. */
    private List<StoredEvent> follow(AtomicBoolean writersDone) {
        List<StoredEvent> seen = new ArrayList<>();
        LogPosition after = LogPosition.START;
        while (true) {
            boolean finalPass = writersDone.get();
            List<StoredEvent> page = store.readAll(after, 500);
            if (!page.isEmpty()) {
                followedPages++;
                seen.addAll(page);
                after = page.get(page.size() - 1).position();
            } else if (finalPass) {
                return seen;
            } else {
                // A poll interval, as a subscriber has; nothing waits on it.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    private static long figure(String summary, String name) {
        for (String part : summary.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalArgumentException(name + " not in " + summary);
    }

    private static int sharedIds(Map<String, String> acknowledged) {
        return (int) acknowledged.keySet().stream().filter(c -> c.startsWith("shared-")).count();
    }

    private long rowCount() throws Exception {
        try (var c = db.dataSource().getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM incidentkit_events");
                var rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String classpathSeparator() {
        return File.pathSeparator;
    }
}
