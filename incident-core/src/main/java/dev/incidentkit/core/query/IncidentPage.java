package dev.incidentkit.core.query;

import dev.incidentkit.core.Incident;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a query's answer.
 *
 * @param incidents the incidents of the page, in the query's order; at most its limit
 * @param nextCursor the cursor of the next page ({@link IncidentQuery#after(String)}), empty when
 *     this page is the last
 * @since 0.2.0
 */
public record IncidentPage(List<Incident> incidents, Optional<String> nextCursor) {

    /** Copies the list. */
    public IncidentPage {
        incidents = List.copyOf(incidents);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
