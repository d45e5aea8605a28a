package dev.incidentkit.store.jdbc;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.testkit.Fixtures;
import dev.incidentkit.testkit.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store's read model beyond the shared contract: the upgrade of a 0.1.0 database, the
 * stored format's version, SQL's own pitfalls (wildcards, collations) and the cost of opening a
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
        TestDatabase.execute(db.dataSource(), "DELETE FROM incidentkit_schema_version WHERE version = 3");
        assertThat(store.schemaVersion()).isEqualTo(2);

        store.close();   // a factory store holds its H2 file until closed
        JdbcEventStore upgraded = db.store();
        store = upgraded;

        assertThat(upgraded.schemaVersion()).isEqualTo(3);
        assertThat(upgraded.incidentIds("", 100)).containsExactlyElementsOf(ids.stream().sorted().toList());
        for (String id : ids) {
            assertThat(upgraded.summary(id)).contains(IncidentSummary.of(upgraded.readStream(id, 0)));
        }
        assertThat(IncidentKit.builder().store(upgraded).clock(clock).build().verifyReadModel().mismatches())
                .isEmpty();
    }

    @Test
    void aSummaryInASnapshotFormatOfANewerIncidentKitIsRefusedNotMisread() {
        String id = manager().declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice")).id();
        TestDatabase.execute(db.dataSource(), "UPDATE incidentkit_summaries SET snapshot_format = 2");

        assertThatThrownBy(() -> store.summary(id)).isInstanceOf(StoreException.class)
                .hasMessageContaining(id).hasMessageContaining("newer IncidentKit");
        assertThatThrownBy(() -> store.findSummaries(IncidentQuery.all(), 10)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer IncidentKit");
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
