package dev.incidentkit.core;

/**
 * No incident has the given id in this store.
 *
 * @since 0.1.0
 */
public final class IncidentNotFoundException extends IncidentException {

    private static final long serialVersionUID = 1L;

    private final String incidentId;

    /** @param incidentId the id that was not found */
    public IncidentNotFoundException(String incidentId) {
        super("Incident " + incidentId + " does not exist.");
        this.incidentId = incidentId;
    }

    /** @return the id that was not found */
    public String incidentId() {
        return incidentId;
    }
}
