package dev.incidentkit.store.jdbc;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.metrics.IncidentFacts;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.Metrics;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.query.ReadModelCheck;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.testkit.CapturedLog;
import dev.incidentkit.testkit.Fixtures;
import dev.incidentkit.testkit.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store's read model beyond the shared contract: the upgrade of a 0.1.0 database and of
 * a database of schema version 3, facts columns that differ or do not read, the stored format's version, SQL's own pitfalls (wildcards, collations) and the cost of opening a
 * current database. Run on each database by a subclass.
 */
abstract class JdbcReadModelTests {

    TestDatabase db;
    JdbcEventStore store;
    ManualClock clock;

    /** @return a fresh, empty database */
    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        db = newDatabase();
        store = db.store();
        clock = ManualClock.at(Instant.parse("2026-03-01T09:00:00Z"));
    }

    @AfterEach
    void closeDatabase() {
        store.close();
        db.close();
    }

    IncidentManager manager() {
        return IncidentKit.builder().store(store).clock(clock).build();
    }

    @Test
    void aDatabaseOfVersion2WithIncidentsGetsTheSummaryOfEveryStreamAsTheFoldMakesIt() {
        IncidentManager incidents = manager();
        List<String> ids = new ArrayList<>();
        ids.add(Fixtures.walkthrough(incidents, clock).id());
        ids.add(Fixtures.hostile(incidents, clock).id());
        ids.add(Fixtures.longIncident(incidents, clock, 40).id());
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            String id = incidents.declare(Declare.of("Queue backlog " + i, Severity.SEV3, "queue"), as("alice")).id();
            incidents.correlateService(id, "billing", "", as("alice"));
            incidents.assignRole(id, Role.COMMANDER, Actor.of("carol"), as("alice"));
            ids.add(id);
        }
        // Back to 0.1.0's schema: versions 1 and 2, no summaries table.
        TestDatabase.execute(db.dataSource(), "DROP TABLE incidentkit_summaries");
        TestDatabase.execute(db.dataSource(), "DELETE FROM incidentkit_schema_version WHERE version >= 3");
        assertThat(store.schemaVersion()).isEqualTo(2);

        store.close();   // a factory store holds its H2 file until closed
        JdbcEventStore upgraded = db.store();
        store = upgraded;

        assertThat(upgraded.schemaVersion()).isEqualTo(6);
        assertThat(upgraded.incidentIds("", 100)).containsExactlyElementsOf(ids.stream().sorted().toList());
        for (String id : ids) {
            assertThat(upgraded.summary(id)).contains(IncidentSummary.of(upgraded.readStream(id, 0)));
        }
        assertFactsAreTheFolds(upgraded, ids);
        assertThat(IncidentKit.builder().store(upgraded).clock(clock).build().verifyReadModel().mismatches())
                .isEmpty();
    }

    @Test
    void aDatabaseOfVersion3GetsTheFactsOfEveryRowFromItsSnapshotOrItsEvents() {
        IncidentManager incidents = manager();
        List<String> ids = new ArrayList<>();
        ids.add(Fixtures.walkthrough(incidents, clock).id());
        ids.add(Fixtures.hostile(incidents, clock).id());
        ids.add(Fixtures.longIncident(incidents, clock, 40).id());
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(1));
            String id = incidents.declare(Declare.of("Queue backlog " + i, Severity.SEV3, "queue"), as("alice")).id();
            incidents.acknowledge(id, "", as("bob"));
            incidents.escalate(id, Severity.SEV1, "", as("alice"));
            incidents.assignRole(id, Role.COMMANDER, Actor.of("carol"), as("alice"));
            incidents.resolve(id, "", as("alice"));
            incidents.reopen(id, "again", as("alice"));
            incidents.addActionItem(id, "Alert on backlog", Optional.empty(), Optional.empty(), as("alice"));
            clock.advance(Duration.ofMinutes(1));
            incidents.execute(id, new Command.RecordSlaBreach(SlaKind.RESOLVE, Duration.ofHours(1), clock.instant()),
                    as("sla-monitor"));
            ids.add(id);
        }
        // Back to schema version 3: the summaries without the facts' columns (nor H2's index of
        // them, which replaced the declaration index). One row in a snapshot format this library
        // does not read, whose facts the fill folds from the events.
        TestDatabase.execute(db.dataSource(), "DROP INDEX IF EXISTS incidentkit_summaries_facts_ix");
        TestDatabase.execute(db.dataSource(),
                "CREATE INDEX IF NOT EXISTS incidentkit_summaries_declared_ix ON incidentkit_summaries (declared_at, id)");
        for (String column : List.of("peak_severity_level", "acknowledged_by", "sla_breached", "reopen_count",
                "action_item_added_at", "action_item_completed_at")) {
            TestDatabase.execute(db.dataSource(), "ALTER TABLE incidentkit_summaries DROP COLUMN " + column);
        }
        TestDatabase.execute(db.dataSource(), "DELETE FROM incidentkit_schema_version WHERE version >= 4");
        TestDatabase.execute(db.dataSource(),
                "UPDATE incidentkit_summaries SET snapshot_format = 99 WHERE id = '" + ids.get(4) + "'");
        assertThat(store.schemaVersion()).isEqualTo(3);

        store.close();
        JdbcEventStore upgraded = db.store();
        store = upgraded;

        assertThat(upgraded.schemaVersion()).isEqualTo(6);
        assertThat(upgraded.findFacts(IncidentQuery.all(), IncidentQuery.MAX_LIMIT)).hasSize(ids.size());
        assertThat(upgraded.summaryFallbacks()).as("the facts read no snapshot, not even the unreadable one").isZero();
        assertFactsAreTheFolds(upgraded, ids);
        IncidentManager after = IncidentKit.builder().store(upgraded).clock(clock).build();
        MetricQuery query = MetricQuery.all().asOf(clock.instant());
        assertThat(after.metrics(query)).isEqualTo(Metrics.compute(
                ids.stream().map(id -> Incident.replay(after.history(id))).toList(), query));
    }

    @Test
    void aMigrationToVersion4StoppedBeforeItsVersionWasRecordedRunsAgain() {
        IncidentManager incidents = manager();
        String id = Fixtures.walkthrough(incidents, clock).id();
        // As a process killed between H2's DDL (which commits by itself) and the commit of the fill:
        // the columns are there, version 4 is not recorded, the facts are the columns' defaults.
        TestDatabase.execute(db.dataSource(), "DELETE FROM incidentkit_schema_version WHERE version = 4");
        TestDatabase.execute(db.dataSource(), "UPDATE incidentkit_summaries SET peak_severity_level = 0, reopen_count = 0, "
                + "acknowledged_by = NULL, sla_breached = NULL, action_item_added_at = NULL, action_item_completed_at = NULL");

        store.close();
        store = db.store();

        assertThat(store.schemaVersion()).isEqualTo(6);
        assertFactsAreTheFolds(store, List.of(id));
        assertThat(store.summaryFallbacks()).isZero();
    }

    @Test
    void aFactsColumnThatDiffersFromTheSnapshotIsReportedAndRebuilt() {
        IncidentManager incidents = manager();
        String id = null;
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            id = incidents.declare(Declare.of("Checkout latency " + i, Severity.SEV2, "checkout"), as("alice")).id();
            incidents.acknowledge(id, "", as("alice"));
        }
        assertThat(incidents.verifyReadModel().holds()).isTrue();
        TestDatabase.execute(db.dataSource(), "UPDATE incidentkit_summaries SET reopen_count = 3 WHERE id = '" + id + "'");

        ReadModelCheck check = incidents.verifyReadModel();
        assertThat(check.mismatches()).extracting(ReadModelCheck.Mismatch::incidentId).containsExactly(id);
        assertThat(check.mismatches().get(0).problem()).contains("facts");

        incidents.rebuildReadModel();
        assertThat(incidents.verifyReadModel().holds()).isTrue();
        assertFactsAreTheFolds(store, List.of(id));
    }

    @Test
    void aRowWhoseFactsDoNotReadIsFoldedFromItsEventsAndCounted() {
        IncidentManager incidents = manager();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            String id = incidents.declare(Declare.of("Checkout latency " + i, Severity.SEV2, "checkout"), as("alice")).id();
            incidents.acknowledge(id, "", as("alice"));
            ids.add(id);
        }
        // The default of the column before version 4's fill: no level.
        TestDatabase.execute(db.dataSource(),
                "UPDATE incidentkit_summaries SET peak_severity_level = 0 WHERE id = '" + ids.get(1) + "'");
        TestDatabase.execute(db.dataSource(),
                "UPDATE incidentkit_summaries SET sla_breached = ARRAY['LATE'] WHERE id = '" + ids.get(2) + "'");

        try (CapturedLog log = CapturedLog.start()) {
            assertFactsAreTheFolds(store, ids);
            // Two rows, in each of two reads of findFacts.
            assertThat(store.summaryFallbacks()).isEqualTo(2 * 2);
            assertThat(log.warningsAndErrors(ids.get(1))).hasSize(1)
                    .allSatisfy(line -> assertThat(line).contains("facts").contains("rebuildReadModel"));
        }
        assertThat(incidents.rebuildReadModel().rebuilt()).isEqualTo(3);
        assertFactsAreTheFolds(store, ids);
        assertThat(store.summaryFallbacks()).as("after the rebuild").isEqualTo(2 * 2);
    }

    /** Every incident's facts, as findFacts answers them a page at a time, are those of the fold of its events. */
    private static void assertFactsAreTheFolds(JdbcEventStore store, List<String> ids) {
        IncidentQuery all = IncidentQuery.all().sortBy(SortKey.DECLARED, SortDirection.ASCENDING);
        Map<String, IncidentFacts> byId = new TreeMap<>();
        store.findFacts(all, IncidentQuery.MAX_LIMIT).forEach(f -> byId.put(f.id(), f));
        assertThat(byId.keySet()).containsAll(ids);
        for (String id : ids) {
            assertThat(byId.get(id)).as("the facts of %s", id)
                    .isEqualTo(IncidentFacts.of(IncidentSummary.of(store.readStream(id, 0)).incident()));
        }
        assertThat(store.findFacts(all, IncidentQuery.MAX_LIMIT))
                .isEqualTo(store.findSummaries(all, IncidentQuery.MAX_LIMIT).stream()
                        .map(s -> IncidentFacts.of(s.incident())).toList());
    }

    @Test
    void anUnreadableSummaryRowIsFoldedFromItsEventsWarnedOnceAndCounted() {
        IncidentManager incidents = manager();
        List<String> ids = new ArrayList<>();
        for (String title : List.of("Checkout latency", "Search down", "Login slow", "Queue backlog")) {
            clock.advance(Duration.ofMinutes(1));
            String id = incidents.declare(Declare.of(title, Severity.SEV2, "checkout"), as("alice")).id();
            incidents.acknowledge(id, "", as("alice"));
            ids.add(id);
        }
        String newerFormat = ids.get(1);
        String undecodable = ids.get(2);
        // A format no IncidentKit reads (a newer one's, say), and a snapshot that is not JSON.
        TestDatabase.execute(db.dataSource(),
                "UPDATE incidentkit_summaries SET snapshot_format = 99 WHERE id = '" + newerFormat + "'");
        TestDatabase.execute(db.dataSource(),
                "UPDATE incidentkit_summaries SET snapshot = '{\"id\": ' WHERE id = '" + undecodable + "'");
        List<IncidentSummary> folds = ids.stream().map(id -> IncidentSummary.of(store.readStream(id, 0))).toList();

        try (CapturedLog log = CapturedLog.start()) {
            assertThat(store.summary(newerFormat)).contains(folds.get(1));
            assertThat(store.summary(undecodable)).contains(folds.get(2));
            IncidentQuery all = IncidentQuery.all().sortBy(SortKey.DECLARED, SortDirection.ASCENDING);
            assertThat(store.findSummaries(all, 10)).isEqualTo(folds);
            assertThat(store.findSummaries(all, 10)).isEqualTo(folds);
            // Every read of either row is counted: two summaries, two rows in each of two pages.
            assertThat(store.summaryFallbacks()).isEqualTo(2 + 2 * 2);
            assertThat(incidents.list()).hasSize(4);
            assertThat(incidents.find(undecodable)).contains(folds.get(2).incident());

            assertThat(log.warningsAndErrors(newerFormat)).hasSize(1).allSatisfy(line -> assertThat(line)
                    .contains("format 99").contains("IncidentManager.rebuildReadModel()"));
            assertThat(log.warningsAndErrors(undecodable)).hasSize(1).allSatisfy(line -> assertThat(line)
                    .contains("does not decode").contains("IncidentManager.rebuildReadModel()"));
            assertThat(log.warningsAndErrors(ids.get(0))).isEmpty();
        }
        assertThat(store.summaryFallbacks()).as("after list and find").isGreaterThanOrEqualTo(2 + 2 * 2 + 2 + 1);

        assertThat(incidents.rebuildReadModel().rebuilt()).isEqualTo(4);
        long before = store.summaryFallbacks();
        assertThat(store.findSummaries(IncidentQuery.all(), 10)).hasSize(4);
        assertThat(store.summaryFallbacks()).as("after the rebuild").isEqualTo(before);
    }

    @Test
    void saveSummaryWritesAMissingRowOnlyAtTheStreamsVersion() {
        String id = "INC-2026-001";
        List<EventRecord> first = Records.batch(id, 0, 2);
        store.append(id, 0, first, Fixtures.placeholderSummary(first));
        // A row lost (a partial restore): the upsert's insert path, with no row to lock.
        TestDatabase.execute(db.dataSource(), "DELETE FROM incidentkit_summaries");
        assertThat(store.summary(id)).isEmpty();

        assertThat(store.saveSummary(Fixtures.placeholderSummary(first.subList(0, 1)))).as("below").isFalse();
        assertThat(store.summary(id)).isEmpty();
        IncidentSummary atTwo = Fixtures.placeholderSummary(first);
        assertThat(store.saveSummary(atTwo)).isTrue();
        assertThat(store.summary(id)).contains(atTwo);
    }

    @Test
    void titleSearchTakesPercentAndUnderscoreLiterallyAndFoldsCaseAsJavaDoes() {
        IncidentManager incidents = manager();
        for (String title : List.of("CPU at 100% on db-1", "CPU at 1000 on db-1", "disk_full on db-2", "diskXfull on db-3",
                "İstanbul DC down")) {
            clock.advance(Duration.ofSeconds(1));
            incidents.declare(Declare.of(title, Severity.SEV3, "infra"), as("alice"));
        }

        assertThat(titles(IncidentQuery.all().titleContains("100%"))).containsExactly("CPU at 100% on db-1");
        assertThat(titles(IncidentQuery.all().titleContains("K_F"))).containsExactly("disk_full on db-2");
        // Core's folding (IncidentSummary.titleKey), whatever SQL's LOWER would make of a dotted capital I.
        assertThat(titles(IncidentQuery.all().titleContains("İSTANBUL"))).containsExactly("İstanbul DC down");
        assertThat(store.countSummaries(IncidentQuery.all().titleContains("db-"))).isEqualTo(4);
    }

    @Test
    void idsCompareAsJavaStringsDoWhateverTheDatabaseCollation() {
        for (String id : List.of("INC-a", "INC-B", "INC-_", "INC-Z")) {
            List<EventRecord> batch = Records.batch(id, 0, 1);
            store.append(id, 0, batch, Fixtures.placeholderSummary(batch));
        }
        List<String> javaOrder = List.of("INC-B", "INC-Z", "INC-_", "INC-a");

        assertThat(store.incidentIds("", 10)).containsExactlyElementsOf(javaOrder);
        assertThat(store.incidentIds("INC-Z", 10)).containsExactly("INC-_", "INC-a");
        // Every placeholder summary has the same sort value: the order is the ids'.
        IncidentQuery bySeverity = IncidentQuery.all().sortBy(SortKey.SEVERITY, SortDirection.ASCENDING);
        List<IncidentSummary> first = store.findSummaries(bySeverity, 2);
        assertThat(first).extracting(IncidentSummary::id).containsExactly("INC-B", "INC-Z");
        IncidentQuery next = bySeverity.after(bySeverity.cursorAfter(first.get(1)).encode());
        assertThat(store.findSummaries(next, 10)).extracting(IncidentSummary::id).containsExactly("INC-_", "INC-a");
    }

    @Test
    void aStoreOpeningACurrentDatabaseRunsOneQueryAndNoDdl() {
        List<String> statements = new ArrayList<>();

        JdbcEventStore.builder(recording(db.dataSource(), statements)).dialect(store.dialect()).migrate(true).build();

        assertThat(statements).hasSize(1);
        assertThat(statements.get(0)).startsWith("SELECT MAX(version), COUNT(*)").doesNotContain("CREATE");
    }

    private List<String> titles(IncidentQuery query) {
        return store.findSummaries(query, 100).stream().map(s -> s.incident().title()).collect(Collectors.toList());
    }

    /** The data source, noting the SQL of every statement its connections prepare or create. */
    private static DataSource recording(DataSource target, List<String> statements) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    return result instanceof Connection c ? recording(c, statements) : result;
                });
    }

    private static Connection recording(Connection target, List<String> statements) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare")) {
                        statements.add((String) args[0]);
                    } else if (method.getName().equals("createStatement")) {
                        statements.add("(a statement)");
                    }
                    return invoke(method, target, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
