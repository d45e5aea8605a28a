package dev.incidentkit.core.internal;

/**
 * When a notifier worker stops: close asks for a drain, which lasts until its deadline, or until
 * an attempt (or a step of the loop) fails after the request, whichever comes first.
 */
final class Drain {

    /** Stop requested; see {@link #stopping()}. */
    private volatile boolean requested;
    /** The deadline, in {@link System#nanoTime()}; set before {@link #requested}. */
    private volatile long until;
    /** Something failed after the request: the drain is over. Owned by the active worker thread. */
    private boolean over;

    /** Asks for a drain until {@code untilNanos}, in {@link System#nanoTime()}. */
    void request(long untilNanos) {
        until = untilNanos;
        requested = true;
    }

    /** @return whether close asked the worker to stop */
    boolean requested() {
        return requested;
    }

    /** Ends the drain now: what was left is pointless to try (a failure after close). */
    void end() {
        over = true;
    }

    /**
     * @return whether the worker should stop: close was asked for, and the drain is over (its
     *     deadline passed) or pointless (an attempt made since close failed, or the notifier is
     *     still in a call made before)
     */
    boolean stopping() {
        return requested && (over || System.nanoTime() - until >= 0);
    }
}
