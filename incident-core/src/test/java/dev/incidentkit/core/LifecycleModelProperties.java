package dev.incidentkit.core;

import static dev.incidentkit.core.CommandType.ACKNOWLEDGE;
import static dev.incidentkit.core.CommandType.CANCEL;
import static dev.incidentkit.core.CommandType.CLOSE;
import static dev.incidentkit.core.CommandType.IDENTIFY;
import static dev.incidentkit.core.CommandType.INVESTIGATE;
import static dev.incidentkit.core.CommandType.MARK_DUPLICATE;
import static dev.incidentkit.core.CommandType.MITIGATE;
import static dev.incidentkit.core.CommandType.REOPEN;
import static dev.incidentkit.core.CommandType.RESOLVE;
import static dev.incidentkit.core.Status.ACKNOWLEDGED;
import static dev.incidentkit.core.Status.CANCELED;
import static dev.incidentkit.core.Status.CLOSED;
import static dev.incidentkit.core.Status.DUPLICATE;
import static dev.incidentkit.core.Status.IDENTIFIED;
import static dev.incidentkit.core.Status.INVESTIGATING;
import static dev.incidentkit.core.Status.MITIGATED;
import static dev.incidentkit.core.Status.OPEN;
import static dev.incidentkit.core.Status.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.incidentkit.core.Command.ChangeSeverity.Direction;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
 * The lifecycle of DESIGN §2 against a real {@link IncidentManager} over the in-memory store:
 * random command sequences on three incidents, each checked against a model written here from
 * the design table, not from {@code Lifecycle}.
 */
class LifecycleModelProperties {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private static final List<String> IDS = List.of("INC-2025-001", "INC-2025-002", "INC-2025-003");
    private static final String MISSING = "INC-2025-404";

    // ---- the reference: DESIGN §2, written out --------------------------------------------

    private static final Map<Status, Map<CommandType, Status>> MOVES = new EnumMap<>(Status.class);
    private static final Set<Status> TERMINAL = EnumSet.of(CLOSED, CANCELED, DUPLICATE);
    private static final Set<CommandType> EDITS = EnumSet.of(CommandType.ADD_NOTE, CommandType.CHANGE_SEVERITY,
            CommandType.CORRELATE_SERVICE, CommandType.ASSIGN_ROLE, CommandType.ADD_ACTION_ITEM,
            CommandType.UPDATE_POSTMORTEM);
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    static {
        for (Status s : Status.values()) {
            MOVES.put(s, new EnumMap<>(CommandType.class));
        }
        move(OPEN, ACKNOWLEDGE, ACKNOWLEDGED);
        move(OPEN, INVESTIGATE, INVESTIGATING);
        move(OPEN, IDENTIFY, IDENTIFIED);
        move(OPEN, MITIGATE, MITIGATED);
        move(OPEN, RESOLVE, RESOLVED);
        move(ACKNOWLEDGED, INVESTIGATE, INVESTIGATING);
        move(ACKNOWLEDGED, IDENTIFY, IDENTIFIED);
        move(ACKNOWLEDGED, MITIGATE, MITIGATED);
        move(ACKNOWLEDGED, RESOLVE, RESOLVED);
        move(INVESTIGATING, IDENTIFY, IDENTIFIED);
        move(INVESTIGATING, MITIGATE, MITIGATED);
        move(INVESTIGATING, RESOLVE, RESOLVED);
        move(IDENTIFIED, INVESTIGATE, INVESTIGATING);
        move(IDENTIFIED, MITIGATE, MITIGATED);
        move(IDENTIFIED, RESOLVE, RESOLVED);
        move(MITIGATED, INVESTIGATE, INVESTIGATING);
        move(MITIGATED, IDENTIFY, IDENTIFIED);
        move(MITIGATED, RESOLVE, RESOLVED);
        move(RESOLVED, CLOSE, CLOSED);
        move(RESOLVED, REOPEN, INVESTIGATING);
        move(CLOSED, REOPEN, INVESTIGATING);
        // cancel: from OPEN, ACKNOWLEDGED or INVESTIGATING
        move(OPEN, CANCEL, CANCELED);
        move(ACKNOWLEDGED, CANCEL, CANCELED);
        move(INVESTIGATING, CANCEL, CANCELED);
        // mark duplicate: from any status but CLOSED, CANCELED and DUPLICATE
        for (Status s : List.of(OPEN, ACKNOWLEDGED, INVESTIGATING, IDENTIFIED, MITIGATED, RESOLVED)) {
            move(s, MARK_DUPLICATE, DUPLICATE);
        }
        // both terminal like CLOSED: reopen leads back to INVESTIGATING
        move(CANCELED, REOPEN, INVESTIGATING);
        move(DUPLICATE, REOPEN, INVESTIGATING);
    }

