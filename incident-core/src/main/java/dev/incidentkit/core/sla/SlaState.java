package dev.incidentkit.core.sla;

/**
 * Where an SLA clock stands.
 *
 * @since 0.1.0
 */
public enum SlaState {
    /** The clock stopped in time: acknowledged or resolved by the deadline, or no longer owed. */
    MET,
    /** The clock runs (or is paused) and its deadline has not passed. */
    PENDING,
    /** The deadline passed while the clock ran, or the clock stopped without being met. */
    BREACHED
}
