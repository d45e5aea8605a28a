package dev.incidentkit.core.metrics;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * A summary of durations: how many, their mean, median, 90th, 95th and 99th percentiles and
 * maximum, and how many incidents (or, for MTBF, pairs of incidents) had no value because a
 * milestone was missing.
 *
 * <p>Percentiles use the <b>nearest-rank</b> method: the p-th percentile of n sorted values is
 * the value of rank {@code ceil(p / 100 * n)} (ranks from 1), always one of the values and never
 * an interpolation between two. The median is the 50th percentile by the same rule: of an even
 * number of values, the lower of the two middle ones. The mean is exact, truncated toward zero
 * to the microsecond (the precision IncidentKit records instants with).
 *
 * <p>With no values ({@code count == 0}) every duration is {@link Duration#ZERO}; {@link
 * #isEmpty()} tells that case apart from a true zero.
 *
 * @param count how many values
 * @param mean their mean
 * @param median their median (nearest rank, p50)
 * @param p90 their 90th percentile (nearest rank)
 * @param p95 their 95th percentile (nearest rank)
 * @param p99 their 99th percentile (nearest rank)
 * @param max the largest
 * @param missing how many had no value because a milestone was missing
 * @since 0.1.0
 */
public record DurationStats(
        long count, Duration mean, Duration median, Duration p90, Duration p95, Duration p99, Duration max, long missing) {

    /** No values and nothing missing. */
    public static final DurationStats EMPTY = empty(0);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public DurationStats {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(p90, "p90");
        Objects.requireNonNull(p95, "p95");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
        if (count < 0 || missing < 0) {
            throw new IllegalArgumentException("count and missing must not be negative: " + count + ", " + missing);
        }
    }

    /**
     * @param missing how many had no value
     * @return stats without values
     */
    public static DurationStats empty(long missing) {
        return new DurationStats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, missing);
    }

    /**
     * Summarizes durations by the rules above, each taken to the microsecond as the metrics
     * take theirs (the sub-microsecond part dropped).
     *
     * @param values the durations, in any order
     * @param missing how many had no value
     * @return their stats
     * @throws IllegalArgumentException if {@code missing} is negative
     * @throws ArithmeticException if a value does not fit in a long of microseconds (about
     *     292,000 years)
     * @since 0.4.0
     */
    public static DurationStats of(Collection<Duration> values, long missing) {
        if (missing < 0) {
            throw new IllegalArgumentException("missing must not be negative: " + missing);
        }
        long[] micros = new long[values.size()];
        Sum128 sum = new Sum128();
        int n = 0;
        for (Duration d : values) {
            long m = Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
            micros[n++] = m;
            sum.add(m);
        }
        return Metrics.stats(micros, n, sum, missing);
    }

    /** @return whether there are no values */
    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * The rank the nearest-rank method takes the p-th percentile of n values from.
     *
     * @param percent the percentile, 1 to 100
     * @param n how many values, at least 1
     * @return {@code ceil(percent / 100 * n)}, from 1 to n
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static long nearestRank(int percent, long n) {
        if (percent < 1 || percent > 100 || n < 1) {
            throw new IllegalArgumentException("percent must be 1..100 and n at least 1: " + percent + ", " + n);
        }
        return Math.max(1, (percent * n + 99) / 100);
    }
}
