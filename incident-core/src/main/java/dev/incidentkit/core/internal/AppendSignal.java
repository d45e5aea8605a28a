package dev.incidentkit.core.internal;

/**
 * Wakes this process's subscriptions when an append commits, so that they need not wait for
 * their next poll. It carries no events: subscribers read those from the store, in order.
 */
final class AppendSignal {

    private long count;

    synchronized void fire() {
        count++;
        notifyAll();
    }

    synchronized long count() {
        return count;
    }

    /** Waits until an append after {@code seen} or the timeout, whichever comes first. */
    synchronized long awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        if (count == seen) {
            wait(timeoutMillis);
        }
        return count;
    }
}
