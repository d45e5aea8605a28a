package dev.incidentkit.notify.email;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, looking at least every 10 ms; never sleeps blindly. */
final class Await {

    static final Duration DEFAULT = Duration.ofSeconds(30);
    private static final Object MONITOR = new Object();

    private Await() {}

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEFAULT.toNanos();
        synchronized (MONITOR) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("waited " + DEFAULT + " for: " + what);
                }
                try {
                    MONITOR.wait(Math.max(1, Math.min(10, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted while waiting for: " + what);
                }
            }
        }
    }
}
