package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.spi.LogPosition;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the dashboard reads from the store, kept while nothing is recorded. Every open dashboard
 * asks for it every 5 seconds, and on a store of 20,000 incidents reading it all takes a second
 * or more; so each render asks the store only for its head ({@link IncidentManager#head()}) and
 * reads again when the head moved (or, for the figures, whose window moves with the clock, when
 * the minute changed). A history is read again only when its incident's version changed.
 * Thread-safe: two renders at once may both read; either result is right.
 */
final class DashboardReads {

    /** How far back the dashboard's figures look. */
    static final Duration WINDOW = Duration.ofDays(30);
    /** How many histories are kept: the active incidents shown and the latest declared, with room. */
    private static final int HISTORIES = 256;

    /**
     * One read of the store.
     *
     * @param head the store's head when it was read
     * @param minute the minute it was read in
     * @param active the first page of active incidents
     * @param latest the latest declared incidents
     * @param report the figures of the last {@link #WINDOW}
     */
    record Reads(LogPosition head, Instant minute, IncidentPage active, List<Incident> latest, MetricsReport report) {}

    private final IncidentManager incidents;
    private final AtomicReference<Reads> last = new AtomicReference<>();
    private final Map<String, List<RecordedEvent>> histories = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<RecordedEvent>> eldest) {
            return size() > HISTORIES;
        }
    };

    DashboardReads(IncidentManager incidents) {
        this.incidents = incidents;
    }

    IncidentManager incidents() {
        return incidents;
    }

    /** @return the store's reads as of now: the kept ones if nothing was recorded this minute */
    Reads reads(Instant now) {
        LogPosition head = incidents.head();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Reads kept = last.get();
        if (kept != null && kept.head().equals(head) && kept.minute().equals(minute)) {
            return kept;
        }
        Reads fresh = new Reads(head, minute,
                incidents.query(IncidentQuery.active().limit(DashboardView.ACTIVE_SHOWN)),
                incidents.query(IncidentQuery.all().limit(DashboardView.LATEST_DECLARED)).incidents(),
                incidents.metrics(MetricQuery.all().since(now.minus(WINDOW))));
        last.set(fresh);
        return fresh;
    }

    /** @return the incident's history, read again only if its version moved since it was kept */
    List<RecordedEvent> history(Incident incident) {
        synchronized (histories) {
            List<RecordedEvent> kept = histories.get(incident.id());
            if (kept != null && kept.size() == incident.version()) {
                return kept;
            }
        }
        List<RecordedEvent> history = incidents.history(incident.id());
        synchronized (histories) {
            histories.put(incident.id(), history);
        }
        return history;
    }
}
