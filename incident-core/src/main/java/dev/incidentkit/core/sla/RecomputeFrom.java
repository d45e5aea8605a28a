package dev.incidentkit.core.sla;

/**
 * Where the clocks count from after a severity change, whose new targets replace the old ones.
 *
 * @since 0.1.0
 */
public enum RecomputeFrom {
    /**
     * From the original start, as if the incident had had its new severity all along: the
     * acknowledge and resolve clocks from {@code detected_at}, the update clock from the last
     * update. The default. An escalation can thus put a deadline in the past, which breaches the
     * clock at the change.
     */
    ORIGINAL_START,
    /**
     * From the change: the new targets count afresh from the severity change (the update clock
     * from the later of the change and the last update).
     */
    SEVERITY_CHANGE
}