    private static void move(Status from, CommandType command, Status to) {
        MOVES.get(from).put(command, to);
    }

    private static Set<CommandType> allowed(Status status) {
        Set<CommandType> allowed = EnumSet.noneOf(CommandType.class);
        allowed.addAll(MOVES.get(status).keySet());
        allowed.add(CommandType.COMPLETE_ACTION_ITEM);
        // The SLA monitor's command: a breach is a fact about the past, taken in every status.
        allowed.add(CommandType.RECORD_SLA_BREACH);
        // The alert intake's: a resolution of what a monitoring system said, taken in every
        // status; an alert joins only an active incident.
        if (status.isActive()) {
            allowed.add(CommandType.ATTACH_ALERT);
            // The escalation's: a page may race the acknowledgment, but only while the incident is active.
            allowed.add(CommandType.RECORD_PAGE);
            // The SLA monitor's reminder: the update cadence runs only while the incident is active.
            allowed.add(CommandType.REMIND_UPDATE);
        }
        allowed.add(CommandType.RESOLVE_ALERT);
        if (!TERMINAL.contains(status)) {
            allowed.addAll(EDITS);
            // Customers hear that an incident is resolved after it is: a public update is an edit.
            allowed.add(CommandType.POST_PUBLIC_UPDATE);
        }
        return allowed;
    }

    // ---- the model of one incident --------------------------------------------------------

    /** What an incident should be, kept by the rules above. */
    static final class Model {
        final String id;
        Status status = OPEN;
        Severity severity;
        final String service;
        final List<String> correlated = new ArrayList<>();
        final Map<Role, String> roles = new EnumMap<>(Role.class);
        Optional<String> firstAckBy = Optional.empty();
        Optional<String> firstAckNote = Optional.empty();
        int notes;
        final List<Boolean> itemsDone = new ArrayList<>();
        String summary = "";
        String rootCause = "";
        int reopens;
        boolean resolved;
        boolean closed;
        long version = 1;
        Optional<String> cancelReason = Optional.empty();
        Optional<String> duplicateOf = Optional.empty();
        /** When the status last changed: a status change may not be dated before it. */
        Instant lastMoveAt = START;

        Model(String id, Severity severity, String service) {
            this.id = id;
            this.severity = severity;
            this.service = service;
        }
    }

    /** What a command should do: be rejected, change nothing, or write events. */
    enum Kind { ILLEGAL_TRANSITION, INVALID, NOT_FOUND, NO_OP, WRITE }

    /** What a command should do, and how many events it writes. */
    record Expectation(Kind kind, int events, Runnable apply) {
        static Expectation of(Kind kind) {
            return new Expectation(kind, 0, () -> {});
        }
    }

    private static boolean blank(String s) {
        return s.isBlank();
    }

