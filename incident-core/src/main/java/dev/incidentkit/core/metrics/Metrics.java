package dev.incidentkit.core.metrics;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Computes a {@link MetricsReport} over incident snapshots, or over what the metrics read of each
 * ({@link IncidentFacts}): a pure function, in one pass over the incidents.
 *
 * <p>The pass collects each interval into an array of longs (microseconds), with its exact sum;
 * the percentiles are then selected in place (nearest rank, see {@link DurationStats}) rather
 * than sorted. MTBF, frequency, SLA compliance, acknowledge times, reopen rate and action-item
 * closure are gathered in the same pass.
 *
 * <p><b>MTBF per service.</b> The covered incidents that affect a service (as primary or
 * correlated service) are ordered by impact start (ties by resolution, unresolved last). For
 * each incident and the next one in that order, MTBF is the time from the first one's resolution
 * to the next one's impact start; it is zero when the next began before the first was resolved
 * (the failures overlapped: no time between them), and missing when the first is not resolved.
 * The canceled and duplicate incidents are not failures and are left out.
 *
 * <p>{@link MetricsProjection} keeps the same report up to date event by event; both give equal
 * reports for the same incidents.
 *
 * @since 0.1.0
 */
public final class Metrics {

    /** How long an action item may take to count as closed in time: 90 days. */
    public static final Duration ACTION_ITEM_DEADLINE = Duration.ofDays(90);

    private static final int METRICS = Metric.values().length;
    private static final int SEVERITIES = Severity.values().length;
    private static final SlaKind[] KINDS = SlaKind.values();
    private static final int SLA_KINDS = KINDS.length;

    private Metrics() {}

    /**
     * Computes the metrics of the incidents the query covers.
     *
     * @param incidents incident snapshots, in any order, each once
     * @param query which incidents to cover, and the settings the report depends on
     * @return the report
     */
    public static MetricsReport compute(Collection<Incident> incidents, MetricQuery query) {
        // The 0.1.0 signature, kept beside the Iterable one so that compiled callers still link.
        return compute((Iterable<Incident>) incidents, query);
    }

    /**
     * Computes the metrics of the incidents the query covers, reading them once: they may come a
     * page at a time, as the read model gives them.
     *
     * @param incidents incident snapshots, in any order, each once
     * @param query which incidents to cover, and the settings the report depends on
     * @return the report
     * @since 0.2.0
     */
    public static MetricsReport compute(Iterable<Incident> incidents, MetricQuery query) {
        Batch batch = new Batch(query, incidents instanceof Collection<?> c ? c.size() : 1_024);
        for (Incident incident : incidents) {
            batch.add(IncidentFacts.of(incident));
        }
        return batch.report();
    }

    /**
     * Computes the metrics of the incidents the query covers from what the metrics read of each
     * ({@link IncidentFacts}), reading them once: the same report as {@link #compute(Iterable,
     * MetricQuery)} over the incidents the facts were taken from.
     *
     * @param facts the facts of incidents, in any order, each incident once
     * @param query which incidents to cover, and the settings the report depends on
     * @return the report
     * @since 0.2.0
     */
    public static MetricsReport computeFacts(Iterable<IncidentFacts> facts, MetricQuery query) {
        Batch batch = new Batch(query, facts instanceof Collection<?> c ? c.size() : 1_024);
        for (IncidentFacts f : facts) {
            batch.add(f);
        }
        return batch.report();
    }

    /** The accumulators of one pass. */
    private static final class Batch {
        private final MetricQuery query;
        private final long asOf;
        private final Rules.Days days;
        private final Series[] intervals = new Series[METRICS];
        private final Map<Actor, Series> acks = new HashMap<>();
        private final Map<String, Timeline> services = new HashMap<>();
        private final Map<Long, DayCounts> byDay = new HashMap<>();
        private final long[][][] sla = new long[SLA_KINDS][SEVERITIES][2];
        private final long[] actionItems = new long[4];
        private long covered;
        private long canceled;
        private long duplicates;
        private long reopened;
        private long lastDay = Long.MIN_VALUE;
        private DayCounts lastCounts = new DayCounts();

