package dev.incidentkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentException;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The projection's report equals the batch report over the replayed histories, for any
 * interleaving of random valid command sequences over several incidents, after every event, for
 * any query.
 */
class MetricsProjectionProperties {

    /** Near a year's end, so that weeks and months cross it. */
    private static final Instant T0 = Instant.parse("2024-12-27T20:00:00Z");
    private static final int INCIDENTS = 4;
    private static final String[] ACTORS = {"alice", "bob", "carol", "dave"};
    private static final String[] SERVICES = {"api", "web", "db"};
    private static final ZoneId[] ZONES = {ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30), ZoneId.of("America/St_Johns")};
    private static final int KINDS = 18;

    /** One random step: a command (or a redelivery) on one incident. */
    record Step(int incident, int kind, int minutes, int actor, int extra) {}

    @Property(tries = 300, seed = "20250823")
    void incrementalEqualsBatchAfterEveryEvent(@ForAll("steps") List<Step> steps, @ForAll("queries") MetricQuery query) {
        EventLog log = new EventLog();
        MetricsProjection projection = new MetricsProjection(query);
        MetricsProjection everything = new MetricsProjection();

        for (Step step : steps) {
            List<RecordedEvent> events = apply(log, step);
            for (RecordedEvent e : events) {
                projection.accept(e);
                everything.accept(e);
            }
            if (step.kind() == KINDS - 1 && log.has(id(step.incident()))) {
                List<RecordedEvent> history = log.history(id(step.incident()));
                RecordedEvent old = history.get(step.extra() % history.size());
                projection.accept(old);
                everything.accept(old);
            }
            List<dev.incidentkit.core.Incident> replayed = log.replayed();
            assertThat(projection.report()).isEqualTo(Metrics.compute(replayed, query));
            assertThat(everything.report()).isEqualTo(Metrics.compute(replayed, MetricQuery.all()));
        }

        List<dev.incidentkit.core.Incident> replayed = log.replayed();
        assertThat(projection.incidents()).isEqualTo(replayed);
        assertThat(everything.report(query)).isEqualTo(projection.report());
        assertThat(projection.report(MetricQuery.all())).isEqualTo(everything.report());

        // Another interleaving of the same histories: one incident after the other, the last first.
        MetricsProjection regrouped = new MetricsProjection(query);
        List<dev.incidentkit.core.Incident> incidents = new ArrayList<>(log.incidents());
        for (int i = incidents.size() - 1; i >= 0; i--) {
            log.history(incidents.get(i).id()).forEach(regrouped);
        }
        assertThat(regrouped.report()).isEqualTo(projection.report());
    }

    private static String id(int incident) {
        return "INC-2024-00" + (incident + 1);
    }

    /** Runs one step on the log; a step the lifecycle rejects records nothing. */
    private static List<RecordedEvent> apply(EventLog log, Step step) {
        String id = id(step.incident());
        String actor = ACTORS[step.actor()];
        int before = log.events().size();
        try {
            if (!log.has(id)) {
                declare(log, id, step, actor);
            } else {
                Instant declared = log.incident(id).milestones().declaredAt();
                // Mostly minutes after the declaration, in any order (back-dating); sometimes months, for action items.
                Duration after = step.extra() < 15 ? Duration.ofDays(Math.abs(step.minutes()) / 3) : Duration.ofMinutes(Math.abs(step.minutes()));
                Instant at = declared.plus(after);
                Optional<Command> command = command(log, step);
                if (command.isPresent()) {
                    log.run(id, command.get(), at, actor);
                } else if (step.kind() == 15) {
                    log.record(id, EventLog.breach(SlaKind.values()[step.extra() % 3], at), at, "sla-monitor");
                }
            }
        } catch (IncidentException rejected) {
            // The lifecycle said no: nothing was written, as with a real manager.
        }
        List<RecordedEvent> all = log.events();
        return all.subList(before, all.size());
    }

    private static void declare(EventLog log, String id, Step step, String actor) {
        // Coarse instants, so that incidents often share an impact start (the MTBF order's ties).
        Instant declared = T0.plus(Duration.ofHours(12L * (Math.abs(step.minutes()) % 10)));
        Instant detected = declared.minus(Duration.ofMinutes(10L * (step.extra() % 3)));
        Instant impact = detected.minus(Duration.ofMinutes(10L * (step.extra() / 20 % 3)));
        Declare d = Declare.of("incident " + id, Severity.values()[step.extra() % 4], SERVICES[step.actor() % 3])
                .detectedAt(detected)
                .impactStartedAt(impact);
        log.declare(id, d, declared, actor);
    }

    private static Optional<Command> command(EventLog log, Step step) {
        int extra = step.extra();
        switch (step.kind()) {
            case 0: return Optional.of(extra % 2 == 0 ? EventLog.ack() : EventLog.ack(Role.values()[extra % 3]));
            case 1: return Optional.of(EventLog.status(Status.INVESTIGATING));
            case 2: return Optional.of(EventLog.status(Status.IDENTIFIED));
            case 3: return Optional.of(EventLog.status(Status.MITIGATED));
            case 4:
            case 5: return Optional.of(EventLog.status(Status.RESOLVED));
            case 6: return Optional.of(EventLog.status(Status.CLOSED));
            case 7: return Optional.of(EventLog.reopen());
            case 8: return Optional.of(EventLog.cancel());
            case 9: return Optional.of(EventLog.duplicateOf(id((step.incident() + 1 + extra % (INCIDENTS - 1)) % INCIDENTS)));
            case 10: return Optional.of(EventLog.note("update " + extra));
            case 11: return Optional.of(EventLog.severity(Severity.values()[extra % 4]));
            case 12: return Optional.of(EventLog.correlate(SERVICES[extra % 3]));
            case 13: return Optional.of(EventLog.assign(Role.values()[extra % 3], ACTORS[extra % 4]));
            case 14: return Optional.of(extra % 2 == 0 ? EventLog.addItem("fix " + extra) : EventLog.completeItem(1 + extra % 3));
            case 16: return Optional.of(EventLog.addItem("follow up " + extra));
            default: return Optional.empty();
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, INCIDENTS - 1),
                kinds(),
                Arbitraries.integers().between(-60, 600),
                Arbitraries.integers().between(0, ACTORS.length - 1),
                Arbitraries.integers().between(0, 99)).as(Step::new);
        return step.list().ofMinSize(30).ofMaxSize(120);
    }

    /** Step kinds, weighted toward the moves that keep incidents alive and reach milestones. */
    private static Arbitrary<Integer> kinds() {
        int[] weights = {3, 3, 5, 5, 5, 4, 2, 3, 1, 1, 2, 3, 3, 3, 4, 3, 2, 2};
        List<Tuple.Tuple2<Integer, Integer>> choices = new ArrayList<>();
        for (int kind = 0; kind < KINDS; kind++) {
            choices.add(Tuple.of(weights[kind], kind));
        }
        return Arbitraries.frequency(choices);
    }

    @Provide
    Arbitrary<MetricQuery> queries() {
        return Combinators.combine(
                Arbitraries.integers().between(-1, 8),
                Arbitraries.integers().between(-1, 8),
                Arbitraries.integers().between(0, 31), // four severities, and the basis (bit 4: current)
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(-1, ACTORS.length - 1),
                Arbitraries.integers().between(0, ZONES.length - 1),
                Arbitraries.integers().between(-1, 3))
                .as(MetricsProjectionProperties::query);
    }

    private static MetricQuery query(int since, int length, int severityMask, int serviceMask, int responder, int zone,
            int asOf) {
        MetricQuery q = MetricQuery.all().zone(ZONES[zone]);
        if (since >= 0) {
            q = q.since(T0.plus(Duration.ofDays(since)));
        }
        if (length >= 0) {
            q = q.until(T0.plus(Duration.ofDays(Math.max(since, 0) + length + 1L)));
        }
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        for (Severity s : Severity.values()) {
            if ((severityMask & (1 << s.ordinal())) != 0) {
                severities.add(s);
            }
        }
        List<String> services = new ArrayList<>();
        for (int i = 0; i < SERVICES.length; i++) {
            if ((serviceMask & (1 << i)) != 0) {
                services.add(SERVICES[i]);
            }
        }
        q = new MetricQuery(q.since(), q.until(), severities, Set.copyOf(services), q.responder(), q.zone(), q.asOf(),
                (severityMask & 16) != 0 ? SeverityBasis.CURRENT : SeverityBasis.PEAK);
        if (responder >= 0) {
            q = q.responder(Actor.of(ACTORS[responder]));
        }
        if (asOf >= 0) {
            q = q.asOf(T0.plus(Duration.ofDays(new int[] {0, 60, 95, 200}[asOf])));
        }
        return q;
    }
}
