package dev.incidentkit.core.notify;

import dev.incidentkit.core.IncidentException;
import java.util.UUID;

/**
 * A replay named a dead letter that is not there: it was never one, or it was delivered by an
 * earlier replay.
 *
 * @since 0.1.0
 */
public class DeadLetterNotFoundException extends IncidentException {

    private static final long serialVersionUID = 1L;

    private final String notifier;
    private final UUID eventId;

    /**
     * @param notifier the notifier's name
     * @param eventId the event
     */
    public DeadLetterNotFoundException(String notifier, UUID eventId) {
        super("Notifier " + notifier + " has no dead letter for event " + eventId
                + "; list them with notifications().deadLetters(\"" + notifier + "\").");
        this.notifier = notifier;
        this.eventId = eventId;
    }

    /** @return the notifier's name */
    public String notifier() {
        return notifier;
    }

    /** @return the event */
    public UUID eventId() {
        return eventId;
    }
}
