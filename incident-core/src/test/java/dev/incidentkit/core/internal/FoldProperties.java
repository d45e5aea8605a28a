package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.Command.ChangeSeverity.Direction;
import dev.incidentkit.core.EventArbitraries;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentException;
import dev.incidentkit.core.Lifecycle;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.IncidentEvent.Acknowledged;
import dev.incidentkit.core.event.IncidentEvent.ActionItemAdded;
import dev.incidentkit.core.event.IncidentEvent.ActionItemCompleted;
import dev.incidentkit.core.event.IncidentEvent.Canceled;
import dev.incidentkit.core.event.IncidentEvent.Declared;
import dev.incidentkit.core.event.IncidentEvent.MarkedDuplicate;
import dev.incidentkit.core.event.IncidentEvent.NoteAdded;
import dev.incidentkit.core.event.IncidentEvent.ServiceCorrelated;
import dev.incidentkit.core.event.IncidentEvent.SeverityChanged;
import dev.incidentkit.core.event.IncidentEvent.StatusChanged;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The fold against the events the decider writes: replaying a whole history equals folding it
 * event by event, and the snapshot says what the events say.
 */
class FoldProperties {

    private static final String ID = "INC-2025-001";
    private static final String SURVIVOR = "INC-2025-002";
    private static final String DUPLICATE_SURVIVOR = "INC-2025-003";
    private static final Instant DECLARED_AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Decider DECIDER = new Decider(Lifecycle.standard());
    private static final Map<String, Incident> OTHERS = others();

    /** One command, who runs it, and when, in seconds after the declaration. */
    record Step(Command command, Actor actor, long at) {}

    @Property(tries = 250)
    void replayEqualsIncrementalFoldAndTheSnapshotSaysWhatTheEventsSay(@ForAll("scripts") List<Step> steps) {
        Declared declared = new Declared(ID, "Checkout latency", Severity.SEV3, "checkout", Status.OPEN, "",
                DECLARED_AT.minusSeconds(600), DECLARED_AT.minusSeconds(60), false);
        List<RecordedEvent> history = new ArrayList<>(record(List.of(declared), 0, HashChain.GENESIS, DECLARED_AT,
                Actor.of("pagerduty"), 1));
        Incident current = IncidentFold.replay(history);
        check(current, history);
        int rejected = 0;
        for (Step step : steps) {
            List<IncidentEvent> events;
            try {
                Decider.validate(step.command());
                events = DECIDER.decide(current, step.command(), step.actor(), lookup());
            } catch (IncidentException e) {
                rejected++;
                continue;
            }
            if (events.isEmpty()) {
                continue;
            }
            String lastHash = history.get(history.size() - 1).stored().record().hash();
            List<RecordedEvent> recorded = record(events, current.version(), lastHash,
                    DECLARED_AT.plusSeconds(step.at()), step.actor(), history.size() + 1);
            Incident incremental = IncidentFold.apply(current, recorded);
            history.addAll(recorded);
            assertThat(IncidentFold.replay(history)).isEqualTo(incremental);
            current = incremental;
            check(current, history);
            Statistics.label("statuses reached").collect(current.status());
        }
        // What a store returns is decoded from the data text: the fold over it is the same.
        List<StoredEvent> stored = new ArrayList<>();
        history.forEach(e -> stored.add(e.stored()));
        assertThat(IncidentFold.replay(Events.decode(stored))).isEqualTo(current);
        assertThat(Incident.replay(history)).isEqualTo(current);
        Statistics.label("script length").collect(steps.size() < 10 ? "<10" : steps.size() < 30 ? "10-29" : "30+");
        Statistics.label("writes").collect(history.size() < 5 ? "<5" : history.size() < 15 ? "5-14" : "15+");
        Statistics.label("rejected commands").collect(rejected == 0 ? "none" : rejected < 5 ? "1-4" : "5+");
        // The generator must drive the incident through every status, or the property proves little.
        Statistics.label("statuses reached").coverage(coverage -> {
            for (Status s : Status.values()) {
                if (s != Status.OPEN) {
                    coverage.check(s).count(n -> n > 0);
                }
            }
        });
    }