    /** The rules of DESIGN §2 and §11 for one command, in the order: input, status table, state. */
    private static Expectation expect(Model m, Command command, String actor, Instant at, Map<String, Model> all) {
        // 1. Input rules, checked before anything is read.
        if (command instanceof Command.AddNote && blank(((Command.AddNote) command).note())
                || command instanceof Command.Reopen && blank(((Command.Reopen) command).note())
                || command instanceof Command.Cancel && blank(((Command.Cancel) command).reason())
                || command instanceof Command.CorrelateService
                        && !SERVICE.matcher(((Command.CorrelateService) command).service()).matches()
                || command instanceof Command.AddActionItem && blank(((Command.AddActionItem) command).text())
                || command instanceof Command.CompleteActionItem && ((Command.CompleteActionItem) command).itemId() < 1
                || command instanceof Command.UpdatePostmortem && ((Command.UpdatePostmortem) command).changes().isEmpty()
                || command instanceof Command.RecordPage page && (page.level() < 1 || page.round() < 1
                        || blank(page.person()) || blank(page.why()))
                || command instanceof Command.PostPublicUpdate update && (blank(update.title())
                        || update.title().contains("\n") || blank(update.message()))
                || command instanceof Command.RemindUpdate remind && (remind.target().isZero()
                        || remind.target().isNegative())) {
            return Expectation.of(Kind.INVALID);
        }
        CommandType type = command.type();
        // 2. A repeated acknowledgement by the same actor with the same note (and no role, or one the
        // actor holds) is a safe retry.
        if (command instanceof Command.Acknowledge a && m.status != OPEN
                && m.firstAckBy.equals(Optional.of(actor))
                && m.firstAckNote.equals(Optional.of(a.note()))
                && a.role().map(r -> actor.equals(m.roles.get(r))).orElse(true)) {
            return Expectation.of(Kind.NO_OP);
        }
        // An action item is not due before the day it is added, whatever the status.
        if (command instanceof Command.AddActionItem i && i.due().isPresent()
                && i.due().get().isBefore(LocalDate.ofInstant(at, ZoneOffset.UTC))) {
            return Expectation.of(Kind.INVALID);
        }
        // Past OPEN, acknowledging with a role joins an active incident: the role, and the note as a note.
        if (command instanceof Command.Acknowledge a && m.status != OPEN) {
            if (a.role().isEmpty() || !m.status.isActive()) {
                return Expectation.of(Kind.ILLEGAL_TRANSITION);
            }
            Role role = a.role().get();
            if (actor.equals(m.roles.get(role))) {
                return Expectation.of(Kind.NO_OP);
            }
            boolean note = !a.note().isBlank()
                    && !(m.firstAckBy.equals(Optional.of(actor)) && m.firstAckNote.equals(Optional.of(a.note())));
            return new Expectation(Kind.WRITE, note ? 2 : 1, () -> {
                m.roles.put(role, actor);
                m.notes += note ? 1 : 0;
                m.version += note ? 2 : 1;
            });
        }
        // 3. The status table.
        if (!allowed(m.status).contains(type)) {
            return Expectation.of(Kind.ILLEGAL_TRANSITION);
        }
        Optional<Status> target = Optional.ofNullable(MOVES.get(m.status).get(type));
        // 4. The rules on the incident's state.
        if (command instanceof Command.Acknowledge) {
            Command.Acknowledge a = (Command.Acknowledge) command;
            return move(m, at, () -> {
                m.status = target.orElseThrow();
                if (m.firstAckBy.isEmpty()) {
                    m.firstAckBy = Optional.of(actor);
                    m.firstAckNote = Optional.of(a.note());
                }
                a.role().ifPresent(r -> m.roles.put(r, actor));
            });
        }
        if (command instanceof Command.ChangeStatus || command instanceof Command.Reopen) {
            boolean reopen = command instanceof Command.Reopen;
            return move(m, at, () -> {
                m.status = target.orElseThrow();
                m.resolved |= m.status == RESOLVED;
                m.closed |= m.status == CLOSED;
                if (reopen) {
                    // Reopened: no longer resolved or closed until the next resolve or close.
                    m.resolved = false;
                    m.closed = false;
                    m.reopens++;
                    m.cancelReason = Optional.empty();
                    m.duplicateOf = Optional.empty();
                }
            });
        }
        if (command instanceof Command.Cancel) {
            return move(m, at, () -> {
                m.status = CANCELED;
                m.cancelReason = Optional.of(((Command.Cancel) command).reason());
            });
        }
        if (command instanceof Command.MarkDuplicate) {
            String survivor = ((Command.MarkDuplicate) command).duplicateOf();
            if (survivor.equals(m.id)) {
                return Expectation.of(Kind.INVALID);
            }
            if (!all.containsKey(survivor)) {
                return Expectation.of(Kind.NOT_FOUND);
            }
            if (all.get(survivor).status == DUPLICATE) {
                return Expectation.of(Kind.ILLEGAL_TRANSITION);
            }
            return move(m, at, () -> {
                m.status = DUPLICATE;
                m.duplicateOf = Optional.of(survivor);
            });
        }
        if (command instanceof Command.AddNote) {
            return write(m, () -> m.notes++);
        }
        if (command instanceof Command.ChangeSeverity) {
            Command.ChangeSeverity c = (Command.ChangeSeverity) command;
            if (c.to() == m.severity) {
                return Expectation.of(Kind.NO_OP);
            }
            boolean up = c.to().level() < m.severity.level();
            if (c.direction() == Direction.ESCALATE && !up || c.direction() == Direction.DOWNGRADE && up) {
                return Expectation.of(Kind.INVALID);
            }
            return write(m, () -> m.severity = c.to());
        }
        if (command instanceof Command.CorrelateService) {
            String service = ((Command.CorrelateService) command).service();
            if (service.equals(m.service) || m.correlated.contains(service)) {
                return Expectation.of(Kind.NO_OP);
            }
            return write(m, () -> m.correlated.add(service));
        }
        if (command instanceof Command.AssignRole) {
            Command.AssignRole r = (Command.AssignRole) command;
            if (r.assignee().name().equals(m.roles.get(r.role()))) {
                return Expectation.of(Kind.NO_OP);
            }
            return write(m, () -> m.roles.put(r.role(), r.assignee().name()));
        }
        if (command instanceof Command.AddActionItem) {
            return write(m, () -> m.itemsDone.add(false));
        }
        if (command instanceof Command.CompleteActionItem) {
            int item = ((Command.CompleteActionItem) command).itemId();
            if (item > m.itemsDone.size()) {
                return Expectation.of(Kind.INVALID);
            }
            if (m.itemsDone.get(item - 1)) {
                return Expectation.of(Kind.NO_OP);
            }
            return write(m, () -> m.itemsDone.set(item - 1, true));
        }
        if (command instanceof Command.UpdatePostmortem) {
            PostmortemUpdate u = ((Command.UpdatePostmortem) command).changes();
            String summary = u.summary().orElse(m.summary);
            String rootCause = u.rootCause().orElse(m.rootCause);
            if (summary.equals(m.summary) && rootCause.equals(m.rootCause)) {
                return Expectation.of(Kind.NO_OP);
            }
            return write(m, () -> {
                m.summary = summary;
                m.rootCause = rootCause;
            });
        }
        if (command instanceof Command.RecordPage) {
            return write(m, () -> {});   // the snapshot keeps nothing of a page but the version
        }
        if (command instanceof Command.PostPublicUpdate || command instanceof Command.RemindUpdate) {
            return write(m, () -> {});   // nor of a public update or a reminder
        }
        throw new AssertionError("the model has no rule for " + command);
    }

