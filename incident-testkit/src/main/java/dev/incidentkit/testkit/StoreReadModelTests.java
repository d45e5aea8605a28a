package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.DuplicateEventException;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.metrics.IncidentFacts;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.query.PageCursor;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link EventStoreContract}: the read model. The summary an append carries is replaced in the
 * append's transaction, whole or not at all, and the queries answer what {@link
 * IncidentQuery#matches}, {@link IncidentQuery#isAfterCursor} and {@link IncidentQuery#comparator}
 * answer over the stored summaries; findFacts answers the facts of what findSummaries answers,
 * written with the summary. The query data are real incidents, made by a manager on the
 * store under test ({@link ReadModelData}).
 */
abstract class StoreReadModelTests extends StoreHarness {

    private static final String ID = "INC-2025-001";

    /** The same incident at the same version, told apart by its last-change instant. */
    static IncidentSummary other(IncidentSummary s, long seconds) {
        return new IncidentSummary(s.incident(), s.lastChangedAt().plusSeconds(seconds));
    }

    @Test
    @DisplayName("the summary an append carries is the one summary(id) returns right after; no events, no summary")
    void summaryReadAfterAppend() {
        assertThat(store.summary(ID)).isEmpty();
        List<EventRecord> batch = next(ID, 2);
        IncidentSummary written = other(Fixtures.placeholderSummary(batch), 3);

        store.append(ID, 0, batch, written);

        assertThat(store.summary(ID)).contains(written);
        assertThat(store.summary("INC-2025-002")).isEmpty();
    }

    @Test
    @DisplayName("the summary follows every append")
    void summaryFollowsEveryAppend() {
        for (int i = 1; i <= 5; i++) {
            List<EventRecord> batch = next(ID, i % 2 + 1);
            IncidentSummary written = other(Fixtures.placeholderSummary(batch), i);
            store.append(ID, versionBefore(batch), batch, written);
            assertThat(store.summary(ID)).as("after append %d", i).contains(written);
        }
    }

