package dev.incidentkit.core.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * Events counted against an SLO, stamped with the instant they were counted at: such as one
 * scrape of a request counter, or one minute of a log.
 *
 * @param at when they were counted
 * @param good how many were good
 * @param total how many there were
 * @since 0.1.0
 */
public record SloSample(Instant at, long good, long total) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if a count is negative or good exceeds total
     */
    public SloSample {
        Objects.requireNonNull(at, "at");
        check(good, total);
    }

    static void check(long good, long total) {
        if (good < 0 || total < 0 || good > total) {
            throw new IllegalArgumentException("need 0 <= good <= total: good " + good + ", total " + total);
        }
    }
}
