package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.alert.AlertCounts;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.metrics.Metric;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.metrics.SlaCompliance;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The metrics page ({@code /metrics}): charts of the last {@value #WEEKS} weeks (MTTA and MTTR,
 * volume by severity and by service), the interval metrics of every incident (MTTD to MTTR) and
 * the SLA compliance per severity.
 *
 * @param frame the page's frame
 * @param charts the weekly charts
 * @param incidents how many incidents the figures cover
 * @param intervals one row per interval metric
 * @param sla one row per severity
 * @param reopenRate the share of incidents reopened, in words
 */
public record MetricsView(Frame frame, MetricsCharts charts, long incidents, List<IntervalRow> intervals, List<SlaRow> sla,
        String reopenRate, Optional<AlertCounts> alerts) {

    /**
     * An interval metric.
     *
     * @param name such as {@code MTTA}
     * @param meaning such as {@code detected to first acknowledged}
     * @param count how many incidents have it
     * @param mean its mean
     * @param median its median
     * @param p90 its 90th percentile
     */
    public record IntervalRow(String name, String meaning, long count, String mean, String median, String p90) {}

    /**
     * The SLA compliance of a severity.
     *
     * @param severity the severity
     * @param acknowledge acknowledged within target, in words such as {@code 3 of 4 (75%)}
     * @param resolve resolved within target
     */
    public record SlaRow(Severity severity, String acknowledge, String resolve) {}

    /** How many weeks the charts show, the current one last. */
    static final int WEEKS = 12;

    /** @return this page with another frame (the figures are everyone's; the frame is the viewer's) */
    MetricsView withFrame(Frame other) {
        return new MetricsView(other, charts, incidents, intervals, sla, reopenRate, alerts);
    }

    /** @return alerts per incident, in words such as {@code 2.5} */
    public String alertsPerIncident() {
        return alerts.map(a -> String.format(Locale.ROOT, "%.1f", a.perIncident())).orElse("-");
    }

    /**
     * @param alertIntake the server's alerts, if it receives them: their figures join the page
     */
    static MetricsView of(IncidentManager incidents, Frame frame, Instant now, Optional<AlertIntake> alertIntake) {
        MetricsReport report = incidents.metrics(MetricQuery.all());
        List<IntervalRow> intervals = Arrays.stream(Metric.values()).map(m -> interval(m, report.stats(m))).toList();
        List<SlaRow> sla = Arrays.stream(Severity.values())
                .map(s -> new SlaRow(s, compliance(report.sla(SlaKind.ACK, s)), compliance(report.sla(SlaKind.RESOLVE, s))))
                .toList();
        String reopen = report.reopenRate().isPresent()
                ? percent(report.reopenRate().getAsDouble()) + " (" + report.reopened() + " of " + report.incidents() + ")"
                : "-";
        // Every alert so far (the metrics above cover every incident so far, too).
        Optional<AlertCounts> alerts = alertIntake.map(a -> a.counts(Instant.EPOCH, now.plusSeconds(1)));
        return new MetricsView(frame, MetricsCharts.of(incidents, now, WEEKS), report.incidents(), intervals, sla, reopen,
                alerts);
    }

    private static IntervalRow interval(Metric metric, DurationStats stats) {
        return new IntervalRow(metric.name(), metric.from() + " to " + metric.to(), stats.count(),
                DashboardView.mean(stats), stats.isEmpty() ? "-" : Texts.duration(stats.median()),
                stats.isEmpty() ? "-" : Texts.duration(stats.p90()));
    }

    private static String compliance(SlaCompliance c) {
        return c.metRatio().isPresent() ? c.met() + " of " + c.decided() + " (" + percent(c.metRatio().getAsDouble()) + ")" : "-";
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }
}
