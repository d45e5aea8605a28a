package dev.incidentkit.core;

/**
 * An incident cannot be created because the store already holds an incident with its id and
 * other events, as when an export is imported into a store that has an incident of the same id.
 * Nothing was written for it.
 *
 * @since 0.1.0
 */
public final class IncidentAlreadyExistsException extends IncidentException {

    private static final long serialVersionUID = 1L;

    private final String incidentId;
    private final long storedVersion;

    /**
     * @param incidentId the incident
     * @param storedVersion how many events the store holds for it, or -1 when unknown
     * @param cause what the store reported, if anything
     */
    public IncidentAlreadyExistsException(String incidentId, long storedVersion, Throwable cause) {
        super("Incident " + incidentId + " already exists in the store"
                + (storedVersion >= 0 ? " with " + storedVersion + " events" : "")
                + " and differs from the one imported; import into a store without it.", cause);
        this.incidentId = incidentId;
        this.storedVersion = storedVersion;
    }

    /** @return the incident */
    public String incidentId() {
        return incidentId;
    }

    /** @return how many events the store holds for it, or -1 when the store did not say */
    public long storedVersion() {
        return storedVersion;
    }
}
