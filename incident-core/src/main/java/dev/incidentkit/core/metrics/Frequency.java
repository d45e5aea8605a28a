package dev.incidentkit.core.metrics;

import dev.incidentkit.core.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many incidents were declared in one period (a week or a month), in all, by severity and by
 * service.
 *
 * <p>An incident counts once in {@link #total()} and once under its severity on the query's {@link
 * MetricQuery#severityBasis() basis} (its peak unless set), so the
 * severities add up to the total. It counts once under each service it affects (its primary and
 * its correlated services, or only those of them a service filter keeps), so the services can add
 * up to more than the total.
 *
 * @param total how many incidents
 * @param bySeverity how many per severity; every severity is present, possibly with 0
 * @param byService how many per service, in service-name order; only services with at least one
 * @since 0.1.0
 */
public record Frequency(long total, Map<Severity, Long> bySeverity, Map<String, Long> byService) {

    /** Checks the counts and copies the maps. */
    public Frequency {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative: " + total);
        }
        EnumMap<Severity, Long> severities = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            severities.put(s, bySeverity.getOrDefault(s, 0L));
        }
        bySeverity = Collections.unmodifiableMap(severities);
        byService = Collections.unmodifiableMap(new TreeMap<>(byService));
    }

    /**
     * @param severity a severity
     * @return how many incidents of it
     */
    public long of(Severity severity) {
        return bySeverity.get(severity);
    }

    /**
     * @param service a service
     * @return how many incidents affected it
     */
    public long of(String service) {
        return byService.getOrDefault(service, 0L);
    }
}
