package dev.incidentkit.core.query;

/**
 * The direction of a query's order.
 *
 * @since 0.2.0
 */
public enum SortDirection {
    /** Smallest first. */
    ASCENDING,
    /** Greatest first. */
    DESCENDING
}