    private static Expectation write(Model m, Runnable change) {
        return new Expectation(Kind.WRITE, 1, () -> {
            change.run();
            m.version++;
        });
    }

    /** A change of status: not dated before the latest one. */
    private static Expectation move(Model m, Instant at, Runnable change) {
        if (at.isBefore(m.lastMoveAt)) {
            return Expectation.of(Kind.INVALID);
        }
        return new Expectation(Kind.WRITE, 1, () -> {
            change.run();
            m.version++;
            m.lastMoveAt = at;
        });
    }

    // ---- the property ---------------------------------------------------------------------

    /** A step: a command on one of the three incidents, or the retry of an earlier command id. */
    record Step(int target, Command command, String actor, long advanceSeconds, Timing timing, boolean withCommandId,
            boolean retry) {}

    /** When the command says it happened. */
    enum Timing { NOW, BEFORE_DECLARATION, TOO_FAR_AHEAD, SLIGHTLY_AHEAD }

    /** What a command id gave the first time. */
    record Done(int target, Command command, String actor, String commandId, Incident result) {}

    @Property(tries = 250)
    void everyCommandDoesWhatTheTableSays(@ForAll("scripts") List<Step> steps) {
        ManualClock clock = ManualClock.at(START);
        SimpleEventStore store = new SimpleEventStore();
        try (IncidentManager manager = IncidentKit.builder().store(store).clock(clock).build()) {
            Map<String, Model> models = new LinkedHashMap<>();
            Map<String, Incident> last = new HashMap<>();
            Severity[] severities = {Severity.SEV3, Severity.SEV2, Severity.SEV4};
            for (int i = 0; i < IDS.size(); i++) {
                Incident declared = manager.declare(Declare.of("Incident " + i, severities[i], "checkout"),
                        CommandContext.as("pagerduty"));
                assertThat(declared.id()).isEqualTo(IDS.get(i));
                assertThat(declared.status()).isEqualTo(OPEN);
                models.put(declared.id(), new Model(declared.id(), severities[i], "checkout"));
                last.put(declared.id(), declared);
            }
            List<Done> done = new ArrayList<>();
            int commandIds = 0;
            for (Step step : steps) {
                clock.advance(Duration.ofSeconds(step.advanceSeconds()));
                if (step.retry() && !done.isEmpty()) {
                    retry(manager, store, done.get(done.size() - 1));
                    continue;
                }
                String id = IDS.get(step.target());
                Model model = models.get(id);
                Incident before = manager.get(id);
                assertThat(before).isEqualTo(last.get(id));
                int historyBefore = store.readStream(id, 0).size();
                LogPosition headBefore = store.head();

                CommandContext context = CommandContext.as(step.actor());
                Optional<String> commandId = Optional.empty();
                if (step.withCommandId()) {
                    commandId = Optional.of("cmd-" + (++commandIds));
                    context = context.commandId(commandId.get());
                }
                Instant now = clock.instant();
                Instant at = now;
                switch (step.timing()) {
                    case BEFORE_DECLARATION: at = START.minusSeconds(1); break;
                    case TOO_FAR_AHEAD: at = now.plusSeconds(61); break;
                    case SLIGHTLY_AHEAD: at = now.plusSeconds(59); break;
                    default: break;
                }
                if (step.timing() != Timing.NOW) {
                    context = context.at(at);
                }
                Expectation expected = expect(model, step.command(), step.actor(), at, models);
                boolean badTime = step.timing() == Timing.BEFORE_DECLARATION || step.timing() == Timing.TOO_FAR_AHEAD;
                if (badTime && expected.kind() != Kind.INVALID) {
                    // Instants are checked before the incident's state: a rule break, not a transition.
                    expected = Expectation.of(Kind.INVALID);
                }
                Statistics.label("outcome").collect(expected.kind());

                Incident result = null;
                RuntimeException thrown = null;
                try {
                    result = manager.execute(id, step.command(), context);
                } catch (RuntimeException e) {
                    thrown = e;
                }
                String what = step.command() + " on " + id + " in " + model.status + " by " + step.actor();
                switch (expected.kind()) {
                    case WRITE:
                        assertThat(thrown).as(what).isNull();
                        expected.apply().run();
                        assertThat(result.version()).as(what).isEqualTo(before.version() + expected.events());
                        assertThat(store.readStream(id, 0)).as(what).hasSize(historyBefore + expected.events());
                        assertThat(store.head().position()).as(what).isEqualTo(headBefore.position() + expected.events());
                        matches(result, model, what);
                        assertThat(manager.get(id)).isEqualTo(result);
                        last.put(id, result);
                        if (commandId.isPresent()) {
                            done.add(new Done(step.target(), step.command(), step.actor(), commandId.get(), result));
                        }
                        break;
                    case NO_OP:
                        assertThat(thrown).as(what).isNull();
                        assertThat(result).as(what).isEqualTo(before);
                        nothingWritten(manager, store, id, historyBefore, headBefore, before);
                        break;
                    default:
                        Class<?> type = expected.kind() == Kind.ILLEGAL_TRANSITION ? IllegalTransitionException.class
                                : expected.kind() == Kind.NOT_FOUND ? IncidentNotFoundException.class
                                : ValidationException.class;
                        if (thrown == null) {
                            fail("%s should be rejected with %s but returned %s", what, type.getSimpleName(), result.status());
                        }
                        assertThat(thrown).as(what).isInstanceOf(type);
                        if (thrown instanceof IllegalTransitionException) {
                            IllegalTransitionException e = (IllegalTransitionException) thrown;
                            assertThat(e.status()).isEqualTo(model.status);
                            assertThat(e.command()).isEqualTo(step.command().type());
                            assertThat(e.allowed()).isEqualTo(allowed(model.status));
                            assertThat(e.getMessage()).contains(id, model.status.toString());
                        }
                        nothingWritten(manager, store, id, historyBefore, headBefore, before);
                        break;
                }
            }
            for (String id : IDS) {
                Incident current = manager.get(id);
                assertThat(current).isEqualTo(last.get(id));
                assertThat(Incident.replay(manager.history(id))).isEqualTo(current);
                matches(current, models.get(id), "at the end");
                VerificationResult verified = manager.verify(id);
                assertThat(verified.isIntact()).as(verified.toString()).isTrue();
                assertThat(verified.eventsChecked()).isEqualTo(manager.history(id).size());
            }
            assertThat(manager.list()).containsExactly(manager.get(IDS.get(0)), manager.get(IDS.get(1)), manager.get(IDS.get(2)));
            // Every status of the table is reached across the run, or the property proves little.
            models.values().forEach(m -> Statistics.label("final status").collect(m.status));
            Statistics.label("final status").coverage(c -> {
                for (Status s : Status.values()) {
                    c.check(s).count(n -> n > 0);
                }
            });
        }
    }

