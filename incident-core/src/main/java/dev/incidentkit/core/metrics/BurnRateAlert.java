package dev.incidentkit.core.metrics;

import java.util.Objects;

/**
 * One {@link BurnRateRule} evaluated: the burn rates over its two windows, and whether it fires.
 *
 * @param rule the rule
 * @param longBurnRate the burn rate over its long window
 * @param shortBurnRate the burn rate over its short window
 * @since 0.1.0
 */
public record BurnRateAlert(BurnRateRule rule, double longBurnRate, double shortBurnRate) {

    /** Checks that no component is null. */
    public BurnRateAlert {
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * @return whether both burn rates are above the rule's threshold (strictly, as the workbook's
     *     {@code >} comparisons)
     */
    public boolean firing() {
        return longBurnRate > rule.threshold() && shortBurnRate > rule.threshold();
    }
}
