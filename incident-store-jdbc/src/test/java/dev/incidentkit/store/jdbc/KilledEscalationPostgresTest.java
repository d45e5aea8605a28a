package dev.incidentkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.oncall.Escalation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A process killed between two levels of an escalation, on a shared PostgreSQL store, with two
 * JVMs ({@link EscalationChild}) on the system clock: the first declares a SEV-1 and pages level
 * 1; the second starts; the first is killed (SIGKILL) before level 2 is due. The second pages
 * level 2 once, on time (within 3 s of when it was due, on a busy 2-core machine: it ticks every
 * 50 ms and no claim of the dead process stands in its way), and level 3 after it; nobody is
 * paged twice.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KilledEscalationPostgresTest {

    /** Level 1's time: long enough for the second JVM to start before level 2 is due. */
    private static final Duration LEVEL_1 = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(90);

    private TestDatabase db;
    private JdbcEventStore store;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void open() {
        db = TestDatabase.postgres();
        store = db.store(); // migrated here, before the children open it
    }

    @AfterEach
    void close() {
        children.forEach(Process::destroyForcibly);
        db.close();
    }

    @Test
    void theNextLevelIsPagedOnceOnTimeByTheOtherProcess() throws Exception {
        Child a = start("process-a", true);
        String incident = a.expect("DECLARED ").substring("DECLARED ".length());
        a.expect("PAGED alice@pager.example " + incident);
        Child b = start("process-b", false);
        b.expect("READY");
        Escalation before = store.escalationStore().orElseThrow().find(incident).orElseThrow();
        assertThat(before.level()).as("level 2 is next").isEqualTo(2);
        assertThat(Instant.now()).as("the second process was ready before level 2 was due").isBefore(before.at());
        a.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        b.expect("PAGED bob@pager.example " + incident);
        b.expect("PAGED carol@pager.example " + incident);

        List<RecordedEvent> pages = new ArrayList<>();
        try (IncidentManager reader = IncidentKit.builder().store(db.store()).build()) {
            for (RecordedEvent e : reader.history(incident)) {
                if (e.event() instanceof IncidentEvent.Paged) {
                    pages.add(e);
                }
            }
        }
        assertThat(pages).extracting(e -> ((IncidentEvent.Paged) e.event()).person()).containsExactly("alice", "bob", "carol");
        Duration late = Duration.between(before.at(), pages.get(1).recordedAt());
        assertThat(late).as("level 2 paged on time").isBetween(Duration.ZERO, Duration.ofSeconds(3));
        assertThat(store.escalationStore().orElseThrow().find(incident).orElseThrow().status())
                .isEqualTo(Escalation.Status.EXHAUSTED);
    }

    private Child start(String owner, boolean declare) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), EscalationChild.class.getName(),
                db.url(), owner, Long.toString(LEVEL_1.toMillis())));
        if (declare) {
            command.add("declare");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(p);
        return new Child(owner, p);
    }

    /** A child's output, line by line, read on a thread of its own. */
    private static final class Child {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        final String name;
        static final String EXITED = "\u0000 the process ended";

        Child(String name, Process process) {
            this.name = name;
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    lines.add("READ FAILED " + e);
                }
                lines.add(EXITED);
            }, "child-output-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        /** @return the first line from now on that starts with {@code prefix}, waiting for it */
        String expect(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EXITED)) {
                    throw new AssertionError(name + " printed no line starting with \"" + prefix + "\""
                            + (line == null ? " within " + WAIT : " before it ended")
                            + "; it printed:\n" + String.join("\n", seen));
                }
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
    }
}
