package dev.incidentkit.core.internal;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.DeliveryAttempts.Outcome;
import dev.incidentkit.core.internal.IncidentCache.Entry;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.notify.DeliverySettings.StartPosition;
import dev.incidentkit.core.notify.NotifierStatus;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the delivery loop of one notifier on a thread of its own: under its {@link DeliveryLease},
 * it reads a batch after its {@link Checkpoint}, takes each event with the incident it left
 * ({@link EventPreparer}), routes it (a page by the notifier's contact kinds, {@link WorkerPages}),
 * delivers it ({@link DeliveryAttempts}), and saves the checkpoint once the batch is done. Events
 * are handled one at a time, so a notifier sees them in the store's global order, hence in order
 * per incident.
 *
 * <p>Whatever a step of the loop throws (the store, building a notification) counts as a failure
 * in the {@link NotifierHealth}, and the worker goes on from its checkpoint, short of an error
 * after which the JVM may not go on ({@link NotifierCalls#fatal}), which stops it. A store error
 * in the middle of a batch costs no redelivery as long as the store takes the checkpoint: the
 * worker saves what it delivered before it starts again from there.
 *
 * <p>When a call to the notifier outlives the call timeout, {@link NotifierCalls} abandons the
 * thread in it and this worker goes on with a new thread, which counts the call as a failed
 * attempt. Close asks for a {@link Drain}; the dispatcher then counts what is left ({@link
 * WorkerShutdown}).
 *
 * <p>The parts of a worker (checkpoint, lease, attempts) belong to its active thread. A thread
 * hands them over only inside a call, when the call is abandoned: the watchdog takes the calls'
 * lock, then starts the successor, and the abandoned thread never touches them again. (Every
 * part logs under this class's logger.)
 */
final class NotifierWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierWorker.class);
    /**
     * After events, a worker looks again every millisecond for a while instead of asking to be
     * woken: during a burst of commands, none of them pays for waking the notifiers, which take
     * the burst's events in batches, a millisecond late at most. Idle for 20 ms, it parks until
     * an append wakes it.
     */
    private static final long LINGER_NANOS = 1_000_000;
    private static final int LINGER_ROUNDS = 20;
    private static final long JOIN_SLICE_MILLIS = 20;

    private final String name;
    private final RouteFilter route;
    private final EventStore store;
    private final DeliveryStore deliveries;
    private final DeliverySettings settings;
    private final Waiter waiter;
    private final AppendSignal signal;
    private final long pollMillis;
    private final Object pollLock = new Object();
    private final AtomicInteger threads = new AtomicInteger();
    private final Drain drain = new Drain();
    private final NotifierHealth health;
    private final NotifierCalls calls;
    private final Checkpoint checkpoint;
    private final DeliveryLease lease;
    private final DeliveryAttempts attempts;
    private final EventPreparer preparer;
    private final IncidentCache cache;
    private final NotificationFactory factory;
    private final WorkerShutdown shutdown;
    private final DeadLetterReplay replay;
    private final WorkerPages pages;
    private volatile Thread active;
    /** What a new worker thread takes over from an abandoned one: written before that thread starts. */
    private @Nullable Resume resume;

    /** An attempt on an event that a new thread goes on from. */
    private record Resume(StoredEvent stored, Notification notification, int attempt, DeliveryResult result) {}

    NotifierWorker(Notifier notifier, Route route, EventStore store, DeliveryStore deliveries, Clock clock,
            DeliverySettings settings, String owner, Waiter waiter, AppendSignal signal, IncidentCache cache,
            NotificationFactory factory, Pages pages) {
        this.name = notifier.name();
        this.route = new RouteFilter(route, name, pages);
        this.store = store;
        this.deliveries = deliveries;
        this.settings = settings;
        this.waiter = waiter;
        this.signal = signal;
        this.pollMillis = Math.max(1, settings.pollInterval().toMillis());
        this.health = new NotifierHealth(name, clock);
        this.calls = new NotifierCalls(notifier, settings.callTimeout());
        this.checkpoint = new Checkpoint(name, store, settings.startPosition());
        this.lease = new DeliveryLease(name, owner, deliveries, clock, settings.leaseTtl(), checkpoint);
        this.pages = new WorkerPages(name, pages, factory, health);
        this.attempts = new DeliveryAttempts(name, calls, lease, drain, health, deliveries, settings, waiter, clock,
                this.pages::deadLettered);
        this.cache = cache;
        this.preparer = new EventPreparer(store, cache);
        this.factory = factory;
        this.shutdown = new WorkerShutdown(name, store, deliveries, clock, settings, health, lease, calls, checkpoint,
                preparer, this.route);
        this.replay = new DeadLetterReplay(name, store, deliveries, preparer, factory, calls, health, clock,
                this.pages);
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
            if (lease.ensure() != DeliveryLease.State.NOT_HELD) {
                checkpoint.position();
            }
        } catch (RuntimeException e) {
            // A store that is down now must not fail the build: the thread tries again on its own.
            LOG.warn("Notifier {} could not read its delivery state at start; its thread tries again", name, e);
            lease.drop();
            checkpoint.forget();
        }
    }

    void start() {
        active.start();
    }

    @Override
    public void run() {
        attempts.onThread(new NotifierCalls.Call(this::overran));
        try {
            Resume r = resume;
            resume = null;
            if (r != null && !goOn(r)) {
                return;
            }
            loop();
        } catch (NotifierCalls.Abandoned e) {
            // This thread's call outlived its timeout; its successor carries on.
        } catch (RuntimeException | Error e) {
            // Only what NotifierCalls.fatal names gets here: the loop goes on after anything else.
            health.died(e, settings.leaseTtl());
            throw e;
        }
    }

    /**
     * The overrun of this worker's calls, told under the calls' lock: a new worker thread goes on,
     * counting the abandoned call as a failed attempt.
     */
    private void overran(NotifierCalls.Call call, DeliveryResult noAnswer) {
        resume = new Resume(Objects.requireNonNull(call.stored()), call.notification(), call.attempt(), noAnswer);
        Thread next = newThread();
        // Started before it is published: awaitStop takes an active thread that was never started for one that has ended.
        next.start();
        active = next;
        // INFO: the failed attempt this makes is what the notifier's health reports, once.
        LOG.info("Notifier {}: a call gave no answer within {}; it is abandoned to finish on its own, and {} goes on",
                name, settings.callTimeout(), next.getName());
    }

    /** Goes on with the event an abandoned thread was delivering. @return false if the worker is stopping */
    private boolean goOn(Resume r) {
        try {
            Outcome outcome = attempts.deliver(r.notification(), r.stored(), r.attempt(), r.result());
            if (outcome == Outcome.HANDLED) {
                checkpoint.save(r.stored().position());
            } else if (outcome == Outcome.CLOSED) {
                checkpoint.saveProgress();
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException | Error e) {
            loopFailed(e);
            checkpoint.forget();
        }
        return true;
    }

    private void loop() {
        int idleRounds = LINGER_ROUNDS;
        while (!drain.stopping()) {
            try {
                if (lease.ensure() == DeliveryLease.State.NOT_HELD) {
                    if (drain.requested()) {
                        return; // nothing of this process's to drain
                    }
                    pollPause();
                    continue;
                }
                // Read before the store: an append not in the batch has moved the count.
                long seen = signal.count();
                List<StoredEvent> batch = store.readAll(checkpoint.position(), settings.batchSize());
                if (!batch.isEmpty()) {
                    idleRounds = 0;
                }
                boolean leaseLost = false;
                for (StoredEvent event : batch) {
                    Outcome outcome = handle(event);
                    if (outcome == Outcome.HANDLED) {
                        checkpoint.advance(event.position());
                    } else {
                        leaseLost = outcome == Outcome.LEASE_LOST;
                        break;
                    }
                    if (drain.stopping()) {
                        break;
                    }
                }
                if (leaseLost) {
                    continue;
                }
                checkpoint.saveProgress();
                if (health.loopFailing()) {
                    health.recovered("its delivery loop ran clean again");
                }
                if (drain.requested()) {
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
                checkpoint.saveProgressIfPossible();
                checkpoint.forget();
                try {
                    pollPause();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Outcome handle(StoredEvent stored) throws InterruptedException {
        Entry entry;
        RecordedEvent event;
        try {
            entry = preparer.prepare(stored);
            event = EventPreparer.event(entry, stored);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            // Malformed or tampered data: no retry can read it, and it must not stop the notifier.
            attempts.deadLetter(stored.record(), 0, "the event could not be read: " + e, e);
            return Outcome.HANDLED;
        }
        String kind = pages.kind(event);
        Notification n = null;
        if (kind == null) {
            try {
                n = !route.everything() && !route.takes(event, entry.incident()) ? null
                        : entry.notification(event, factory);
            } catch (RuntimeException | Error e) {
                NotifierCalls.rethrowIfFatal(e);
                // A notification that cannot be made now cannot be made on a retry either.
                attempts.deadLetter(stored.record(), 0, "the notification could not be made: " + e, e);
            }
        }
        Outcome outcome = kind != null ? pages.deliver(stored, entry, event, kind, attempts)
                : n == null ? Outcome.HANDLED : attempts.deliver(n, stored, 1, null);
        if (outcome == Outcome.HANDLED && entry.event() != null) {
            cache.passed(entry);
        }
        return outcome;
    }

    /** A step of the loop threw (the store, say): counted, and logged once if the notifier was healthy. */
    private void loopFailed(Throwable e) {
        NotifierCalls.rethrowIfFatal(e);
        if (drain.requested()) {
            drain.end();
        }
        health.loopFailed("its delivery loop failed: " + e + "; it goes on from its checkpoint in " + pollMillis + " ms",
                e);
    }

    private void pollPause() throws InterruptedException {
        synchronized (pollLock) {
            if (!drain.requested()) {
                pollLock.wait(pollMillis);
            }
        }
    }

    // ----------------------------------------------------------------------------------------
    // Called from other threads
    // ----------------------------------------------------------------------------------------

    /** Called by the dispatcher's watchdog: abandons the call in progress if it is overdue. */
    void checkTimeout(long nowNanos) {
        calls.checkTimeout(nowNanos);
    }

    NotifierStatus status() {
        return shutdown.status(drain.requested());
    }

    List<DeadLetter> deadLetters() {
        return deliveries.deadLetters(name);
    }

    /** Delivers a dead letter again; see {@link DeadLetterReplay}. */
    DeliveryResult replay(UUID eventId) {
        if (drain.requested()) {
            throw new IllegalStateException("the manager is closed: notifier " + name + " replays nothing");
        }
        return replay.replay(eventId);
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
        drain.request(drainUntilNanos);
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
     * call timeout) and the call threads, and keeps the last status; see {@link WorkerShutdown}.
     */
    void shutDown(boolean stopped) {
        shutdown.shutDown(stopped);
    }
}
