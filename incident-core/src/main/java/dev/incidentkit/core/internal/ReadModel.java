package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.Metrics;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.query.ReadModelCheck;
import dev.incidentkit.core.query.ReadModelCheck.Mismatch;
import dev.incidentkit.core.query.ReadModelRebuild;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.StoredEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The manager's reads of the read model: pages, whole walks, metrics, rebuild and check. */
final class ReadModel {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModel.class);
    private static final int WALK_PAGE = IncidentQuery.MAX_LIMIT;

    private final EventStore store;

    ReadModel(EventStore store) {
        this.store = store;
    }

    /** One page: the store is asked for one summary more than the page, to know if another follows. */
    IncidentPage query(IncidentQuery query) {
        List<IncidentSummary> found = store.findSummaries(query, query.limit() + 1);
        boolean more = found.size() > query.limit();
        List<IncidentSummary> page = more ? found.subList(0, query.limit()) : found;
        List<Incident> incidents = new ArrayList<>(page.size());
        page.forEach(s -> incidents.add(s.incident()));
        Optional<String> next = more
                ? Optional.of(query.cursorAfter(page.get(page.size() - 1)).encode())
                : Optional.empty();
        return new IncidentPage(incidents, next);
    }

    /** Every incident a query selects, a page at a time. */
    void forEach(IncidentQuery query, Consumer<Incident> action) {
        incidents(query).forEach(action);
    }

    MetricsReport metrics(MetricQuery query) {
        return Metrics.compute(incidents(IncidentQuery.all().sortBy(SortKey.DECLARED, SortDirection.ASCENDING)),
                query);
    }

    /**
     * Refolds every incident, one at a time: an incident whose events do not fold is reported and
     * skipped, so that one broken stream does not leave every later incident unrebuilt.
     */
    ReadModelRebuild rebuild() {
        long rebuilt = 0;
        long overtaken = 0;
        List<String> failed = new ArrayList<>();
        for (String id : ids()) {
            List<StoredEvent> stream = store.readStream(id, 0);
            if (stream.isEmpty()) {
                continue;
            }
            IncidentSummary folded;
            try {
                folded = IncidentSummary.of(stream);
            } catch (RuntimeException e) {
                // The fold is pure: whatever it throws is this stream's problem, not the walk's.
                LOG.warn("Incident {} was left out of the read model rebuild: its events do not fold ({}); "
                        + "IncidentManager.verify(\"{}\") names the event that breaks it.", id, e.getMessage(), id);
                failed.add(id);
                continue;
            }
            if (store.saveSummary(folded)) {
                rebuilt++;
            } else {
                // An append moved the incident after the read; it wrote its own summary.
                overtaken++;
            }
        }
        return new ReadModelRebuild(rebuilt, overtaken, failed);
    }

    ReadModelCheck verify() {
        long checked = 0;
        List<Mismatch> mismatches = new ArrayList<>();
        for (String id : ids()) {
            // The summary before the events: an append in between then leaves the events ahead,
            // which the second look below settles.
            Optional<IncidentSummary> kept = store.summary(id);
            List<StoredEvent> stream = store.readStream(id, 0);
            if (!atLastVersion(kept, stream)) {
                // A command may have appended between the two reads: only a difference that
                // outlasts a second look is one.
                kept = store.summary(id);
                stream = store.readStream(id, 0);
            }
            if (stream.isEmpty()) {
                continue;
            }
            checked++;
            problem(kept, stream).ifPresent(p -> mismatches.add(new Mismatch(id, p)));
        }
        return new ReadModelCheck(checked, store.countSummaries(IncidentQuery.all()), mismatches);
    }

    private static Optional<String> problem(Optional<IncidentSummary> kept, List<StoredEvent> stream) {
        IncidentSummary folded;
        try {
            folded = IncidentSummary.of(stream);
        } catch (RuntimeException e) {
            return Optional.of("its events do not fold: " + e.getMessage());
        }
        if (kept.isEmpty()) {
            return Optional.of("the summary is missing");
        }
        if (kept.get().version() != folded.version()) {
            return Optional.of("the summary is at version " + kept.get().version() + ", the events at version "
                    + folded.version());
        }
        if (!kept.get().equals(folded)) {
            return Optional.of("the summary differs from the fold of its " + stream.size() + " events");
        }
        return Optional.empty();
    }

    private static boolean atLastVersion(Optional<IncidentSummary> kept, List<StoredEvent> stream) {
        return kept.isPresent() && !stream.isEmpty() && kept.get().version() == stream.get(stream.size() - 1).version();
    }

    /** The incidents a query selects, fetched a page at a time as the iteration goes. */
    private Iterable<Incident> incidents(IncidentQuery query) {
        IncidentQuery paged = query.firstPage().limit(WALK_PAGE);
        return () -> new Iterator<>() {
            private IncidentPage page = query(paged);
            private int next;

            @Override
            public boolean hasNext() {
                if (next == page.incidents().size() && page.nextCursor().isPresent()) {
                    page = query(paged.after(page.nextCursor().get()));
                    next = 0;
                }
                return next < page.incidents().size();
            }

            @Override
            public Incident next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.incidents().get(next++);
            }
        };
    }

    /** Every incident id of the store, a page at a time as the iteration goes. */
    private Iterable<String> ids() {
        return () -> new Iterator<>() {
            private List<String> page = store.incidentIds("", WALK_PAGE);
            private int next;

            @Override
            public boolean hasNext() {
                if (next == page.size() && page.size() == WALK_PAGE) {
                    page = store.incidentIds(page.get(page.size() - 1), WALK_PAGE);
                    next = 0;
                }
                return next < page.size();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        };
    }
}
