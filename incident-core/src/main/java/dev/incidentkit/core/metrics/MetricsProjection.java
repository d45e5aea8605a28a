package dev.incidentkit.core.metrics;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.IncidentFold;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Metrics kept up to date as events arrive: a projection that folds each event into its
 * incident's snapshot and updates the report of its query in O(log n), so that {@link #report()}
 * never goes over every incident again. Its report always equals {@link Metrics#compute} over the
 * incidents it has seen ({@link #incidents()}) with the same query.
 *
 * <pre>{@code
 * MetricsProjection sev1 = new MetricsProjection(MetricQuery.all().severity(Severity.SEV1));
 * Subscription s = incidents.subscribe(LogPosition.START, sev1);
 * ...
 * MetricsReport now = sev1.report();
 * }</pre>
 *
 * <p>Give it every event of each incident from the declaration on, in version order (as a
 * subscription from {@link dev.incidentkit.core.spi.LogPosition#START} does); events of different
 * incidents may interleave in any way. An event it has already applied (a redelivery: its
 * version is not above the incident's) is ignored, so at-least-once delivery is safe.
 *
 * <p>Thread-safe: events may arrive on a subscription's thread while other threads read reports.
 *
 * @since 0.1.0
 */
public final class MetricsProjection implements Consumer<RecordedEvent> {

    private final MetricQuery query;
    private final Rules.Days days;
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, Contribution> contributions = new HashMap<>();
    private final Aggregate aggregate = new Aggregate();

    /** A projection of the metrics of every incident ({@link MetricQuery#all()}). */
    public MetricsProjection() {
        this(MetricQuery.all());
    }

    /** @param query the query whose report to keep up to date */
    public MetricsProjection(MetricQuery query) {
        this.query = query;
        this.days = new Rules.Days(query.zone());
    }

    /** @return the query whose report this projection keeps */
    public MetricQuery query() {
        return query;
    }

    /**
     * Applies one event.
     *
     * @param event the next event of its incident; one already applied is ignored
     * @throws IllegalArgumentException if the event does not follow its incident's last one: the
     *     first event seen of an incident is not its declaration, or a version was skipped
     */
    @Override
    public synchronized void accept(RecordedEvent event) {
        String id = event.incidentId();
        Incident current = incidents.get(id);
        Incident next;
        if (current == null) {
            if (!event.type().equals(EventTypes.DECLARED)) {
                throw new IllegalArgumentException("the first event seen of " + id + " is " + event.type()
                        + " (version " + event.version() + "), not its declaration: subscribe from the start of the log");
            }
            next = IncidentFold.replay(List.of(event));
        } else if (event.version() <= current.version()) {
            return;
        } else {
            next = IncidentFold.apply(current, List.of(event));
        }
        incidents.put(id, next);
        Contribution old = contributions.remove(id);
        if (old != null) {
            aggregate.apply(old, -1);
        }
        Optional<Contribution> now = Contribution.of(IncidentFacts.of(next), query, days);
        if (now.isPresent()) {
            contributions.put(id, now.get());
            aggregate.apply(now.get(), 1);
        }
    }

    /** @return the report of {@link #query()} over every incident seen so far */
    public synchronized MetricsReport report() {
        return aggregate.report(query);
    }

    /**
     * @param other any query
     * @return the report of {@code other} over every incident seen so far: the kept report when
     *     {@code other} equals {@link #query()}, else computed over the snapshots in one pass
     */
    public MetricsReport report(MetricQuery other) {
        if (other.equals(query)) {
            return report();
        }
        return Metrics.compute(incidents(), other);
    }

    /** @return the snapshot of every incident seen so far, in the order they were first seen */
    public synchronized List<Incident> incidents() {
        return List.copyOf(incidents.values());
    }

    /**
     * @param incidentId an incident
     * @return its snapshot, if this projection has seen it
     */
    public synchronized Optional<Incident> incident(String incidentId) {
        return Optional.ofNullable(incidents.get(incidentId));
    }

    /** The report's figures, as sums that contributions are added to and taken from. */
    private static final class Aggregate {
        private static final int METRICS = Metric.values().length;
        private static final int SEVERITIES = Severity.values().length;

        private long covered;
        private long canceled;
        private long duplicates;
        private long reopened;
        private final LongMultiset[] intervals = new LongMultiset[METRICS];
        private final long[] missing = new long[METRICS];
        private final Map<Actor, LongMultiset> acks = new HashMap<>();
        private final Map<String, ServiceLine> services = new HashMap<>();
        private final TreeMap<IsoWeek, Bucket> weeks = new TreeMap<>();
        private final TreeMap<YearMonth, Bucket> months = new TreeMap<>();
        private final long[][][] sla = new long[SlaKind.values().length][SEVERITIES][2];
        private final long[] actionItems = new long[4];

        Aggregate() {
            for (int m = 0; m < METRICS; m++) {
                intervals[m] = new LongMultiset();
            }
        }

        /** Adds ({@code sign} 1) or takes away ({@code sign} -1) one incident's contribution. */
        void apply(Contribution c, int sign) {
            if (c.kind == Contribution.CANCELED) {
                canceled += sign;
                return;
            }
            if (c.kind == Contribution.DUPLICATE) {
                duplicates += sign;
                return;
            }
            covered += sign;
            for (int m = 0; m < METRICS; m++) {
                long v = c.intervals[m];
                if (v == Rules.MISSING) {
                    missing[m] += sign;
                } else if (sign > 0) {
                    intervals[m].add(v);
                } else {
                    intervals[m].remove(v);
                }
            }
            if (c.acknowledgedBy.isPresent()) {
                long mtta = c.intervals[Metric.MTTA.ordinal()];
                if (sign > 0) {
                    acks.computeIfAbsent(c.acknowledgedBy.get(), a -> new LongMultiset()).add(mtta);
                } else {
                    LongMultiset set = acks.get(c.acknowledgedBy.get());
                    set.remove(mtta);
                    if (set.size() == 0) {
                        acks.remove(c.acknowledgedBy.get());
                    }
                }
            }
            LocalDate date = LocalDate.ofEpochDay(c.epochDay);
            count(weeks, IsoWeek.of(date), c, sign);
            count(months, YearMonth.from(date), c, sign);
            for (String service : c.services) {
                if (sign > 0) {
                    services.computeIfAbsent(service, s -> new ServiceLine()).insert(c);
                } else {
                    ServiceLine line = services.get(service);
                    line.delete(c);
                    if (line.isEmpty()) {
                        services.remove(service);
                    }
                }
            }
            for (int k = 0; k < c.sla.length; k++) {
                if (c.sla[k] != Rules.PENDING) {
                    sla[k][c.severity][c.sla[k]] += sign;
                }
            }
            if (c.reopened) {
                reopened += sign;
            }
            for (int i = 0; i < actionItems.length; i++) {
                actionItems[i] += sign * c.actionItems[i];
            }
        }

        private static <K> void count(TreeMap<K, Bucket> buckets, K key, Contribution c, int sign) {
            Bucket b = buckets.computeIfAbsent(key, k -> new Bucket());
            b.total += sign;
            b.severities[c.severity] += sign;
            for (String service : c.services) {
                b.services.merge(service, (long) sign, (x, y) -> x + y == 0 ? null : x + y);
            }
            if (b.total == 0) {
                buckets.remove(key);
            }
        }

        MetricsReport report(MetricQuery query) {
            Map<Metric, DurationStats> stats = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                stats.put(metric, intervals[metric.ordinal()].stats(missing[metric.ordinal()]));
            }
            SortedMap<String, DurationStats> mtbf = new TreeMap<>();
            services.forEach((service, line) -> mtbf.put(service, line.gaps.stats(line.missing)));
            SortedMap<Actor, DurationStats> ackTimes = new TreeMap<>();
            acks.forEach((actor, set) -> ackTimes.put(actor, set.stats(0)));
            SortedMap<IsoWeek, Frequency> weekly = new TreeMap<>();
            weeks.forEach((week, b) -> weekly.put(week, b.frequency()));
            SortedMap<YearMonth, Frequency> monthly = new TreeMap<>();
            months.forEach((month, b) -> monthly.put(month, b.frequency()));
            return new MetricsReport(query, covered, canceled, duplicates, stats, mtbf, weekly, monthly,
                    Metrics.compliance(sla), ackTimes, reopened,
                    new ActionItemClosure(actionItems[Rules.IN_TIME], actionItems[Rules.LATE],
                            actionItems[Rules.OVERDUE], actionItems[Rules.OPEN]));
        }
    }

    /** The incidents declared in one week or month. */
    private static final class Bucket {
        long total;
        final long[] severities = new long[Severity.values().length];
        final Map<String, Long> services = new TreeMap<>();

        Frequency frequency() {
            Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
            for (Severity s : Severity.values()) {
                bySeverity.put(s, severities[s.ordinal()]);
            }
            return new Frequency(total, bySeverity, services);
        }
    }

    /**
     * One service's incidents in MTBF order, and the MTBF values between neighbours: inserting or
     * deleting an incident changes only the pairs around it.
     */
    private static final class ServiceLine {
        private static final Comparator<Contribution> ORDER = Comparator
                .comparingLong((Contribution c) -> c.impactStartedAt)
                .thenComparingLong(c -> c.resolvedAt)
                .thenComparing(c -> c.incidentId);

        final TreeSet<Contribution> line = new TreeSet<>(ORDER);
        final LongMultiset gaps = new LongMultiset();
        long missing;

        void insert(Contribution c) {
            Contribution before = line.lower(c);
            Contribution after = line.higher(c);
            if (before != null && after != null) {
                pair(before, after, -1);
            }
            if (before != null) {
                pair(before, c, 1);
            }
            if (after != null) {
                pair(c, after, 1);
            }
            line.add(c);
        }

        void delete(Contribution c) {
            line.remove(c);
            Contribution before = line.lower(c);
            Contribution after = line.higher(c);
            if (before != null) {
                pair(before, c, -1);
            }
            if (after != null) {
                pair(c, after, -1);
            }
            if (before != null && after != null) {
                pair(before, after, 1);
            }
        }

        boolean isEmpty() {
            return line.isEmpty();
        }

        private void pair(Contribution first, Contribution next, int sign) {
            if (first.resolvedAt == Rules.UNRESOLVED) {
                missing += sign;
                return;
            }
            long gap = Math.max(0, next.impactStartedAt - first.resolvedAt);
            if (sign > 0) {
                gaps.add(gap);
            } else {
                gaps.remove(gap);
            }
        }
    }
}
