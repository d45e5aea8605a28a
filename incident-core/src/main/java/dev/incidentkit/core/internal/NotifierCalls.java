package dev.incidentkit.core.internal;

import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one notifier, one call at a time, each bounded by the call timeout: the one timed-call
 * mechanism of a worker, for its deliveries and its replays alike.
 *
 * <p>A call runs on the thread that makes it, registered here with its deadline. {@link
 * #checkTimeout} abandons a call that outlives its deadline: it interrupts the thread in the call,
 * leaves it to finish on its own, and tells the call's {@link Overrun}. The dispatcher's watchdog
 * calls it for every notifier, and a replay waiting for its call calls it at its own deadline.
 * Deliveries call on the worker thread itself (handing each call to another thread cost two
 * context switches per event and notifier, which made the workers four times as expensive), and
 * their overrun starts a new worker thread; a replay calls on a thread of a pool, since the host's
 * thread cannot be abandoned, and its overrun ends the host's wait. A permit keeps calls one at a
 * time even then: the next call waits for the abandoned one, up to the timeout.
 *
 * <p>Whatever the notifier throws, an {@link Error} included, is a failed call, short of an error
 * after which the JVM may not go on ({@link #fatal}).
 */
final class NotifierCalls {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierWorker.class);

    /** Told, under the lock, that a call was abandoned, with the result it stands for. */
    interface Overrun {
        void overran(Call call, DeliveryResult noAnswer);
    }

    /**
     * One call: what it delivers, and what became of it. A worker thread reuses one for all its
     * calls, so that a call that returns in time, nearly all of them, allocates nothing.
     */
    static final class Call {
        private final Overrun overrun;
        private final boolean awaited;
        private @Nullable Notification notification;
        private @Nullable StoredEvent stored;
        private int attempt;
        private @Nullable DeliveryResult result;
        private @Nullable Throwable thrown;
        private boolean finished;
        private boolean abandoned;

        /** A call of a worker thread, whose overrun hands its work to another thread. */
        Call(Overrun overrun) {
            this.overrun = overrun;
            this.awaited = false;
        }

        /** A call that another thread (a replay's) waits for, woken when it ends or is abandoned. */
        private Call() {
            this.overrun = (call, noAnswer) -> { };
            this.awaited = true;
        }

        Call of(Notification n, @Nullable StoredEvent s, int a) {
            notification = n;
            stored = s;
            attempt = a;
            result = null;
            thrown = null;
            finished = false;
            return this;
        }

        Notification notification() {
            return Objects.requireNonNull(notification);
        }

        @Nullable StoredEvent stored() {
            return stored;
        }

        int attempt() {
            return attempt;
        }

        /** @return what the notifier threw, if the call ended by throwing */
        @Nullable Throwable thrown() {
            return thrown;
        }
    }

    /**
     * Unwinds an abandoned thread out of its work without touching the worker's state. An Error,
     * so that no {@code catch (RuntimeException)} on the way stops it.
     */
    static final class Abandoned extends Error {
        private static final long serialVersionUID = 1L;
        /** What the call threw after it was abandoned, if anything. */
        final transient @Nullable Throwable late;

        Abandoned(@Nullable Throwable late) {
            super("abandoned after its call timed out", null, false, false);
            this.late = late;
        }
    }

    private final String name;
    private final Notifier notifier;
    private final Duration timeout;
    private final Semaphore permit = new Semaphore(1);
    private final Object lock = new Object();
    /** The call in progress, its thread and deadline; guarded by {@code lock}. */
    private @Nullable Call current;
    private @Nullable Thread inCall;
    private long deadline;
    private final ThreadPoolExecutor pool;
    private final Queue<Thread> poolThreads = new ConcurrentLinkedQueue<>();

    NotifierCalls(Notifier notifier, Duration timeout) {
        this.name = notifier.name();
        this.notifier = notifier;
        this.timeout = timeout;
        AtomicInteger made = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "incidentkit-notifier-" + name + "-call-" + made.incrementAndGet());
            t.setDaemon(true);
            poolThreads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
            poolThreads.add(t);
            return t;
        });
    }

    /**
     * Whether {@code t} is an error after which the JVM may not go on correctly: then the worker
     * stops rather than count an attempt. An {@link OutOfMemoryError} may have left any object
     * half-updated, the dispatcher's included; {@link InternalError} and {@link UnknownError}
     * say the JVM itself is broken. A {@link StackOverflowError} is not fatal: by the time it is
     * caught the stack has unwound and only the notifier's call is lost, so it is a failed
     * attempt like a {@link LinkageError} (a {@code NoSuchMethodError} from a library mismatch).
     */
    static boolean fatal(@Nullable Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }

    /** Rethrows {@code t} if it must not be taken for a failed step: an abandonment or a fatal error. */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof Abandoned abandoned) {
            throw abandoned;
        }
        if (fatal(t)) {
            throw (VirtualMachineError) t;
        }
    }

    /**
     * Takes the permit for a call.
     *
     * @param wait whether to wait up to the call timeout for a call still running (else none)
     */
    boolean acquire(boolean wait) throws InterruptedException {
        return wait ? permit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS) : permit.tryAcquire();
    }

    /** @return the result of a call that could not begin: the previous one is still running */
    DeliveryResult busy() {
        return DeliveryResult.retryLater("the previous call to notifier " + name + " has not returned; no new call "
                + "until it does (waited " + timeout + ")");
    }

    /**
     * Makes {@code call} on this thread, the permit held (and released here). Never throws for
     * what the notifier does: an exception or a null result is a transient failure.
     *
     * @return the result ({@link Call#thrown()} says what was thrown, if anything)
     * @throws Abandoned if the call outlived its deadline and was abandoned meanwhile
     * @throws VirtualMachineError if the notifier threw an error the JVM may not survive
     */
    DeliveryResult call(Call call) {
        Thread self = Thread.currentThread();
        synchronized (lock) {
            if (call.abandoned) {
                permit.release();
                throw new Abandoned(null);
            }
            current = call;
            inCall = self;
            deadline = System.nanoTime() + timeout.toNanos();
        }
        DeliveryResult r = null;
        Throwable t = null;
        try {
            r = notifier.deliver(call.notification());
        } catch (Throwable x) {
            t = x;
        }
        boolean abandoned;
        synchronized (lock) {
            abandoned = call.abandoned;
            if (!abandoned) {
                current = null;
                inCall = null;
                call.result = r;
                call.thrown = t;
                call.finished = true;
                if (call.awaited) {
                    lock.notifyAll();
                }
            }
        }
        permit.release();
        if (abandoned) {
            throw new Abandoned(t);
        }
        if (t != null) {
            rethrowIfFatal(t);
        }
        return outcome(call);
    }

    /**
     * Abandons the call in progress if it has outlived its deadline: tells its {@link Overrun},
     * then interrupts its thread. Called by the watchdog, and by a replay that waited its time.
     */
    void checkTimeout(long nowNanos) {
        synchronized (lock) {
            Call c = current;
            Thread stuck = inCall;
            if (c == null || stuck == null || nowNanos - deadline < 0) {
                return;
            }
            c.abandoned = true;
            current = null;
            inCall = null;
            c.overrun.overran(c, DeliveryResult.retryLater("notifier " + name + " gave no answer within " + timeout));
            if (c.awaited) {
                lock.notifyAll();
            }
            stuck.interrupt();
        }
    }

    /** @return a call for {@link #replay}, to deliver {@code n} */
    static Call replayOf(Notification n) {
        return new Call().of(n, null, 0);
    }

    /**
     * Makes {@code call} on a thread of the pool, for a replay, and waits for it up to the call
     * timeout; then the call is abandoned, as the watchdog abandons a worker's.
     *
     * @return the result; {@link Call#thrown()} says what the notifier threw, if the call ended in time by throwing
     */
    DeliveryResult replay(Call call) throws InterruptedException {
        if (!acquire(true)) {
            return busy();
        }
        try {
            pool.execute(() -> onPoolThread(call));
        } catch (RejectedExecutionException e) {
            permit.release();
            return DeliveryResult.retryLater("notifier " + name + " is stopping");
        }
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!call.finished && !call.abandoned) {
                long now = System.nanoTime();
                long left = until - now;
                if (left <= 0) {
                    if (current != call) {
                        // Not begun yet: it never will (the pool thread sees it abandoned and lets go of the permit).
                        call.abandoned = true;
                        break;
                    }
                    checkTimeout(now);
                    left = deadline - now;
                    if (call.abandoned || left <= 0) {
                        continue;
                    }
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            if (call.abandoned) {
                call.thrown = null;
                return DeliveryResult.retryLater("notifier " + name + " gave no answer within " + timeout);
            }
            return outcome(call);
        }
    }

    /** @return what a finished call came to: its result, or a transient failure for an exception or null */
    private DeliveryResult outcome(Call call) {
        Throwable t = call.thrown;
        if (t != null) {
            return DeliveryResult.retryLater("notifier " + name + " threw " + t);
        }
        DeliveryResult r = call.result;
        return r != null ? r : DeliveryResult.retryLater("notifier " + name + " returned null");
    }

    private void onPoolThread(Call call) {
        try {
            call(call);
        } catch (Abandoned a) {
            // The waiting replay rethrows a fatal error; one that came after it gave up goes up here.
            if (fatal(a.late)) {
                throw (VirtualMachineError) a.late;
            }
        } catch (VirtualMachineError e) {
            // call() recorded it for the waiting replay, which rethrows it.
        } finally {
            // An interrupt sent just as the call returned must not reach the next task of this thread.
            Thread.interrupted();
        }
    }

    /** Closes the notifier on a thread of its own, bounded by the call timeout. */
    void closeNotifier() {
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
            closer.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("Notifier {} did not close within {}; left to finish on its own", name, timeout);
        }
    }

    /** Ends the pool: idle call threads end at once; one stuck in the notifier is left to finish on its own. */
    void shutDown() {
        pool.shutdownNow();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(1_000, timeout.toMillis()));
        try {
            for (Thread t : poolThreads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
                if (t.isAlive()) {
                    LOG.warn("Notifier {}: call thread {} is still running after close; it is left to end on its own",
                            name, t.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poolThreads.clear();
    }
}