    /** A command id seen before returns what it gave the first time, and writes nothing. */
    private static void retry(IncidentManager manager, SimpleEventStore store, Done first) {
        String id = IDS.get(first.target());
        Incident before = manager.get(id);
        int historyBefore = store.readStream(id, 0).size();
        LogPosition headBefore = store.head();
        Incident again = manager.execute(id, first.command(), CommandContext.as(first.actor()).commandId(first.commandId()));
        assertThat(again).as("retry of %s", first.commandId()).isEqualTo(first.result());
        nothingWritten(manager, store, id, historyBefore, headBefore, before);
        Statistics.label("outcome").collect("RETRY");
    }

    private static void nothingWritten(IncidentManager manager, SimpleEventStore store, String id, int historyBefore,
            LogPosition headBefore, Incident before) {
        assertThat(store.head()).isEqualTo(headBefore);
        assertThat(store.readStream(id, 0)).hasSize(historyBefore);
        assertThat(manager.get(id)).isEqualTo(before);
    }

    private static void matches(Incident incident, Model m, String what) {
        assertThat(incident.status()).as(what).isEqualTo(m.status);
        assertThat(incident.version()).as(what).isEqualTo(m.version);
        assertThat(incident.severity()).as(what).isEqualTo(m.severity);
        assertThat(incident.correlatedServices()).as(what).isEqualTo(m.correlated);
        Map<Role, String> roles = new EnumMap<>(Role.class);
        incident.roles().forEach((role, actor) -> roles.put(role, actor.name()));
        assertThat(roles).as(what).isEqualTo(m.roles);
        assertThat(incident.acknowledgement().map(a -> a.by().name())).as(what).isEqualTo(m.firstAckBy);
        assertThat(incident.acknowledgement().map(a -> a.note())).as(what).isEqualTo(m.firstAckNote);
        assertThat(incident.milestones().acknowledgedAt().isPresent()).as(what).isEqualTo(m.firstAckBy.isPresent());
        assertThat(incident.notesCount()).as(what).isEqualTo(m.notes);
        assertThat(incident.actionItems()).extracting(ActionItem::isDone).as(what).isEqualTo(m.itemsDone);
        assertThat(incident.postmortem().summary()).as(what).isEqualTo(m.summary);
        assertThat(incident.postmortem().rootCause()).as(what).isEqualTo(m.rootCause);
        assertThat(incident.reopenCount()).as(what).isEqualTo(m.reopens);
        assertThat(incident.cancelReason()).as(what).isEqualTo(m.cancelReason);
        assertThat(incident.duplicateOf()).as(what).isEqualTo(m.duplicateOf);
        assertThat(incident.milestones().resolvedAt().isPresent()).as(what).isEqualTo(m.resolved);
        assertThat(incident.milestones().closedAt().isPresent()).as(what).isEqualTo(m.closed);
    }

