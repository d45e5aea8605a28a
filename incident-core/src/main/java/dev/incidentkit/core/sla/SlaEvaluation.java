package dev.incidentkit.core.sla;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.IncidentEvent.Acknowledged;
import dev.incidentkit.core.event.IncidentEvent.ActionItemAdded;
import dev.incidentkit.core.event.IncidentEvent.ActionItemCompleted;
import dev.incidentkit.core.event.IncidentEvent.Canceled;
import dev.incidentkit.core.event.IncidentEvent.Declared;
import dev.incidentkit.core.event.IncidentEvent.MarkedDuplicate;
import dev.incidentkit.core.event.IncidentEvent.NoteAdded;
import dev.incidentkit.core.event.IncidentEvent.PostmortemUpdated;
import dev.incidentkit.core.event.IncidentEvent.RoleAssigned;
import dev.incidentkit.core.event.IncidentEvent.ServiceCorrelated;
import dev.incidentkit.core.event.IncidentEvent.SeverityChanged;
import dev.incidentkit.core.event.IncidentEvent.SlaBreached;
import dev.incidentkit.core.event.IncidentEvent.StatusChanged;
import dev.incidentkit.core.event.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass over an incident's history that runs its three SLA clocks: the status at an instant,
 * the breaches up to it, and when to look again. The history is cut into segments of constant
 * state between events; each clock checks, segment by segment, whether its deadline in force
 * passed while it ran. {@link SlaPolicy}'s Javadoc states the rules.
 */
final class SlaEvaluation {

    /** Counts working time: around the clock, or in a calendar's working hours. */
    interface WorkTime {
        Instant plus(Instant start, Duration amount);

        Duration between(Instant from, Instant to);
    }

    private static final WorkTime AROUND_THE_CLOCK = new WorkTime() {
        @Override
        public Instant plus(Instant start, Duration amount) {
            return start.plus(amount);
        }

        @Override
        public Duration between(Instant from, Instant to) {
            return Duration.between(from, to);
        }
    };

    static WorkTime workTime(SlaTargets targets) {
        if (targets.calendar().isEmpty()) {
            return AROUND_THE_CLOCK;
        }
        BusinessCalendar calendar = targets.calendar().get();
        return new WorkTime() {
            @Override
            public Instant plus(Instant start, Duration amount) {
                return calendar.plusWorkingTime(start, amount);
            }

            @Override
            public Duration between(Instant from, Instant to) {
                return calendar.workingTimeBetween(from, to);
            }
        };
    }

    private final Optional<SlaStatus> status;
    private final List<SlaBreach> breaches;
    private final Optional<Instant> nextCheck;

    private SlaEvaluation(Optional<SlaStatus> status, List<SlaBreach> breaches, Optional<Instant> nextCheck) {
        this.status = status;
        this.breaches = breaches;
        this.nextCheck = nextCheck;
    }

    /** @return the status at the instant, or empty if the incident was not yet declared then */
    Optional<SlaStatus> status() {
        return status;
    }

    /** @return every breach up to the instant, in the order they happened */
    List<SlaBreach> breaches() {
        return breaches;
    }

    /**
     * @return when this evaluation may change without a new event: the earliest pending deadline,
     *     or an event already in the history that lies after the instant
     */
    Optional<Instant> nextCheck() {
        return nextCheck;
    }

    static SlaEvaluation run(SlaPolicy policy, List<RecordedEvent> history, Instant now) {
        if (history.isEmpty() || !(history.get(0).event() instanceof Declared d)) {
            throw new IllegalArgumentException("an incident's history starts with its declaration; got "
                    + (history.isEmpty() ? "no events" : history.get(0).type()));
        }
        RecordedEvent first = history.get(0);
        if (now.isBefore(first.occurredAt())) {
            return new SlaEvaluation(Optional.empty(), List.of(), Optional.of(first.occurredAt()));
        }
        return new Run(policy, first, d, now).play(history);
    }

    /** The state between two events: all a clock needs to know whether it runs. */
    private static final class State {
        Severity severity;
        Status status;
        boolean ackOpen;
        Instant lastUpdate;
        Instant severityChangedAt;

        State copy() {
            State s = new State();
            s.severity = severity;
            s.status = status;
            s.ackOpen = ackOpen;
            s.lastUpdate = lastUpdate;
            s.severityChangedAt = severityChangedAt;
            return s;
        }
    }

    private static final class Segment {
        final Instant start;
        final Instant end;
        final State state;

        Segment(Instant start, Instant end, State state) {
            this.start = start;
            this.end = end;
            this.state = state;
        }
    }

