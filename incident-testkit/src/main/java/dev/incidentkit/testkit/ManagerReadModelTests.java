package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentException;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.metrics.IncidentFacts;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.Metrics;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.metrics.SeverityBasis;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.query.ReadModelCheck;
import dev.incidentkit.core.query.ReadModelCheck.Mismatch;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link IncidentManagerContract}: the read model through the manager. Reads see the commands
 * that returned before them, {@code find} reads no events, queries, counts and metrics answer what
 * the fold of every history answers (the facts the metrics read included), and {@code
 * verifyReadModel} and {@code rebuildReadModel} find and repair a summary that is not the fold of
 * its events.
 */
abstract class ManagerReadModelTests extends ManagerHarness {

    @Test
    @DisplayName("a command's effect is in the next query, count and find")
    void readAfterWrite() {
        Incident declared = manager().declare(CHECKOUT, ALICE);
        assertThat(manager().query(IncidentQuery.all()).incidents()).containsExactly(declared);
        assertThat(manager().count(IncidentQuery.active())).isEqualTo(1);

        Incident acknowledged = manager().acknowledge(declared.id(), "", ALICE);
        assertThat(manager().find(declared.id())).contains(acknowledged);
        assertThat(manager().query(IncidentQuery.all().status(Status.ACKNOWLEDGED)).incidents())
                .containsExactly(acknowledged);
        Incident resolved = manager().resolve(declared.id(), "", ALICE);
        assertThat(manager().count(IncidentQuery.active())).isZero();
        assertThat(manager().list()).containsExactly(resolved);
    }

    @Test
    @DisplayName("find, query and count read no events")
    void findReadsNoEvents() {
        CountingReads counting = new CountingReads(store());
        IncidentManager m = manager(b -> b.store(counting));
        Incident declared = m.declare(CHECKOUT, ALICE);
        Incident noted = m.addNote(declared.id(), "one", ALICE);
        counting.countOn(Thread.currentThread());

        assertThat(m.find(declared.id())).contains(noted);
        assertThat(m.find("INC-2099-999")).isEmpty();
        assertThat(m.query(IncidentQuery.active()).incidents()).containsExactly(noted);
        assertThat(m.count(IncidentQuery.all())).isEqualTo(1);

        assertThat(counting.reads).as("readStream and readAll calls").hasValue(0);
        // The control: a read of the history does count.
        m.history(declared.id());
        assertThat(counting.reads).hasPositiveValue();
    }

    @Test
    @DisplayName("queries answer what the reference answers over the folds of every history, for every filter, in each order, page by page")
    void queriesEqualTheReference() {
        ReadModelData data = ReadModelData.declare(manager(), clock());
        List<IncidentSummary> folds = folds(data.ids);
        for (IncidentQuery filter : data.filters()) {
            List<IncidentSummary> matching = ReadModelData.reference(folds, filter);
            assertThat(manager().count(filter)).as("count of %s", filter).isEqualTo(matching.size());
            for (IncidentQuery query : ReadModelData.orders(filter)) {
                List<Incident> expected = incidents(ReadModelData.reference(folds, query));
                for (int limit : new int[] {1, 3, IncidentQuery.DEFAULT_LIMIT}) {
                    assertThat(allPages(query.limit(limit))).as("%s in pages of %d", query, limit).isEqualTo(expected);
                }
                if (!expected.isEmpty()) {
                    IncidentPage exact = manager().query(query.limit(expected.size()));
                    assertThat(exact.incidents()).isEqualTo(expected);
                    assertThat(exact.nextCursor()).as("a last page that is full").isEmpty();
                }
            }
        }
    }

