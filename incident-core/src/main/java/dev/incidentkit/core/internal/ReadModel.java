package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.metrics.IncidentFacts;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.Metrics;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.metrics.SeverityBasis;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.query.PageCursor;
import dev.incidentkit.core.query.ReadModelCheck;
import dev.incidentkit.core.query.ReadModelCheck.Mismatch;
import dev.incidentkit.core.query.ReadModelRebuild;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
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

    /** Reads the facts of the incidents the query may cover, not their snapshots; see {@link #covering}. */
    MetricsReport metrics(MetricQuery query) {
        return Metrics.computeFacts(facts(covering(query)), query);
    }

    /**
     * The filters of a metric query that a read model query can apply exactly, so that a store
     * reads no more than it must (the window is a range of its declaration index): the window,
     * one service, and the severities when they are the current ones. Metrics applies the whole
     * query to what comes back, so whatever is left out here is still filtered.
     */
    static IncidentQuery covering(MetricQuery query) {
        IncidentQuery q = IncidentQuery.all().sortBy(SortKey.DECLARED, SortDirection.ASCENDING);
        if (query.since().isPresent()) {
            q = q.declaredFrom(query.since().get());
        }
        if (query.until().isPresent()) {
            q = q.declaredBefore(query.until().get());
        }
        if (query.services().size() == 1) {
            q = q.service(query.services().iterator().next());
        }
        if (!query.severities().isEmpty() && query.severityBasis() == SeverityBasis.CURRENT) {
            q = q.severity(query.severities());
        }
        return q;
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
        Set<String> reported = new HashSet<>();
        mismatches.forEach(m -> reported.add(m.incidentId()));
        for (Mismatch m : factsMismatches()) {
            if (reported.add(m.incidentId())) {
                mismatches.add(m);
            }
        }
        mismatches.sort(Comparator.comparing(Mismatch::incidentId));
        return new ReadModelCheck(checked, store.countSummaries(IncidentQuery.all()), mismatches);
    }

    /**
     * The incidents whose facts ({@link EventStore#findFacts}) are not those of their summary: a
     * store that keeps the facts apart (in columns of their own) could let them drift from the
     * snapshot, which the check of the summaries above cannot see. The summaries are checked
     * against the events there, so facts equal to their summary's are the events' too. One walk in
     * declaration order, a page of facts beside the same page of summaries; an incident that
     * differs is read once more with its page, since an append may have come between the reads.
     */
    private List<Mismatch> factsMismatches() {
        List<Mismatch> found = new ArrayList<>();
        IncidentQuery paged = IncidentQuery.all().sortBy(SortKey.DECLARED, SortDirection.ASCENDING).limit(WALK_PAGE);
        IncidentQuery page = paged;
        while (true) {
            List<IncidentFacts> facts = store.findFacts(page, WALK_PAGE);
            Set<String> differ = differing(facts, store.findSummaries(page, WALK_PAGE));
            if (!differ.isEmpty()) {
                differ.retainAll(differing(store.findFacts(page, WALK_PAGE), store.findSummaries(page, WALK_PAGE)));
                differ.stream().sorted().forEach(id -> found.add(new Mismatch(id,
                        "the facts the metrics read differ from its summary (EventStore.findFacts)")));
            }
            if (facts.size() < WALK_PAGE) {
                return found;
            }
            page = paged.after(cursorAfter(paged, facts.get(facts.size() - 1)).encode());
        }
    }

    /** @return the ids of the facts that are not those of the summary of the same id in {@code summaries} */
    private static Set<String> differing(List<IncidentFacts> facts, List<IncidentSummary> summaries) {
        Map<String, IncidentSummary> byId = new HashMap<>();
        summaries.forEach(s -> byId.put(s.id(), s));
        Set<String> differ = new HashSet<>();
        for (IncidentFacts f : facts) {
            IncidentSummary s = byId.get(f.id());
            if (s == null || !f.equals(IncidentFacts.of(s.incident()))) {
                differ.add(f.id());
            }
        }
        return differ;
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
        return pages(() -> query(paged), IncidentPage::incidents,
                page -> page.nextCursor().map(cursor -> query(paged.after(cursor))));
    }

    /**
     * The facts of the incidents a query selects, fetched a page at a time as the iteration goes.
     * The query sorts by declaration: the facts hold that sort value.
     */
    private Iterable<IncidentFacts> facts(IncidentQuery query) {
        IncidentQuery paged = query.firstPage().limit(WALK_PAGE);
        return pages(() -> store.findFacts(paged, WALK_PAGE), page -> page, page -> page.size() < WALK_PAGE
                ? Optional.empty()
                : Optional.of(store.findFacts(paged.after(cursorAfter(paged, page.get(page.size() - 1)).encode()), WALK_PAGE)));
    }

    /** The cursor after the last facts of a page of a query sorted by declaration (see EventStore.findFacts). */
    private static PageCursor cursorAfter(IncidentQuery query, IncidentFacts last) {
        if (query.sortKey() != SortKey.DECLARED) {
            throw new IllegalArgumentException("a walk of facts sorts by declaration, not by " + query.sortKey());
        }
        Instant declared = last.milestones().declaredAt();
        long micros = Math.addExact(Math.multiplyExact(declared.getEpochSecond(), 1_000_000L), declared.getNano() / 1_000);
        return new PageCursor(query.sortKey(), query.direction(), query.fingerprint(), micros, last.id());
    }

    /** Every incident id of the store, a page at a time as the iteration goes. */
    private Iterable<String> ids() {
        return pages(() -> store.incidentIds("", WALK_PAGE), page -> page, page -> page.size() < WALK_PAGE
                ? Optional.empty()
                : Optional.of(store.incidentIds(page.get(page.size() - 1), WALK_PAGE)));
    }

    /**
     * The items of a sequence of pages, each page fetched only when the iteration reaches it: the
     * first from {@code first}, each next one from {@code following} of the page before (empty
     * after the last).
     */
    private static <P, T> Iterable<T> pages(Supplier<P> first, Function<P, List<T>> items,
            Function<P, Optional<P>> following) {
        return () -> new Iterator<>() {
            private P page = first.get();
            private List<T> current = items.apply(page);
            private int next;

            @Override
            public boolean hasNext() {
                while (next == current.size()) {
                    Optional<P> after = following.apply(page);
                    if (after.isEmpty()) {
                        return false;
                    }
                    page = after.get();
                    current = items.apply(page);
                    next = 0;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.get(next++);
            }
        };
    }
}