    /** What one clock has found so far in its current run. */
    private static final class Track {
        final SlaKind kind;
        /** Breached in this run (sticky until the run ends). */
        boolean breached;
        Duration breachTarget = Duration.ZERO;
        Instant breachDeadline = Instant.EPOCH;
        /** Stopped for good in this run: acknowledged, resolved, or an acknowledge miss. */
        boolean stopped;
        /** The deadline and target in force in the last segment the clock ran in. */
        Optional<Instant> deadline = Optional.empty();
        Duration target = Duration.ZERO;
        /** The end of the last segment the clock ran in. */
        Optional<Instant> ranUntil = Optional.empty();
        /** The deadline of the previous segment and what it was computed for, to reuse it. */
        int cachedFor = -2;

        Track(SlaKind kind) {
            this.kind = kind;
        }

        void newRun() {
            breached = false;
            stopped = false;
            deadline = Optional.empty();
            cachedFor = -2;
        }
    }

    /** Plays the history: each event that moves a clock changes the state through the visitor. */
    private static final class Run implements IncidentEvent.Visitor<Void> {
        private final SlaPolicy policy;
        private final String incidentId;
        private final Instant detectedAt;
        private final Instant declaredAt;
        private final Instant now;
        private final State state = new State();
        private final List<Segment> segments = new ArrayList<>();
        private final List<SlaBreach> breaches = new ArrayList<>();
        private final Track ack = new Track(SlaKind.ACK);
        private final Track resolve = new Track(SlaKind.RESOLVE);
        private final Track update = new Track(SlaKind.UPDATE);

        /** When the event being applied took effect. */
        private Instant at;

        Run(SlaPolicy policy, RecordedEvent first, Declared d, Instant now) {
            this.policy = policy;
            this.incidentId = first.incidentId();
            this.detectedAt = d.detectedAt();
            this.declaredAt = first.occurredAt();
            this.now = now;
            state.severity = d.severity();
            state.status = Status.OPEN;
            state.ackOpen = true;
            state.lastUpdate = declaredAt;
            state.severityChangedAt = detectedAt;
        }

        SlaEvaluation play(List<RecordedEvent> history) {
            Instant segmentStart = detectedAt;
            Instant previous = declaredAt;
            Optional<Instant> future = Optional.empty();
            for (int i = 1; i < history.size(); i++) {
                RecordedEvent e = history.get(i);
                if (e.occurredAt().isAfter(now)) {
                    future = Optional.of(e.occurredAt());
                    break;
                }
                if (!e.event().movesSlaClock()) {
                    continue;
                }
                // Back-dating can put a later version before an earlier one: keep time monotone.
                Instant at = e.occurredAt().isBefore(previous) ? previous : e.occurredAt();
                previous = at;
                close(segmentStart, at);
                this.at = at;
                e.event().accept(this);
                segmentStart = at;
            }
            close(segmentStart, now);

            Map<SlaKind, SlaClock> clocks = new EnumMap<>(SlaKind.class);
            clocks.put(SlaKind.ACK, finalAck());
            clocks.put(SlaKind.RESOLVE, finalResolve());
            finalUpdate().ifPresent(c -> clocks.put(SlaKind.UPDATE, c));
            SlaStatus status = new SlaStatus(incidentId, now, state.severity, state.status, clocks);
            Optional<Instant> next = status.nextDeadline();
            if (future.isPresent() && (next.isEmpty() || future.get().isBefore(next.get()))) {
                next = future;
            }
            // In the order they happened; within one instant, in the order of SlaKind.
            breaches.sort(Comparator.comparing(SlaBreach::breachedAt).thenComparing(SlaBreach::kind)
                    .thenComparing(SlaBreach::deadline));
            return new SlaEvaluation(Optional.of(status), List.copyOf(breaches), next);
        }

        /** A declaration later in the history moves nothing: the fold refuses it. */
        @Override
        public Void declared(Declared e) {
            return null;
        }

        @Override
        public Void acknowledged(Acknowledged e) {
            if (state.ackOpen) {
                state.ackOpen = false;
                ack.stopped = true;
            }
            state.status = Status.ACKNOWLEDGED;
            updated(at);
            return null;
        }

        @Override
        public Void statusChanged(StatusChanged c) {
            if (c.isReopen()) {
                resolve.newRun();
            }
            if (c.to() == Status.RESOLVED) {
                if (state.ackOpen) {
                    // Resolved without an acknowledgement: a skipped milestone is an acknowledge miss.
                    state.ackOpen = false;
                    if (!ack.breached && ack.deadline.isPresent()) {
                        breach(ack, ack.target, ack.deadline.get(), at);
                    }
                    ack.stopped = true;
                    ack.ranUntil = Optional.of(at);
                }
                if (!resolve.stopped && resolve.cachedFor != segments.size() - 1) {
                    // Resolved while paused: no deadline was in force.
                    resolve.deadline = Optional.empty();
                    resolve.target = targets(state).resolve();
                }
                resolve.stopped = true;
            }
            state.status = c.to();
            updated(at);
            return null;
        }

