package dev.incidentkit.core;

import java.util.UUID;

/**
 * An event id (the CloudEvents {@code id}) is already stored with other content. Appending the
 * very same events again is not an error: the store returns the first result.
 *
 * @since 0.1.0
 */
public final class DuplicateEventException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** @param eventId the event id that is already stored with other content */
    public DuplicateEventException(UUID eventId) {
        super("Event " + eventId + " is already stored with different content.");
    }
}
