package dev.incidentkit.core.metrics;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import java.util.Locale;

/**
 * Which of an incident's severities a {@link MetricQuery} filters and groups by: the peak (the
 * default: what an incident review means by "a SEV-1", such as one escalated to SEV-1 and
 * downgraded once under control) or the current one.
 *
 * @since 0.1.0
 */
public enum SeverityBasis {
    /** The most severe the incident has been ({@link Incident#peakSeverity()}). */
    PEAK,
    /** The severity it has now, after escalations and downgrades ({@link Incident#severity()}). */
    CURRENT;

    /**
     * @param incident an incident
     * @return its severity on this basis
     */
    public Severity of(Incident incident) {
        return this == PEAK ? incident.peakSeverity() : incident.severity();
    }

    /**
     * @param incident what the metrics read of an incident
     * @return its severity on this basis
     * @since 0.2.0
     */
    public Severity of(IncidentFacts incident) {
        return this == PEAK ? incident.peakSeverity() : incident.severity();
    }

    /**
     * Reads {@code peak} or {@code current}, in any case.
     *
     * @param text the name
     * @return the basis
     * @throws IllegalArgumentException if the text names neither
     */
    public static SeverityBasis parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "peak": return PEAK;
            case "current": return CURRENT;
            default: throw new IllegalArgumentException("severity basis must be peak or current, not '" + text + "'");
        }
    }
}
