package dev.incidentkit.benchmarks.jdbc;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.testkit.ForwardingStore;
import dev.incidentkit.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The incidents of the read-model benchmarks, made by an {@link IncidentManager} from commands, so
 * that events, hash chains and summaries are exactly what core writes: each incident's events and
 * the summary the manager appended with its last command, handed over an incident at a time to be
 * written to the benchmark's store in one append.
 *
 * <p>The mix, from a fixed seed: declarations spread evenly over two years (2024 and 2025, one
 * about every 10 minutes for 100,000), each incident's commands minutes apart on a clock the
 * generator sets (nothing is back-dated); 20 services, 50 responders, severities SEV1 5%, SEV2
 * 20%, SEV3 45%, SEV4 30%. A resolved incident is declared, acknowledged by its commander (95%),
 * given a tech lead (50%), investigated, gets 0 to 6 notes of about 100 characters, a correlated
 * service (10%), an escalation (10%), is identified (80%), mitigated, resolved and closed (60%):
 * about 10 events. 1% are canceled after the acknowledgement, 1% marked duplicates of the
 * incident before them. Exactly {@value #ACTIVE} incidents (or as many as asked), at random places in the two years,
 * stop at a random point before resolution (open, acknowledged, investigating, identified or
 * mitigated): the active ones.
 *
 * <p>Commands run on a new {@link InMemoryEventStore} for each thousand incidents (incident
 * numbers carry on across them), so that the generator holds one chunk, not the whole log.
 */
final class IncidentMix {

    /** How many incidents stay active unless another count is asked for. */
    static final int ACTIVE = 50;

    static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = Duration.ofDays(731).toSeconds();
    private static final int CHUNK = 1_000;

    private static final String[] TITLES = {
        "%s returns 502 for %d%% of requests",
        "%s p99 latency above %d s",
        "%s queue backlog over %d,000 messages",
        "Disk full on %s database node %d",
        "%s error rate at %d%% after deploy",
    };
    /** Each with the service ({@code %1$s}) and a number ({@code %2$d}). */
    private static final String[] NOTES = {
        "Rolled back deploy %2$d of %1$s on all pods; error rate is falling, watching the p99 latency now.",
        "Connection pool of the %1$s client saturated at %2$d connections; raising it on one canary pod.",
        "Customer support reports %2$d tickets about failed requests to %1$s in the last 15 minutes.",
        "Dashboards show the spike on %1$s began at the same minute as the config push %2$d; comparing diffs.",
    };

    /** One incident as the manager wrote it: its events, in order, and its summary after the last. */
    record Generated(String incidentId, List<EventRecord> events, IncidentSummary summary) {}

    /** Receives the generated incidents, a chunk at a time. */
    interface Sink {
        void accept(List<Generated> chunk) throws Exception;
    }

    private final int count;
    private final SplittableRandom random;
    private final Set<Integer> active = new HashSet<>();
    private final String[] services = new String[20];
    private final Actor[] responders = new Actor[50];
    private final Map<Integer, Long> numbers = new HashMap<>();

    /**
     * @param count how many incidents, more than {@value #ACTIVE}
     * @param seed the seed of the whole mix
     */
    IncidentMix(int count, long seed) {
        this(count, ACTIVE, seed);
    }

    /**
     * @param count how many incidents, more than {@code activeCount}
     * @param activeCount how many of them stay active, at least 1
     * @param seed the seed of the whole mix
     */
    IncidentMix(int count, int activeCount, long seed) {
        if (activeCount < 1 || count <= activeCount) {
            throw new IllegalArgumentException("incidents must be more than the " + activeCount + " active ones, "
                    + "at least 1: " + count);
        }
        this.count = count;
        this.random = new SplittableRandom(seed);
        while (active.size() < activeCount) {
            active.add(random.nextInt(count));
        }
        for (int s = 0; s < services.length; s++) {
            services[s] = "service-" + s;
        }
        for (int a = 0; a < responders.length; a++) {
            responders[a] = Actor.of("responder-" + a + "@example.com");
        }
    }

    /** Generates every incident, in declaration order, into {@code sink}. */
    void generate(Sink sink) throws Exception {
        for (int start = 0; start < count; start += CHUNK) {
            ManualClock clock = ManualClock.at(FROM);
            Capture store = new Capture(new InMemoryEventStore());
            List<Generated> chunk = new ArrayList<>(CHUNK);
            try (IncidentManager m = IncidentKit.builder().store(store).clock(clock).build()) {
                String previous = null;
                for (int i = start; i < Math.min(count, start + CHUNK); i++) {
                    String id = play(m, clock, i, previous);
                    chunk.add(store.take(id));
                    // A duplicate cannot be the survivor of the next one.
                    if (m.get(id).status() != Status.DUPLICATE) {
                        previous = id;
                    }
                }
            }
            sink.accept(chunk);
        }
    }

    /** Runs incident {@code i}'s commands; returns its id. */
    private String play(IncidentManager m, ManualClock clock, int i, String previous) {
        SplittableRandom r = random;
        clock.set(FROM.plusSeconds(SPAN_SECONDS * i / count + r.nextInt(600)));
        String service = services[r.nextInt(services.length)];
        int roll = r.nextInt(100);
        Severity severity = roll < 5 ? Severity.SEV1 : roll < 25 ? Severity.SEV2 : roll < 70 ? Severity.SEV3 : Severity.SEV4;
        Actor commander = responders[r.nextInt(responders.length)];
        String title = String.format(TITLES[r.nextInt(TITLES.length)], service, 2 + r.nextInt(90));
        String id = m.declare(Declare.of(title, severity, service)
                .description("Alert fired for " + service + "; paging the on-call responder."),
                CommandContext.as(Actor.of("alertmanager"))).id();
        // An active incident stops after step 1 (open) to 5 (mitigated); the others go to the end.
        int stopAfter = active.contains(i) ? 1 + r.nextInt(5) : Integer.MAX_VALUE;
        if (stopAfter == 1) {
            return id;
        }
        CommandContext c = CommandContext.as(commander);
        if (r.nextInt(100) < 95) {
            later(clock, r, 5);
            m.acknowledge(id, "Looking at it.", Role.COMMANDER, c);
        }
        if (stopAfter == 2) {
            return id;
        }
        int fate = r.nextInt(100);
        if (fate == 0 && stopAfter == Integer.MAX_VALUE) {
            later(clock, r, 10);
            m.cancel(id, "No customer impact after all.", c);
            return id;
        }
        if (fate == 1 && previous != null && stopAfter == Integer.MAX_VALUE) {
            later(clock, r, 10);
            m.markDuplicate(id, previous, "Same outage as " + previous + ".", c);
            return id;
        }
        if (r.nextInt(2) == 0) {
            m.assignRole(id, Role.TECH_LEAD, responders[r.nextInt(responders.length)], c);
        }
        later(clock, r, 10);
        m.investigate(id, "Checking the last deploy of " + service + ".", c);
        for (int n = r.nextInt(7); n > 0; n--) {
            later(clock, r, 10);
            m.addNote(id, String.format(NOTES[r.nextInt(NOTES.length)], service, 1 + r.nextInt(500)), c);
        }
        if (r.nextInt(10) == 0) {
            m.correlateService(id, services[r.nextInt(services.length)] + "-dependency", "Also affected.", c);
        }
        if (r.nextInt(10) == 0 && severity != Severity.SEV1) {
            m.escalate(id, Severity.SEV1, "Spreading to other regions.", c);
        }
        if (stopAfter == 3) {
            return id;
        }
        if (r.nextInt(10) < 8) {
            later(clock, r, 30);
            m.identify(id, "Connection pool of 5 in the new config.", c);
        }
        if (stopAfter == 4) {
            return id;
        }
        later(clock, r, 20);
        m.mitigate(id, "Rolled back; error rate back to normal.", c);
        if (stopAfter == 5) {
            return id;
        }
        later(clock, r, 60);
        m.resolve(id, "Stable for 30 minutes.", c);
        if (r.nextInt(10) < 6) {
            later(clock, r, 2 * 24 * 60);
            m.closeIncident(id, "Reviewed in the weekly incident review.", c);
        }
        return id;
    }

    /** Moves the clock on by an exponential number of minutes of mean {@code meanMinutes}, at least one second. */
    private static void later(ManualClock clock, SplittableRandom r, int meanMinutes) {
        long seconds = 1 + (long) (-meanMinutes * 60 * Math.log(1 - r.nextDouble()));
        clock.advance(Duration.ofSeconds(seconds));
    }

    /**
     * The chunk's store: keeps what each append wrote, and numbers incidents on from the chunks
     * before, so that every chunk's incidents have ids of their own.
     */
    private final class Capture extends ForwardingStore {
        private final Map<String, List<EventRecord>> events = new HashMap<>();
        private final Map<String, IncidentSummary> summaries = new HashMap<>();

        Capture(EventStore store) {
            super(store);
        }

        @Override
        public AppendResult append(String incidentId, long expectedVersion, List<EventRecord> records,
                IncidentSummary summary) {
            AppendResult result = super.append(incidentId, expectedVersion, records, summary);
            events.computeIfAbsent(incidentId, id -> new ArrayList<>()).addAll(records);
            summaries.put(incidentId, summary);
            return result;
        }

        @Override
        public long nextIncidentNumber(int year) {
            return numbers.merge(year, 1L, Long::sum);
        }

        Generated take(String incidentId) {
            return new Generated(incidentId, List.copyOf(events.remove(incidentId)),
                    Optional.ofNullable(summaries.remove(incidentId)).orElseThrow());
        }
    }
}
