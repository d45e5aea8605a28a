package dev.incidentkit.core.statuspage;

import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.PublicStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident as its public updates tell it: its public title, status and impact are those of
 * its latest public update.
 *
 * @param id the incident's id, such as {@code INC-2026-014}
 * @param title the public title of the latest update
 * @param status the public status of the latest update; {@link PublicStatus#RESOLVED} once the
 *     incident is no longer worked on (resolved, closed, canceled), whatever the update said
 * @param impact the impact of the latest update; {@link ComponentStatus#OPERATIONAL} once resolved
 * @param components the affected components: the incident's services, as far as the page lists them
 * @param startedAt when the first public update was posted
 * @param resolvedAt when it was resolved for customers: the first public update that said so, else
 *     when the incident was resolved; empty while it is not
 * @param updates every public update, newest first (at least one)
 * @since 0.5.0
 */
public record PublicIncident(String id, String title, PublicStatus status, ComponentStatus impact,
        List<String> components, Instant startedAt, Optional<Instant> resolvedAt, List<PublicUpdate> updates) {

    /** Checks that no component is null, and copies the lists. */
    public PublicIncident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(impact, "impact");
        components = List.copyOf(components);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        updates = List.copyOf(updates);
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("a public incident has at least one public update: " + id);
        }
    }

    /** @return whether it is over for customers */
    public boolean isResolved() {
        return status == PublicStatus.RESOLVED;
    }

    /** @return the latest public update */
    public PublicUpdate latest() {
        return updates.get(0);
    }
}
