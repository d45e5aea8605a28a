package dev.incidentkit.core.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * A service level objective over good and total events: {@code target} of the events in every
 * {@code period} must be good, such as 99.9% over 30 days. What may fail, {@code 1 - target}, is
 * the error budget.
 *
 * <p>The <b>burn rate</b> of a stretch of time is its error ratio over the error budget: at burn
 * rate 1 the budget lasts exactly the period, at 14.4 a 30-day budget is gone in 50 hours. No
 * traffic burns nothing (rate 0).
 *
 * @param target the share of events that must be good, strictly between 0 and 1, such as 0.999
 * @param period the period the target holds over, such as 30 days
 * @since 0.1.0
 */
public record Slo(double target, Duration period) {

    /** The period of the SRE workbook's examples, and the default: 30 days. */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the target is not strictly between 0 and 1 or the
     *     period is not positive
     */
    public Slo {
        Objects.requireNonNull(period, "period");
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target must be strictly between 0 and 1, such as 0.999: " + target);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
    }

    /**
     * @param target the share of events that must be good, such as 0.999
     * @return the objective over 30 days
     * @throws IllegalArgumentException if the target is not strictly between 0 and 1
     */
    public static Slo of(double target) {
        return new Slo(target, DEFAULT_PERIOD);
    }

    /**
     * @return the error budget: the share of events that may fail, {@code 1 - target}, taken on
     *     the target's decimal form, so that 0.999 leaves the double nearest to 0.001 rather than
     *     binary {@code 1 - 0.999}, which is 0.0010000000000000009
     */
    public double errorBudget() {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(target)).doubleValue();
    }

    /**
     * @param good good events in a stretch of time
     * @param total all events in it
     * @return its error ratio over the error budget; 0 without events
     * @throws IllegalArgumentException if a count is negative or good exceeds total
     */
    public double burnRate(long good, long total) {
        SloSample.check(good, total);
        if (total == 0) {
            return 0;
        }
        return ((double) (total - good) / total) / errorBudget();
    }

    /**
     * @param burnRate a burn rate
     * @param window how long it lasted
     * @return the share of the period's error budget it spent: {@code burnRate * window / period}
     */
    public double budgetSpent(double burnRate, Duration window) {
        return burnRate * seconds(window) / seconds(period);
    }

    /**
     * @param good good events of a whole period
     * @param total all events of it
     * @return the share of the error budget left: 1 when nothing failed, 0 when it is spent,
     *     negative when it is overspent
     * @throws IllegalArgumentException if a count is negative or good exceeds total
     */
    public double budgetRemaining(long good, long total) {
        return 1 - burnRate(good, total);
    }

    static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
