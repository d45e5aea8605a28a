package dev.incidentkit.core.spi;

import java.util.Objects;

/**
 * Where a stored {@code commandId} wrote: the incident and the stream's version after it.
 *
 * @param commandId the client command id
 * @param incidentId the incident the command wrote to
 * @param version the incident's version after the command's events
 * @since 0.1.0
 */
public record CommandRecord(String commandId, String incidentId, long version) {

    /** Checks that no component is null. */
    public CommandRecord {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
