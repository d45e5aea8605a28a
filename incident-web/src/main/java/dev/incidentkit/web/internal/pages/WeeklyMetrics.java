package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.metrics.Frequency;
import dev.incidentkit.core.metrics.IsoWeek;
import dev.incidentkit.core.metrics.Metric;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.MetricsReport;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metrics of the last few ISO weeks, one {@link MetricsReport} a week: a report's MTTA and
 * MTTR are means over all it covers, so a mean per week takes a query per week. The same reports
 * give each week's volume ({@link MetricsReport#weekly()}), so no other query is made.
 *
 * <p>Weeks run from Monday 00:00 to the next Monday in the base query's zone (UTC unless it says
 * otherwise); an incident belongs to the week it was declared in, as the metrics count it. The
 * latest week is the one holding {@code now}, so far.
 *
 * @param zone the zone the weeks are counted in
 * @param weeks the weeks, oldest first
 */
public record WeeklyMetrics(ZoneId zone, List<Week> weeks) {

    /** The most weeks asked for at once: two years, 104 metric queries. */
    public static final int MAX_WEEKS = 104;

    /** Copies the weeks. */
    public WeeklyMetrics {
        weeks = List.copyOf(weeks);
    }

    /**
     * One week's figures.
     *
     * @param week the ISO week
     * @param mtta the MTTA of the incidents declared in it
     * @param mttr the MTTR of the incidents declared in it
     * @param volume how many incidents were declared in it, by severity and by service
     */
    public record Week(IsoWeek week, DurationStats mtta, DurationStats mttr, Frequency volume) {}

    /**
     * Computes the last {@code weeks} weeks' metrics.
     *
     * @param incidents the manager to ask
     * @param base the filters (severity basis, severities, services, responder) and zone to keep;
     *     its window is replaced by each week's
     * @param now the instant whose week is the latest
     * @param weeks how many weeks, 1 to {@link #MAX_WEEKS}
     * @return the weeks' metrics
     * @throws IllegalArgumentException if {@code weeks} is out of range
     */
    public static WeeklyMetrics of(IncidentManager incidents, MetricQuery base, Instant now, int weeks) {
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new IllegalArgumentException("weeks must be 1 to " + MAX_WEEKS + ": " + weeks);
        }
        ZoneId zone = base.zone();
        LocalDate latest = LocalDate.ofInstant(now, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Week> out = new ArrayList<>(weeks);
        for (int i = weeks - 1; i >= 0; i--) {
            LocalDate monday = latest.minusWeeks(i);
            Instant start = monday.atStartOfDay(zone).toInstant();
            Instant end = monday.plusWeeks(1).atStartOfDay(zone).toInstant();
            MetricsReport report = incidents.metrics(base.since(start).until(end));
            IsoWeek week = IsoWeek.of(monday);
            // The window is exactly this week in the report's own zone: no other bucket can appear.
            Frequency volume = report.weekly().getOrDefault(week, new Frequency(0, Map.of(), Map.of()));
            out.add(new Week(week, report.stats(Metric.MTTA), report.stats(Metric.MTTR), volume));
        }
        return new WeeklyMetrics(zone, out);
    }

    /** @return the ISO weeks, oldest first */
    public List<IsoWeek> isoWeeks() {
        return weeks.stream().map(Week::week).toList();
    }
}