    @Test
    @DisplayName("a summary of another incident or version is refused, and nothing is written")
    void mismatchedSummaryRefused() {
        appendNext(ID, 1);
        Snapshot before = snapshot();
        IncidentSummary kept = store.summary(ID).orElseThrow();
        List<EventRecord> batch = next(ID, 2);

        assertThatThrownBy(() -> store.append(ID, 1, batch, Fixtures.placeholderSummary(batch.subList(0, 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.append(ID, 1, batch, Fixtures.placeholderSummary(next("INC-2025-002", 3))))
                .isInstanceOf(IllegalArgumentException.class);

        assertNothingWritten(before, ID);
        assertThat(store.summary(ID)).contains(kept);
        assertThat(store.summary("INC-2025-002")).isEmpty();
    }

    @Test
    @DisplayName("a conflict, a duplicate event, a duplicate command and an alreadyStored retry leave the summary as it was")
    void refusedAppendsLeaveTheSummary() {
        List<EventRecord> first = next(ID, 1, "req-1");
        IncidentSummary atOne = Fixtures.placeholderSummary(first);
        store.append(ID, 0, first, atOne);
        List<EventRecord> second = next(ID, 1);
        IncidentSummary atTwo = Fixtures.placeholderSummary(second);
        store.append(ID, 1, second, atTwo);
        appendNext("INC-2025-002", 1);
        IncidentSummary otherIncident = store.summary("INC-2025-002").orElseThrow();

        // A conflict: decided on version 1, with the summary that decision made.
        List<EventRecord> stale = notesAfter(ID, 1, first.get(0).hash(), 1, Optional.empty());
        assertThatThrownBy(() -> store.append(ID, 1, stale, other(Fixtures.placeholderSummary(stale), 1)))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(store.summary(ID)).as("after a conflict").contains(atTwo);

        // A duplicate event: the next version, carrying the other incident's stored event id.
        EventRecord fresh = next(ID, 1).get(0);
        EventRecord reused = new EventRecord(store.readStream("INC-2025-002", 0).get(0).record().eventId(),
                fresh.incidentId(), fresh.version(), fresh.type(), fresh.schemaVersion(), fresh.occurredAt(),
                fresh.recordedAt(), fresh.actor(), fresh.commandId(), fresh.data(), fresh.prevHash(), fresh.hash());
        List<EventRecord> withReused = List.of(next(ID, 1).get(0), withVersion(reused, 4));
        assertThatThrownBy(() -> store.append(ID, 2, withReused, Fixtures.placeholderSummary(withReused)))
                .isInstanceOf(DuplicateEventException.class);
        assertThat(store.summary(ID)).as("after a duplicate event").contains(atTwo);
        assertThat(store.summary("INC-2025-002")).as("the other incident's").contains(otherIncident);

        // A duplicate command.
        List<EventRecord> reusedCommand = next(ID, 2, "req-1");
        assertThatThrownBy(() -> store.append(ID, 2, reusedCommand, Fixtures.placeholderSummary(reusedCommand)))
                .isInstanceOf(DuplicateCommandException.class);
        assertThat(store.summary(ID)).as("after a duplicate command").contains(atTwo);

        // A retry of the first append, with a summary of its own: stored already, so nothing changes.
        assertThat(store.append(ID, 0, first, other(atOne, 9)).alreadyStored()).isTrue();
        assertThat(store.summary(ID)).as("after an alreadyStored retry").contains(atTwo);
    }

    private static EventRecord withVersion(EventRecord e, long version) {
        return new EventRecord(e.eventId(), e.incidentId(), version, e.type(), e.schemaVersion(), e.occurredAt(),
                e.recordedAt(), e.actor(), e.commandId(), e.data(), e.prevHash(), e.hash());
    }

    @Test
    @DisplayName("findSummaries answers as the reference does, for every filter alone and combined, in each order")
    void findSummariesEqualsTheReference() {
        ReadModelData data = declareData();
        List<IncidentSummary> stored = storedSummaries(data);
        for (IncidentQuery filter : data.filters()) {
            List<IncidentSummary> expected = ReadModelData.reference(stored, filter);
            assertThat(store.countSummaries(filter)).as("count of %s", filter).isEqualTo(expected.size());
            for (IncidentQuery query : ReadModelData.orders(filter)) {
                assertThat(store.findSummaries(query, IncidentQuery.MAX_LIMIT)).as("%s", query)
                        .isEqualTo(ReadModelData.reference(stored, query));
                assertThat(store.findSummaries(query, 3)).as("the first 3 of %s", query)
                        .isEqualTo(ReadModelData.reference(stored, query).subList(0, Math.min(3, expected.size())));
            }
        }
        // The data hold what the filters are about: not every answer is everything or nothing.
        assertThat(data.filters()).filteredOn(q -> {
            long n = ReadModelData.reference(stored, q).size();
            return n > 0 && n < stored.size();
        }).hasSizeGreaterThan(30);
    }

    @Test
    @DisplayName("paging with cursors visits every match once, in order, for limits 1, 2 and 7")
    void pagingVisitsEveryMatchOnce() {
        ReadModelData data = declareData();
        List<IncidentSummary> stored = storedSummaries(data);
        for (IncidentQuery filter : data.filters()) {
            for (IncidentQuery query : ReadModelData.orders(filter)) {
                List<IncidentSummary> expected = ReadModelData.reference(stored, query);
                for (int limit : new int[] {1, 2, 7}) {
                    List<IncidentSummary> visited = new ArrayList<>();
                    IncidentQuery page = query;
                    while (true) {
                        List<IncidentSummary> got = store.findSummaries(page, limit);
                        assertThat(got.size()).as("a page of %s", page).isLessThanOrEqualTo(limit);
                        visited.addAll(got);
                        if (got.size() < limit) {
                            break;
                        }
                        page = page.after(page.cursorAfter(got.get(got.size() - 1)).encode());
                        assertThat(visited.size()).as("pages of %s", query).isLessThanOrEqualTo(expected.size());
                    }
                    assertThat(visited).as("%s in pages of %d", query, limit).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    @DisplayName("findFacts answers the facts of what findSummaries answers, the fold's, for every filter and order, page by page")
    void findFactsAreTheFactsOfFindSummaries() {
        ReadModelData data = declareData();
        List<IncidentSummary> stored = storedSummaries(data);
        // The data hold what only the facts carry, so that a column read back wrong shows.
        assertThat(facts(stored)).anySatisfy(f -> assertThat(f.reopenCount()).isPositive())
                .anySatisfy(f -> assertThat(f.slaBreached()).hasSize(2))
                .anySatisfy(f -> assertThat(f.actionItems()).hasSize(2)
                        .anySatisfy(i -> assertThat(i.completedAt()).isPresent())
                        .anySatisfy(i -> assertThat(i.completedAt()).isEmpty()))
                .anySatisfy(f -> assertThat(f.peakSeverity()).isNotEqualTo(f.severity()))
                .anySatisfy(f -> assertThat(f.roleHolders()).hasSize(2));
        for (IncidentQuery filter : data.filters()) {
            for (IncidentQuery query : ReadModelData.orders(filter)) {
                List<IncidentFacts> expected = facts(ReadModelData.reference(stored, query));
                assertThat(store.findFacts(query, IncidentQuery.MAX_LIMIT)).as("%s", query).isEqualTo(expected);
                if (query.sortKey() == SortKey.LAST_CHANGE) {
                    continue;   // the facts do not hold the last change: no cursor to page with
                }
                for (int limit : new int[] {1, 2, 7}) {
                    List<IncidentFacts> visited = new ArrayList<>();
                    IncidentQuery page = query;
                    List<IncidentFacts> got;
                    while ((got = store.findFacts(page, limit)).size() == limit && visited.size() < expected.size()) {
                        visited.addAll(got);
                        page = page.after(cursorAfter(page, got.get(got.size() - 1)).encode());
                    }
                    visited.addAll(got);
                    assertThat(visited).as("%s in pages of %d", query, limit).isEqualTo(expected);
                }
            }
        }
    }

    /** The cursor after the last facts of a page, from their sort value, as EventStore.findFacts tells a caller to make it. */
    private static PageCursor cursorAfter(IncidentQuery query, IncidentFacts last) {
        Instant declared = last.milestones().declaredAt();
        long value = query.sortKey() == SortKey.SEVERITY ? last.severity().level()
                : declared.getEpochSecond() * 1_000_000L + declared.getNano() / 1_000;
        return new PageCursor(query.sortKey(), query.direction(), query.fingerprint(), value, last.id());
    }

    /** @return the facts of every incident of a store, by id, read a page of 100 at a time as a caller of findFacts pages */
    static Map<String, IncidentFacts> allFacts(EventStore store) {
        IncidentQuery query = IncidentQuery.all().sortBy(SortKey.DECLARED, SortDirection.ASCENDING);
        Map<String, IncidentFacts> byId = new TreeMap<>();
        List<IncidentFacts> page;
        IncidentQuery next = query;
        while (!(page = store.findFacts(next, 100)).isEmpty()) {
            page.forEach(f -> assertThat(byId.put(f.id(), f)).as("%s once", f.id()).isNull());
            next = query.after(cursorAfter(query, page.get(page.size() - 1)).encode());
        }
        return byId;
    }

    /** @return the facts of each summary, as findFacts answers them */
    static List<IncidentFacts> facts(List<IncidentSummary> summaries) {
        List<IncidentFacts> out = new ArrayList<>();
        summaries.forEach(s -> out.add(IncidentFacts.of(s.incident())));
        return out;
    }

    /** Every summary the store holds, by declaration, and its facts: findFacts must answer those. */
    private void assertFactsFollowTheSummaries() {
        IncidentQuery all = IncidentQuery.all().sortBy(SortKey.DECLARED, SortDirection.ASCENDING);
        assertThat(store.findFacts(all, IncidentQuery.MAX_LIMIT))
                .isEqualTo(facts(store.findSummaries(all, IncidentQuery.MAX_LIMIT)));
    }

    @Test
    @DisplayName("findSummaries, findFacts and incidentIds refuse a limit below 1")
    void limitsBelowOneRefused() {
        appendNext(ID, 1);
        assertThatThrownBy(() -> store.findSummaries(IncidentQuery.all(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.findFacts(IncidentQuery.all(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.incidentIds("", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("saveSummary writes a summary at the stream's version over the stored one, and refuses one below or above it")
    void saveSummaryWritesOnlyAtTheStreamsVersion() {
        List<EventRecord> first = next(ID, 1);
        store.append(ID, 0, first, Fixtures.placeholderSummary(first));
        List<EventRecord> second = next(ID, 1);
        store.append(ID, 1, second, Fixtures.placeholderSummary(second));
        List<EventRecord> third = next(ID, 1);
        IncidentSummary atThree = Fixtures.placeholderSummary(third);
        store.append(ID, 2, third, atThree);

        IncidentSummary sameVersion = other(atThree, 5);
        assertThat(store.saveSummary(sameVersion)).isTrue();
        assertThat(store.summary(ID)).contains(sameVersion);

        assertThat(store.saveSummary(Fixtures.placeholderSummary(second))).as("one version below").isFalse();
        assertThat(store.saveSummary(Fixtures.placeholderSummary(first))).as("two versions below").isFalse();
        // A summary for a version the events have not reached is not the fold of anything stored.
        assertThat(store.saveSummary(Fixtures.placeholderSummary(next(ID, 1)))).as("one version above").isFalse();
        assertThat(store.summary(ID)).contains(sameVersion);
        assertThat(store.readStream(ID, 0)).hasSize(3);
    }

    @Test
    @DisplayName("saveSummary refuses an incident without events and writes nothing for it")
    void saveSummaryRefusesAnIncidentWithoutEvents() {
        appendNext(ID, 1);
        String none = "INC-2025-404";

        assertThat(store.saveSummary(Fixtures.placeholderSummary(next(none, 1)))).isFalse();

        assertThat(store.summary(none)).isEmpty();
        assertThat(store.countSummaries(IncidentQuery.all())).isEqualTo(1);
        assertThat(store.findSummaries(IncidentQuery.all(), 10)).extracting(IncidentSummary::id).containsExactly(ID);
        assertThat(store.incidentIds("", 10)).containsExactly(ID);
    }

    @Test
    @DisplayName("saveSummary repairs a summary left ahead of its events (its last event removed behind the store's back)")
    void saveSummaryReplacesASummaryAheadOfItsEvents() {
        appendNext(ID, 2);
        List<EventRecord> third = next(ID, 1);
        store.append(ID, 2, third, Fixtures.placeholderSummary(third));
        // As a partial restore leaves it: the events end at version 2, the summary is at 3.
        tampering(store).delete(ID, 3);
        assertThat(store.summary(ID).orElseThrow().version()).isEqualTo(3);
        List<StoredEvent> stream = store.readStream(ID, 0);
        assertThat(stream).hasSize(2);

        assertThat(store.saveSummary(Fixtures.placeholderSummary(third))).as("at the removed version").isFalse();
        IncidentSummary repaired = other(Fixtures.placeholderSummary(records(stream)), 7);
        assertThat(store.saveSummary(repaired)).as("at the stream's version").isTrue();

        assertThat(store.summary(ID)).contains(repaired);
    }

    @Test
    @DisplayName("saveSummary racing appends: every summary ends at its stream's version, no append undone")
    void saveSummaryRacingAppends() throws Exception {
        int writers = 4;
        int incidents = 6;
        int appendsEach = 80;
        AtomicInteger writing = new AtomicInteger(writers);
        AtomicInteger saved = new AtomicInteger();
        List<Callable<Integer>> tasks = appenders(writers, incidents, appendsEach, writing);
        for (int r = 0; r < 2; r++) {
            tasks.add(() -> {
                // As a rebuild does: read a stream, save the summary of what it read. Until one
                // save has gone through, so that the test never passes having saved nothing.
                while (writing.get() > 0 || saved.get() == 0) {
                    for (int i = 0; i < incidents; i++) {
                        List<StoredEvent> stream = store.readStream(incidentId(i), 0);
                        if (stream.isEmpty()) {
                            continue;
                        }
                        if (store.saveSummary(rebuilt(stream))) {
                            saved.incrementAndGet();
                        }
                    }
                    giveWay();
                }
                return 0;
            });
        }
        // A save that undid an append shows as a summary behind the events read before it.
        tasks.add(() -> {
            while (writing.get() > 0) {
                for (int i = 0; i < incidents; i++) {
                    List<StoredEvent> stream = store.readStream(incidentId(i), 0);
                    if (!stream.isEmpty()) {
                        assertSummaryReached(incidentId(i), stream.get(stream.size() - 1).version());
                    }
                }
                giveWay();
            }
            return 0;
        });
        runTogether(tasks);

        for (int i = 0; i < incidents; i++) {
            List<StoredEvent> stream = store.readStream(incidentId(i), 0);
            IncidentSummary byAppend = Fixtures.placeholderSummary(records(stream.subList(stream.size() - 1, stream.size())));
            assertThat(store.summary(incidentId(i)).orElseThrow()).as(incidentId(i))
                    .isIn(byAppend, rebuilt(stream));
        }
        assertThat(saved).hasPositiveValue();
        assertFactsFollowTheSummaries();
    }

    /** A summary at the stream's version that the append's placeholder is not: a rebuild's. */
    private static IncidentSummary rebuilt(List<StoredEvent> stream) {
        return other(Fixtures.placeholderSummary(records(stream.subList(stream.size() - 1, stream.size()))), 1_000);
    }

    @Test
    @DisplayName("findSummaries breaks ties by id in String order, not by number or length, in every order and page size")
    void tiesBrokenByIdAsStrings() {
        // Placeholder summaries after one event share every sort value; those after two share theirs.
        List<String> oneEvent = List.of("INC-2025-999", "INC-2025-1000", "INC-2025-99", "INC-2025-10000",
                "INC-2025-9990", "INC-2025-100");
        List<String> twoEvents = List.of("INC-2025-1001", "INC-2025-998", "INC-2025-9");
        oneEvent.forEach(id -> appendNext(id, 1));
        twoEvents.forEach(id -> appendNext(id, 2));
        List<IncidentSummary> stored = new ArrayList<>();
        for (String id : store.incidentIds("", 100)) {
            stored.add(store.summary(id).orElseThrow());
        }
        assertThat(ReadModelData.reference(stored, IncidentQuery.all().sortBy(SortKey.SEVERITY, SortDirection.ASCENDING)))
                .as("the reference's order").extracting(IncidentSummary::id)
                .containsExactly("INC-2025-100", "INC-2025-1000", "INC-2025-10000", "INC-2025-1001", "INC-2025-9",
                        "INC-2025-99", "INC-2025-998", "INC-2025-999", "INC-2025-9990");

        for (IncidentQuery query : ReadModelData.orders(IncidentQuery.all())) {
            List<IncidentSummary> expected = ReadModelData.reference(stored, query);
            assertThat(store.findSummaries(query, IncidentQuery.MAX_LIMIT)).as("%s", query).isEqualTo(expected);
            for (int limit : new int[] {1, 2, 4}) {
                List<IncidentSummary> visited = new ArrayList<>();
                IncidentQuery page = query;
                List<IncidentSummary> got;
                while (!(got = store.findSummaries(page, limit)).isEmpty() && visited.size() <= expected.size()) {
                    visited.addAll(got);
                    page = page.after(page.cursorAfter(got.get(got.size() - 1)).encode());
                }
                assertThat(visited).as("%s in pages of %d", query, limit).isEqualTo(expected);
            }
        }
    }

    @Test
    @DisplayName("incidentIds pages through the ids that have events, in String order")
    void incidentIdsInStringOrder() {
        List<String> ids = List.of("INC-2025-101", "INC-2025-1000", "INC-2025-002", "INC-2025-a", "INC-2025-B",
                "INC-2026-001", "INC-2025-01", "INC-2025-0010", "INC-2025-Z");
        ids.forEach(id -> appendNext(id, 1));
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(String::compareTo);

        for (int limit : new int[] {1, 2, 7, 100}) {
            List<String> visited = new ArrayList<>();
            String after = "";
            List<String> page;
            while (!(page = store.incidentIds(after, limit)).isEmpty()) {
                assertThat(page.size()).isLessThanOrEqualTo(limit);
                visited.addAll(page);
                after = page.get(page.size() - 1);
            }
            assertThat(visited).as("in pages of %d", limit).isEqualTo(sorted);
        }
        assertThat(store.incidentIds("INC-2025-1", 2)).as("after an id that has no events")
                .isEqualTo(sorted.stream().filter(id -> id.compareTo("INC-2025-1") > 0).limit(2)
                        .collect(java.util.stream.Collectors.toList()));
    }

    @Test
    @DisplayName("concurrent appenders on many incidents: every summary ends at its stream's last append")
    void concurrentAppendersOnManyIncidents() throws Exception {
        int writers = 8;
        int incidents = 12;
        int appendsEach = 60;
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            tasks.add(() -> {
                int conflicts = 0;
                for (int n = 0; n < appendsEach; n++) {
                    // Writers share incidents, so that appends to one stream race.
                    String id = incidentId((writer + n) % incidents);
                    while (true) {
                        List<EventRecord> batch = next(id, 1 + n % 2);
                        try {
                            append(batch);
                            break;
                        } catch (ConcurrencyConflictException lost) {
                            conflicts++;
                            stopIfInterrupted();
                        }
                    }
                }
                return conflicts;
            });
        }
        runTogether(tasks);

        long events = 0;
        for (int i = 0; i < incidents; i++) {
            List<StoredEvent> stream = store.readStream(incidentId(i), 0);
            events += stream.size();
            // The placeholder depends on the last record alone: equal only to the last append's own.
            assertThat(store.summary(incidentId(i))).as(incidentId(i))
                    .contains(Fixtures.placeholderSummary(records(stream.subList(stream.size() - 1, stream.size()))));
        }
        assertThat(events).isEqualTo(writers * appendsEach * 3L / 2);
        assertThat(store.countSummaries(IncidentQuery.all())).isEqualTo(incidents);
        assertFactsFollowTheSummaries();
    }

    @Test
    @DisplayName("readers during appends never see a summary ahead of the events readStream and readAll return")
    void readersNeverSeeASummaryAheadOfItsEvents() throws Exception {
        int writers = 4;
        int incidents = 8;
        int appendsEach = 150;
        AtomicInteger writing = new AtomicInteger(writers);
        List<Callable<Integer>> tasks = appenders(writers, incidents, appendsEach, writing);
        for (int r = 0; r < 2; r++) {
            tasks.add(() -> {
                while (writing.get() > 0) {
                    for (int i = 0; i < incidents; i++) {
                        Optional<IncidentSummary> summary = store.summary(incidentId(i));
                        if (summary.isEmpty()) {
                            continue;
                        }
                        long version = summary.get().version();
                        List<StoredEvent> stream = store.readStream(incidentId(i), version - 1);
                        assertThat(stream).as("the event of a summary at version %d", version).isNotEmpty();
                        // readAll may hold a committed event back behind an older transaction still
                        // open (PostgreSQL's fence), but not for ever: the head reaches it.
                        while (store.head().compareTo(stream.get(0).position()) < 0) {
                            giveWay();
                        }
                    }
                    giveWay();
                }
                return 0;
            });
        }
        runTogether(tasks);
    }

    @Test
    @DisplayName("readers during appends never see events whose summary is behind them: events read first, summary after")
    void readersNeverSeeEventsAheadOfTheirSummary() throws Exception {
        int writers = 4;
        int incidents = 8;
        int appendsEach = 150;
        AtomicInteger writing = new AtomicInteger(writers);
        List<Callable<Integer>> tasks = appenders(writers, incidents, appendsEach, writing);
        // Through each stream, and through the global order: the last version read of an
        // incident, then its summary, which must have reached that version.
        tasks.add(() -> {
            while (writing.get() > 0) {
                for (int i = 0; i < incidents; i++) {
                    List<StoredEvent> stream = store.readStream(incidentId(i), 0);
                    if (!stream.isEmpty()) {
                        assertSummaryReached(incidentId(i), stream.get(stream.size() - 1).version());
                    }
                }
                giveWay();
            }
            return 0;
        });
        tasks.add(() -> {
            LogPosition last = LogPosition.START;
            while (writing.get() > 0) {
                Map<String, Long> lastVersions = new TreeMap<>();
                for (StoredEvent e : store.readAll(last, 1_000)) {
                    lastVersions.merge(e.incidentId(), e.version(), Long::max);
                    last = e.position();
                }
                lastVersions.forEach(this::assertSummaryReached);
                giveWay();
            }
            return 0;
        });
        runTogether(tasks);
    }

    private void assertSummaryReached(String incidentId, long version) {
        assertThat(store.summary(incidentId)).as("the summary of %s after reading its version %d", incidentId, version)
                .hasValueSatisfying(s -> assertThat(s.version()).isGreaterThanOrEqualTo(version));
    }

    @Test
    @DisplayName("a process killed in the middle of its appends leaves every summary equal to the fold of its events")
    @org.junit.jupiter.api.Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
    void killedProcessLeavesSummariesConsistent() throws Exception {
        KilledAppender.runAndKill(sharedStore(store), store);
    }

    /** Declares {@link ReadModelData} through a manager on the store under test (which the manager must not close). */
    private ReadModelData declareData() {
        ManualClock clock = ManualClock.at(Instant.parse("2025-08-23T14:00:00Z"));
        EventStore unclosed = new ForwardingStore(store) {
            @Override
            public void close() {}
        };
        try (IncidentManager manager = IncidentKit.builder().store(unclosed).clock(clock).build()) {
            return ReadModelData.declare(manager, clock);
        }
    }

    /** The stored summaries, each checked against the fold of its stream first. */
    private List<IncidentSummary> storedSummaries(ReadModelData data) {
        Map<String, IncidentSummary> byId = new TreeMap<>();
        for (String id : data.ids) {
            IncidentSummary folded = IncidentSummary.of(store.readStream(id, 0));
            assertThat(store.summary(id)).as("the summary of %s", id).contains(folded);
            byId.put(id, folded);
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * Writers that each append {@code appendsEach} single events, round-robin over {@code
     * incidents} streams, retrying lost races, and count {@code writing} down when they are done.
     */
    private List<Callable<Integer>> appenders(int writers, int incidents, int appendsEach, AtomicInteger writing) {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            tasks.add(() -> {
                try {
                    for (int n = 0; n < appendsEach; n++) {
                        String id = incidentId((writer + n) % incidents);
                        while (true) {
                            try {
                                append(next(id, 1));
                                break;
                            } catch (ConcurrencyConflictException lost) {
                                stopIfInterrupted();
                            }
                        }
                    }
                    return 0;
                } finally {
                    writing.decrementAndGet();
                }
            });
        }
        return tasks;
    }
}
