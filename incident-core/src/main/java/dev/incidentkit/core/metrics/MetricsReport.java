package dev.incidentkit.core.metrics;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import java.time.YearMonth;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The metrics of a set of incidents (design contract, section 4), as {@link Metrics#compute} and
 * {@link MetricsProjection} produce them. Every figure is over the <em>covered</em> incidents: those
 * the {@link #query()} matches, less the canceled and duplicate ones, which are only counted.
 *
 * <p>Two reports over the same incidents and query are equal, whichever way they were made.
 *
 * @param query the query it answers
 * @param incidents how many incidents it covers
 * @param canceled how many matching incidents were left out because they are canceled
 * @param duplicates how many matching incidents were left out because they are duplicates
 * @param intervals the interval metrics; every {@link Metric} is present
 * @param mtbf per service, the time from the resolution of one incident of the service to the
 *     impact start of the next (section 4's MTBF; see {@link Metrics} for the exact rule), in
 *     service-name order; a service with one incident has empty stats
 * @param weekly how many incidents were declared per ISO week, in time order; only weeks with
 *     incidents
 * @param monthly how many incidents were declared per month, in time order; only months with
 *     incidents
 * @param slaCompliance per SLA kind and severity (on the query's basis), how often the clock was met; every kind
 *     and severity is present
 * @param acknowledgeTimes per actor who gave the first acknowledgement, the MTTA of those
 *     incidents, in actor-name order
 * @param reopened how many covered incidents were reopened at least once
 * @param actionItems how the covered incidents' action items were closed
 * @since 0.1.0
 */
public record MetricsReport(
        MetricQuery query,
        long incidents,
        long canceled,
        long duplicates,
        Map<Metric, DurationStats> intervals,
        SortedMap<String, DurationStats> mtbf,
        SortedMap<IsoWeek, Frequency> weekly,
        SortedMap<YearMonth, Frequency> monthly,
        Map<SlaKind, Map<Severity, SlaCompliance>> slaCompliance,
        SortedMap<Actor, DurationStats> acknowledgeTimes,
        long reopened,
        ActionItemClosure actionItems) {

    /**
     * Checks the components and copies the maps.
     *
     * @throws IllegalArgumentException if a metric, SLA kind or severity is missing or a count is
     *     negative
     */
    public MetricsReport {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(actionItems, "actionItems");
        if (incidents < 0 || canceled < 0 || duplicates < 0 || reopened < 0 || reopened > incidents) {
            throw new IllegalArgumentException("counts must not be negative, nor reopened above incidents");
        }
        EnumMap<Metric, DurationStats> metrics = new EnumMap<>(Metric.class);
        metrics.putAll(intervals);
        if (metrics.size() != Metric.values().length) {
            throw new IllegalArgumentException("every metric must be present: " + intervals.keySet());
        }
        intervals = Collections.unmodifiableMap(metrics);
        mtbf = Collections.unmodifiableSortedMap(new TreeMap<>(mtbf));
        weekly = Collections.unmodifiableSortedMap(new TreeMap<>(weekly));
        monthly = Collections.unmodifiableSortedMap(new TreeMap<>(monthly));
        EnumMap<SlaKind, Map<Severity, SlaCompliance>> sla = new EnumMap<>(SlaKind.class);
        for (SlaKind kind : SlaKind.values()) {
            Map<Severity, SlaCompliance> given = slaCompliance.get(kind);
            if (given == null || given.size() != Severity.values().length) {
                throw new IllegalArgumentException("every SLA kind and severity must be present: " + kind);
            }
            sla.put(kind, Collections.unmodifiableMap(new EnumMap<>(given)));
        }
        slaCompliance = Collections.unmodifiableMap(sla);
        acknowledgeTimes = Collections.unmodifiableSortedMap(new TreeMap<>(acknowledgeTimes));
    }

    /**
     * @param metric an interval metric
     * @return its stats
     */
    public DurationStats stats(Metric metric) {
        return intervals.get(metric);
    }

    /** @return covered plus canceled plus duplicate incidents: all the query matched */
    public long matched() {
        return incidents + canceled + duplicates;
    }

    /** @return reopened incidents over covered incidents, 0 to 1; empty when none is covered */
    public OptionalDouble reopenRate() {
        return incidents == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) reopened / incidents);
    }

    /**
     * @param kind an SLA clock
     * @param severity a severity
     * @return how often incidents of that severity (on the query's basis) met it
     */
    public SlaCompliance sla(SlaKind kind, Severity severity) {
        return slaCompliance.get(kind).get(severity);
    }

    /**
     * @param kind an SLA clock
     * @return how often incidents of any severity met it
     */
    public SlaCompliance sla(SlaKind kind) {
        long met = 0;
        long missed = 0;
        for (SlaCompliance c : slaCompliance.get(kind).values()) {
            met += c.met();
            missed += c.missed();
        }
        return new SlaCompliance(met, missed);
    }
}