    @Test
    @DisplayName("a cursor that is not one, or that belongs to another order, is refused naming the cursor")
    void badCursorsRefused() {
        for (int i = 0; i < 3; i++) {
            manager().declare(CHECKOUT, ALICE);
        }
        String cursor = manager().query(IncidentQuery.all().limit(1)).nextCursor().orElseThrow();

        assertThatThrownBy(() -> manager().query(IncidentQuery.all().after("not-a-cursor")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> manager().query(IncidentQuery.all().after(cursor.substring(2))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> manager().query(
                IncidentQuery.all().sortBy(SortKey.SEVERITY, SortDirection.ASCENDING).after(cursor)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        assertThat(manager().query(IncidentQuery.all().limit(1).after(cursor)).incidents()).hasSize(1);
    }

    @Test
    @DisplayName("metrics equal Metrics.compute over the replay of every history")
    void metricsEqualTheReplay() {
        ReadModelData data = ReadModelData.declare(manager(), clock());
        List<Incident> replayed = data.ids.stream().map(id -> Incident.replay(manager().history(id)))
                .collect(Collectors.toList());
        clock().advance(Duration.ofDays(100));
        // The manager hands a store the filters it can apply exactly (the window, one service, the
        // current severities) and applies the whole query to what comes back.
        for (MetricQuery query : List.of(MetricQuery.all(), MetricQuery.all().severity(Severity.SEV1, Severity.SEV2),
                MetricQuery.all().asOf(data.second), MetricQuery.all().since(data.second),
                MetricQuery.all().since(data.first.plusNanos(1_000)).until(data.third),
                MetricQuery.all().service("checkout"), MetricQuery.all().service("checkout", "auth"),
                MetricQuery.all().severity(Severity.SEV2).severityBasis(SeverityBasis.CURRENT),
                MetricQuery.all().responder(Actor.of("carol")))) {
            MetricQuery withNow = query.asOf().isPresent() ? query : query.asOf(clock().instant());
            MetricsReport expected = Metrics.compute(replayed, withNow);
            assertThat(manager().metrics(query)).as("%s", query).isEqualTo(expected);
            assertThat(expected.incidents()).as("%s covers some", query).isPositive();
        }
        assertFactsAreTheFolds(replayed);
    }

    /** The facts the store answers for every incident are those of the fold of its history. */
    private void assertFactsAreTheFolds(List<Incident> folds) {
        Map<String, IncidentFacts> stored = StoreReadModelTests.allFacts(store());
        assertThat(stored).hasSize(folds.size());
        for (Incident fold : folds) {
            assertThat(stored.get(fold.id())).as("the facts of %s", fold.id()).isEqualTo(IncidentFacts.of(fold));
        }
    }

    @Test
    @DisplayName("verifyReadModel reports an incident whose facts differ from its summary")
    void verifyReportsFactsThatDiffer() {
        LyingFacts lying = new LyingFacts(store());
        IncidentManager m = manager(b -> b.store(lying));
        for (int i = 0; i < 3; i++) {
            m.declare(CHECKOUT, ALICE);
        }
        String victim = m.declare(CHECKOUT, ALICE).id();
        assertThat(m.verifyReadModel().holds()).isTrue();

        lying.victim = victim;
        ReadModelCheck check = m.verifyReadModel();

        assertThat(check.mismatches()).extracting(Mismatch::incidentId).containsExactly(victim);
        assertThat(check.mismatches().get(0).problem()).contains("facts");
    }

    @Test
    @DisplayName("verifyReadModel holds after normal use, reports a summary rewritten with other content, and rebuildReadModel repairs it")
    void verifyAndRebuild() {
        ReadModelData data = ReadModelData.declare(manager(), clock());
        ReadModelCheck clean = manager().verifyReadModel();
        assertThat(clean.holds()).as("%s", clean.mismatches()).isTrue();
        assertThat(clean.incidents()).isEqualTo(data.ids.size());

        String victim = data.ids.get(4);
        IncidentSummary kept = store().summary(victim).orElseThrow();
        assertThat(store().saveSummary(StoreReadModelTests.other(kept, 60))).isTrue();

        ReadModelCheck broken = manager().verifyReadModel();
        assertThat(broken.holds()).isFalse();
        assertThat(broken.mismatches()).extracting(Mismatch::incidentId).containsExactly(victim);
        assertThat(broken.mismatches().get(0).problem()).contains("differs");

        assertThat(manager().rebuildReadModel().rebuilt()).isEqualTo(data.ids.size());
        assertThat(manager().verifyReadModel().holds()).isTrue();
        assertThat(store().summary(victim)).contains(kept);
    }

    @Test
    @DisplayName("verifyReadModel reports a missing summary and one left at an older version")
    void verifyReportsMissingAndOlder() {
        LyingSummaries lying = new LyingSummaries(store());
        IncidentManager m = manager(b -> b.store(lying));
        String missing = m.declare(CHECKOUT, ALICE).id();
        String older = m.declare(CHECKOUT, ALICE).id();
        lying.stale = store().summary(older).orElseThrow();
        m.addNote(older, "moves on", ALICE);
        lying.hidden = missing;

        ReadModelCheck check = m.verifyReadModel();

        assertThat(check.mismatches()).extracting(Mismatch::incidentId).containsExactly(missing, older);
        assertThat(check.mismatches().get(0).problem()).contains("missing");
        assertThat(check.mismatches().get(1).problem()).contains("version 1").contains("version 2");
    }

    /**
     * The property: random command sequences, rounds of them from several threads at once, leave a
     * read model that verifies and answers queries as the fold of every history does. The
     * sequences come from jqwik generators with fixed seeds, so that a failure names its seed and
     * repeats; the store and manager are the contract's, which a jqwik property cannot receive.
     */
    @Test
    @DisplayName("random command sequences, some concurrent: the read model verifies and answers as the folds do")
    void randomCommandsKeepTheReadModel() throws Exception {
        List<String> ids = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            List<List<Step>> rounds;
            JqwikSession.start();
            try {
                rounds = ROUNDS.generator(100).next(new Random(seed)).value();
            } finally {
                JqwikSession.finish();
            }
            for (int r = 0; r < rounds.size(); r++) {
                List<Step> round = rounds.get(r);
                if (r % 2 == 1 && round.size() > 1) {
                    List<Callable<Void>> tasks = new ArrayList<>();
                    round.forEach(step -> tasks.add(() -> {
                        run(step, ids);
                        return null;
                    }));
                    StoreHarness.runTogether(tasks);
                } else {
                    round.forEach(step -> run(step, ids));
                }
                clock().advance(Duration.ofSeconds(rounds.get(r).get(0).arg() % 90));
            }
            ReadModelCheck check = manager().verifyReadModel();
            assertThat(check.holds()).as("seed %d: %s", seed, check.mismatches()).isTrue();
            List<IncidentSummary> folds = folds(ids);
            List<Incident> incidents = incidents(folds);
            assertFactsAreTheFolds(incidents);
            MetricQuery now = MetricQuery.all().asOf(clock().instant());
            assertThat(manager().metrics(now)).as("seed %d: metrics", seed).isEqualTo(Metrics.compute(incidents, now));
            for (IncidentQuery filter : List.of(IncidentQuery.all(), IncidentQuery.active(),
                    IncidentQuery.all().severity(Severity.SEV1), IncidentQuery.all().service("checkout"),
                    IncidentQuery.all().titleContains("%"), IncidentQuery.all().roleHolder("carol"),
                    IncidentQuery.all().commander("dave"), IncidentQuery.all().declaredFrom(START)
                            .declaredBefore(START.plus(Duration.ofMinutes(5))))) {
                assertThat(manager().count(filter)).as("seed %d: count of %s", seed, filter)
                        .isEqualTo(ReadModelData.reference(folds, filter).size());
                for (IncidentQuery query : ReadModelData.orders(filter)) {
                    assertThat(allPages(query.limit(4))).as("seed %d: %s", seed, query)
                            .isEqualTo(incidents(ReadModelData.reference(folds, query)));
                }
            }
        }
        assertThat(ids).as("incidents declared").hasSizeGreaterThan(10);
    }

    /** One command: {@code op} picks it, {@code incident} the incident, {@code arg} its details. */
    record Step(int op, int incident, int arg) {}

    private static final Arbitrary<List<List<Step>>> ROUNDS = Combinators.combine(
            Arbitraries.integers().between(0, 13), Arbitraries.integers().between(0, 1_000),
            Arbitraries.integers().between(0, 1_000)).as(Step::new)
            .list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(4).ofMaxSize(10);

    private static final List<String> TITLES = List.of("Checkout down", "CHECKOUT slow", "100% CPU", "db_1 full",
            "C:\\temp", "Überweisung", "ÜBERWEISUNG", "日本語");
    private static final List<String> SERVICES = List.of("checkout", "payments", "search");
    private static final List<String> PEOPLE = List.of("alice", "carol", "dave");

    /** Runs one step; a command the lifecycle refuses is part of the game. */
    private void run(Step step, List<String> ids) {
        IncidentManager m = manager();
        int arg = step.arg();
        try {
            if (step.op() == 0 || ids.isEmpty()) {
                String id = m.declare(Declare.of(TITLES.get(arg % TITLES.size()), Severity.values()[arg % 4],
                        SERVICES.get(arg % SERVICES.size())), ALICE).id();
                synchronized (ids) {
                    ids.add(id);
                }
                return;
            }
            String id;
            String other;
            synchronized (ids) {
                id = ids.get(step.incident() % ids.size());
                other = ids.get(arg % ids.size());
            }
            switch (step.op()) {
                case 1 -> m.acknowledge(id, "", Role.values()[arg % 3], ALICE);
                case 2 -> m.investigate(id, "", ALICE);
                case 3 -> m.identify(id, "", ALICE);
                case 4 -> m.mitigate(id, "", ALICE);
                case 5 -> m.resolve(id, "", ALICE);
                case 6 -> m.closeIncident(id, "", ALICE);
                case 7 -> m.reopen(id, "again", ALICE);
                case 8 -> m.cancel(id, "mistake", ALICE);
                case 9 -> m.escalate(id, Severity.values()[arg % 2], "", ALICE);
                case 10 -> m.downgrade(id, Severity.values()[2 + arg % 2], "", ALICE);
                case 11 -> m.correlateService(id, SERVICES.get(arg % SERVICES.size()), "", ALICE);
                case 12 -> m.assignRole(id, Role.values()[arg % 3], Actor.of(PEOPLE.get(arg % PEOPLE.size())), ALICE);
                default -> m.markDuplicate(id, other, "", ALICE);
            }
        } catch (IncidentException refused) {
            // Illegal transitions, no-ops refused, conflicts past the retries: nothing was written.
        }
    }

    /** The summaries the folds of the histories give: the reference's input. */
    private List<IncidentSummary> folds(List<String> ids) {
        List<IncidentSummary> out = new ArrayList<>();
        for (String id : ids) {
            List<RecordedEvent> history = manager().history(id);
            out.add(new IncidentSummary(Incident.replay(history),
                    history.get(history.size() - 1).stored().record().recordedAt()));
        }
        return out;
    }

    private static List<Incident> incidents(List<IncidentSummary> summaries) {
        return summaries.stream().map(IncidentSummary::incident).collect(Collectors.toList());
    }

    /** Every page of a query, following nextCursor; a page before the last is full. */
    private List<Incident> allPages(IncidentQuery query) {
        List<Incident> all = new ArrayList<>();
        IncidentPage page = manager().query(query);
        while (true) {
            all.addAll(page.incidents());
            if (page.nextCursor().isEmpty()) {
                return all;
            }
            assertThat(page.incidents()).as("a page with a next one").hasSize(query.limit());
            page = manager().query(query.after(page.nextCursor().get()));
        }
    }

    /** Counts the reads of events made on one thread, the test's: background readers do not count. */
    static final class CountingReads extends ForwardingStore {
        final AtomicInteger reads = new AtomicInteger();
        private volatile Thread counted;

        CountingReads(EventStore store) {
            super(store);
        }

        void countOn(Thread thread) {
            counted = thread;
        }

        private void count() {
            if (Thread.currentThread() == counted) {
                reads.incrementAndGet();
            }
        }

        @Override
        public List<StoredEvent> readStream(String incidentId, long afterVersion) {
            count();
            return super.readStream(incidentId, afterVersion);
        }

        @Override
        public List<StoredEvent> readAll(LogPosition after, int limit) {
            count();
            return super.readAll(after, limit);
        }
    }

    /** A store whose facts of one incident say it was reopened once more than its summary does. */
    static final class LyingFacts extends ForwardingStore {
        volatile String victim = "";

        LyingFacts(EventStore store) {
            super(store);
        }

        @Override
        public List<IncidentFacts> findFacts(IncidentQuery query, int limit) {
            List<IncidentFacts> out = new ArrayList<>();
            for (IncidentFacts f : super.findFacts(query, limit)) {
                out.add(!f.id().equals(victim) ? f : new IncidentFacts(f.id(), f.status(), f.severity(),
                        f.peakSeverity(), f.service(), f.correlatedServices(), f.roleHolders(), f.milestones(),
                        f.acknowledgedBy(), f.slaBreached(), f.reopenCount() + 1, f.actionItems()));
            }
            return out;
        }
    }

    /**
     * A store whose read model lost one summary and left another behind: what {@code
     * verifyReadModel} exists to find. Every other call reaches the store under test.
     */
    static final class LyingSummaries extends ForwardingStore {
        volatile String hidden = "";
        volatile IncidentSummary stale;

        LyingSummaries(EventStore store) {
            super(store);
        }

        @Override
        public Optional<IncidentSummary> summary(String incidentId) {
            if (incidentId.equals(hidden)) {
                return Optional.empty();
            }
            IncidentSummary s = stale;
            return s != null && s.id().equals(incidentId) ? Optional.of(s) : super.summary(incidentId);
        }
    }
}
