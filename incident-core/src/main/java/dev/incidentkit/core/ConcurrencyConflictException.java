package dev.incidentkit.core;

/**
 * The incident changed between reading it and writing to it, and the write was refused. Thrown
 * by an {@link dev.incidentkit.core.spi.EventStore} when the expected version does not match;
 * the {@link IncidentManager} retries a few times before letting it through.
 *
 * @since 0.1.0
 */
public final class ConcurrencyConflictException extends IncidentException {

    private static final long serialVersionUID = 1L;

    private final String incidentId;
    private final long expectedVersion;
    private final long actualVersion;

    /**
     * @param incidentId the incident
     * @param expectedVersion the version the writer read
     * @param actualVersion the version the store holds, or -1 when unknown
     */
    public ConcurrencyConflictException(String incidentId, long expectedVersion, long actualVersion) {
        super("Incident " + incidentId + " was changed concurrently: expected version " + expectedVersion
                + (actualVersion >= 0 ? " but found " + actualVersion : "") + "; read it again and retry.");
        this.incidentId = incidentId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** @return the incident */
    public String incidentId() {
        return incidentId;
    }

    /** @return the version the writer expected */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the version the store holds, or -1 when the store did not say */
    public long actualVersion() {
        return actualVersion;
    }
}
