package dev.incidentkit.core.query;

import java.util.List;

/**
 * What {@code IncidentManager.rebuildReadModel()} did, incident by incident.
 *
 * @param rebuilt how many summaries it wrote, recomputed from the events
 * @param overtaken how many it did not write because a command appended to the incident meanwhile:
 *     that append wrote the incident's summary itself, so nothing is lost
 * @param failed the incidents whose events do not fold (such as data that cannot be read), in
 *     incident id order: their summaries are left as they were, each is logged at WARN, and
 *     {@code IncidentManager.verify(id)} tells which event breaks the incident
 * @since 0.2.0
 */
public record ReadModelRebuild(long rebuilt, long overtaken, List<String> failed) {

    /** Copies the list. */
    public ReadModelRebuild {
        failed = List.copyOf(failed);
    }
}
