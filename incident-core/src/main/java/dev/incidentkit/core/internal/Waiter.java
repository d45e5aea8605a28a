package dev.incidentkit.core.internal;

import java.time.Duration;

/**
 * Waits between two delivery attempts of one notifier. The default waits on a monitor that
 * {@link #close()} wakes; tests put in one that records the delays asked for and returns at once,
 * so that no test depends on how long a thread sleeps.
 */
public interface Waiter {

    /**
     * Waits {@code delay}, or less if the waiter is closed meanwhile.
     *
     * @return {@code false} if the waiter is closed: the notifier is stopping
     */
    boolean await(Duration delay) throws InterruptedException;

    /** Ends the wait in progress, and every later one at once. */
    void close();

    /** @return a waiter that waits in real time */
    static Waiter monitor() {
        return new MonitorWaiter();
    }

    /** A timed wait on a monitor. */
    final class MonitorWaiter implements Waiter {

        private boolean closed;

        private MonitorWaiter() {}

        @Override
        public synchronized boolean await(Duration delay) throws InterruptedException {
            long deadline = System.nanoTime() + Math.max(0, delay.toNanos());
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                long millis = left / 1_000_000;
                wait(millis, (int) (left % 1_000_000));
            }
            return false;
        }

        @Override
        public synchronized void close() {
            closed = true;
            notifyAll();
        }
    }
}