        Batch(MetricQuery query, int size) {
            this.query = query;
            this.asOf = Rules.micros(query.asOf());
            this.days = new Rules.Days(query.zone());
            for (int m = 0; m < METRICS; m++) {
                intervals[m] = new Series(size);
            }
        }

        void add(IncidentFacts incident) {
            if (!query.matches(incident)) {
                return;
            }
            Status status = incident.status();
            if (status == Status.CANCELED) {
                canceled++;
                return;
            }
            if (status == Status.DUPLICATE) {
                duplicates++;
                return;
            }
            covered++;
            Milestones m = incident.milestones();
            long impact = Rules.micros(m.impactStartedAt());
            long detected = Rules.micros(m.detectedAt());
            long acked = Rules.micros(m.acknowledgedAt());
            long identified = Rules.micros(m.identifiedAt());
            long mitigated = Rules.micros(m.mitigatedAt());
            long resolved = Rules.micros(m.resolvedAt());

            intervals[Metric.MTTD.ordinal()].add(detected - impact);
            if (acked == Rules.MISSING) {
                intervals[Metric.MTTA.ordinal()].missing++;
                intervals[Metric.MTTI.ordinal()].missing++;
            } else {
                intervals[Metric.MTTA.ordinal()].add(acked - detected);
                intervals[Metric.MTTI.ordinal()].addOrMiss(identified, acked);
                Actor first = incident.acknowledgedBy().orElseThrow();
                acks.computeIfAbsent(first, a -> new Series(16)).add(acked - detected);
            }
            intervals[Metric.MTTM.ordinal()].addOrMiss(mitigated, impact);
            intervals[Metric.MTTR.ordinal()].addOrMiss(resolved, detected);

            long day = days.epochDay(m.declaredAt());
            if (day != lastDay) {
                lastDay = day;
                lastCounts = byDay.computeIfAbsent(day, d -> new DayCounts());
            }
            DayCounts counts = lastCounts;
            int severity = query.severityBasis().of(incident).ordinal();
            counts.total++;
            counts.severities[severity]++;
            long end = resolved == Rules.MISSING ? Rules.UNRESOLVED : resolved;
            service(incident.service(), impact, end, counts);
            List<String> correlated = incident.correlatedServices();
            for (int i = 0; i < correlated.size(); i++) {
                service(correlated.get(i), impact, end, counts);
            }

            int breached = Rules.breached(incident.slaBreached());
            for (SlaKind kind : KINDS) {
                int outcome = Rules.sla(kind, breached, incident);
                if (outcome != Rules.PENDING) {
                    sla[kind.ordinal()][severity][outcome]++;
                }
            }
            if (incident.reopenCount() > 0) {
                reopened++;
            }
            List<IncidentFacts.ActionItemTimes> items = incident.actionItems();
            for (int i = 0; i < items.size(); i++) {
                actionItems[Rules.actionItem(items.get(i), asOf)]++;
            }
        }

        private void service(String service, long impact, long resolved, DayCounts counts) {
            if (!query.keepsService(service)) {
                return;
            }
            services.computeIfAbsent(service, s -> new Timeline()).add(impact, resolved);
            counts.services.computeIfAbsent(service, s -> new long[1])[0]++;
        }

        MetricsReport report() {
            Map<Metric, DurationStats> stats = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                stats.put(metric, intervals[metric.ordinal()].stats());
            }
            SortedMap<String, DurationStats> mtbf = new TreeMap<>();
            services.forEach((service, timeline) -> mtbf.put(service, timeline.stats()));
            SortedMap<Actor, DurationStats> ackTimes = new TreeMap<>();
            acks.forEach((actor, series) -> ackTimes.put(actor, series.stats()));

            SortedMap<IsoWeek, FrequencyBuilder> weeks = new TreeMap<>();
            SortedMap<YearMonth, FrequencyBuilder> months = new TreeMap<>();
            byDay.forEach((day, counts) -> {
                LocalDate date = LocalDate.ofEpochDay(day);
                weeks.computeIfAbsent(IsoWeek.of(date), w -> new FrequencyBuilder()).add(counts);
                months.computeIfAbsent(YearMonth.from(date), w -> new FrequencyBuilder()).add(counts);
            });
            SortedMap<IsoWeek, Frequency> weekly = new TreeMap<>();
            weeks.forEach((week, b) -> weekly.put(week, b.build()));
            SortedMap<YearMonth, Frequency> monthly = new TreeMap<>();
            months.forEach((month, b) -> monthly.put(month, b.build()));

