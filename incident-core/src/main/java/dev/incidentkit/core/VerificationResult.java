package dev.incidentkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link IncidentManager#verify} found in an incident's hash chain.
 *
 * @param incidentId the incident
 * @param eventsChecked how many events were checked before the first bad one, or in all
 * @param firstBad the first event that breaks the chain, if any
 * @since 0.1.0
 */
public record VerificationResult(String incidentId, int eventsChecked, Optional<Violation> firstBad) {

    /** Checks that no component is null. */
    public VerificationResult {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(firstBad, "firstBad");
    }

    /** @return whether every event is where the chain says it should be */
    public boolean isIntact() {
        return firstBad.isEmpty();
    }

    /**
     * The first event that breaks the chain.
     *
     * @param version the version the event should have, counting from 1 in stored order
     * @param reason what is wrong with it: a changed field, a missing or reordered event
     * @since 0.1.0
     */
    public record Violation(long version, String reason) {
        /** Checks that no component is null. */
        public Violation {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