        @Override
        public Void noteAdded(NoteAdded e) {
            updated(at);
            return null;
        }

        @Override
        public Void severityChanged(SeverityChanged e) {
            state.severity = e.to();
            state.severityChangedAt = at;
            return null;
        }

        @Override
        public Void serviceCorrelated(ServiceCorrelated e) {
            return null;
        }

        @Override
        public Void roleAssigned(RoleAssigned e) {
            return null;
        }

        @Override
        public Void actionItemAdded(ActionItemAdded e) {
            return null;
        }

        @Override
        public Void actionItemCompleted(ActionItemCompleted e) {
            return null;
        }

        @Override
        public Void postmortemUpdated(PostmortemUpdated e) {
            return null;
        }

        @Override
        public Void slaBreached(SlaBreached e) {
            return null;
        }

        @Override
        public Void alertAttached(IncidentEvent.AlertAttached e) {
            return null;
        }

        @Override
        public Void alertResolved(IncidentEvent.AlertResolved e) {
            return null;
        }

        @Override
        public Void paged(IncidentEvent.Paged e) {
            return null;   // paging someone is not acknowledging: no clock stops
        }

        @Override
        public Void publicUpdatePosted(IncidentEvent.PublicUpdatePosted e) {
            return null;   // customers were told; the update clock waits for the internal update
        }

        @Override
        public Void updateDue(IncidentEvent.UpdateDue e) {
            return null;
        }

        @Override
        public Void canceled(Canceled e) {
            state.status = Status.CANCELED;
            updated(at);
            return null;
        }

        @Override
        public Void markedDuplicate(MarkedDuplicate e) {
            state.status = Status.DUPLICATE;
            updated(at);
            return null;
        }

        private void updated(Instant at) {
            if (at.isAfter(state.lastUpdate)) {
                state.lastUpdate = at;
            }
            update.newRun();
        }

        /** Ends the segment {@code [start, end)} in the current state: each clock checks it. */
        private void close(Instant start, Instant end) {
            Segment segment = new Segment(start, end, state.copy());
            segments.add(segment);
            int index = segments.size() - 1;
            checkAccumulating(resolve, index);
            checkAccumulating(ack, index);
            checkUpdate(segment);
        }

        private SlaTargets targets(State s) {
            return policy.targets(s.severity);
        }

        private boolean runs(Track t, State s) {
            if (!s.status.isActive()) {
                return false;
            }
            if (t.kind == SlaKind.ACK) {
                return s.ackOpen;
            }
            return !(policy.pausesResolveWhileMitigated() && s.status == Status.MITIGATED);
        }

        private Instant measuredFrom(State s) {
            return policy.recomputeFrom() == RecomputeFrom.SEVERITY_CHANGE ? s.severityChangedAt : detectedAt;
        }

        /** The acknowledge or resolve clock over segment {@code index}. */
        private void checkAccumulating(Track t, int index) {
            Segment segment = segments.get(index);
            State s = segment.state;
            if (t.stopped || !runs(t, s)) {
                return;
            }
            Duration target = targets(s).target(t.kind).orElseThrow();
            Optional<Instant> deadline;
            Segment previous = index > 0 ? segments.get(index - 1) : segment;
            // Running on in the same severity from the same start: the deadline is the one in force.
            if (t.cachedFor == index - 1 && previous.state.severity == s.severity
                    && measuredFrom(previous.state).equals(measuredFrom(s))) {
                deadline = t.deadline;
            } else {
                deadline = reach(t, index, target).deadline;
            }
            t.deadline = deadline;
            t.target = target;
            t.cachedFor = index;
            t.ranUntil = Optional.of(segment.end);
            if (!t.breached && deadline.isPresent()) {
                Instant due = max(deadline.get(), segment.start);
                if (due.isBefore(segment.end)) {
                    breach(t, target, deadline.get(), due);
                }
            }
        }

        /**
         * Walks the segments up to {@code index} (which runs on without end) consuming the target:
         * where the clock reaches it, or how much of it is left.
         */
        private Reach reach(Track t, int index, Duration target) {
            State s = segments.get(index).state;
            WorkTime work = workTime(targets(s));
            Instant from = measuredFrom(s);
            Duration remaining = target;
            for (int i = 0; i <= index; i++) {
                Segment seg = segments.get(i);
                if (!runs(t, seg.state)) {
                    continue;
                }
                Instant a = max(seg.start, from);
                if (i == index) {
                    return new Reach(Optional.of(work.plus(a, remaining)), remaining);
                }
                if (!seg.end.isAfter(a)) {
                    continue;
                }
                Duration available = work.between(a, seg.end);
                if (remaining.compareTo(available) <= 0) {
                    return new Reach(Optional.of(work.plus(a, remaining)), Duration.ZERO);
                }
                remaining = remaining.minus(available);
            }
            return new Reach(Optional.empty(), remaining);
        }

