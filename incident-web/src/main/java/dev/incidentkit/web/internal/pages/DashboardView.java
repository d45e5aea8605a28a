package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.metrics.Frequency;
import dev.incidentkit.core.metrics.Metric;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The dashboard ({@code /}): the active incidents with their SLA clocks, what happened lately,
 * and the walkthrough's figures (MTTA, MTTR, volume by severity and service, response times by
 * user) of the incidents declared in the last 30 days.
 *
 * @param frame the page's frame
 * @param active the active incidents shown, most severe first
 * @param activeMore whether there are more active incidents than shown
 * @param activity the latest timeline entries of the incidents shown and of the latest declared, newest first
 * @param mtta the mean time to acknowledge, such as {@code 4m}, or {@code -} without data
 * @param mttr the mean time to resolve
 * @param incidents how many incidents the figures cover
 * @param bySeverity how many incidents per severity
 * @param byService how many incidents per service, most first
 * @param responders per first acknowledger, how many and how fast
 */
public record DashboardView(
        Frame frame,
        List<ActiveRow> active,
        boolean activeMore,
        List<ActivityRow> activity,
        String mtta,
        String mttr,
        long incidents,
        List<Count> bySeverity,
        List<Count> byService,
        List<ResponderRow> responders) {

    /** How many active incidents the dashboard lists (each with its SLA clocks, read from its history). */
    static final int ACTIVE_SHOWN = 50;
    /** How many of the latest declared incidents add their timelines to the activity. */
    static final int LATEST_DECLARED = 10;
    static final int ACTIVITY_SHOWN = 15;
    static final int SERVICES_SHOWN = 8;

    /**
     * One active incident's row.
     *
     * @param id its id
     * @param title its title
     * @param severity its severity
     * @param status its status, in words
     * @param service its primary service
     * @param age how long since it was declared
     * @param commander its commander's name, or empty
     * @param sla its pending and breached SLA clocks
     */
    public record ActiveRow(String id, String title, Severity severity, String status, String service, String age,
            String commander, List<SlaCell> sla) {}

    /**
     * One timeline entry of the activity.
     *
     * @param incidentId the incident
     * @param at when, as {@code HH:mm}
     * @param iso when, for {@code <time datetime>}
     * @param headline what happened
     * @param by who did it, or empty when the headline names them
     * @param text what they wrote
     */
    public record ActivityRow(String incidentId, String at, String iso, String headline, String by, String text) {}

    /**
     * A count with its share of the largest, for a bar.
     *
     * @param name what is counted, such as {@code SEV-2} or a service
     * @param count how many
     * @param max the largest count of its list
     * @param badge the CSS class of a severity's badge, or empty for a service
     */
    public record Count(String name, long count, long max, String badge) {}

    /**
     * A responder's acknowledgements.
     *
     * @param name who
     * @param acknowledged how many incidents they acknowledged first
     * @param mean their mean time to acknowledge
     */
    public record ResponderRow(String name, long acknowledged, String mean) {}

    static DashboardView of(DashboardReads store, Frame frame, Instant now) {
        DashboardReads.Reads reads = store.reads(now);
        IncidentManager incidents = store.incidents();
        var timelines = new LinkedHashMap<String, List<RecordedEvent>>();
        var active = new ArrayList<ActiveRow>();
        for (Incident incident : reads.active().incidents()) {
            List<RecordedEvent> history = store.history(incident);
            timelines.put(incident.id(), history);
            active.add(new ActiveRow(incident.id(), incident.title(), incident.severity(), Texts.status(incident.status()),
                    incident.service(), Texts.duration(Duration.between(incident.milestones().declaredAt(), now)),
                    incident.role(Role.COMMANDER).map(Actor::name).orElse(""),
                    SlaCell.of(incidents.slaPolicy().status(history, now), false)));
        }
        for (Incident incident : reads.latest()) {
            timelines.computeIfAbsent(incident.id(), id -> store.history(incident));
        }
        List<ActivityRow> activity = timelines.values().stream()
                .flatMap(history -> Timeline.of(history).stream())
                .sorted(Timeline.ORDER.reversed())
                .limit(ACTIVITY_SHOWN)
                .map(DashboardView::activity)
                .toList();
        MetricsReport report = reads.report();
        return new DashboardView(frame, active, reads.active().nextCursor().isPresent(), activity,
                mean(report.stats(Metric.MTTA)), mean(report.stats(Metric.MTTR)), report.incidents(),
                bySeverity(report), byService(report), responders(report));
    }

    private static ActivityRow activity(TimelineEntry e) {
        return new ActivityRow(e.incidentId(), Texts.time(e.at()), Texts.iso(e.at()), e.headline(), Texts.by(e), e.text());
    }

    static String mean(DurationStats stats) {
        return stats.isEmpty() ? "-" : Texts.duration(stats.mean());
    }

    private static List<Count> bySeverity(MetricsReport report) {
        var counts = new EnumMap<Severity, Long>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0L); // every severity has its row, zero too
        }
        long max = add(report, Frequency::bySeverity, counts);
        return counts.entrySet().stream()
                .map(e -> new Count(e.getKey().toString(), e.getValue(), max, Texts.severityClass(e.getKey())))
                .toList();
    }

    private static List<Count> byService(MetricsReport report) {
        var counts = new TreeMap<String, Long>();
        long max = add(report, Frequency::byService, counts);
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(SERVICES_SHOWN)
                .map(e -> new Count(e.getKey(), e.getValue(), max, ""))
                .toList();
    }

    /** Adds up the months' counts by one key into {@code counts}: @return the largest count */
    private static <K> long add(MetricsReport report, Function<Frequency, Map<K, Long>> by, Map<K, Long> counts) {
        for (Frequency month : report.monthly().values()) {
            by.apply(month).forEach((key, n) -> counts.merge(key, n, Long::sum));
        }
        return counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static List<ResponderRow> responders(MetricsReport report) {
        return report.acknowledgeTimes().entrySet().stream()
                .map(e -> new ResponderRow(e.getKey().name(), e.getValue().count(), mean(e.getValue())))
                .toList();
    }
}
