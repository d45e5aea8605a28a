package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertQuery;
import java.util.List;

/**
 * The Alerts page ({@code /alerts}): the alerts received last, firing, suppressed by a silence or
 * maintenance window, and resolved, each list the 100 received last.
 *
 * @param frame the page's frame
 * @param firing firing alerts that were not suppressed
 * @param suppressed suppressed alerts, firing or not
 * @param resolved resolved alerts
 */
public record AlertsView(Frame frame, List<AlertRow> firing, List<AlertRow> suppressed, List<AlertRow> resolved) {

    /**
     * One alert, as the pages list it.
     *
     * @param source the system that sent it
     * @param dedupKey its dedup key: what tells apart alerts of one summary
     * @param summary its summary as a title
     * @param severity the source's word, possibly empty
     * @param status {@code firing} or {@code resolved}
     * @param repeats how many times it was received
     * @param firstSeen when first received, in words
     * @param firstSeenIso the same, for {@code <time datetime>}
     * @param lastSeen when last received, in words
     * @param lastSeenIso the same, for {@code <time datetime>}
     * @param incidentId the incident it declared or joined, or empty
     * @param suppressed whether a silence or maintenance window suppressed it
     */
    public record AlertRow(String source, String dedupKey, String summary, String severity, String status, long repeats,
            String firstSeen, String firstSeenIso, String lastSeen, String lastSeenIso, String incidentId, boolean suppressed) {

        static AlertRow of(Alert a) {
            return new AlertRow(a.details().source(), a.details().dedupKey(), a.details().title(), a.details().severity(),
                    a.status().wireName(),
                    a.repeats(), Texts.dateTime(a.firstSeen()), Texts.iso(a.firstSeen()), Texts.dateTime(a.lastSeen()),
                    Texts.iso(a.lastSeen()), a.incidentId().orElse(""), a.suppressed());
        }
    }

    static AlertsView of(AlertIntake alerts, Frame frame) {
        return new AlertsView(frame, rows(alerts, AlertQuery.recent().state(AlertQuery.State.FIRING)),
                rows(alerts, AlertQuery.recent().state(AlertQuery.State.SUPPRESSED)),
                rows(alerts, AlertQuery.recent().state(AlertQuery.State.RESOLVED)));
    }

    /** @return the rows of an incident's alerts, received last first */
    static List<AlertRow> ofIncident(AlertIntake alerts, String incidentId) {
        return rows(alerts, AlertQuery.recent().incident(incidentId));
    }

    private static List<AlertRow> rows(AlertIntake alerts, AlertQuery query) {
        return alerts.alerts(query).stream().map(AlertRow::of).toList();
    }
}
