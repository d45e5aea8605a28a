package dev.incidentkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.spi.AlertStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two processes, one PostgreSQL: separate JVMs ({@link AlertChild}), each an {@link
 * dev.incidentkit.core.alert.AlertIntake} with 8 threads, post the same firing alerts of the same
 * groups, started together. Afterwards each alert is stored once with every post counted, each
 * group has declared exactly one incident, and every alert is attached to its group's incident
 * exactly once.
 */
class AlertsMultiProcessPostgresTest {

    private static final int PROCESSES = 2;
    private static final int THREADS = 8;
    private static final int POSTS_EACH = 3;
    private static final int ALERTS = 40;
    private static final int GROUPS = 10;

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
    void twoProcessesPostingTheSameAlertsDeclareOneIncidentPerGroupAndAttachEachAlertOnce() throws Exception {
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Process process = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    AlertChild.class.getName(),
                    db.url(), Integer.toString(p), Integer.toString(THREADS), Integer.toString(POSTS_EACH),
                    Integer.toString(ALERTS), Integer.toString(GROUPS))
                    .redirectErrorStream(true)
                    .start();
            processes.add(process);
            outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        }
        // Both ready (JVM up, store built) before either posts: the processes race from the first post.
        for (int p = 0; p < PROCESSES; p++) {
            assertThat(readUntilReady(outputs.get(p))).as("process %d started", p).endsWith("READY");
        }
        for (Process process : processes) {
            OutputStream in = process.getOutputStream();
            in.write("GO\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
        List<CompletableFuture<String>> rest = new ArrayList<>();
        for (BufferedReader out : outputs) {
            rest.add(CompletableFuture.supplyAsync(() -> readAll(out)));
        }
        Map<String, Long> outcomes = new HashMap<>();
        for (int p = 0; p < PROCESSES; p++) {
            Process process = processes.get(p);
            boolean exited = process.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String out = rest.get(p).get(30, TimeUnit.SECONDS);
            assertThat(exited).as("process %d ended; its output:%n%s", p, out).isTrue();
            assertThat(process.exitValue()).as("exit code of process %d; its output:%n%s", p, out).isZero();
            assertThat(out).as("output of process %d", p).contains("SUMMARY").contains("errors=0");
            System.out.println("process " + p + ": " + out.substring(out.indexOf("SUMMARY")));
            Matcher m = Pattern.compile("(DECLARED|JOINED|REPEATED)=(\\d+)").matcher(out.substring(out.indexOf("SUMMARY")));
            while (m.find()) {
                outcomes.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        int posts = PROCESSES * POSTS_EACH * ALERTS;
        assertThat(outcomes).as("what the processes were told").isEqualTo(Map.of(
                "DECLARED", (long) GROUPS, "JOINED", (long) ALERTS - GROUPS, "REPEATED", (long) posts - ALERTS));

        // Each alert once, every post counted.
        AlertStore alerts = store.alertStore().orElseThrow();
        List<Alert> all = alerts.alerts(AlertQuery.recent().limit(1000));
        assertThat(all).hasSize(ALERTS);
        assertThat(all.stream().map(a -> a.details().source() + " " + a.details().dedupKey()).distinct()).hasSize(ALERTS);
        assertThat(all.stream().mapToLong(Alert::repeats).sum()).isEqualTo(posts);
        for (int a = 0; a < ALERTS; a++) {
            AlertDetails d = AlertChild.signal(a, GROUPS).details();
            assertThat(alerts.find(d.source(), d.dedupKey())).as("alert %d", a).isPresent();
        }

        // One incident per group, every alert attached to its group's.
        Map<Integer, Set<String>> incidentsByGroup = new TreeMap<>();
        Map<String, Set<String>> alertIdsByIncident = new HashMap<>();
        for (int a = 0; a < ALERTS; a++) {
            AlertDetails d = AlertChild.signal(a, GROUPS).details();
            Alert stored = alerts.find(d.source(), d.dedupKey()).orElseThrow();
            assertThat(stored.incidentId()).as("incident of alert %d", a).isPresent();
            incidentsByGroup.computeIfAbsent(a % GROUPS, g -> new HashSet<>()).add(stored.incidentId().get());
            alertIdsByIncident.computeIfAbsent(stored.incidentId().get(), i -> new HashSet<>()).add(stored.id());
        }
        incidentsByGroup.forEach((g, ids) -> assertThat(ids).as("incidents of group %d", g).hasSize(1));
        assertThat(alertIdsByIncident).hasSize(GROUPS);

        IncidentManager incidents = IncidentKit.builder().store(store).build();
        try {
            assertThat(incidents.count(IncidentQuery.all())).isEqualTo(GROUPS);
            assertThat(incidents.list()).hasSize(GROUPS);
            for (Map.Entry<String, Set<String>> e : alertIdsByIncident.entrySet()) {
                List<RecordedEvent> history = incidents.history(e.getKey());
                List<String> attached = history.stream()
                        .filter(r -> r.type().equals("incident.alert_attached"))
                        .map(r -> ((IncidentEvent.AlertAttached) r.event()).alertId())
                        .toList();
                assertThat(attached).as("alerts attached to %s", e.getKey()).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(e.getValue());
                assertThat(history.stream().filter(r -> r.type().equals("incident.declared")).count()).isEqualTo(1);
            }
            assertThat(incidents.verifyReadModel().mismatches()).isEmpty();
        } finally {
            incidents.close();
        }
        assertThat(alertIdsByIncident.values().stream().collect(Collectors.summingInt(Set::size))).isEqualTo(ALERTS);
    }

    /** @return the output up to and including the line READY, or all of it if the process ended first */
    private static String readUntilReady(BufferedReader out) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            text.append(text.length() == 0 ? "" : "\n").append(line);
            if (line.equals("READY")) {
                break;
            }
        }
        return text.toString();
    }

    private static String readAll(BufferedReader out) {
        try {
            return out.lines().collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(output unreadable: " + e + ")";
        }
    }
}
