package dev.incidentkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.testkit.Fixtures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sequence-gap problem of PostgreSQL, staged: transaction A takes the lower position, B the
 * higher one, B commits first. A reader must not move past A's event before A commits.
 */
class PostgresGlobalOrderTest {

    private TestDatabase db;
    private JdbcEventStore store;

    @BeforeEach
    void open() {
        db = TestDatabase.postgres();
        store = db.store();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aLowerPositionThatCommitsLastIsNotSkipped() throws Exception {
        List<EventRecord> zero = Records.batch("INC-0", 0, 1);
        AppendResult before = store.append("INC-0", 0, zero, Fixtures.placeholderSummary(zero));
        LogPosition checkpoint = store.head();
        assertThat(checkpoint).isEqualTo(before.events().get(0).position());

        // A: inserts through the store, then stops before its commit until released.
        CountDownLatch aInserted = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        JdbcEventStore heldAtCommit = JdbcEventStore.builder(holdingCommit(db.dataSource(), aInserted, releaseA)).build();
        List<EventRecord> batchA = Records.batch("INC-A", 0, 1);
        CompletableFuture<AppendResult> a = CompletableFuture.supplyAsync(
                () -> heldAtCommit.append("INC-A", 0, batchA, Fixtures.placeholderSummary(batchA)));
        assertThat(aInserted.await(30, TimeUnit.SECONDS)).isTrue();

        // B: inserts after A, so it takes a higher position, and commits first.
        List<EventRecord> batchB = Records.batch("INC-B", 0, 1);
        AppendResult b = store.append("INC-B", 0, batchB, Fixtures.placeholderSummary(batchB));

        // The hazard is real: B's higher position is visible, A's lower one is not yet.
        long positionB = b.events().get(0).position().position();
        assertThat(visiblePositions()).contains(positionB).allMatch(p -> p <= positionB);
        assertThat(visiblePositions()).hasSize(2);

        // The fence: a reader sees neither, and the head does not move past the open transaction.
        assertThat(store.readAll(checkpoint, 100)).isEmpty();
        assertThat(store.head()).isEqualTo(checkpoint);
        assertThat(store.pendingEvents()).isEqualTo(1);

        releaseA.countDown();
        AppendResult appendedA = a.get(30, TimeUnit.SECONDS);
        long positionA = appendedA.events().get(0).position().position();
        assertThat(positionA).isLessThan(positionB);

        // Now both, each once, A first (its transaction is older), after the reader's checkpoint.
        List<StoredEvent> read = store.readAll(checkpoint, 100);
        assertThat(read).extracting(StoredEvent::incidentId).containsExactly("INC-A", "INC-B");
        assertThat(read.get(0)).isEqualTo(appendedA.events().get(0));
        assertThat(read.get(1)).isEqualTo(b.events().get(0));
        assertThat(store.head()).isEqualTo(b.events().get(0).position());
        assertThat(store.pendingEvents()).isZero();
        assertThat(store.readAll(LogPosition.START, 100)).extracting(StoredEvent::incidentId)
                .containsExactly("INC-0", "INC-A", "INC-B");
    }

    @Test
    void anOpenTransactionThatWritesNothingHereStillHoldsReadersBack() throws Exception {
        // The fence counts every transaction of the server: the lag to watch in production.
        try (Connection other = db.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_current_xact_id()")) {
                ps.executeQuery().close();
            }
            List<EventRecord> batch = Records.batch("INC-1", 0, 1);
            store.append("INC-1", 0, batch, Fixtures.placeholderSummary(batch));

            assertThat(store.readAll(LogPosition.START, 10)).isEmpty();
            assertThat(store.pendingEvents()).isEqualTo(1);

            other.rollback();
        }
        assertThat(store.readAll(LogPosition.START, 10)).hasSize(1);
    }

    @Test
    void anAbortedTransactionLeavesAGapThatReadersPassOver() throws Exception {
        List<EventRecord> first = Records.batch("INC-1", 0, 1);
        store.append("INC-1", 0, first, Fixtures.placeholderSummary(first));
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidentkit_events (event_id, incident_id, "
                    + "version, type, schema_version, occurred_at, recorded_at, actor, data, prev_hash, hash) "
                    + "VALUES (?, 'INC-X', 1, 't', 1, now(), now(), 'a', '{}', 'p', 'h')")) {
                ps.setObject(1, UUID.randomUUID());
                ps.executeUpdate();
            }
            c.rollback();
        }
        List<EventRecord> second = Records.batch("INC-2", 0, 1);
        store.append("INC-2", 0, second, Fixtures.placeholderSummary(second));

        List<StoredEvent> all = store.readAll(LogPosition.START, 10);
        assertThat(all).extracting(StoredEvent::incidentId).containsExactly("INC-1", "INC-2");
        assertThat(all.get(1).position().position() - all.get(0).position().position()).isEqualTo(2);
    }

    @Test
    void aDatabaseRestoredIntoAnotherClusterIsRefusedByMigrate() {
        List<EventRecord> batch = Records.batch("INC-1", 0, 1);
        store.append("INC-1", 0, batch, Fixtures.placeholderSummary(batch));
        assertThat(store.migrate()).isZero();
        // What a logical restore into a fresh cluster leaves: stored transaction ids ahead of the
        // ids this cluster hands out, so that new events would sort before the old ones.
        TestDatabase.execute(db.dataSource(), "UPDATE incidentkit_events SET tx_id = '900000000000'::xid8");

        assertThatThrownBy(store::migrate).isInstanceOf(StoreException.class)
                .hasMessageContaining("restored from another cluster");
    }

    private List<Long> visiblePositions() throws SQLException {
        List<Long> positions = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT position FROM incidentkit_events ORDER BY position");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                positions.add(rs.getLong(1));
            }
        }
        return positions;
    }

    /**
     * A data source whose connections hold what they write in an open transaction until they are
     * closed: the store's append (one statement, which it runs in auto-commit) stays uncommitted
     * after it has taken its position. At the close of a connection that appended, or at an
     * explicit commit, the connection signals {@code reached}, waits for {@code release}, and only
     * then commits.
     */
    private static DataSource holdingCommit(DataSource target, CountDownLatch reached, CountDownLatch release) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = call(target, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection c = (Connection) result;
                    c.setAutoCommit(false);
                    boolean[] writes = {false};
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                switch (m.getName()) {
                                    case "setAutoCommit":
                                        // Never auto-commit: the transaction stays open until close.
                                        return null;
                                    case "prepareStatement":
                                        writes[0] |= ((String) a[0]).startsWith("WITH ins AS (INSERT");
                                        return call(c, m, a);
                                    case "commit":
                                        hold(reached, release);
                                        return call(c, m, a);
                                    case "close":
                                        if (writes[0]) {
                                            hold(reached, release);
                                        }
                                        c.commit();
                                        c.setAutoCommit(true);
                                        return call(c, m, a);
                                    default:
                                        return call(c, m, a);
                                }
                            });
                });
    }

    private static void hold(CountDownLatch reached, CountDownLatch release) throws Exception {
        reached.countDown();
        if (!release.await(60, TimeUnit.SECONDS)) {
            throw new SQLException("test never released the commit");
        }
    }

    private static Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
