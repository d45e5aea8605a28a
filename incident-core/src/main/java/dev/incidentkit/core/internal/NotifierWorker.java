package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.DeadLetterNotFoundException;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.notify.DeliverySettings.StartPosition;
import dev.incidentkit.core.notify.NotifierStatus;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the store's events to one notifier, on a thread of its own: a tracking subscription
 * with a stored checkpoint, under a lease so that one process at a time delivers.
 *
 * <p>The loop: hold the lease (renewed every third of its time to live), read a batch after the
 * checkpoint, for each event take the incident it left (prepared by the command or by another
 * worker, else folded here), route and deliver with retries, and save the checkpoint once the
 * batch is done. Events are handled one at a time, so a notifier sees them in the store's global
 * order, hence in order per incident.
 *
 * <p>The checkpoint is saved after each batch, before each renewal of the lease and before the
 * worker stops, not after each event: a store write per event and notifier cost more than the
 * delivery itself (a transaction each on a JDBC store). The price is on a crash: the next
 * process delivers again what was delivered since the last save, at most a batch or a third of
 * the lease's time to live, under the same CloudEvent ids. (A store error in the middle of a
 * batch costs nothing of the kind as long as the store takes the checkpoint: the worker saves
 * what it delivered before it starts again from there.) A worker saves what it delivered
 * before it renews or takes the lease again, so that a lease that changes hands (or lapses
 * during a long pause) costs no redelivery of what was saved.
 *
 * <p>The worker thread calls the notifier itself: handing each call to another thread cost two
 * context switches per event and notifier, which made the workers four times as expensive and,
 * on a small machine, slowed commands down. The call timeout is kept by the dispatcher's {@link
 * #checkTimeout watchdog}: when a call outlives it, the watchdog abandons the thread in the call
 * (interrupting it) and starts a new worker thread, which counts the call as a transient failure
 * and goes on. A permit keeps calls to the notifier one at a time even then: the next attempt
 * waits for the abandoned call, up to the timeout, and counts as a transient failure if it is
 * still running. Replays run on call threads of a pool instead, bounded by the same timeout, and
 * count in the notifier's health as its attempts do.
 *
 * <p>Whatever the notifier throws, an {@link Error} included, is a failed attempt, short of an
 * error after which the JVM may not go on ({@link #fatal}). So is whatever the worker's own steps
 * throw (the store, building a notification): the worker goes on from its checkpoint. The health
 * this gives ({@link NotifierStatus.Health}) is logged once per change, not per attempt: at WARN
 * (ERROR for an {@code Error}) with what was thrown when it starts failing, at INFO when it
 * recovers; the status shows the count and the last failure. Dead letters made while it is
 * failing are logged at INFO, having been announced.
 *
 * <p>Close asks for a drain ({@link #requestStop}): the worker goes on until it has handled every
 * event in the store, until the drain's deadline, or until an attempt made after the request
 * fails, whichever comes first; the dispatcher then counts and reports what is left ({@link
 * #shutDown}). A notifier that was failing gets one fresh attempt at once, its backoff cut short:
 * one earlier failure (a single 503) must not cost what is pending when the endpoint is back. A
 * notifier still in a call that began before close gets none: it has had its chance, and close
 * must not wait a second call timeout for it.
 *
 * <p>Fields without {@code volatile} or a lock belong to the active worker thread (and to {@link
 * #initialize()}, which runs before the first one starts). A thread hands them over only inside
 * a call, under {@code callLock}, when the watchdog starts its successor, and never touches them
 * again.
 */
final class NotifierWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierWorker.class);
    private static final int SNAPSHOTS = 1_024;
    /**
     * After events, a worker looks again every millisecond for a while instead of asking to be
     * woken: during a burst of commands, none of them pays for waking the notifiers, which take
     * the burst's events in batches, a millisecond late at most. Idle for 20 ms, it parks until
     * an append wakes it.
     */
    private static final long LINGER_NANOS = 1_000_000;
    private static final int LINGER_ROUNDS = 20;
    /** How many events close looks at to count what it leaves undelivered: a bound on its time. */
    private static final int COUNT_LIMIT = 100_000;
    /**
     * How long close spends counting what it leaves undelivered, past the first batch: a backlog
     * on a slow store must not hold close up. The count is then a lower bound. Measured in real
     * time and by the manager's clock, whichever runs out first: a test can drive it, and a host's
     * frozen clock does not lift the bound.
     */
    static final Duration COUNT_TIME = Duration.ofSeconds(1);
    private static final long JOIN_SLICE_MILLIS = 20;

    /** What became of one event. */
    private enum Outcome {
        /** Delivered, dead-lettered, or not routed here: the checkpoint moves past it. */
        HANDLED,
        /** The lease went to another process: drop the event, re-read the checkpoint when it comes back. */
        LEASE_LOST,
        /** The worker is stopping: leave the event for the next run. */
        CLOSED
    }

    private enum LeaseState { HELD, TAKEN, NOT_HELD }

    private final String name;
    private final Notifier notifier;
    private final Route route;
    private final EventStore store;
    private final DeliveryStore deliveries;
    private final CloudEventCodec codec;
    private final Clock clock;
    private final DeliverySettings settings;
    private final Optional<URI> links;
    private final String owner;
    private final Waiter waiter;
    private final AppendSignal signal;
    private final String checkpointName;
    private final Duration renewEvery;
    private final long pollMillis;
    private final ThreadPoolExecutor calls;
    private final Semaphore permit = new Semaphore(1);
    private final Queue<Thread> callThreadsMade = new ConcurrentLinkedQueue<>();
    private final Object pollLock = new Object();
    private final AtomicInteger threads = new AtomicInteger();
    private volatile Thread active;
    /** Stop requested: the worker drains until {@link #drainUntil} and then stops; see {@link #stopping()}. */
    private volatile boolean closed;
    /** The drain's deadline, in {@link System#nanoTime()}; set before {@link #closed}. */
    private volatile long drainUntil;
    /** An attempt (or a step of the loop) failed after close was asked for: the drain is over. */
    private boolean drainOver;
    /** Whether the last call to the notifier began after close was asked for; handed over with the call. */
    private boolean callAfterClose;

    /**
     * Health, for {@link #status()}: written by the active worker thread only on a change, so that
     * a delivery reads one volatile field. {@link #spellFailures} and {@link #spellStart} are
     * guarded by {@code healthLock}, since a replay (on the host's thread) fails attempts too;
     * {@link #thrown} carries what the last call threw from {@link #callHere} to the failure it becomes.
     */
    private volatile boolean failing;
    private volatile boolean dead;
    private volatile NotifierStatus.@Nullable Failure lastFailure;
    private final AtomicLong failedAttempts = new AtomicLong();
    private final Object healthLock = new Object();
    private long spellFailures;
    private Instant spellStart = Instant.MIN;
    /** Failing because a step of the loop threw, not an attempt: the next clean round recovers. */
    private boolean loopFailing;
    private @Nullable Throwable thrown;
    /** What {@link #status()} answers once the worker is shut down. */
    private volatile @Nullable NotifierStatus finalStatus;

    /**
     * The call in progress on the active thread, for the watchdog; guarded by {@code callLock}.
     * Fields rather than a {@link Resume}: a call that returns in time, nearly all of them, allocates nothing.
     */
    private final Object callLock = new Object();
    private @Nullable Thread inCall;
    private long callDeadline;
    private @Nullable StoredEvent callStored;
    private @Nullable Notification callNotification;
    private int callAttempt;
    /** What a new worker thread takes over from an abandoned one; guarded by {@code callLock}. */
    private @Nullable Resume resume;

    /** An attempt on an event: the one in progress, or the one a new thread goes on from. */
    private record Resume(StoredEvent stored, Notification notification, int attempt, @Nullable DeliveryResult result) {}

    /**
     * Unwinds an abandoned thread out of the loop without touching the worker's state. An Error,
     * so that no {@code catch (RuntimeException)} on the way stops it.
     */
    private static final class Abandoned extends Error {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("abandoned after its call timed out", null, false, false);
        }
    }

    private final SplittableRandom random = new SplittableRandom();
    private final IncidentSnapshots snapshots;
    private final @Nullable PreparedEvents prepared;
    private @Nullable LogPosition position;
    private boolean unsaved;
    private boolean holding;
    private Instant renewedAt = Instant.MIN;
    /** When the lease is next due for renewal, in the clock's milliseconds: the check before every call. */
    private long renewDueMillis = Long.MIN_VALUE;
    /** The route takes every event: no need to look at the event or the incident. */
    private final boolean routesEverything;

    NotifierWorker(Notifier notifier, Route route, EventStore store, DeliveryStore deliveries, CloudEventCodec codec,
            Clock clock, DeliverySettings settings, Optional<URI> links, String owner, Waiter waiter,
            AppendSignal signal, @Nullable PreparedEvents prepared) {
        this.name = notifier.name();
        this.notifier = notifier;
        this.route = route;
        this.store = store;
        this.deliveries = deliveries;
        this.codec = codec;
        this.clock = clock;
        this.settings = settings;
        this.links = links;
        this.owner = owner;
        this.waiter = waiter;
        this.signal = signal;
        this.checkpointName = NotifierNames.checkpoint(name);
        this.renewEvery = settings.leaseTtl().dividedBy(3);
        this.pollMillis = Math.max(1, settings.pollInterval().toMillis());
        this.snapshots = new IncidentSnapshots(store, SNAPSHOTS);
        this.prepared = prepared;
        this.routesEverything = route.types().contains("*") && route.minimumSeverity().isEmpty()
                && route.services().isEmpty();
        AtomicInteger callThreads = new AtomicInteger();
        this.calls = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "incidentkit-notifier-" + name + "-call-" + callThreads.incrementAndGet());
            t.setDaemon(true);
            callThreadsMade.removeIf(old -> old.getState() == Thread.State.TERMINATED);
            callThreadsMade.add(t);
            return t;
        });
        this.active = newThread();
    }

    private Thread newThread() {
        int n = threads.incrementAndGet();
        Thread t = new Thread(this, "incidentkit-notifier-" + name + (n == 1 ? "" : "-" + n));
        t.setDaemon(true);
        return t;
    }

    String name() {
        return name;
    }

    /**
     * Takes the lease if it is free and, for a notifier that has never run, sets its checkpoint,
     * before the manager is handed out: so that {@link StartPosition#FROM_NOW} means from the
     * build, not from whenever the thread gets going.
     */
    void initialize() {
        try {
            if (ensureLease() != LeaseState.NOT_HELD) {
                position();
            }
        } catch (RuntimeException e) {
            // A store that is down now must not fail the build: the thread tries again on its own.
            LOG.warn("Notifier {} could not read its delivery state at start; its thread tries again", name, e);
            holding = false;
            reset();
        }
    }

    void start() {
        active.start();
    }

    @Override
    public void run() {
        try {
            Resume r;
            synchronized (callLock) {
                r = resume;
                resume = null;
            }
            if (r != null && !goOn(r)) {
                return;
            }
            loop();
        } catch (Abandoned e) {
            // This thread's call outlived its timeout; its successor carries on.
        } catch (RuntimeException | Error e) {
            // Only what fatal() names gets here: the loop goes on after anything else.
            died(e);
            throw e;
        }
    }

    /**
     * Whether {@code t} is an error after which the JVM may not go on correctly: then the worker
     * stops rather than count an attempt. An {@link OutOfMemoryError} may have left any object
     * half-updated, the dispatcher's included; {@link InternalError} and {@link UnknownError}
     * say the JVM itself is broken. A {@link StackOverflowError} is not fatal: by the time it is
     * caught the stack has unwound and only the notifier's call is lost, so it is a failed
     * attempt like a {@link LinkageError} (a {@code NoSuchMethodError} from a library mismatch).
     */
    static boolean fatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }

    /** Says once, at ERROR, that a fatal error ends this worker; its status says STOPPED. */
    private void died(Throwable e) {
        lastFailure = new NotifierStatus.Failure(Times.micros(clock.instant()), e.toString());
        dead = true;
        LOG.error("Notifier {} stops delivering in this process: {} may have left the JVM unable to go on; its lease "
                + "lapses within {}, then another process may take over", name, e, settings.leaseTtl(), e);
    }

    /** Goes on with the event an abandoned thread was delivering. @return false if the worker is stopping */
    private boolean goOn(Resume r) {
        try {
            Outcome outcome = retry(r.notification(), r.stored(), r.attempt(), r.result());
            if (outcome == Outcome.HANDLED) {
                save(r.stored().position());
            } else if (outcome == Outcome.CLOSED) {
                saveProgress();
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException | Error e) {
            loopFailed(e);
            reset();
        }
        return true;
    }

    private void loop() {
        int idleRounds = LINGER_ROUNDS;
        while (!stopping()) {
            try {
                if (ensureLease() == LeaseState.NOT_HELD) {
                    if (closed) {
                        return; // nothing of this process's to drain
                    }
                    pollPause();
                    continue;
                }
                // Read before the store: an append not in the batch has moved the count.
                long seen = signal.count();
                List<StoredEvent> batch = store.readAll(position(), settings.batchSize());
                if (!batch.isEmpty()) {
                    idleRounds = 0;
                }
                boolean leaseLost = false;
                for (StoredEvent event : batch) {
                    Outcome outcome = handle(event);
                    if (outcome == Outcome.HANDLED) {
                        position = event.position();
                        unsaved = true;
                    } else if (outcome == Outcome.LEASE_LOST) {
                        leaseLost = true;
                        break;
                    } else {
                        break;
                    }
                    if (stopping()) {
                        break;
                    }
                }
                if (leaseLost) {
                    continue;
                }
                saveProgress();
                if (loopFailing) {
                    recovered("its delivery loop ran clean again");
                }
                if (closed) {
                    // Drained once a read made after close finds nothing: an earlier batch may predate the last commands.
                    if (batch.isEmpty()) {
                        return;
                    }
                } else if (batch.size() < settings.batchSize()) {
                    if (idleRounds < LINGER_ROUNDS) {
                        idleRounds++;
                        LockSupport.parkNanos(this, LINGER_NANOS);
                        if (Thread.interrupted()) {
                            throw new InterruptedException();
                        }
                    } else {
                        signal.awaitAfter(seen, pollMillis);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                loopFailed(e);
                saveProgressIfPossible();
                reset();
                try {
                    pollPause();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private LogPosition position() {
        LogPosition p = position;
        if (p != null) {
            return p;
        }
        Optional<LogPosition> stored = store.checkpoint(checkpointName);
        if (stored.isPresent()) {
            p = stored.get();
        } else if (settings.startPosition() == StartPosition.FROM_NOW) {
            p = store.head();
            store.saveCheckpoint(checkpointName, p);
            LOG.info("Notifier {} starts with the events after {}, the store's head", name, p);
        } else {
            p = LogPosition.START;
            LOG.info("Notifier {} starts with the first event in the store", name);
        }
        position = p;
        return p;
    }

    private void save(LogPosition p) {
        store.saveCheckpoint(checkpointName, p);
        position = p;
        unsaved = false;
    }

    /** Saves the checkpoint of the last event handled, if it moved since the last save. */
    private void saveProgress() {
        LogPosition p = position;
        if (unsaved && p != null) {
            save(p);
        }
    }

    /**
     * After a failure in the middle of a batch: saves what was delivered before the reset forgets
     * it, so that the retry does not deliver it again. The store may be what failed; then the
     * retry starts from the last checkpoint saved, as after a crash.
     */
    private void saveProgressIfPossible() {
        try {
            saveProgress();
        } catch (RuntimeException e) {
            LOG.debug("Notifier {} could not save its checkpoint either", name, e);
        }
    }

    private void reset() {
        position = null;
        unsaved = false;
        snapshots.clear();
    }

    private Outcome handle(StoredEvent stored) throws InterruptedException {
        PreparedEvents.Prepared p = prepared != null ? prepared.get(stored) : null;
        if (p != null) {
            snapshots.remember(p.incident);
        } else {
            try {
                RecordedEvent event = Events.decode(stored);
                p = new PreparedEvents.Prepared(stored, event, snapshots.after(event));
            } catch (StoreException e) {
                throw e;
            } catch (RuntimeException e) {
                // Malformed or tampered data: no retry can read it, and it must not stop the notifier.
                deadLetter(stored.record(), 0, "the event could not be read: " + e, e);
                snapshots.clear();
                return Outcome.HANDLED;
            }
            if (prepared != null) {
                prepared.prepared(p);
            }
        }
        Notification n;
        try {
            n = !routesEverything && !routed(p.event, p.incident) ? null
                    : p.notification(x -> notification(x.event, x.incident));
        } catch (RuntimeException | Error e) {
            rethrowIfFatal(e);
            // A notification that cannot be made now cannot be made on a retry either.
            deadLetter(stored.record(), 0, "the notification could not be made: " + e, e);
            n = null;
        }
        Outcome outcome = n == null ? Outcome.HANDLED : retry(n, stored, 1, null);
        if (outcome == Outcome.HANDLED && prepared != null) {
            prepared.passed(p);
        }
        return outcome;
    }

    private boolean routed(RecordedEvent event, Incident incident) {
        if (!route.matchesType(event.type()) || !route.matchesServices(incident.services())) {
            return false;
        }
        if (route.matchesSeverity(incident.severity())) {
            return true;
        }
        // A channel that follows severe incidents hears of a downgrade too.
        return event.event() instanceof IncidentEvent.SeverityChanged
                && route.matchesSeverity(((IncidentEvent.SeverityChanged) event.event()).from());
    }

    /**
     * Delivers with retries, from attempt {@code first}; {@code done} is that attempt's result
     * when it was made already (by a thread that was abandoned in it).
     */
    private Outcome retry(Notification n, StoredEvent stored, int first, @Nullable DeliveryResult done)
            throws InterruptedException {
        EventRecord record = stored.record();
        DeliveryResult made = done;
        for (int attempt = first; ; attempt++) {
            DeliveryResult result;
            if (made != null) {
                result = made;
                made = null;
            } else {
                if (ensureLease() != LeaseState.HELD) {
                    LOG.info("Notifier {} lost its lease while delivering event {}; another process goes on", name,
                            record.eventId());
                    return Outcome.LEASE_LOST;
                }
                result = callHere(n, stored, attempt);
                if (result == null) {
                    drainOver = true;
                    return Outcome.CLOSED;
                }
            }
            if (result instanceof DeliveryResult.Delivered) {
                if (failing) {
                    recovered("delivered event " + record.eventId());
                }
                return Outcome.HANDLED;
            }
            attemptFailed(record, attempt, result);
            if (result instanceof DeliveryResult.Failed) {
                deadLetter(record, attempt, describe(result), null);
                return Outcome.HANDLED;
            }
            DeliveryResult.RetryLater later = (DeliveryResult.RetryLater) result;
            if (attempt >= settings.maxAttempts()) {
                deadLetter(record, attempt, describe(result), null);
                return Outcome.HANDLED;
            }
            if (stopping()) {
                return Outcome.CLOSED;
            }
            Duration delay = Backoff.delay(attempt, settings.backoffBase(), settings.backoffCap(), later.delay(),
                    random.nextDouble());
            LOG.debug("Notifier {}: attempt {} of event {} failed ({}); next in {}", name, attempt, record.eventId(),
                    later.reason(), delay);
            Outcome waited = pause(delay);
            if (waited != null) {
                return waited;
            }
            if (stopping()) {
                return Outcome.CLOSED;
            }
        }
    }

    /**
     * Waits {@code delay}, renewing the lease on the way; close cuts the wait short, for the one
     * fresh attempt a failing notifier gets at close.
     *
     * @return null when the wait is over (or cut short by close), else why it ended early
     */
    private @Nullable Outcome pause(Duration delay) throws InterruptedException {
        Duration left = delay;
        while (true) {
            Duration slice = left.compareTo(renewEvery) > 0 ? renewEvery : left;
            if (!waiter.await(slice)) {
                return null;
            }
            left = left.minus(slice);
            if (left.isZero() || left.isNegative()) {
                return null;
            }
            if (ensureLease() != LeaseState.HELD) {
                return Outcome.LEASE_LOST;
            }
        }
    }

    /**
     * Takes or renews the lease when due. {@link LeaseState#TAKEN} means it was not held without a
     * break: the checkpoint must be read again, since another process may have moved it.
     */
    private LeaseState ensureLease() {
        if (holding && clock.millis() < renewDueMillis) {
            return LeaseState.HELD;
        }
        Instant now = Times.micros(clock.instant());
        if (holding && now.isBefore(renewedAt.plus(renewEvery))) {
            return LeaseState.HELD;
        }
        boolean lapsed = !holding || !now.isBefore(renewedAt.plus(settings.leaseTtl()));
        // What was delivered under the lease is saved before it can change hands: after a lapse
        // too, since all up to this position was handled here, and the reset below forgets it.
        saveProgress();
        if (deliveries.acquireLease(name, owner, now, settings.leaseTtl())) {
            renewedAt = now;
            renewDueMillis = now.plus(renewEvery).toEpochMilli();
            if (lapsed) {
                if (!holding) {
                    LOG.info("Notifier {}: process {} took the delivery lease", name, owner);
                }
                holding = true;
                reset();
                return LeaseState.TAKEN;
            }
            return LeaseState.HELD;
        }
        if (holding) {
            LOG.info("Notifier {}: process {} lost the delivery lease to another process", name, owner);
        }
        holding = false;
        reset();
        return LeaseState.NOT_HELD;
    }

    private void pollPause() throws InterruptedException {
        synchronized (pollLock) {
            if (!closed) {
                pollLock.wait(pollMillis);
            }
        }
    }

    /**
     * Makes a dead letter. Logged at INFO after failed attempts, which the health WARN announced
     * already; at WARN (with {@code cause}) for an event that never reached the notifier.
     */
    private void deadLetter(EventRecord record, int attempts, String error, @Nullable Throwable cause) {
        DeadLetter letter = new DeadLetter(name, record.eventId(), record.incidentId(), record.version(), record.type(),
                attempts, DeadLetter.truncate(error), Times.micros(clock.instant()));
        deliveries.addDeadLetter(letter);
        String message = "Notifier {} gave up on event {} ({} version {}, {}) after {} attempt(s): {}";
        if (attempts > 0) {
            LOG.info(message, name, record.eventId(), record.incidentId(), record.version(), record.type(), attempts,
                    letter.lastError());
        } else {
            LOG.warn(message, name, record.eventId(), record.incidentId(), record.version(), record.type(), attempts,
                    letter.lastError(), cause);
        }
    }

    /**
     * @return whether the worker should stop: close was asked for, and the drain is over (its
     *     deadline passed) or pointless (an attempt made since close failed, or the notifier is
     *     still in a call made before)
     */
    private boolean stopping() {
        return closed && (drainOver || System.nanoTime() - drainUntil >= 0);
    }

    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof Abandoned) {
            throw (Abandoned) t;
        }
        if (fatal(t)) {
            throw (VirtualMachineError) t;
        }
    }

    /** An attempt did not deliver: counted, and logged once if the notifier was healthy. */
    private void attemptFailed(EventRecord record, int attempt, DeliveryResult result) {
        Throwable t = thrown;
        thrown = null;
        loopFailing = false;
        if (closed && callAfterClose) {
            drainOver = true;
        }
        String next = result instanceof DeliveryResult.Failed ? "the event is a dead letter at once"
                : "it retries with backoff, and after " + settings.maxAttempts() + " attempts an event becomes a dead letter";
        failed("attempt " + attempt + " of event " + record.eventId() + " (" + record.incidentId() + " version "
                + record.version() + ", " + record.type() + ") failed: " + describe(result) + "; " + next,
                describe(result), t);
    }

    /** A step of the loop threw (the store, say): counted, and logged once if the notifier was healthy. */
    private void loopFailed(Throwable e) {
        rethrowIfFatal(e);
        if (closed) {
            drainOver = true;
        }
        boolean wasFailing = failing;
        failed("its delivery loop failed: " + e + "; it goes on from its checkpoint in " + pollMillis + " ms",
                e.toString(), e);
        loopFailing = loopFailing || !wasFailing;
    }

    /** Counts a failure and logs it once per change of health; from the worker or a replay. */
    private void failed(String what, String error, @Nullable Throwable t) {
        Instant now = Times.micros(clock.instant());
        synchronized (healthLock) {
            failedAttempts.incrementAndGet();
            lastFailure = new NotifierStatus.Failure(now, error);
            if (failing) {
                spellFailures++;
                LOG.debug("Notifier {}: {}", name, what, t);
                return;
            }
            spellFailures = 1;
            spellStart = now;
            failing = true;
        }
        String message = "Notifier {} is failing: {}. Logged again only when it recovers";
        if (t instanceof Error) {
            LOG.error(message, name, what, t);
        } else {
            LOG.warn(message, name, what, t);
        }
    }

    private void recovered(String how) {
        long failures;
        Instant since;
        synchronized (healthLock) {
            failing = false;
            failures = spellFailures;
            since = spellStart;
        }
        loopFailing = false;
        LOG.info("Notifier {} recovered: {}, after {} failure(s) since {}", name, how, failures, since);
    }

    /**
     * One call to the notifier on this worker thread, watched by the watchdog. Never throws for
     * what the notifier does: an exception or a null result is a transient failure.
     *
     * @return the result, or null if close was asked for and an earlier call is still running:
     *     then no attempt is made (close does not wait for it a second time)
     * @throws Abandoned if the call outlived the timeout and another thread took over meanwhile
     */
    private @Nullable DeliveryResult callHere(Notification n, StoredEvent stored, int attempt)
            throws InterruptedException {
        Duration timeout = settings.callTimeout();
        boolean afterClose = closed;
        if (afterClose ? !permit.tryAcquire() : !permit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            if (afterClose) {
                return null;
            }
            return DeliveryResult.retryLater("the previous call to notifier " + name + " has not returned; no new call "
                    + "until it does (waited " + timeout + ")");
        }
        callAfterClose = afterClose;
        Thread self = Thread.currentThread();
        synchronized (callLock) {
            inCall = self;
            callDeadline = System.nanoTime() + timeout.toNanos();
            callStored = stored;
            callNotification = n;
            callAttempt = attempt;
        }
        DeliveryResult r = null;
        Throwable t = null;
        try {
            r = notifier.deliver(n);
        } catch (Throwable x) {
            t = x;
        }
        boolean abandoned;
        synchronized (callLock) {
            abandoned = active != self;
            if (!abandoned) {
                inCall = null;
                callStored = null;
                callNotification = null;
            }
        }
        permit.release();
        if (abandoned) {
            throw new Abandoned();
        }
        if (t != null) {
            rethrowIfFatal(t);
            thrown = t;
            return DeliveryResult.retryLater("notifier " + name + " threw " + t);
        }
        return r != null ? r : DeliveryResult.retryLater("notifier " + name + " returned null");
    }

    /**
     * Called by the watchdog: if the call in progress has outlived the timeout, abandons its
     * thread (interrupting it) and starts a new worker thread that counts the call as a transient
     * failure and goes on.
     */
    void checkTimeout(long nowNanos) {
        synchronized (callLock) {
            Thread stuck = inCall;
            StoredEvent stored = callStored;
            Notification n = callNotification;
            if (stuck == null || stored == null || n == null || nowNanos - callDeadline < 0 || stuck != active) {
                return;
            }
            resume = new Resume(stored, n, callAttempt,
                    DeliveryResult.retryLater("notifier " + name + " gave no answer within " + settings.callTimeout()));
            inCall = null;
            callStored = null;
            callNotification = null;
            Thread next = newThread();
            // Started before it is published: awaitStop takes an active thread that was never
            // started for one that has ended. It waits for callLock before it reads resume.
            next.start();
            active = next;
            stuck.interrupt();
        }
        // INFO: the failed attempt this makes is what the notifier's health reports, once.
        LOG.info("Notifier {}: a call gave no answer within {}; it is abandoned to finish on its own, and {} goes on",
                name, settings.callTimeout(), active.getName());
    }

    /**
     * One call to the notifier on a call thread, bounded by the call timeout, for replays. What
     * the notifier does counts as the worker's attempts do: a timeout, an exception or a result
     * other than delivered is a failed attempt, counted, logged once per change of health and
     * shown in the status. An error the JVM may not survive ({@link #fatal}) is no attempt: it is
     * logged at ERROR, shown as the last failure, and rethrown to the caller.
     */
    private DeliveryResult call(Notification n) throws InterruptedException {
        Duration timeout = settings.callTimeout();
        DeliveryResult result;
        Throwable t = null;
        if (!permit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            result = DeliveryResult.retryLater("the previous call to notifier " + name + " has not returned; no new "
                    + "call until it does (waited " + timeout + ")");
        } else {
            Call call = new Call(n);
            try {
                calls.execute(call);
            } catch (RejectedExecutionException e) {
                permit.release();
                return DeliveryResult.retryLater("notifier " + name + " is stopping");
            }
            result = call.await(timeout);
            t = call.failure();
        }
        if (t != null && fatal(t)) {
            lastFailure = new NotifierStatus.Failure(Times.micros(clock.instant()), t.toString());
            LOG.error("Notifier {} threw {} on a replay of event {}: the JVM may not go on; rethrown to the caller",
                    name, t, n.id(), t);
            throw (VirtualMachineError) t;
        }
        if (!(result instanceof DeliveryResult.Delivered)) {
            failed("a replay of event " + n.id() + " failed: " + describe(result), describe(result), t);
        }
        return result;
    }

    /** One call, handed from the waiting thread to a call thread. */
    private final class Call implements Runnable {
        private final Notification notification;
        private @Nullable Thread runner;
        private boolean finished;
        private boolean abandoned;
        private @Nullable DeliveryResult result;
        private @Nullable Throwable failure;
        /** The call ended after the waiting thread gave up on it. */
        private boolean unseen;

        Call(Notification notification) {
            this.notification = notification;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (abandoned) {
                    permit.release();
                    return;
                }
                runner = Thread.currentThread();
            }
            DeliveryResult r = null;
            Throwable t = null;
            try {
                r = notifier.deliver(notification);
            } catch (Throwable x) {
                t = x;
            } finally {
                synchronized (this) {
                    result = r;
                    failure = t;
                    finished = true;
                    runner = null;
                    unseen = abandoned;
                    notifyAll();
                }
                // An interrupt sent just as the call returned must not reach the next task of this thread.
                Thread.interrupted();
                permit.release();
            }
            // The waiting replay rethrows a fatal error; one that came after it gave up goes up here.
            if (unseen && fatal(t)) {
                throw (VirtualMachineError) t;
            }
        }

        /** @return what the notifier threw, if the call ended in time by throwing */
        synchronized @Nullable Throwable failure() {
            return abandoned ? null : failure;
        }

        synchronized DeliveryResult await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    abandoned = true;
                    Thread r = runner;
                    if (r != null) {
                        r.interrupt();
                    }
                    return DeliveryResult.retryLater("notifier " + name + " gave no answer within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            Throwable t = failure;
            if (t != null) {
                return DeliveryResult.retryLater("notifier " + name + " threw " + t);
            }
            DeliveryResult r = result;
            return r != null ? r : DeliveryResult.retryLater("notifier " + name + " returned null");
        }
    }

    private static String describe(DeliveryResult result) {
        if (result instanceof DeliveryResult.Failed) {
            return "failed for good: " + ((DeliveryResult.Failed) result).reason();
        }
        if (result instanceof DeliveryResult.RetryLater) {
            return ((DeliveryResult.RetryLater) result).reason();
        }
        return "delivered";
    }

    private Notification notification(RecordedEvent event, Incident incident) {
        List<URI> incidentLinks = links.isPresent() ? List.of(link(links.get(), incident.id())) : List.of();
        // What codec.toCloudEvent makes, without copying the record into a builder for every event.
        return new Notification(new StoredCloudEvent(codec.source(), event.stored()), incident.id(), incident.title(),
                incident.severity().toString(), incident.status().wireName(), incident.service(),
                event.stored().record().actor(), note(event.event()), incidentLinks);
    }

    /** @return {@code base}, a slash unless it ends with one or with {@code =}, and the incident id */
    static URI link(URI base, String incidentId) {
        String b = base.toString();
        return URI.create(b.endsWith("/") || b.endsWith("=") ? b + incidentId : b + "/" + incidentId);
    }

    /** @return the text the actor gave with the event, if any */
    static Optional<String> note(IncidentEvent e) {
        String text;
        if (e instanceof IncidentEvent.Declared) {
            text = ((IncidentEvent.Declared) e).description();
        } else if (e instanceof IncidentEvent.Acknowledged) {
            text = ((IncidentEvent.Acknowledged) e).note();
        } else if (e instanceof IncidentEvent.StatusChanged) {
            text = ((IncidentEvent.StatusChanged) e).note();
        } else if (e instanceof IncidentEvent.NoteAdded) {
            text = ((IncidentEvent.NoteAdded) e).note();
        } else if (e instanceof IncidentEvent.SeverityChanged) {
            text = ((IncidentEvent.SeverityChanged) e).note();
        } else if (e instanceof IncidentEvent.ServiceCorrelated) {
            text = ((IncidentEvent.ServiceCorrelated) e).note();
        } else if (e instanceof IncidentEvent.ActionItemAdded) {
            text = ((IncidentEvent.ActionItemAdded) e).text();
        } else if (e instanceof IncidentEvent.ActionItemCompleted) {
            text = ((IncidentEvent.ActionItemCompleted) e).note();
        } else if (e instanceof IncidentEvent.Canceled) {
            text = ((IncidentEvent.Canceled) e).reason();
        } else if (e instanceof IncidentEvent.MarkedDuplicate) {
            text = ((IncidentEvent.MarkedDuplicate) e).note();
        } else {
            text = "";
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    // ----------------------------------------------------------------------------------------
    // Called from other threads
    // ----------------------------------------------------------------------------------------

    NotifierStatus status() {
        NotifierStatus s = finalStatus;
        return s != null ? s : status(OptionalLong.empty());
    }

    /** A fatal error wins over close: a host must see that delivery stopped on a fault. */
    private NotifierStatus status(OptionalLong undelivered) {
        NotifierStatus.Health health = dead ? NotifierStatus.Health.STOPPED
                : closed ? NotifierStatus.Health.CLOSED
                : failing ? NotifierStatus.Health.FAILING : NotifierStatus.Health.HEALTHY;
        return new NotifierStatus(name, store.checkpoint(checkpointName), deliveries.lease(name),
                deliveries.deadLetters(name).size(), health, failedAttempts.get(), Optional.ofNullable(lastFailure),
                undelivered);
    }

    List<DeadLetter> deadLetters() {
        return deliveries.deadLetters(name);
    }

    DeliveryResult replay(UUID eventId) {
        if (closed) {
            throw new IllegalStateException("the manager is closed: notifier " + name + " replays nothing");
        }
        DeadLetter letter = null;
        for (DeadLetter d : deliveries.deadLetters(name)) {
            if (d.eventId().equals(eventId)) {
                letter = d;
                break;
            }
        }
        if (letter == null) {
            throw new DeadLetterNotFoundException(name, eventId);
        }
        DeliveryResult result;
        Optional<Notification> n = notificationOf(letter);
        if (n.isEmpty()) {
            result = DeliveryResult.failed("event " + eventId + " of " + letter.incidentId() + " version "
                    + letter.version() + " is not in the store, or could not be read");
        } else {
            try {
                result = call(n.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = DeliveryResult.retryLater("the replay was interrupted");
            }
        }
        if (result instanceof DeliveryResult.Delivered) {
            deliveries.removeDeadLetter(name, eventId);
            LOG.info("Notifier {} delivered dead letter {} on replay", name, eventId);
        } else {
            deliveries.addDeadLetter(letter.withFailedAttempt(describe(result), Times.micros(clock.instant())));
        }
        return result;
    }

    private Optional<Notification> notificationOf(DeadLetter letter) {
        List<StoredEvent> after = store.readStream(letter.incidentId(), letter.version() - 1);
        if (after.isEmpty() || after.get(0).version() != letter.version()
                || !after.get(0).record().eventId().equals(letter.eventId())) {
            return Optional.empty();
        }
        try {
            RecordedEvent event = Events.decode(after.get(0));
            return Optional.of(notification(event, IncidentSnapshots.at(store, event)));
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    // ----------------------------------------------------------------------------------------
    // Stopping
    // ----------------------------------------------------------------------------------------

    /**
     * Asks the thread to stop once it has delivered every event in the store, or at {@code
     * drainUntilNanos} (in {@link System#nanoTime()}), or when an attempt it makes from now on
     * fails, whichever comes first; a call in progress may finish, within the call timeout, and a
     * wait between attempts ends at once for one fresh attempt.
     */
    void requestStop(long drainUntilNanos) {
        drainUntil = drainUntilNanos;
        closed = true;
        waiter.close();
        synchronized (pollLock) {
            pollLock.notifyAll();
        }
    }

    /** @return whether the thread ended within {@code timeout} */
    boolean awaitStop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Thread t = active;
                if (t == Thread.currentThread()) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    // In slices: the watchdog may replace a thread stuck in a call, which then never ends.
                    t.join(Math.max(1, Math.min(JOIN_SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
                }
                if (t.getState() == Thread.State.NEW || !t.isAlive()) {
                    if (active == t) {
                        return true;
                    }
                } else if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Counts what is left undelivered, releases the lease, closes the notifier (bounded by the
     * call timeout) and the call threads, and keeps the last status.
     */
    void shutDown(boolean stopped) {
        OptionalLong undelivered = OptionalLong.empty();
        try {
            if (deliveries.lease(name).map(l -> l.owner().equals(owner)).orElse(false)) {
                undelivered = OptionalLong.of(reportUndelivered());
            }
        } catch (RuntimeException e) {
            LOG.warn("Notifier {}: could not count the notifications left undelivered at close", name, e);
        }
        if (stopped) {
            try {
                deliveries.releaseLease(name, owner);
            } catch (RuntimeException e) {
                LOG.warn("Notifier {}: could not release the delivery lease; it lapses in {}", name,
                        settings.leaseTtl(), e);
            }
        } else {
            LOG.warn("Notifier {} did not stop in time; its lease is left to lapse", name);
        }
        closeNotifier();
        calls.shutdownNow();
        // Idle call threads end at once; one stuck in the notifier is left to finish on its own.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(1_000, settings.callTimeout().toMillis()));
        try {
            for (Thread t : callThreadsMade) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (t.isAlive()) {
                    LOG.warn("Notifier {}: call thread {} is still running after close; it is left to end on its own",
                            name, t.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        callThreadsMade.clear();
        try {
            finalStatus = status(undelivered);
        } catch (RuntimeException e) {
            LOG.warn("Notifier {}: could not read its last status at close; status() reads the store", name, e);
        }
    }

    /**
     * Counts without folding when the route takes every event; stops at {@link #COUNT_LIMIT}
     * events or after {@link #COUNT_TIME}, and then says "at least".
     *
     * @return how many routed notifications are left after the checkpoint, logged at WARN if any
     */
    private long reportUndelivered() {
        long startMillis = clock.millis();
        long startNanos = System.nanoTime();
        LogPosition from = store.checkpoint(checkpointName).orElse(LogPosition.START);
        IncidentSnapshots folded = new IncidentSnapshots(store, SNAPSHOTS);
        long count = 0;
        int seen = 0;
        boolean more = false;
        while (true) {
            List<StoredEvent> batch = store.readAll(from, settings.batchSize());
            if (batch.isEmpty()) {
                break;
            }
            if (seen >= COUNT_LIMIT || seen > 0 && (clock.millis() - startMillis >= COUNT_TIME.toMillis()
                    || System.nanoTime() - startNanos >= COUNT_TIME.toNanos())) {
                more = true;
                break;
            }
            for (StoredEvent e : batch) {
                seen++;
                count += routesEverything || routedForCount(folded, e) ? 1 : 0;
            }
            from = batch.get(batch.size() - 1).position();
        }
        if (count > 0 || more) {
            NotifierStatus.Failure last = lastFailure;
            LOG.warn("Notifier {} closed with {}{} notification(s) undelivered ({}). They stay after its checkpoint "
                    + "in the store: a manager started later on the same storage delivers them, as a JDBC store "
                    + "does after a restart; an in-memory store that is dropped loses them", name, more ? "at least " : "",
                    count, last != null && dead ? "its worker stopped on " + last.error()
                            : last != null && failing ? "it was failing: " + last.error()
                            : "not delivered within the drain timeout of " + settings.drainTimeout());
        }
        return count;
    }

    /** @return whether the route takes {@code e}; an event that cannot be read counts, as it would be a dead letter */
    private boolean routedForCount(IncidentSnapshots folded, StoredEvent e) {
        try {
            RecordedEvent event = Events.decode(e);
            return routed(event, folded.after(event));
        } catch (StoreException x) {
            throw x;
        } catch (RuntimeException x) {
            folded.clear();
            return true;
        }
    }

    private void closeNotifier() {
        Thread closer = new Thread(() -> {
            try {
                notifier.close();
            } catch (RuntimeException | Error e) {
                LOG.warn("Notifier {} failed to close", name, e);
                rethrowIfFatal(e);
            }
        }, "incidentkit-notifier-" + name + "-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(Math.max(1, settings.callTimeout().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("Notifier {} did not close within {}; left to finish on its own", name, settings.callTimeout());
        }
    }
}
