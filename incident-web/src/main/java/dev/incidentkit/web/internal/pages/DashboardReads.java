package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import dev.incidentkit.web.internal.QueryCache;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard reads from the store, kept in the server's {@link QueryCache} while nothing
 * is recorded. Every open dashboard asks for it every 5 seconds, and on a store of 20,000
 * incidents reading it all takes a second or more; so a render asks the store for its head and
 * reads again only when the head or the server's count of writes moved, or the minute changed
 * (the figures' window moves with the clock). A history is read again only when its incident's
 * version changed. Thread-safe: two renders at once may both read; either result is right.
 */
final class DashboardReads {

    /** How far back the dashboard's figures look. */
    static final Duration WINDOW = Duration.ofDays(30);
    /** How many histories are kept: the active incidents shown and the latest declared, with room. */
    private static final int HISTORIES = 256;

    /**
     * One read of the store.
     *
     * @param active the first page of active incidents, most severe first
     * @param latest the latest declared incidents
     * @param report the figures of the last {@link #WINDOW}
     */
    record Reads(IncidentPage active, List<Incident> latest, MetricsReport report) {}

    /** The cache key of the reads of a minute. */
    private record Key(Instant minute) {}

    private final IncidentManager incidents;
    private final QueryCache cache;
    private final Map<String, List<RecordedEvent>> histories = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<RecordedEvent>> eldest) {
            return size() > HISTORIES;
        }
    };

    DashboardReads(IncidentManager incidents, QueryCache cache) {
        this.incidents = incidents;
        this.cache = cache;
    }

    IncidentManager incidents() {
        return incidents;
    }

    /** @return the store's reads as of now: the kept ones while nothing was recorded and it is the same minute */
    Reads reads(Instant now) {
        return cache.answer(new Key(now.truncatedTo(ChronoUnit.MINUTES)), () -> new Reads(
                incidents.query(IncidentQuery.active().sortBy(SortKey.SEVERITY, SortDirection.ASCENDING)
                        .limit(DashboardView.ACTIVE_SHOWN)),
                incidents.query(IncidentQuery.all().limit(DashboardView.LATEST_DECLARED)).incidents(),
                incidents.metrics(MetricQuery.all().since(now.minus(WINDOW)))));
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
