package dev.incidentkit.core.sla;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentException;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.event.IncidentEvent.SlaBreached;
import dev.incidentkit.core.event.IncidentEvent.UpdateDue;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.Ticker;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import dev.incidentkit.core.spi.LogPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects SLA breaches and records each once, as an {@code incident.sla_breached} event, through
 * {@link IncidentManager#execute} with {@link Command.RecordSlaBreach}.
 *
 * <h2>How it works</h2>
 * The host calls {@link #tick()} (or has it called by {@link #start(Duration)}). A tick:
 * <ol>
 *   <li>(the first tick only) rebuilds the deadline queue, as the next section says;</li>
 *   <li>reads the events committed since the last tick ({@link IncidentManager#events}, on the
 *       ticking thread: no thread of its own, nothing asynchronous) and notes the incidents whose
 *       clocks they may change;</li>
 *   <li>takes from a deadline queue the incidents due strictly before the tick's instant, in
 *       O((due) log n), whatever the number n of open incidents;</li>
 *   <li>evaluates each noted or due incident from its history ({@link SlaPolicy#breaches}; read
 *       back from the store, except for incidents declared since the last tick, whose events the
 *       tick has just read), records the breaches not yet recorded, back-dated to when they
 *       happened, and puts the incident back in the queue at its next deadline (or drops it when
 *       no clock runs).</li>
 * </ol>
 *
 * <h2>Update reminders</h2>
 * A little before the update-cadence clock ({@link dev.incidentkit.core.SlaKind#UPDATE}) runs out
 * ({@link Builder#remindUpdatesBefore}, 5 minutes by default, at most half the cadence), the
 * monitor records {@code incident.update_due} with the incident's commander, once per deadline,
 * so that the notifiers remind the commander. An update before the deadline moves it, and the
 * next reminder comes before the next deadline; no update, and the breach follows at the deadline.
 * A reminder whose time came while no monitor ran is recorded late, if the deadline is still ahead.
 *
 * <h2>Restarts</h2>
 * The queue is memory only; the monitor saves how far it got instead. After a tick that
 * evaluated every incident it noted, it saves the position of the last event read as the
 * checkpoint {@code sla-monitor:<actor>} ({@link IncidentManager#saveCheckpoint}). A new monitor's
 * first tick reads that checkpoint, then pages through the active incidents ({@link
 * IncidentManager#query} with {@link IncidentQuery#active()}, the read model: no event is read)
 * and evaluates each of them, then reads the events after the checkpoint as any tick does. It so
 * costs O(active + events since the checkpoint), not O(events):
 * <ul>
 *   <li>an active incident has running clocks: it is evaluated whatever its last event, so that
 *       whatever became due while no monitor ran is recorded now;</li>
 *   <li>an incident that is not active (resolved, closed, canceled, duplicate) has no running
 *       clock ({@link SlaPolicy}: every clock runs only while the incident is active), so nothing
 *       becomes due for it later. What it may still owe is a breach due before it stopped, or the
 *       acknowledge miss of its resolution: when that happened while no monitor ran, its events
 *       lie after the checkpoint, and the new monitor evaluates it for them.</li>
 * </ul>
 * The checkpoint is read before the active incidents are: an incident whose status changes in
 * between has an event after the checkpoint, and none is missed. The restart trusts the read
 * model for the active set: an active incident without a summary (written by a 0.1.0 process,
 * say, whose appends write none) is evaluated only when its next event comes;
 * {@link IncidentManager#verifyReadModel()} finds such an incident and {@link
 * IncidentManager#rebuildReadModel()} writes its summary. Without a checkpoint (the first
 * monitor on a store) the first tick reads the store from the beginning (O(events), once).
 * Monitors with another policy should act as another actor, hence keep another checkpoint.
 *
 * <p>Recording is idempotent, since the decider writes nothing for a breach of the same kind
 * and deadline an incident already has, and the breaches are a pure function of the history, so
 * a second monitor, a retry or a restart records nothing twice. Several monitors on one store are
 * thus safe, if wasteful; their checkpoints may move back, which costs a later start more reads
 * and misses nothing.
 *
 * <h2>Threads</h2>
 * Thread-safe: ticks run one at a time. {@link #start(Duration)} starts one daemon thread, which
 * {@link #close()} stops; {@link #start(ScheduledExecutorService, Duration)} uses the host's
 * executor instead, and {@link #close()} cancels the schedule but leaves the executor alone.
 * Nothing else starts a thread. A monitor keeps no static state.
 *
 * <pre>{@code
 * try (SlaMonitor monitor = SlaMonitor.create(incidents)) {
 *     monitor.start(Duration.ofSeconds(30));
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SlaMonitor implements AutoCloseable {

    /** How long before an update is due the monitor reminds the commander, unless told. */
    public static final Duration DEFAULT_UPDATE_REMINDER = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(SlaMonitor.class);
    private static final int PAGE = 1_000;
    /**
     * The most events a tick keeps of the incidents declared since the last tick, to evaluate them
     * without reading them back; beyond it, incidents are read from the store.
     */
    private static final int MAX_BUFFERED = 100_000;
    /** Followed by the monitor's actor: the name of its checkpoint. */
    private static final String CHECKPOINT_PREFIX = "sla-monitor:";

    private final IncidentManager manager;
    private final SlaPolicy policy;
    private final Actor actor;
    private final Optional<Duration> updateLead;
    private final Object lock = new Object();
    private final DeadlineQueue queue = new DeadlineQueue();
    /** Incidents to evaluate at the next tick: changed by an event, or whose evaluation failed. */
    private final Set<String> pending = new LinkedHashSet<>();
    private LogPosition position = LogPosition.START;
    /** The checkpoint as saved last, to save it only when it moves. */
    private Optional<LogPosition> saved = Optional.empty();
    private boolean started;
    private volatile boolean closed;
    private final Ticker ticker = new Ticker("the SLA monitor", "incidentkit-sla-monitor", this::scheduledTick);

    private SlaMonitor(Builder b) {
        this.manager = b.manager;
        this.policy = b.policy.orElseGet(b.manager::slaPolicy);
        this.actor = b.actor;
        this.updateLead = b.updateLead;
    }

    /**
     * @param manager the incidents to watch
     * @return a monitor with the manager's {@link IncidentManager#slaPolicy()}, acting as {@code sla-monitor}
     */
    public static SlaMonitor create(IncidentManager manager) {
        return builder(manager).build();
    }

    /**
     * @param manager the incidents to watch
     * @return a builder for a monitor on {@code manager}
     */
    public static Builder builder(IncidentManager manager) {
        return new Builder(manager);
    }

    /** @return the policy the monitor checks */
    public SlaPolicy policy() {
        return policy;
    }

    /**
     * Records the breaches due before now, by the manager's clock. See the class comment for what
     * a tick does and costs.
     *
     * @return what the tick did: the breaches it recorded, and how much it looked at
     * @throws IllegalStateException if the monitor is closed
     * @throws StoreException if the store failed; incidents not yet evaluated are evaluated by
     *     the next tick
     */
    public SlaTick tick() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the SLA monitor is closed");
            }
            Instant now = manager.clock().instant();
            long examinedBefore = queue.examined();
            if (!started) {
                rebuild();
                started = true;
            }
            Map<String, List<RecordedEvent>> fresh = new HashMap<>();
            int eventsRead = catchUp(fresh);
            Set<String> work = new LinkedHashSet<>(pending);
            pending.clear();
            work.addAll(queue.pollDue(now));
            List<SlaTick.Recorded> recorded = new ArrayList<>();
            List<SlaTick.Reminded> reminded = new ArrayList<>();
            List<String> left = new ArrayList<>(work);
            for (int i = 0; i < left.size(); i++) {
                try {
                    evaluate(left.get(i), Optional.ofNullable(fresh.remove(left.get(i))), now, recorded, reminded);
                } catch (StoreException e) {
                    // Keep what was not done for the next tick, then let the host see the failure.
                    pending.addAll(left.subList(i, left.size()));
                    throw e;
                } catch (RuntimeException e) {
                    // One incident that cannot be evaluated must not keep the others from being checked.
                    LOG.warn("SLA monitor could not evaluate {}; the next tick retries", left.get(i), e);
                    pending.add(left.get(i));
                }
            }
            // Every incident noted up to here is evaluated: a restart may start after it.
            if (pending.isEmpty() && !saved.equals(Optional.of(position))) {
                manager.saveCheckpoint(checkpointName(), position);
                saved = Optional.of(position);
            }
            return new SlaTick(now, recorded, eventsRead, queue.examined() - examinedBefore, work.size(), queue.size(),
                    reminded);
        }
    }

    /**
     * Ticks every {@code period} on a daemon thread of the monitor's own, until {@link #close()}.
     * A failing tick is logged and the next one runs as planned.
     *
     * @param period the time between the end of one tick and the start of the next
     * @throws IllegalArgumentException if {@code period} is not positive
     * @throws IllegalStateException if the monitor is started or closed already
     */
    public void start(Duration period) {
        checkPeriod(period);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the SLA monitor is closed");
            }
            ticker.start(period);
        }
    }

    /**
     * Ticks every {@code period} on the host's executor, until {@link #close()}, which cancels
     * the schedule but does not shut the executor down. A failing tick is logged and the next one
     * runs as planned.
     *
     * @param executor where to run the ticks
     * @param period the time between the end of one tick and the start of the next
     * @throws IllegalArgumentException if {@code period} is not positive
     * @throws IllegalStateException if the monitor is started or closed already
     */
    public void start(ScheduledExecutorService executor, Duration period) {
        Objects.requireNonNull(executor, "executor");
        checkPeriod(period);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the SLA monitor is closed");
            }
            ticker.start(executor, period);
        }
    }

    /** @return how many incidents have a pending deadline in the queue */
    public int trackedIncidents() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** @return the position of the last event the monitor has read */
    public LogPosition position() {
        synchronized (lock) {
            return position;
        }
    }

    /**
     * Stops the schedule, if any, and waits for a running tick to end; stops the monitor's own
     * thread, if it started one, and waits (up to a minute) until it has ended. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        ticker.stop();
        // A tick of the host's executor may still run: wait for it by taking the lock.
        synchronized (lock) {
            pending.clear();
        }
    }

    private void scheduledTick() {
        if (closed) {
            return;
        }
        try {
            SlaTick tick = tick();
            if (!tick.recorded().isEmpty()) {
                LOG.debug("SLA monitor recorded {} breaches", tick.recorded().size());
            }
        } catch (IllegalStateException e) {
            if (!closed) {
                LOG.warn("SLA monitor tick failed", e);
            }
        } catch (RuntimeException e) {
            LOG.warn("SLA monitor tick failed; the next tick retries", e);
        }
    }

    private static void checkPeriod(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
    }

    /**
     * Starts from the checkpoint, with every active incident to evaluate; from the beginning of
     * the store without one. The checkpoint is read first: see the class comment.
     */
    private void rebuild() {
        Optional<LogPosition> checkpoint = manager.checkpoint(checkpointName());
        if (checkpoint.isEmpty()) {
            return;
        }
        IncidentQuery active = IncidentQuery.active().sortBy(SortKey.DECLARED, SortDirection.ASCENDING)
                .limit(IncidentQuery.MAX_LIMIT);
        IncidentPage page = manager.query(active);
        while (true) {
            page.incidents().forEach(i -> pending.add(i.id()));
            if (page.nextCursor().isEmpty()) {
                break;
            }
            page = manager.query(active.after(page.nextCursor().get()));
        }
        position = checkpoint.get();
        saved = checkpoint;
    }

    private String checkpointName() {
        return CHECKPOINT_PREFIX + actor.name();
    }

    /**
     * Reads the new events and notes the incidents whose clocks they may have changed. Keeps in
     * {@code fresh} the whole histories of incidents declared since the last tick (up to a bound),
     * which then need not be read again.
     */
    private int catchUp(Map<String, List<RecordedEvent>> fresh) {
        int read = 0;
        int buffered = 0;
        while (true) {
            List<RecordedEvent> page = manager.events(position, PAGE);
            for (RecordedEvent e : page) {
                position = e.position();
                read++;
                if (e.event().movesSlaClock()) {
                    pending.add(e.incidentId());
                }
                List<RecordedEvent> history = e.version() == 1 ? new ArrayList<>() : fresh.get(e.incidentId());
                if (history != null && buffered < MAX_BUFFERED && history.size() == e.version() - 1) {
                    history.add(e);
                    fresh.putIfAbsent(e.incidentId(), history);
                    buffered++;
                } else if (history != null) {
                    fresh.remove(e.incidentId());
                }
            }
            if (page.size() < PAGE) {
                return read;
            }
        }
    }

    private void evaluate(String incidentId, Optional<List<RecordedEvent>> read, Instant now, List<SlaTick.Recorded> recorded,
            List<SlaTick.Reminded> reminded) {
        List<RecordedEvent> history;
        if (read.isPresent()) {
            history = read.get();
        } else {
            try {
                history = manager.history(incidentId);
            } catch (IncidentNotFoundException e) {
                queue.remove(incidentId);
                return;
            }
        }
        SlaEvaluation evaluation = SlaEvaluation.run(policy, history, now);
        List<SlaBreach> done = new ArrayList<>();
        for (RecordedEvent e : history) {
            if (e.event() instanceof SlaBreached b) {
                done.add(new SlaBreach(b.kind(), b.target(), b.deadline(), e.occurredAt()));
            }
        }
        long version = history.get(history.size() - 1).version();
        for (SlaBreach v : evaluation.breaches()) {
            if (isRecorded(v, done)) {
                continue;
            }
            try {
                Incident after = manager.execute(incidentId, new Command.RecordSlaBreach(v.kind(), v.target(), v.deadline()),
                        CommandContext.as(actor).at(v.breachedAt()));
                // Another monitor may have recorded it first: then the command wrote nothing.
                if (after.version() > version && isRecorded(v, after.slaBreaches())) {
                    recorded.add(new SlaTick.Recorded(incidentId, v));
                }
                version = after.version();
            } catch (StoreException e) {
                throw e;
            } catch (IncidentException e) {
                LOG.warn("SLA monitor could not record the {} breach of {} (deadline {}); the next tick retries",
                        v.kind().wireName(), incidentId, v.deadline(), e);
                pending.add(incidentId);
            }
        }
        Optional<Instant> next = evaluation.nextCheck();
        Optional<Instant> remindAt = remind(incidentId, evaluation, history, version, now, reminded);
        if (remindAt.isPresent() && (next.isEmpty() || remindAt.get().isBefore(next.get()))) {
            next = remindAt;
        }
        if (next.isPresent()) {
            queue.schedule(incidentId, next.get());
        } else {
            queue.remove(incidentId);
        }
    }

    /**
     * Records the reminder of the pending update deadline once its time has come (and the deadline
     * has not passed: then the breach speaks), unless the history has it already.
     *
     * @return when to remind, while that lies ahead
     */
    private Optional<Instant> remind(String incidentId, SlaEvaluation evaluation, List<RecordedEvent> history, long version,
            Instant now, List<SlaTick.Reminded> reminded) {
        if (updateLead.isEmpty() || evaluation.status().isEmpty()) {
            return Optional.empty();
        }
        SlaClock clock = evaluation.status().get().clocks().get(SlaKind.UPDATE);
        if (clock == null || clock.state() != SlaState.PENDING || clock.paused() || clock.deadline().isEmpty()) {
            return Optional.empty();
        }
        Instant deadline = clock.deadline().get();
        Duration lead = updateLead.get();
        Duration half = clock.target().dividedBy(2);
        Instant at = deadline.minus(lead.compareTo(half) > 0 ? half : lead);
        if (now.isBefore(at)) {
            return Optional.of(at);
        }
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        for (RecordedEvent e : history) {
            if (e.event() instanceof UpdateDue u && u.deadline().equals(deadline)) {
                return Optional.empty();
            }
        }
        try {
            // One reminder per deadline: the command id makes a retry or a second monitor write nothing;
            // the version, that an update recorded since the history was read moves the deadline first.
            manager.execute(incidentId, new Command.RemindUpdate(deadline, clock.target()),
                    CommandContext.as(actor).commandId("update-due:" + incidentId + ":" + deadline).expectVersion(version));
            reminded.add(new SlaTick.Reminded(incidentId, deadline));
        } catch (StoreException e) {
            throw e;
        } catch (ConcurrencyConflictException e) {
            pending.add(incidentId);   // changed meanwhile: the next tick evaluates it again
        } catch (IncidentException e) {
            LOG.warn("SLA monitor could not remind {} of the update due at {}; the next tick retries", incidentId,
                    deadline, e);
            pending.add(incidentId);
        }
        return Optional.empty();
    }

    private static boolean isRecorded(SlaBreach v, List<SlaBreach> breaches) {
        for (SlaBreach b : breaches) {
            if (v.isSameAs(b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Configures an {@link SlaMonitor}. Each setter checks its argument at once and throws
     * {@link IllegalArgumentException} naming the bad value.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private final IncidentManager manager;
        private Optional<SlaPolicy> policy = Optional.empty();
        private Actor actor = Actor.of("sla-monitor");
        private Optional<Duration> updateLead = Optional.of(DEFAULT_UPDATE_REMINDER);

        private Builder(IncidentManager manager) {
            this.manager = Objects.requireNonNull(manager, "manager");
        }

        /**
         * @param policy the policy to check; the manager's {@link IncidentManager#slaPolicy()} by default
         * @return this builder
         */
        public Builder policy(SlaPolicy policy) {
            this.policy = Optional.of(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * @param name who the breach events are recorded as; {@code sla-monitor} by default
         * @return this builder
         * @throws IllegalArgumentException if the name is not a valid actor
         */
        public Builder actor(String name) {
            try {
                this.actor = Actor.of(name);
            } catch (IncidentException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return this;
        }

        /**
         * Reminds the commander of the next update this long before it is due (at most half the
         * severity's update cadence before): the monitor records {@code incident.update_due},
         * which the notifiers deliver like any event. {@link #DEFAULT_UPDATE_REMINDER} by default.
         *
         * @param lead how long before the deadline, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code lead} is not positive
         * @since 0.5.0
         */
        public Builder remindUpdatesBefore(Duration lead) {
            if (lead.isNegative() || lead.isZero()) {
                throw new IllegalArgumentException("the reminder must come before the deadline: " + lead);
            }
            this.updateLead = Optional.of(lead);
            return this;
        }

        /**
         * Records no update reminders: only the breaches.
         *
         * @return this builder
         * @since 0.5.0
         */
        public Builder noUpdateReminders() {
            this.updateLead = Optional.empty();
            return this;
        }

        /** @return the monitor; call {@link SlaMonitor#tick()} or start it */
        public SlaMonitor build() {
            return new SlaMonitor(this);
        }
    }
}