        private void checkUpdate(Segment segment) {
            State s = segment.state;
            Optional<Duration> target = targets(s).update();
            if (target.isEmpty() || !s.status.isActive() || update.breached) {
                return;
            }
            Instant deadline = updateDeadline(s, target.get());
            update.deadline = Optional.of(deadline);
            update.target = target.get();
            Instant due = max(deadline, segment.start);
            if (due.isBefore(segment.end)) {
                breach(update, target.get(), deadline, due);
            }
        }

        private Instant updateDeadline(State s, Duration target) {
            Instant from = policy.recomputeFrom() == RecomputeFrom.SEVERITY_CHANGE
                    ? max(s.lastUpdate, s.severityChangedAt) : s.lastUpdate;
            return workTime(targets(s)).plus(from, target);
        }

        private void breach(Track t, Duration target, Instant deadline, Instant due) {
            t.breached = true;
            t.breachTarget = target;
            t.breachDeadline = deadline;
            for (SlaBreach b : breaches) {
                if (b.kind() == t.kind && b.deadline().equals(deadline)) {
                    return;
                }
            }
            // Not before the declaration: nothing can be recorded before the incident exists.
            breaches.add(new SlaBreach(t.kind, target, deadline, max(due, declaredAt)));
        }

        private SlaClock finalAck() {
            return finalAccumulating(ack);
        }

        private SlaClock finalResolve() {
            return finalAccumulating(resolve);
        }

        private SlaClock finalAccumulating(Track t) {
            Duration current = targets(state).target(t.kind).orElseThrow();
            int last = segments.size() - 1;
            if (t.breached) {
                Instant until = runs(t, state) && !t.stopped ? now : t.ranUntil.orElse(now);
                return new SlaClock(t.kind, t.breachTarget, Optional.of(t.breachDeadline), SlaState.BREACHED,
                        Duration.ZERO, positive(Duration.between(t.breachDeadline, until)), false);
            }
            if (t.stopped) {
                return new SlaClock(t.kind, t.target, t.deadline, SlaState.MET, Duration.ZERO, Duration.ZERO, false);
            }
            if (runs(t, state)) {
                Instant deadline = t.deadline.orElseThrow();
                Duration remaining = positive(workTime(targets(state)).between(now, deadline));
                return new SlaClock(t.kind, current, Optional.of(deadline), SlaState.PENDING, remaining, Duration.ZERO, false);
            }
            if (state.status.isActive()) {
                // Paused: the resolve clock while MITIGATED.
                Duration remaining = reach(t, last, current).remaining;
                return new SlaClock(t.kind, current, Optional.empty(), SlaState.PENDING, remaining, Duration.ZERO, true);
            }
            // Canceled or a duplicate before it stopped: nothing was missed, nothing is owed.
            return new SlaClock(t.kind, current, Optional.empty(), SlaState.MET, Duration.ZERO, Duration.ZERO, false);
        }

        private Optional<SlaClock> finalUpdate() {
            Optional<Duration> target = targets(state).update();
            if (target.isEmpty()) {
                return Optional.empty();
            }
            if (!state.status.isActive()) {
                return Optional.of(new SlaClock(SlaKind.UPDATE, target.get(), Optional.empty(), SlaState.MET,
                        Duration.ZERO, Duration.ZERO, false));
            }
            if (update.breached) {
                return Optional.of(new SlaClock(SlaKind.UPDATE, update.breachTarget, Optional.of(update.breachDeadline),
                        SlaState.BREACHED, Duration.ZERO, positive(Duration.between(update.breachDeadline, now)), false));
            }
            Instant deadline = updateDeadline(state, target.get());
            Duration remaining = positive(workTime(targets(state)).between(now, deadline));
            return Optional.of(new SlaClock(SlaKind.UPDATE, target.get(), Optional.of(deadline), SlaState.PENDING,
                    remaining, Duration.ZERO, false));
        }
    }

    /** Where a clock reaches its target, or how much of it is left when it does not. */
    private static final class Reach {
        final Optional<Instant> deadline;
        final Duration remaining;

        Reach(Optional<Instant> deadline, Duration remaining) {
            this.deadline = deadline;
            this.remaining = remaining;
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
