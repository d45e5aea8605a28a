package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.metrics.IncidentFacts;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.StoredEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process that appends until it is killed: the child JVM of the read-model test of a process
 * that dies mid-append. Its threads declare incidents and add notes through a manager on the
 * shared store, printing a line after each command; the test kills it with {@code
 * destroyForcibly} while they are still writing, then checks what it left on the storage.
 */
final class KilledAppender {

    private static final int THREADS = 4;
    /** Commands the child must have committed before it is killed, so that it dies busy. */
    private static final int COMMITTED_BEFORE_KILL = 60;

    private KilledAppender() {}

    /**
     * Runs the child on {@code shared}, kills it, and checks every summary of {@code store} (on
     * the same storage), and the facts the metrics read, against the fold of its events. Skipped when the store has no shared storage.
     */
    static void runAndKill(Optional<SharedStore> shared, EventStore store) throws Exception {
        assumeTrue(shared.isPresent(), "this store lives in one process, and dies with it");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                KilledAppender.class.getName(), shared.get().opener().getName(), shared.get().location())
                .redirectErrorStream(true).start();
        StringBuilder other = new StringBuilder();
        int committed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (committed < COMMITTED_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.equals("committed")) {
                    committed++;
                } else {
                    other.append(line).append('\n');
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended when killed").isTrue();
        }
        assertThat(committed).as("commands the child committed before it was killed; it printed:%n%s", other)
                .isEqualTo(COMMITTED_BEFORE_KILL);

        List<String> ids = new ArrayList<>();
        List<String> page;
        while (!(page = store.incidentIds(ids.isEmpty() ? "" : ids.get(ids.size() - 1), 100)).isEmpty()) {
            ids.addAll(page);
        }
        long events = 0;
        Map<String, IncidentFacts> facts = StoreReadModelTests.allFacts(store);
        assertThat(facts.keySet()).containsExactlyElementsOf(ids);
        for (String id : ids) {
            List<StoredEvent> stream = store.readStream(id, 0);
            events += stream.size();
            assertThat(store.summary(id)).as("the summary of %s, %d events", id, stream.size())
                    .contains(IncidentSummary.of(stream));
            assertThat(facts.get(id)).as("the facts of %s", id).isEqualTo(IncidentFacts.of(IncidentSummary.of(stream).incident()));
        }
        assertThat(events).isGreaterThanOrEqualTo(COMMITTED_BEFORE_KILL);
        assertThat(store.countSummaries(IncidentQuery.all())).isEqualTo(ids.size());
    }

    /**
     * The child: {@code args} are the opener's class name and the location.
     *
     * @param args opener class and location
     * @throws Exception if the store cannot be opened
     */
    public static void main(String[] args) throws Exception {
        SharedStore.Opener opener = (SharedStore.Opener) Class.forName(args[0]).getConstructor().newInstance();
        IncidentManager manager = IncidentKit.builder().store(opener.open(args[1])).build();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                CommandContext who = CommandContext.as("writer-" + thread);
                while (true) {
                    String id = manager.declare(Declare.of("Killed " + thread, Severity.SEV3, "checkout"), who).id();
                    committed();
                    for (int n = 0; n < 5; n++) {
                        manager.addNote(id, "note " + n, who);
                        committed();
                    }
                }
            });
            writer.start();
        }
    }

    private static void committed() {
        synchronized (System.out) {
            System.out.println("committed");
            System.out.flush();
        }
    }
}
