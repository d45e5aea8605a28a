package dev.incidentkit.core.oncall;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.internal.Ticker;
import dev.incidentkit.core.notify.UndeliverablePage;
import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.core.spi.EventStore;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs escalation policies: escalates every incident declared on a service that a policy covers
 * ({@link OnCallConfig#policyFor}), pages the people each level names when it is due, and stops
 * when the incident is acknowledged (or moves on in any other way).
 *
 * <p>A {@link #tick()} first reads the events recorded since the last tick: an {@code
 * incident.declared} starts the incident's escalation in the {@link EscalationStore}, and any
 * event that takes the incident out of {@link Status#OPEN} stops it. It then claims the steps due
 * now and takes them: a page is an {@code incident.paged} event on the incident's timeline for
 * each person ({@link Command.RecordPage}), which the manager's notifiers deliver to that
 * person's contact methods; a level with nobody on call says so on the timeline. The state after
 * each step is stored; a process that was down catches up step by step. The first escalator
 * built on a store starts from the events after its build: incidents declared before it are not
 * escalated.
 *
 * <p><b>Several processes.</b> Every process sharing the store may run an escalator: the store
 * gives each due step to one of them ({@link EscalationStore#claimDue}), and each page's command
 * id ({@code page:<incident>:<round>:<level>:<person>}) makes a step taken over from a process
 * that died after paging record nothing twice. Reading the events is idempotent (an incident is
 * escalated once), so processes may share the checkpoint ({@code escalator:<actor>}).
 *
 * <p><b>Undeliverable pages.</b> A page to a person with no contact method that a notifier of
 * the manager can reach, or whose every channel ends in a dead letter ({@link
 * dev.incidentkit.core.notify.Notifications#addUndeliverablePageListener}), is noted on the timeline and
 * brings the next level of the round forward to now: the escalation goes on at once instead of
 * waiting for the level's time. A new round still waits for the last level's time, so that a
 * policy nobody can be reached by does not page round after round at once.
 *
 * <p>Failures are loud: a step that fails is logged at WARN, counted in {@link #status()}, and
 * taken again once its claim lapses ({@link Builder#claimTtl}), by this process or another.
 *
 * <pre>{@code
 * Escalator escalator = Escalator.builder(manager, store, () -> config).build();
 * escalator.start(Duration.ofSeconds(1));
 * }</pre>
 *
 * @since 0.4.0
 */
public final class Escalator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Escalator.class);
    private static final String CHECKPOINT_PREFIX = "escalator:";
    private static final int CLAIMS = 50;
    private static final int MAX_COMMAND_ID = 200;

    private final IncidentManager manager;
    private final EscalationStore store;
    private final Supplier<OnCallConfig> config;
    private final Actor actor;
    private final String owner;
    private final Duration claimTtl;
    private final int maxSteps;
    private final Object lock = new Object();
    private final EscalatorHealth health;
    private final Consumer<UndeliverablePage> undeliverable = this::undeliverable;
    /** Undeliverable pages told before their step was stored: applied by the next tick's claims. */
    private final Set<UndeliverablePage> pending = ConcurrentHashMap.newKeySet();
    private final EscalationFeed feed;
    private volatile boolean closed;
    private final Ticker ticker = new Ticker("the escalator", "incidentkit-escalator", this::scheduledTick);

    private Escalator(Builder b) {
        this.manager = b.manager;
        this.store = b.store;
        this.config = b.config;
        this.actor = Actor.of(b.actor);
        this.owner = b.owner;
        this.claimTtl = b.claimTtl;
        this.maxSteps = b.maxSteps;
        this.health = new EscalatorHealth(manager.clock());
        this.feed = new EscalationFeed(manager, store, config, CHECKPOINT_PREFIX + actor.name());
        manager.notifications().addUndeliverablePageListener(undeliverable);
    }

    /**
     * @param manager the incidents to escalate, and the notifiers that page
     * @param store the store the manager works on: it must keep escalation timers
     * @param config the schedules, policies and people; asked again at every step, so that a
     *     changed configuration applies from the next step on
     * @return a builder
     * @throws IllegalArgumentException if the store keeps no escalation timers
     */
    public static Builder builder(IncidentManager manager, EventStore store, Supplier<OnCallConfig> config) {
        Objects.requireNonNull(store, "store");
        EscalationStore timers = store.escalationStore().orElseThrow(() -> new IllegalArgumentException(
                "store must keep escalation timers (EventStore.escalationStore()); " + store.getClass().getName() + " keeps none"));
        return new Builder(manager, timers, config);
    }

    /**
     * Starts and stops escalations by the events recorded since the last tick, then takes every
     * step due now, by the manager's clock.
     *
     * @return what the tick did
     * @throws IllegalStateException if the escalator is closed
     * @throws StoreException if the store failed while reading events; the next tick goes on
     *     from the last checkpoint
     */
    public EscalationTick tick() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the escalator is closed");
            }
            Instant start = manager.clock().instant();
            Counts counts = new Counts();
            EscalationFeed.Moves moves = feed.follow();
            counts.started = moves.started();
            counts.stopped = moves.stopped();
            for (int steps = 0; steps < maxSteps; ) {
                applyPendingHurries();
                // The clock is read again for each batch: a long tick must not claim with a stale now.
                Instant now = manager.clock().instant();
                List<EscalationStore.Claim> claims = store.claimDue(now, owner, claimTtl, Math.min(CLAIMS, maxSteps - steps));
                if (claims.isEmpty()) {
                    break;
                }
                for (EscalationStore.Claim claim : claims) {
                    step(claim, now, counts);
                    steps++;
                }
            }
            return counts.tick(start, store.nextDue());
        }
    }

    /** Takes one claimed step; after a failure its claim lapses, and the step is taken again then. */
    private void step(EscalationStore.Claim claim, Instant now, Counts counts) {
        Escalation e = claim.escalation();
        try {
            Optional<Incident> incident = manager.find(e.incidentId());
            if (incident.isEmpty() || incident.get().status() != Status.OPEN) {
                // Its acknowledgment is among the events not read yet, or it went away.
                store.acknowledge(e.incidentId(), now);
                counts.stopped++;
                return;
            }
            OnCallConfig on = config.get();
            Optional<EscalationPolicy> policy = on.policy(e.policyId());
            if (policy.isEmpty()) {
                end(claim, "escalation policy " + e.policyId() + " is no longer configured; the escalation ends", counts);
                return;
            }
            Step step;
            try {
                step = caughtUp(policy.get(), e, now, on, counts);
            } catch (IllegalArgumentException changed) {
                end(claim, "escalation policy " + e.policyId() + " changed and has no level " + e.level() + " for "
                        + e.severity() + " any more; the escalation ends", counts);
                return;
            }
            boolean hurry = false;
            if (step instanceof Step.Page page) {
                hurry = page(page, on, counts);
            } else if (step instanceof Step.NobodyOnCall nobody) {
                note(e.incidentId(), nobody.why(), "nobody:" + e.incidentId() + ':' + nobody.round() + ':' + nobody.level());
                counts.nobodyOnCall++;
            }
            if (!store.complete(claim, step.next())) {
                counts.lost++;
                return;
            }
            // Never into the next round: a policy nobody can be reached by would otherwise page
            // round after round at once.
            if (hurry && step.next().round() == ((Step.Page) step).round()) {
                store.hurry(e.incidentId(), step.next().round(), step.next().level(), now);
            }
            health.stepped();
        } catch (IllegalTransitionException ex) {
            // The incident moved on between the read and the page.
            try {
                store.acknowledge(e.incidentId(), now);
                counts.stopped++;
            } catch (RuntimeException re) {
                counts.failed++;
                health.failed("escalation of " + e.incidentId() + " could not be stopped: " + re, re);
            }
        } catch (RuntimeException ex) {
            // The claim is kept until it lapses: the step is taken again then, not spun on now.
            counts.failed++;
            health.failed("escalation of " + e.incidentId() + " failed at level " + e.level() + ": " + ex
                    + "; it is taken again in " + claimTtl, ex);
        }
    }

    /**
     * The step to take now. A step whose next step is due already was missed (no escalator ran
     * when it was due): it is passed over, so that a process back after a long stop, or an
     * incident declared back-dated, pages the level due now rather than every level and round it
     * missed; the timeline says how many were passed over. A step followed at the same instant (a
     * level with nobody on call, skipped) is not missed.
     */
    private Step caughtUp(EscalationPolicy policy, Escalation e, Instant now, OnCallConfig on, Counts counts) {
        Step step = Escalations.due(policy, e, now, on::schedule);
        int missed = 0;
        while (missed < maxSteps && step.isDue() && step.next().status() == Escalation.Status.RUNNING
                && step.next().at().isAfter(dueAt(step)) && !step.next().at().isAfter(now)) {
            step = Escalations.due(policy, step.next(), now, on::schedule);
            missed++;
        }
        if (missed > 0) {
            counts.missed += missed;
            note(e.incidentId(), missed + (missed == 1 ? " escalation step" : " escalation steps") + " due since " + e.at()
                    + " passed over: no escalator ran when they were due. The step due now is taken.",
                    commandId("missed", e.incidentId(), e.round(), e.level(), ""));
        }
        return step;
    }

    private static Instant dueAt(Step step) {
        if (step instanceof Step.Page p) {
            return p.at();
        }
        if (step instanceof Step.NobodyOnCall n) {
            return n.at();
        }
        return step.next().at();
    }

    /**
     * Records each person's page. @return whether nobody paged can be reached: the next step is
     * then due at once
     */
    private boolean page(Step.Page page, OnCallConfig on, Counts counts) {
        Set<String> reachable = manager.notifications().contactKinds();
        String incidentId = page.next().incidentId();
        List<String> unreachable = new ArrayList<>();
        for (String person : page.people()) {
            List<String> channels = on.person(person).map(p -> p.contacts().stream().map(ContactMethod::kind).toList())
                    .orElse(List.of());
            manager.submit(incidentId, Command.RecordPage.of(page, person, channels),
                    CommandContext.as(actor).commandId(commandId("page", incidentId, page.round(), page.level(), person)));
            counts.pages++;
            if (channels.stream().noneMatch(reachable::contains)) {
                unreachable.add(person + (channels.isEmpty() ? " (no contact method)"
                        : " (no notifier reaches " + String.join(", ", channels) + ")"));
            }
        }
        if (unreachable.isEmpty()) {
            return false;
        }
        counts.undeliverable++;
        health.undeliverable();
        String what = "Page of level " + page.level() + (page.round() > 1 ? ", round " + page.round() : "")
                + " could not be delivered: " + String.join("; ", unreachable) + ". The escalation goes on at once.";
        LOG.warn("Incident {}: {}", incidentId, what);
        note(incidentId, what, commandId("unreachable", incidentId, page.round(), page.level(), ""));
        return true;
    }

    /**
     * A page whose every channel failed for good, as the notifiers found: the escalation goes on
     * now. Told on a notifier's thread, possibly before the step that paged is stored (a dead letter
     * can come within milliseconds); it is then kept, and applied once the step is stored, before
     * the next claim of a tick.
     */
    private void undeliverable(UndeliverablePage failed) {
        if (closed) {
            return;
        }
        pending.add(failed);
        applyPendingHurries();
    }

    /** Applies each undeliverable page whose step is stored; forgets those the escalation moved past. */
    private void applyPendingHurries() {
        for (UndeliverablePage failed : pending) {
            try {
                if (hurryAfter(failed)) {
                    pending.remove(failed);
                }
            } catch (RuntimeException ex) {
                pending.remove(failed);
                health.failed("the undeliverable page of " + failed.incidentId() + " could not hurry its escalation: " + ex, ex);
            }
        }
    }

    /** @return whether the page is dealt with: the next level hurried, or nothing left to hurry */
    private boolean hurryAfter(UndeliverablePage failed) {
        Optional<Escalation> stored = store.find(failed.incidentId());
        IncidentEvent.Paged paged = failed.page();
        if (stored.isEmpty() || stored.get().status() != Escalation.Status.RUNNING) {
            return true;
        }
        Escalation e = stored.get();
        if (e.round() == paged.round() && e.level() == paged.level() && e.lastLevel() != paged.level()) {
            return false; // the step that paged is not stored yet
        }
        if (e.round() != paged.round() || e.lastLevel() != paged.level()) {
            return true; // moved past that page already, or the next step begins a round
        }
        // The note first: once the step is brought forward, a tick may take it at once.
        note(failed.incidentId(), "Page to " + paged.person() + " (level " + paged.level() + ") could not be delivered: "
                + failed.reasons() + ". The escalation goes on at once.", "undeliverable:" + failed.eventId());
        if (store.hurry(failed.incidentId(), e.round(), e.level(), manager.clock().instant())) {
            health.undeliverable();
        }
        return true;
    }

    private void end(EscalationStore.Claim claim, String why, Counts counts) {
        Escalation e = claim.escalation();
        note(e.incidentId(), why, "ended:" + e.incidentId() + ':' + e.round() + ':' + e.level());
        store.complete(claim, new Escalation(e.policyId(), e.incidentId(), e.severity(), e.triggeredAt(), e.round(), e.level(),
                e.at(), Escalation.Status.EXHAUSTED, e.lastLevel(), e.lastPaged()));
        counts.failed++;
        health.failed(why, null);
    }

    private void note(String incidentId, String text, String commandId) {
        manager.submit(incidentId, new Command.AddNote(text), CommandContext.as(actor).commandId(shorter(commandId)));
    }

    /** {@code page:<incident>:<round>:<level>:<person>}, with a digest for a person too long for a command id. */
    static String commandId(String kind, String incidentId, int round, int level, String person) {
        return shorter(kind + ':' + incidentId + ':' + round + ':' + level + (person.isEmpty() ? "" : ":" + person));
    }

    private static String shorter(String id) {
        if (id.length() <= MAX_COMMAND_ID && id.chars().noneMatch(Character::isISOControl)) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return id.substring(0, Math.min(id.indexOf(':') + 1, 40)) + "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * @param incidentId an incident
     * @return its escalation as stored, running or ended
     */
    public Optional<Escalation> escalation(String incidentId) {
        return store.find(incidentId);
    }

    /**
     * @param limit at most this many, positive
     * @return the running escalations, soonest due first
     */
    public List<Escalation> running(int limit) {
        return store.running(limit);
    }

    /** @return steps taken and failed, pages that could not be delivered, and the last failure */
    public EscalatorStatus status() {
        return health.status();
    }

    /**
     * Ticks every {@code period} on a daemon thread of the escalator's own, until {@link #close()}.
     * A failing tick is logged and counted, and the next one runs as planned.
     *
     * @param period the time between the end of one tick and the start of the next; how late a
     *     page may be
     * @throws IllegalArgumentException if {@code period} is not positive
     * @throws IllegalStateException if the escalator is started or closed already
     */
    public void start(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the escalator is closed");
            }
            ticker.start(period);
        }
    }

    private void scheduledTick() {
        if (closed) {
            return;
        }
        try {
            tick();
        } catch (IllegalStateException e) {
            if (!closed) {
                health.failed("escalator tick failed: " + e, e);
            }
        } catch (RuntimeException e) {
            health.failed("escalator tick failed: " + e + "; the next tick retries", e);
        }
    }

    /** Stops the schedule and waits (up to a minute) for a running tick to end. Idempotent. */
    @Override
    public void close() {
        closed = true;
        manager.notifications().removeUndeliverablePageListener(undeliverable);
        ticker.stop();
        synchronized (lock) {
            feed.forget();
        }
    }

    /** What one tick counts. */
    private static final class Counts {
        int started;
        int stopped;
        int pages;
        int nobodyOnCall;
        int undeliverable;
        int lost;
        int failed;
        int missed;

        EscalationTick tick(Instant now, Optional<Instant> nextDue) {
            return new EscalationTick(now, started, stopped, pages, nobodyOnCall, undeliverable, missed, lost, failed, nextDue);
        }
    }

    /** Builds an {@link Escalator}. */
    public static final class Builder {
        private final IncidentManager manager;
        private final EscalationStore store;
        private final Supplier<OnCallConfig> config;
        private String actor = "escalation";
        private String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        private Duration claimTtl = Duration.ofMinutes(1);
        private int maxSteps = 10_000;

        private Builder(IncidentManager manager, EscalationStore store, Supplier<OnCallConfig> config) {
            this.manager = Objects.requireNonNull(manager, "manager");
            this.store = store;
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * @param name who pages, on the timeline; also names the checkpoint ({@code
         *     escalator:<name>}). Default {@code escalation}. Every process escalating on one
         *     store must use the same: a step taken over from another process repeats its page's
         *     command id, which answers only to the actor that first used it.
         * @return this builder
         * @throws dev.incidentkit.core.ValidationException if the name is not an actor's
         */
        public Builder actor(String name) {
            this.actor = Actor.of(name).name();
            return this;
        }

        /**
         * @param owner who claims steps in the store: unique per process. Default the JVM's name and a random id.
         * @return this builder
         * @throws IllegalArgumentException if blank, longer than 200 characters or not on one line
         */
        public Builder owner(String owner) {
            Objects.requireNonNull(owner, "owner");
            if (owner.isBlank() || owner.length() > 200 || owner.contains("\n") || owner.contains("\r")) {
                throw new IllegalArgumentException("owner must be 1 to 200 characters on one line: " + owner);
            }
            this.owner = owner;
            return this;
        }

        /**
         * @param ttl how long a claimed step stays with this process: longer than a step takes.
         *     When the process dies, another takes the step over after it. Default one minute.
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder claimTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("claimTtl must be positive: " + ttl);
            }
            this.claimTtl = ttl;
            return this;
        }

        /**
         * @param max the most steps one tick takes (a process catching up after a long stop
         *     goes on at the next tick). Default 10,000.
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxStepsPerTick(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxStepsPerTick must be positive: " + max);
            }
            this.maxSteps = max;
            return this;
        }

        /**
         * @return the escalator, listening for undeliverable pages; tick it, or {@link Escalator#start} it
         * @throws StoreException if the store cannot be read or written (a first escalator saves its
         *     checkpoint at the store's head)
         */
        public Escalator build() {
            return new Escalator(this);
        }
    }
}
