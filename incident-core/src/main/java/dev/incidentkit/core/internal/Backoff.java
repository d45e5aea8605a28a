package dev.incidentkit.core.internal;

import java.time.Duration;
import java.util.Optional;

/** How long to wait before the next delivery attempt: a pure function, so that it can be tested for all inputs. */
public final class Backoff {

    private Backoff() {}

    /**
     * The ceiling of the wait after {@code failedAttempts} failures: {@code base * 2^(failedAttempts-1)},
     * at most {@code cap}.
     *
     * @param failedAttempts at least 1
     */
    public static Duration ceiling(int failedAttempts, Duration base, Duration cap) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1: " + failedAttempts);
        }
        long baseNanos = saturatedNanos(base);
        long capNanos = saturatedNanos(cap);
        int shift = failedAttempts - 1;
        long d;
        if (shift >= 63 || baseNanos > (Long.MAX_VALUE >> shift)) {
            d = capNanos;
        } else {
            d = Math.min(capNanos, baseNanos << shift);
        }
        return Duration.ofNanos(d);
    }

    /**
     * The wait before the next attempt: what the notifier asked for, up to {@code cap}; otherwise
     * a point in {@code [d/2, d]} for {@code d = ceiling(failedAttempts, base, cap)}, picked by
     * {@code random}.
     *
     * @param failedAttempts how many attempts failed so far, at least 1
     * @param requested the delay the notifier asked for, if any
     * @param random a number in {@code [0, 1)}
     */
    public static Duration delay(int failedAttempts, Duration base, Duration cap, Optional<Duration> requested,
            double random) {
        if (random < 0 || random >= 1 || Double.isNaN(random)) {
            throw new IllegalArgumentException("random must be in [0, 1): " + random);
        }
        if (requested.isPresent()) {
            Duration r = requested.get();
            return r.compareTo(cap) > 0 ? cap : r;
        }
        long d = ceiling(failedAttempts, base, cap).toNanos();
        long half = d / 2;
        long span = d - half;
        return Duration.ofNanos(half + Math.min(span, (long) (random * span)));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