    private static List<RecordedEvent> record(List<IncidentEvent> events, long version, String prevHash, Instant at,
            Actor actor, long firstPosition) {
        List<EventRecord> records = Events.records(ID, version, prevHash, events, at, at, actor, Optional.empty());
        List<RecordedEvent> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            out.add(new RecordedEvent(new StoredEvent(LogPosition.of(firstPosition + i), records.get(i)), events.get(i)));
        }
        return out;
    }

    /** The invariants, each computed straight from the history rather than by a second fold. */
    private static void check(Incident incident, List<RecordedEvent> history) {
        assertThat(incident.version()).isEqualTo(history.size());
        assertThat(incident.id()).isEqualTo(ID);

        Optional<RecordedEvent> firstAck = history.stream().filter(e -> e.event() instanceof Acknowledged).findFirst();
        assertThat(incident.milestones().acknowledgedAt()).isEqualTo(firstAck.map(RecordedEvent::occurredAt));
        assertThat(incident.acknowledgement().map(a -> a.by())).isEqualTo(firstAck.map(RecordedEvent::actor));

        int lastReopen = -1;
        int lastResolve = -1;
        int lastClose = -1;
        int reopens = 0;
        Status status = Status.OPEN;
        Severity severity = ((Declared) history.get(0).event()).severity();
        Severity peak = severity;
        List<String> correlated = new ArrayList<>();
        int notes = 0;
        int items = 0;
        Set<Integer> done = new TreeSet<>();
        for (int i = 0; i < history.size(); i++) {
            IncidentEvent e = history.get(i).event();
            if (e instanceof StatusChanged) {
                StatusChanged c = (StatusChanged) e;
                status = c.to();
                if (!c.from().isActive() && c.to().isActive()) {
                    lastReopen = i;
                    reopens++;
                }
                if (c.to() == Status.RESOLVED) {
                    lastResolve = i;
                }
                if (c.to() == Status.CLOSED) {
                    lastClose = i;
                }
            } else if (e instanceof Acknowledged) {
                status = Status.ACKNOWLEDGED;
            } else if (e instanceof Canceled) {
                status = Status.CANCELED;
            } else if (e instanceof MarkedDuplicate) {
                status = Status.DUPLICATE;
            } else if (e instanceof NoteAdded) {
                notes++;
            } else if (e instanceof SeverityChanged) {
                severity = ((SeverityChanged) e).to();
                peak = severity.compareTo(peak) < 0 ? severity : peak;
            } else if (e instanceof ServiceCorrelated) {
                correlated.add(((ServiceCorrelated) e).service());
            } else if (e instanceof ActionItemAdded) {
                items++;
            } else if (e instanceof ActionItemCompleted) {
                done.add(((ActionItemCompleted) e).itemId());
            }
        }
        assertThat(incident.status()).isEqualTo(status);
        assertThat(incident.severity()).isEqualTo(severity);
        assertThat(incident.peakSeverity()).isEqualTo(peak);
        assertThat(incident.correlatedServices()).isEqualTo(correlated);
        assertThat(incident.notesCount()).isEqualTo(notes);
        assertThat(incident.reopenCount()).isEqualTo(reopens);
        assertThat(incident.actionItems()).hasSize(items);
        Set<Integer> doneInSnapshot = new TreeSet<>();
        incident.actionItems().stream().filter(a -> a.isDone()).forEach(a -> doneInSnapshot.add(a.id()));
        assertThat(doneInSnapshot).isEqualTo(done);

        // A reopen clears resolvedAt and closedAt until the next resolve or close.
        assertThat(incident.milestones().resolvedAt())
                .isEqualTo(lastResolve > lastReopen ? Optional.of(history.get(lastResolve).occurredAt()) : Optional.empty());
        assertThat(incident.milestones().closedAt())
                .isEqualTo(lastClose > lastReopen ? Optional.of(history.get(lastClose).occurredAt()) : Optional.empty());
        assertThat(incident.cancelReason().isPresent()).isEqualTo(status == Status.CANCELED);
        assertThat(incident.duplicateOf().isPresent()).isEqualTo(status == Status.DUPLICATE);
    }

    private static Function<String, Optional<Incident>> lookup() {
        return id -> Optional.ofNullable(OTHERS.get(id));
    }

    private static Map<String, Incident> others() {
        Map<String, Incident> others = new HashMap<>();
        for (String id : List.of(SURVIVOR, DUPLICATE_SURVIVOR)) {
            List<IncidentEvent> events = new ArrayList<>();
            events.add(new Declared(id, "Same problem", Severity.SEV2, "checkout", Status.OPEN, "", DECLARED_AT, DECLARED_AT, true));
            if (id.equals(DUPLICATE_SURVIVOR)) {
                events.add(new MarkedDuplicate(SURVIVOR, ""));
            }
            List<EventRecord> records = Events.records(id, 0, HashChain.GENESIS, events, DECLARED_AT, DECLARED_AT,
                    Actor.of("bob"), Optional.empty());
            List<RecordedEvent> history = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                history.add(new RecordedEvent(new StoredEvent(LogPosition.of(100 + i), records.get(i)), events.get(i)));
            }
            others.put(id, IncidentFold.replay(history));
        }
        assertThat(others.get(DUPLICATE_SURVIVOR).status()).isEqualTo(Status.DUPLICATE);
        return others;
    }

    // ---- generators ----------------------------------------------------------------------

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> step = Combinators.combine(commands(), actors(), Arbitraries.longs().between(0, 7 * 24 * 3600))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(50).withSizeDistribution(RandomDistribution.uniform())
                .withoutEdgeCases();
    }

    private static Arbitrary<Actor> actors() {
        return Arbitraries.of("alice", "bob", "carol").map(Actor::of);
    }

    private static Arbitrary<String> notes() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("", "on it", "DB failover", "rolled back")),
                Tuple.of(1, EventArbitraries.title()));
    }

    static Arbitrary<Command> commands() {
        Arbitrary<String> nonBlank = Arbitraries.of("Rolled back v2.3", "Cache warmed", "x", " ");
        Arbitrary<Status> statuses = Arbitraries.of(Status.INVESTIGATING, Status.IDENTIFIED, Status.MITIGATED,
                Status.RESOLVED, Status.CLOSED);
        return Arbitraries.frequencyOf(
                Tuple.of(2, Combinators.combine(Arbitraries.of("", "on it"), Arbitraries.of(Role.class).optional())
                        .as(Command.Acknowledge::new)),
                Tuple.of(8, Combinators.combine(statuses, notes()).as(Command.ChangeStatus::new)),
                Tuple.of(3, nonBlank.map(Command.Reopen::new)),
                Tuple.of(1, nonBlank.map(Command.Cancel::new)),
                Tuple.of(1, Combinators.combine(Arbitraries.of(SURVIVOR, SURVIVOR, DUPLICATE_SURVIVOR, ID, "INC-2025-404"), notes())
                        .as(Command.MarkDuplicate::new)),
                Tuple.of(2, nonBlank.map(Command.AddNote::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(Severity.class), Arbitraries.of(Direction.class), notes())
                        .as(Command.ChangeSeverity::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of("checkout", "payments", "db.primary", "Bad Name"), notes())
                        .as(Command.CorrelateService::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(Role.class), actors()).as(Command.AssignRole::new)),
                Tuple.of(2, Combinators.combine(nonBlank, actors().optional(),
                        Arbitraries.of(LocalDate.of(2025, 4, 1), LocalDate.of(2026, 1, 31)).optional())
                        .as(Command.AddActionItem::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 4), notes()).as(Command.CompleteActionItem::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of("", "Bad deploy", "Connection pool"), Arbitraries.of("", "Pool too small"))
                        .as((summary, cause) -> {
                            PostmortemUpdate u = PostmortemUpdate.none();
                            if (!summary.isEmpty()) {
                                u = u.summary(summary);
                            }
                            if (!cause.isEmpty()) {
                                u = u.rootCause(cause);
                            }
                            return (Command) new Command.UpdatePostmortem(u);
                        })));
    }
}
