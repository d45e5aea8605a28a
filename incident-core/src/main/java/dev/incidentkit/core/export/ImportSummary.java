package dev.incidentkit.core.export;

import dev.incidentkit.core.IncidentException;
import java.util.List;
import java.util.Objects;

/**
 * What an import wrote, incident by incident. Each incident is written entirely or not at all.
 *
 * @param imported the incidents written, in the order they first appear in the export
 * @param alreadyPresent the incidents the store already held with exactly the same events (an
 *     import run again): nothing was written for them
 * @param rejected the incidents the store refused, each with the reason: nothing was written
 *     for them
 * @param eventsWritten how many events were written in all
 * @since 0.1.0
 */
public record ImportSummary(List<String> imported, List<String> alreadyPresent, List<Rejection> rejected,
        long eventsWritten) {

    /** Copies the lists. */
    public ImportSummary {
        imported = List.copyOf(imported);
        alreadyPresent = List.copyOf(alreadyPresent);
        rejected = List.copyOf(rejected);
    }

    /** @return whether every incident of the export is now in the store as exported */
    public boolean isComplete() {
        return rejected.isEmpty();
    }

    /**
     * An incident the store refused.
     *
     * @param incidentId the incident
     * @param reason why: {@link dev.incidentkit.core.IncidentAlreadyExistsException} when the store
     *     holds another incident of that id, {@link dev.incidentkit.core.DuplicateEventException}
     *     or {@link dev.incidentkit.core.DuplicateCommandException} when one of its event or
     *     command ids is taken by another incident, {@link dev.incidentkit.core.StoreException}
     *     when the store failed
     * @since 0.1.0
     */
    public record Rejection(String incidentId, IncidentException reason) {
        /** Checks that no component is null. */
        public Rejection {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
