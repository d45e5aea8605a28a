package dev.incidentkit.core.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task every period, on a daemon thread of its own or on a host's executor, until
 * stopped: the scheduling of {@code SlaMonitor} and {@code Escalator}, whose ticks it runs.
 * Thread-safe.
 */
public final class Ticker {

    private final String what;
    private final String threadName;
    private final Runnable task;
    private Optional<ScheduledFuture<?>> schedule = Optional.empty();
    private Optional<ScheduledExecutorService> ownExecutor = Optional.empty();
    private volatile Optional<Thread> ownThread = Optional.empty();

    /**
     * @param what what ticks, for messages, such as {@code the SLA monitor}
     * @param threadName the name of the thread of its own
     * @param task what each tick runs; it must not throw
     */
    public Ticker(String what, String threadName, Runnable task) {
        this.what = Objects.requireNonNull(what, "what");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.task = Objects.requireNonNull(task, "task");
    }

    /**
     * Ticks every {@code period} on a daemon thread of its own, the first tick at once.
     *
     * @throws IllegalArgumentException if {@code period} is not positive
     * @throws IllegalStateException if it ticks already
     */
    public void start(Duration period) {
        checkPeriod(period);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            ownThread = Optional.of(t);
            return t;
        });
        synchronized (this) {
            if (schedule.isPresent()) {
                executor.shutdown();
                throw new IllegalStateException(what + " is started already");
            }
            ownExecutor = Optional.of(executor);
            schedule = Optional.of(executor.scheduleWithFixedDelay(task, 0, period.toNanos(), TimeUnit.NANOSECONDS));
        }
    }

    /**
     * Ticks every {@code period} on the host's executor, which {@link #stop()} does not shut down.
     *
     * @throws IllegalArgumentException if {@code period} is not positive
     * @throws IllegalStateException if it ticks already
     */
    public void start(ScheduledExecutorService executor, Duration period) {
        Objects.requireNonNull(executor, "executor");
        checkPeriod(period);
        synchronized (this) {
            if (schedule.isPresent()) {
                throw new IllegalStateException(what + " is started already");
            }
            schedule = Optional.of(executor.scheduleWithFixedDelay(task, 0, period.toNanos(), TimeUnit.NANOSECONDS));
        }
    }

    /**
     * Cancels the schedule; shuts down the thread of its own, if any, and waits (up to a minute)
     * until it has ended. A tick on the host's executor may still be running: the owner waits
     * for it by its own means. Idempotent.
     */
    public void stop() {
        Optional<ScheduledFuture<?>> s;
        Optional<ScheduledExecutorService> own;
        synchronized (this) {
            s = schedule;
            own = ownExecutor;
        }
        s.ifPresent(f -> f.cancel(false));
        if (own.isPresent()) {
            own.get().shutdown();
            try {
                own.get().awaitTermination(1, TimeUnit.MINUTES);
                // A terminated pool's worker may still be on its way out: wait until it is gone.
                Optional<Thread> thread = ownThread;
                if (thread.isPresent() && thread.get() != Thread.currentThread()) {
                    thread.get().join(TimeUnit.MINUTES.toMillis(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void checkPeriod(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
    }
}
