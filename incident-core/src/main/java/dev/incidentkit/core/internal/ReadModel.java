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

/** The manager's reads of the read model: pages, whole walks, metrics, rebuild and check. */
final class ReadModel {

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

    long rebuild() {
        long rebuilt = 0;
        for (String id : ids()) {
            List<StoredEvent> stream = store.readStream(id, 0);
            if (!stream.isEmpty()) {
                store.saveSummary(IncidentSummary.of(stream));
                rebuilt++;
            }
        }
        return rebuilt;
    }

    ReadModelCheck verify() {
        long checked = 0;
        List<Mismatch> mismatches = new ArrayList<>();
        for (String id : ids()) {
            List<StoredEvent> stream = store.readStream(id, 0);
            if (stream.isEmpty()) {
                continue;
            }
            checked++;
            IncidentSummary folded = IncidentSummary.of(stream);
            Optional<IncidentSummary> kept = store.summary(id);
            if (kept.isEmpty()) {
                mismatches.add(new Mismatch(id, "the summary is missing"));
            } else if (kept.get().version() != folded.version()) {
                mismatches.add(new Mismatch(id, "the summary is at version " + kept.get().version()
                        + ", the events at version " + folded.version()));
            } else if (!kept.get().equals(folded)) {
                mismatches.add(new Mismatch(id, "the summary differs from the fold of its " + stream.size()
                        + " events"));
            }
        }
        long summaries = store.countSummaries(IncidentQuery.all());
        if (summaries != checked) {
            mismatches.add(new Mismatch("", "the read model holds " + summaries + " summaries for " + checked
                    + " incidents"));
        }
        return new ReadModelCheck(checked, mismatches);
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
