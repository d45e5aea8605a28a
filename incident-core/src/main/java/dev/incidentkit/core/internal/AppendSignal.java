package dev.incidentkit.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes this process's subscriptions and notifier workers when an append commits, so that they
 * need not wait for their next poll. It carries no events: subscribers read those from the store,
 * in order.
 *
 * <p>{@link #fire()} is on every command's path, so it takes no lock and wakes at most one parked
 * reader: readers busy catching up cost a command one atomic increment and one read, and a reader
 * that wakes wakes the next one that has not seen the new count, so that a command never pays for
 * waking them all. (A monitor with {@code notifyAll} made every command contend for the monitor
 * with the readers it had just woken.) A reader registers with the count it has seen before it
 * reads the count again, and {@code fire} counts before it looks for readers, so that either the
 * reader sees the new count or {@code fire} sees the reader; a chain of wake-ups passes only to
 * readers that have not seen the newest count, so it ends.
 */
final class AppendSignal {

    private final AtomicLong count = new AtomicLong();
    /** Each parked reader, with the count it waits to see exceeded. */
    private final Map<Thread, Long> parked = new ConcurrentHashMap<>();

    void fire() {
        long now = count.incrementAndGet();
        if (!parked.isEmpty()) {
            wakeOneBefore(now);
        }
    }

    long count() {
        return count.get();
    }

    /** Waits until an append after {@code seen} or the timeout, whichever comes first; may return early. */
    long awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        Thread self = Thread.currentThread();
        parked.put(self, seen);
        try {
            if (count.get() == seen) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
            }
        } finally {
            parked.remove(self);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long now = count.get();
        if (now != seen && !parked.isEmpty()) {
            wakeOneBefore(now);
        }
        return now;
    }

    /** Unparks one reader that waits for a count below {@code now}, if there is one. */
    private void wakeOneBefore(long now) {
        for (Map.Entry<Thread, Long> e : parked.entrySet()) {
            Long seen = e.getValue();
            if (seen < now && parked.remove(e.getKey(), seen)) {
                LockSupport.unpark(e.getKey());
                return;
            }
        }
    }
}
