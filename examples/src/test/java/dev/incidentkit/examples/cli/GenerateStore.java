package dev.incidentkit.examples.cli;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the store of issue 13's {@code im} timings into an H2 file, through the public API as
 * {@code im} would: {@code GenerateStore FILE [INCIDENTS [EVENTS [ACTIVE]]]}, by default 20,000
 * incidents, 136,000 events, of which the 40 newest incidents are still active. Incidents are
 * declared over the last 300 days; each is acknowledged (sometimes as commander), given notes until
 * the running total of events is on course for EVENTS, then mitigated, resolved and closed, or left
 * active. Several threads drive disjoint incidents, so that the run takes a minute, not ten.
 *
 * <p>Run by {@code benchmarks/cli-times.sh}; not a test.
 */
public final class GenerateStore {

    private static final String[] SERVICES = {"checkout", "payments", "search", "reports", "auth", "catalog",
        "shipping", "billing"};
    private static final String[] WORDS = {"latency", "errors", "timeouts", "outage", "slowness", "5xx spike",
        "queue backlog", "disk full"};
    private static final String[] PEOPLE = {"alice", "bob", "carol", "dave", "erin", "frank"};

    private GenerateStore() {}

    /**
     * @param args the file (H2 adds {@code .mv.db}), then optionally the number of incidents, of
     *     events and of active incidents
     * @throws Exception if the store cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: GenerateStore FILE [INCIDENTS [EVENTS [ACTIVE]]]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int incidents = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        long events = args.length > 2 ? Long.parseLong(args[2]) : 136_000;
        int active = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        Files.createDirectories(file.toAbsolutePath().getParent());
        long started = System.nanoTime();
        Instant now = Instant.now();
        Instant first = now.minus(Duration.ofDays(300));
        Duration step = Duration.ofDays(300).minus(Duration.ofHours(6)).dividedBy(incidents);
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        AtomicLong written = new AtomicLong();
        try (JdbcEventStore store = JdbcEventStore.h2(file);
                IncidentManager manager = IncidentKit.builder().store(store).application("generator")
                        .maxBackdating(Duration.ofDays(400)).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    // Thread t drives incidents t, t + threads, ...: each its share of the events.
                    for (int i = thread; i < incidents; i += threads) {
                        long quota = events * (i + 1) / incidents - events * i / incidents;
                        Instant declared = first.plus(step.multipliedBy(i));
                        written.addAndGet(drive(manager, i, declared, quota, i >= incidents - active));
                    }
                    return null;
                }));
            }
            pool.shutdown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        System.out.printf("%s: %d incidents, %d events in %.1f s with %d threads%n", file, incidents, written.get(),
                (System.nanoTime() - started) / 1e9, threads);
    }

    /** Drives incident number {@code i} through its life with {@code quota} events; returns how many it has. */
    private static long drive(IncidentManager manager, int i, Instant declared, long quota, boolean stayActive) {
        String who = PEOPLE[i % PEOPLE.length];
        String service = SERVICES[i % SERVICES.length];
        Severity severity = Severity.values()[(i * 7) % 4];
        Incident incident = manager.declare(Declare.of(SERVICES[(i / 8) % SERVICES.length] + " " + WORDS[i % WORDS.length]
                + " #" + i, severity, service), CommandContext.as(who).at(declared));
        String id = incident.id();
        Instant at = declared.plus(Duration.ofMinutes(3 + i % 7));
        incident = i % 3 == 0
                ? manager.acknowledge(id, "on it", Role.COMMANDER, CommandContext.as(who).at(at))
                : manager.acknowledge(id, "on it", CommandContext.as(who).at(at));
        // Mitigate, resolve and close are one event each; the notes fill the quota before them.
        long closing = stayActive ? 0 : 3;
        while (incident.version() + closing < quota) {
            at = at.plus(Duration.ofMinutes(2));
            incident = manager.addNote(id, "progress " + incident.version(), CommandContext.as(who).at(at));
        }
        if (stayActive) {
            return incident.version();
        }
        at = at.plus(Duration.ofMinutes(10 + i % 50));
        manager.mitigate(id, "mitigated", CommandContext.as(who).at(at));
        at = at.plus(Duration.ofMinutes(20 + i % 90));
        manager.resolve(id, "stable", CommandContext.as(who).at(at));
        at = at.plus(Duration.ofMinutes(30));
        return manager.closeIncident(id, "postmortem done", CommandContext.as(who).at(at)).version();
    }
}
