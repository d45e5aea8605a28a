package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.metrics.IsoWeek;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.web.internal.pages.Chart.WeekLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The three charts of the metrics page, from the last few weeks' {@link WeeklyMetrics}: MTTA and
 * MTTR per week ({@code chart/line.jte}), and the volume per week by severity and by service
 * ({@code chart/bars.jte}).
 *
 * @param mttaMttr the mean times to acknowledge and to resolve, per week, in minutes, hours or days
 *     (whichever suits the largest)
 * @param bySeverity how many incidents were declared per week, by (peak) severity
 * @param byService how many incidents were declared per week, by service: the five services with
 *     the most incidents over the weeks shown, and the rest together
 */
public record MetricsCharts(LineChart mttaMttr, BarChart bySeverity, BarChart byService) {

    /** Line colours: MTTA blue and dashed, MTTR purple and solid, told apart without colour too. */
    static final String MTTA = "#1f5fa8";
    static final String MTTR = "#6b3fa0";

    /** Severity colours, SEV-1 first; each at least 3:1 against white (WCAG 1.4.11). */
    static final Map<Severity, String> SEVERITY = Map.of(
            Severity.SEV1, "#b3261e", Severity.SEV2, "#c4540a", Severity.SEV3, "#8a6d00", Severity.SEV4, "#3b6e8f");

    /**
     * Service colours, in rank order; each at least 3:1 against white, and no red, which reads as
     * SEV-1 beside the severity chart. The last, a grey, is for the other services (or a sixth
     * service when there are exactly six).
     */
    static final List<String> SERVICES = List.of("#1f5fa8", "#2e7d32", "#8e3b8e", "#a35200", "#00707a", "#5f6368");

    /** How many services get a segment of their own when there are more than {@link #SERVICES}. */
    static final int TOP_SERVICES = 5;

    /** Not a valid service name (it has a capital and a blank), so it cannot be taken for one. */
    static final String OTHER_SERVICES = "Other services";

    /**
     * The charts of the last {@code weeks} weeks, over all incidents, in UTC weeks.
     *
     * @param incidents the manager to ask, one metrics query a week
     * @param now the instant whose week is the latest
     * @param weeks how many weeks, 1 to {@link WeeklyMetrics#MAX_WEEKS}
     * @return the charts
     * @throws IllegalArgumentException if {@code weeks} is out of range
     */
    public static MetricsCharts of(IncidentManager incidents, Instant now, int weeks) {
        return of(incidents, MetricQuery.all(), now, weeks);
    }

    /**
     * The charts of the last {@code weeks} weeks, over the incidents a query keeps, in weeks of its
     * zone; its window is replaced by each week's.
     *
     * @param incidents the manager to ask, one metrics query a week
     * @param base the filters and zone
     * @param now the instant whose week is the latest
     * @param weeks how many weeks, 1 to {@link WeeklyMetrics#MAX_WEEKS}
     * @return the charts
     * @throws IllegalArgumentException if {@code weeks} is out of range
     */
    public static MetricsCharts of(IncidentManager incidents, MetricQuery base, Instant now, int weeks) {
        return from(WeeklyMetrics.of(incidents, base, now, weeks), WeekLabels.WEEK_NUMBER);
    }

    /**
     * Draws the charts of computed weeks.
     *
     * @param metrics the weeks
     * @param labels how weeks are named under the x axes
     * @return the charts
     */
    public static MetricsCharts from(WeeklyMetrics metrics, WeekLabels labels) {
        List<IsoWeek> weeks = metrics.isoWeeks();
        LineChart times = LineChart.of("mtta-mttr", "MTTA and MTTR per week", weeks, labels, List.of(
                new LineChart.Line("MTTA", MTTA, "6 3", minutes(metrics, WeeklyMetrics.Week::mtta)),
                new LineChart.Line("MTTR", MTTR, "none", minutes(metrics, WeeklyMetrics.Week::mttr))));
        List<BarChart.Group> severities = new ArrayList<>();
        for (Severity s : Severity.values()) {
            severities.add(new BarChart.Group(s.toString(), SEVERITY.get(s),
                    metrics.weeks().stream().map(w -> w.volume().of(s)).toList()));
        }
        BarChart bySeverity = BarChart.of("by-severity", "Volume by severity per week", "", weeks, labels, severities);
        BarChart byService = BarChart.of("by-service", "Volume by service per week",
                "An incident that affects several services counts under each.", weeks, labels, services(metrics));
        return new MetricsCharts(times, bySeverity, byService);
    }

    private static List<OptionalDouble> minutes(WeeklyMetrics metrics, Function<WeeklyMetrics.Week, DurationStats> stat) {
        return metrics.weeks().stream().map(stat).map(s -> s.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(minutes(s.mean()))).toList();
    }

    /** Exact to the microsecond the means are kept to, whatever their size. */
    static double minutes(Duration d) {
        return d.getSeconds() / 60.0 + d.getNano() / 60e9;
    }

    /**
     * One group a service, the busiest first (by name among equals); past five, the rest share
     * one group, unless there are only six.
     */
    static List<BarChart.Group> services(WeeklyMetrics metrics) {
        Map<String, Long> totals = new TreeMap<>();
        for (WeeklyMetrics.Week w : metrics.weeks()) {
            w.volume().byService().forEach((service, n) -> totals.merge(service, n, Long::sum));
        }
        List<String> ranked = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        int own = ranked.size() <= SERVICES.size() ? ranked.size() : TOP_SERVICES;
        List<BarChart.Group> groups = new ArrayList<>();
        for (int i = 0; i < own; i++) {
            String service = ranked.get(i);
            groups.add(new BarChart.Group(service, SERVICES.get(i),
                    metrics.weeks().stream().map(w -> w.volume().of(service)).toList()));
        }
        if (own < ranked.size()) {
            List<String> rest = ranked.subList(own, ranked.size());
            groups.add(new BarChart.Group(OTHER_SERVICES, SERVICES.get(SERVICES.size() - 1), metrics.weeks().stream()
                    .map(w -> rest.stream().mapToLong(s -> w.volume().of(s)).sum()).toList()));
        }
        return groups;
    }
}