    // ---- generators -----------------------------------------------------------------------

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Timing> timing = Arbitraries.frequency(Tuple.of(30, Timing.NOW), Tuple.of(1, Timing.BEFORE_DECLARATION),
                Tuple.of(1, Timing.TOO_FAR_AHEAD), Tuple.of(1, Timing.SLIGHTLY_AHEAD));
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1), Tuple.of(2, 2)),
                        commands(),
                        Arbitraries.of("alice", "bob", "carol"),
                        Arbitraries.longs().between(0, 3600),
                        timing,
                        Arbitraries.of(true, false),
                        Arbitraries.frequency(Tuple.of(1, true), Tuple.of(15, false)))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform()).withoutEdgeCases();
    }

    private static Arbitrary<String> notes() {
        return Arbitraries.of("", "on it", "DB failover", "\uD83D\uDD25 </script> | **x**");
    }

    private static Arbitrary<Command> commands() {
        Arbitrary<String> text = Arbitraries.frequency(Tuple.of(8, "Rolled back v2.3"), Tuple.of(1, " "), Tuple.of(1, ""));
        Arbitrary<Status> to = Arbitraries.of(INVESTIGATING, IDENTIFIED, MITIGATED, RESOLVED, CLOSED);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(Arbitraries.of("", "on it"), Arbitraries.of(Role.class).optional())
                        .as(Command.Acknowledge::new)),
                Tuple.of(10, Combinators.combine(to, notes()).as(Command.ChangeStatus::new)),
                Tuple.of(3, text.map(Command.Reopen::new)),
                Tuple.of(2, text.map(Command.Cancel::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(IDS.get(0), IDS.get(1), IDS.get(1), IDS.get(2), MISSING), notes())
                        .as(Command.MarkDuplicate::new)),
                Tuple.of(2, text.map(Command.AddNote::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(Severity.class), Arbitraries.of(Direction.class), notes())
                        .as(Command.ChangeSeverity::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of("checkout", "payments", "db.primary", "Bad Name"), notes())
                        .as(Command.CorrelateService::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(Role.class), Arbitraries.of("alice", "bob", "dave").map(Actor::of))
                        .as(Command.AssignRole::new)),
                Tuple.of(2, Combinators.combine(text, Arbitraries.of("bob", "erin").map(Actor::of).optional(),
                                Arbitraries.of(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 2, 28)).optional())
                        .as(Command.AddActionItem::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 4), notes()).as(Command.CompleteActionItem::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of("", "Bad deploy", "Pool exhausted"), Arbitraries.of("", "Pool too small"))
                        .as((summary, cause) -> {
                            PostmortemUpdate u = PostmortemUpdate.none();
                            if (!summary.isEmpty()) {
                                u = u.summary(summary);
                            }
                            if (!cause.isEmpty()) {
                                u = u.rootCause(cause);
                            }
                            return (Command) new Command.UpdatePostmortem(u);
                        })),
                Tuple.of(2, Combinators.combine(Arbitraries.of("alice", "bob", " "), Arbitraries.of(1, 2, 0),
                                Arbitraries.of(1, 2), Arbitraries.<List<String>>of(List.of(), List.of("email", "slack")))
                        .as((person, level, round, channels) -> (Command) new Command.RecordPage(person, level, round, "payments",
                                "level " + level + " of policy Payments: the SEV-2 incident was triggered", channels))),
                Tuple.of(2, Combinators.combine(Arbitraries.of("Checkout issues", "Checkout issues", " ", "two\nlines"),
                                Arbitraries.of(PublicStatus.class), Arbitraries.of(ComponentStatus.class),
                                Arbitraries.of("We are investigating.", "Fixed.\r\nMonitoring.", "", " \n "))
                        .as((title, status, impact, message) -> (Command) new Command.PostPublicUpdate(title, status, impact, message))),
                Tuple.of(2, Combinators.combine(Arbitraries.of(START.plusSeconds(1800), START.plusSeconds(7200)),
                                Arbitraries.of(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ZERO, Duration.ofMinutes(-5)))
                        .as((deadline, target) -> (Command) new Command.RemindUpdate(deadline, target))));
    }
}
