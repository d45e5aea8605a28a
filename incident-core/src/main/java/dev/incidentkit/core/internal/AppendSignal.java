package dev.incidentkit.core.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wakes this process's subscriptions and notifier workers when an append commits, so that they
 * need not wait for their next poll. It carries no events: subscribers read those from the store,
 * in order.
 *
 * <p>{@link #fire()} is on every command's path, so it takes no lock unless a reader is waiting:
 * readers that are busy catching up cost a command one atomic increment and one read. The
 * increment of the count comes before the read of the waiters in {@code fire}, and the
 * registration of a waiter before its read of the count in {@code awaitAfter}, so that either
 * the waiter sees the new count or the firer sees the waiter and wakes it.
 */
final class AppendSignal {

    private final AtomicLong count = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();

    void fire() {
        count.incrementAndGet();
        if (waiting.get() > 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    long count() {
        return count.get();
    }

    /** Waits until an append after {@code seen} or the timeout, whichever comes first. */
    long awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        waiting.incrementAndGet();
        try {
            synchronized (this) {
                if (count.get() == seen) {
                    wait(timeoutMillis);
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
        return count.get();
    }
}
