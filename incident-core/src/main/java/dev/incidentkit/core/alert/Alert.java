package dev.incidentkit.core.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert as the alert store keeps it: one per source and dedup key, its latest episode (an alert
 * that fires again after it resolved starts a new one, with a new id).
 *
 * @param id the id of this episode, a UUID
 * @param details what the source said when it started firing
 * @param status firing or resolved
 * @param firstSeen when IncidentKit first received this episode
 * @param lastSeen when it last received it
 * @param repeats how many times it was received while firing, at least 1
 * @param resolvedAt when it was received resolved, if it was
 * @param incidentId the incident it declared or joined, if any
 * @param suppressedBy the silence or maintenance window that suppressed it, if one did
 * @since 0.3.0
 */
public record Alert(
        String id,
        AlertDetails details,
        AlertStatus status,
        Instant firstSeen,
        Instant lastSeen,
        long repeats,
        Optional<Instant> resolvedAt,
        Optional<String> incidentId,
        Optional<String> suppressedBy) {

    /** Checks that no component is null and {@code repeats} is positive. */
    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(suppressedBy, "suppressedBy");
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
    }

    /** @return whether a silence or maintenance window suppressed it */
    public boolean suppressed() {
        return suppressedBy.isPresent();
    }
}
