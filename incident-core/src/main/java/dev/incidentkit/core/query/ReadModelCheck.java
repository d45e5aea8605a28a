package dev.incidentkit.core.query;

import java.util.List;
import java.util.Objects;

/**
 * What {@code IncidentManager.verifyReadModel()} found: every summary that is not the fold of its
 * incident's events (or whose facts for the metrics are not the summary's), and whether the read model holds as many summaries as the store holds
 * incidents.
 *
 * <p>The two counts are read at different moments: while incidents are being declared, the count
 * of summaries (read last) may exceed the count of incidents by the declarations in between.
 * They are exact on a store that no one writes to during the check.
 *
 * @param incidents how many incidents (streams with events) were checked
 * @param summaries how many summaries the read model held when the check ended
 * @param mismatches the summaries that differ, in incident id order; empty when every checked
 *     summary is the fold of its events
 * @since 0.2.0
 */
public record ReadModelCheck(long incidents, long summaries, List<Mismatch> mismatches) {

    /** Copies the list. */
    public ReadModelCheck {
        mismatches = List.copyOf(mismatches);
    }

    /**
     * @return true if every summary equals the fold of its events and there are as many summaries
     *     as incidents (approximate while declarations run: see the type's description)
     */
    public boolean holds() {
        return mismatches.isEmpty() && incidents == summaries;
    }

    /**
     * One summary that differs from the fold of its events.
     *
     * @param incidentId the incident
     * @param problem what differs, in a sentence, such as "the summary is missing", "the summary
     *     is at version 3, the events at version 4" or "its events do not fold: ..."
     */
    public record Mismatch(String incidentId, String problem) {

        /** Checks that no component is null. */
        public Mismatch {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