            return new MetricsReport(query, covered, canceled, duplicates, stats, mtbf, weekly, monthly,
                    compliance(sla), ackTimes, reopened,
                    new ActionItemClosure(actionItems[Rules.IN_TIME], actionItems[Rules.LATE],
                            actionItems[Rules.OVERDUE], actionItems[Rules.OPEN]));
        }
    }

    static Map<SlaKind, Map<Severity, SlaCompliance>> compliance(long[][][] counts) {
        Map<SlaKind, Map<Severity, SlaCompliance>> out = new EnumMap<>(SlaKind.class);
        for (SlaKind kind : SlaKind.values()) {
            Map<Severity, SlaCompliance> perSeverity = new EnumMap<>(Severity.class);
            for (Severity severity : Severity.values()) {
                long[] c = counts[kind.ordinal()][severity.ordinal()];
                perSeverity.put(severity, new SlaCompliance(c[Rules.MET], c[Rules.MISSED]));
            }
            out.put(kind, perSeverity);
        }
        return out;
    }

    /** Durations in microseconds with their exact sum, and how many were missing. */
    private static final class Series {
        final LongList values;
        final Sum128 sum = new Sum128();
        long missing;

        Series(int capacity) {
            values = new LongList(capacity);
        }

        void add(long micros) {
            values.add(micros);
            sum.add(micros);
        }

        void addOrMiss(long end, long start) {
            if (end == Rules.MISSING) {
                missing++;
            } else {
                add(end - start);
            }
        }

        DurationStats stats() {
            return Metrics.stats(values.values, values.size, sum, missing);
        }
    }

    /** Computes the stats of {@code n} values, reordering them. */
    static DurationStats stats(long[] values, int n, Sum128 sum, long missing) {
        if (n == 0) {
            return DurationStats.empty(missing);
        }
        long[] ranks = {DurationStats.nearestRank(50, n), DurationStats.nearestRank(90, n),
            DurationStats.nearestRank(95, n), DurationStats.nearestRank(99, n), n};
        long[] v = Select.ranks(values, n, ranks);
        return new DurationStats(n, Rules.duration(sum.mean(n)), Rules.duration(v[0]), Rules.duration(v[1]),
                Rules.duration(v[2]), Rules.duration(v[3]), Rules.duration(v[4]), missing);
    }

    /** One service's incidents as (impact start, resolution) pairs, for MTBF. */
    private static final class Timeline {
        final LongList starts = new LongList(16);
        final LongList ends = new LongList(16);

        void add(long impact, long resolved) {
            starts.add(impact);
            ends.add(resolved);
        }

        DurationStats stats() {
            int n = starts.size;
            PairSort.sort(starts.values, ends.values, n);
            long[] gaps = new long[Math.max(n - 1, 0)];
            int count = 0;
            long missing = 0;
            Sum128 sum = new Sum128();
            for (int i = 1; i < n; i++) {
                long previousEnd = ends.values[i - 1];
                if (previousEnd == Rules.UNRESOLVED) {
                    missing++;
                } else {
                    long gap = Math.max(0, starts.values[i] - previousEnd);
                    gaps[count++] = gap;
                    sum.add(gap);
                }
            }
            return Metrics.stats(gaps, count, sum, missing);
        }
    }

    /** The incidents declared on one day. */
    private static final class DayCounts {
        long total;
        final long[] severities = new long[SEVERITIES];
        final Map<String, long[]> services = new HashMap<>(8);
    }

    private static final class FrequencyBuilder {
        long total;
        final long[] severities = new long[SEVERITIES];
        final Map<String, Long> services = new TreeMap<>();

        void add(DayCounts day) {
            total += day.total;
            for (int s = 0; s < SEVERITIES; s++) {
                severities[s] += day.severities[s];
            }
            day.services.forEach((service, n) -> services.merge(service, n[0], Long::sum));
        }

        Frequency build() {
            Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
            for (Severity s : Severity.values()) {
                bySeverity.put(s, severities[s.ordinal()]);
            }
            return new Frequency(total, bySeverity, services);
        }
    }
}
