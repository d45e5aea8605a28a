package dev.incidentkit.core.query;

/**
 * What a query sorts by. Every order ends with the incident id, in the same direction, so that
 * it is total and a page cursor is exact.
 *
 * @since 0.2.0
 */
public enum SortKey {
    /** The declaration instant ({@code Milestones.declaredAt}). */
    DECLARED,
    /** The severity level, 1 for SEV-1: ascending puts the most severe first. */
    SEVERITY,
    /** When the last event was recorded ({@code IncidentSummary.lastChangedAt}). */
    LAST_CHANGE
}
