package dev.incidentkit.core.notify;

import dev.incidentkit.core.event.IncidentEvent;
import java.util.Objects;
import java.util.UUID;

/**
 * A page that reached nobody: every channel of its {@code incident.paged} event ended in a dead
 * letter, or no notifier takes it. See {@link Notifications#addUndeliverablePageListener}.
 *
 * @param incidentId the incident
 * @param eventId the {@code incident.paged} event
 * @param page what the event records: who, at which level and round, through which channels
 * @param reasons why each channel failed, in one line
 * @since 0.4.0
 */
public record UndeliverablePage(String incidentId, UUID eventId, IncidentEvent.Paged page, String reasons) {

    /** Checks that no component is null. */
    public UndeliverablePage {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(reasons, "reasons");
    }
}
