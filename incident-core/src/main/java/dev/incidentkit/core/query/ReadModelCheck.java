package dev.incidentkit.core.query;

import java.util.List;
import java.util.Objects;

/**
 * What {@code IncidentManager.verifyReadModel()} found: every summary that is not the fold of its
 * incident's events.
 *
 * @param incidents how many incidents were checked
 * @param mismatches the summaries that differ, in incident id order; empty when the read model
 *     holds
 * @since 0.2.0
 */
public record ReadModelCheck(long incidents, List<Mismatch> mismatches) {

    /** Copies the list. */
    public ReadModelCheck {
        mismatches = List.copyOf(mismatches);
    }

    /** @return true if every summary equals the fold of its events */
    public boolean holds() {
        return mismatches.isEmpty();
    }

    /**
     * One summary that differs from the fold of its events.
     *
     * @param incidentId the incident
     * @param problem what differs, in a sentence, such as "the summary is missing" or "the
     *     summary is at version 3, the events at version 4"
     */
    public record Mismatch(String incidentId, String problem) {

        /** Checks that no component is null. */
        public Mismatch {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
