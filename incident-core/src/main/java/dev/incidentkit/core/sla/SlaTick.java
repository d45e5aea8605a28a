package dev.incidentkit.core.sla;

import dev.incidentkit.core.SlaBreach;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link SlaMonitor#tick()} did.
 *
 * @param at the monitor's clock when the tick began: what was due strictly before it was checked
 * @param recorded the breaches this tick recorded, in the order it recorded them
 * @param eventsRead how many new events it read from the manager
 * @param entriesExamined how many deadline-queue entries it looked at: the due ones, plus entries
 *     of incidents whose deadline had moved since (dropped on sight). Not the open incidents.
 * @param incidentsEvaluated how many incidents it evaluated: those due and those changed by a
 *     new event
 * @param tracked how many incidents have a pending deadline after the tick
 * @param reminded the update reminders this tick recorded ({@code incident.update_due}), in order
 *     (since 0.5.0)
 * @since 0.1.0
 */
public record SlaTick(Instant at, List<Recorded> recorded, int eventsRead, long entriesExamined, int incidentsEvaluated,
        int tracked, List<Reminded> reminded) {

    /**
     * Checks that no component is null and copies the lists.
     *
     * @since 0.5.0
     */
    public SlaTick {
        Objects.requireNonNull(at, "at");
        recorded = List.copyOf(recorded);
        reminded = List.copyOf(reminded);
    }

    /**
     * A tick without reminders: the constructor of 0.1.0 to 0.4.x.
     *
     * @param at the monitor's clock when the tick began
     * @param recorded the breaches this tick recorded
     * @param eventsRead how many new events it read
     * @param entriesExamined how many deadline-queue entries it looked at
     * @param incidentsEvaluated how many incidents it evaluated
     * @param tracked how many incidents have a pending deadline after the tick
     */
    public SlaTick(Instant at, List<Recorded> recorded, int eventsRead, long entriesExamined, int incidentsEvaluated,
            int tracked) {
        this(at, recorded, eventsRead, entriesExamined, incidentsEvaluated, tracked, List.of());
    }

    /**
     * One reminder a tick recorded: the incident's next update is due at {@code deadline}.
     *
     * @param incidentId the incident
     * @param deadline when the update is due
     * @since 0.5.0
     */
    public record Reminded(String incidentId, Instant deadline) {
        /** Checks that no component is null. */
        public Reminded {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /**
     * One breach a tick recorded.
     *
     * @param incidentId the incident
     * @param breach the clock that ran out
     * @since 0.1.0
     */
    public record Recorded(String incidentId, SlaBreach breach) {
        /** Checks that no component is null. */
        public Recorded {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(breach, "breach");
        }
    }
}
