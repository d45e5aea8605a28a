package dev.incidentkit.core.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as IncidentKit records them. */
public final class Times {

    private Times() {}

    /**
     * Truncates to microseconds: what PostgreSQL's {@code timestamptz} keeps, so that every store
     * returns exactly what was written.
     */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
