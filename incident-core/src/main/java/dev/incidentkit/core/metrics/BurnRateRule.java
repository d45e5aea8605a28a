package dev.incidentkit.core.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * A multi-window burn-rate alert (The Site Reliability Workbook, "Alerting on SLOs"): it fires
 * when the burn rate is above the threshold over the long window <em>and</em> over the short
 * one. The long window makes it significant (so much of the budget is gone); the short one makes
 * it current, so the alert stops soon after the burning does.
 *
 * @param name what to call it, such as {@code page-fast}
 * @param urgency whether to page someone or to open a ticket
 * @param longWindow the long window, such as 1 hour
 * @param shortWindow the short window, shorter than the long one, such as 5 minutes
 * @param threshold the burn rate both windows must exceed, such as 14.4
 * @since 0.1.0
 */
public record BurnRateRule(String name, Urgency urgency, Duration longWindow, Duration shortWindow, double threshold) {

    /**
     * What a firing rule calls for.
     *
     * @since 0.1.0
     */
    public enum Urgency {
        /** Wake someone up. */
        PAGE,
        /** Someone should look within a working day. */
        TICKET
    }

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the name is blank, a window is not positive, the short
     *     window is not shorter than the long one, or the threshold is not positive
     */
    public BurnRateRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(longWindow, "longWindow");
        Objects.requireNonNull(shortWindow, "shortWindow");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (shortWindow.isNegative() || shortWindow.isZero() || shortWindow.compareTo(longWindow) >= 0) {
            throw new IllegalArgumentException("need 0 < shortWindow < longWindow: " + shortWindow + ", " + longWindow);
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive burn rate: " + threshold);
        }
    }

    /**
     * A rule that fires when a share of the error budget is spent within the long window: the
     * threshold is {@code budgetShare * period / longWindow} (2% of a 30-day budget in one hour is
     * a burn rate of 14.4).
     *
     * @param name what to call it
     * @param urgency page or ticket
     * @param budgetShare the share of the period's budget, such as 0.02
     * @param longWindow the long window
     * @param shortWindow the short window
     * @param slo the objective whose period the share is of
     * @return the rule
     * @throws IllegalArgumentException if the share is not in (0, 1] or a window is wrong
     */
    public static BurnRateRule forBudgetShare(
            String name, Urgency urgency, double budgetShare, Duration longWindow, Duration shortWindow, Slo slo) {
        if (!(budgetShare > 0 && budgetShare <= 1)) {
            throw new IllegalArgumentException("budgetShare must be in (0, 1]: " + budgetShare);
        }
        double threshold = budgetShare * Slo.seconds(slo.period()) / Slo.seconds(longWindow);
        return new BurnRateRule(name, urgency, longWindow, shortWindow, threshold);
    }
}
