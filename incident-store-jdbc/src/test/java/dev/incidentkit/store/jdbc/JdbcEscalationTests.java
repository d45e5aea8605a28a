package dev.incidentkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.core.spi.EscalationStore.Claim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store's own escalation tests, run on each database by a subclass: what the test kit's
 * {@code EscalationStoreContract} cannot see from outside the store, namely the stored row (a
 * public format), instants finer than the database keeps, and a claim that meets another
 * process's claim still uncommitted.
 */
abstract class JdbcEscalationTests {

    static final Instant T0 = Instant.parse("2025-08-23T14:30:00.123456Z");
    static final Duration TTL = Duration.ofSeconds(30);

    TestDatabase db;
    JdbcEventStore store;
    EscalationStore escalations;

    /** @return a fresh, empty database */
    abstract TestDatabase newDatabase();

    /** @return a query of one number: how many sessions wait for a lock another session holds */
    abstract String blockedSessions();

    @BeforeEach
    void open() {
        db = newDatabase();
        store = db.store();
        escalations = store.escalationStore().orElseThrow();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    static Escalation running(String incidentId, Instant due) {
        return new Escalation("payments", incidentId, Severity.SEV1, T0, 1, 1, due, Escalation.Status.RUNNING, 0,
                List.of());
    }

    @Test
    void theRowIsTheDocumentedFormat() throws SQLException {
        escalations.start(running("INC-1", T0.plusSeconds(60)));
        Claim c = escalations.claimDue(T0.plusSeconds(60), "process-1", TTL, 10).get(0);
        List<String> paged = List.of("alice", "bob \"o\" [x], \\y", "chloé 🚨");
        escalations.complete(c, new Escalation("payments", "INC-1", Severity.SEV1, T0, 1, 2, T0.plusSeconds(360),
                Escalation.Status.RUNNING, 1, paged));
        escalations.claimDue(T0.plusSeconds(360), "process-2", TTL, 10);

        try (Connection conn = db.dataSource().getConnection();
                PreparedStatement ps = conn.prepareStatement("SELECT policy_id, severity, triggered_at, round, level, "
                        + "due_at, status, last_level, last_paged, claim_owner, claim_until, claim_token "
                        + "FROM incidentkit_escalations WHERE incident_id = 'INC-1'");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("payments");
            assertThat(rs.getString(2)).isEqualTo("SEV1");
            assertThat(rs.getObject(3, OffsetDateTime.class).toInstant()).isEqualTo(T0);
            assertThat(rs.getInt(4)).isEqualTo(1);
            assertThat(rs.getInt(5)).isEqualTo(2);
            assertThat(rs.getObject(6, OffsetDateTime.class).toInstant()).isEqualTo(T0.plusSeconds(360));
            assertThat(rs.getString(7)).isEqualTo("RUNNING");
            assertThat(rs.getInt(8)).isEqualTo(1);
            assertThat(rs.getString(9)).isEqualTo("[\"alice\",\"bob \\\"o\\\" [x], \\\\y\",\"chloé 🚨\"]");
            assertThat(rs.getString(10)).isEqualTo("process-2");
            assertThat(rs.getObject(11, OffsetDateTime.class).toInstant()).isEqualTo(T0.plusSeconds(360).plus(TTL));
            assertThat(rs.getLong(12)).as("one claim each").isEqualTo(2);
        }
        assertThat(escalations.find("INC-1").orElseThrow().lastPaged()).isEqualTo(paged);
    }

    @Test
    void aNowFinerThanMicrosecondsIsComparedExactlyNotRounded() {
        escalations.start(running("INC-1", T0.plusSeconds(10)));

        // The database would round 999 ns up to the next microsecond, which is the due time.
        assertThat(escalations.claimDue(T0.plusSeconds(10).minusNanos(1), "p1", TTL, 10)).isEmpty();
        Claim c = escalations.claimDue(T0.plusSeconds(10).plusNanos(999), "p1", TTL, 10).get(0);

        assertThat(c.until()).isEqualTo(T0.plusSeconds(40));
        assertThat(escalations.claimDue(T0.plusSeconds(40).minusNanos(1), "p2", TTL, 10)).isEmpty();
        assertThat(escalations.claimDue(T0.plusSeconds(40), "p2", TTL, 10)).hasSize(1);
        assertThat(escalations.hurry("INC-1", 1, 1, T0.plusSeconds(5).plusNanos(500))).isTrue();
        assertThat(escalations.find("INC-1").orElseThrow().at()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aClaimMeetingAnotherStillUncommittedTakesNothing() throws Exception {
        escalations.start(running("INC-1", T0));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = db.dataSource().getConnection()) {
            other.setAutoCommit(false);
            // Another process's claim, written and not yet committed when this one's claim looks.
            try (PreparedStatement ps = other.prepareStatement("UPDATE incidentkit_escalations SET claim_owner = "
                    + "'other', claim_until = ?, claim_token = claim_token + 1 WHERE incident_id = 'INC-1'")) {
                ps.setObject(1, OffsetDateTime.ofInstant(T0.plus(TTL), ZoneOffset.UTC));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            Future<List<Claim>> mine = pool.submit(() -> escalations.claimDue(T0, "mine", TTL, 10));
            // H2 makes the claim wait for the row lock; PostgreSQL passes the locked row over.
            awaitBlockedOrDone(mine);
            other.commit();

            assertThat(mine.get(30, TimeUnit.SECONDS)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
        assertThat(escalations.claimDue(T0.plus(TTL).minusNanos(1000), "mine", TTL, 10)).isEmpty();
        List<Claim> after = escalations.claimDue(T0.plus(TTL), "mine", TTL, 10);
        assertThat(after).extracting(Claim::token).containsExactly(2L);
    }

    @Test
    void aLastPagedThatDoesNotReadFailsNamingTheColumn() {
        escalations.start(running("INC-1", T0));
        TestDatabase.execute(db.dataSource(), "UPDATE incidentkit_escalations SET last_paged = '[\"alice\"' "
                + "WHERE incident_id = 'INC-1'");

        assertThatThrownBy(() -> escalations.find("INC-1")).isInstanceOf(StoreException.class)
                .hasMessageContaining("last_paged");
    }

    @Test
    void anUnmigratedDatabaseSaysToMigrate() {
        TestDatabase.execute(db.dataSource(), "DROP TABLE incidentkit_escalations");

        assertThatThrownBy(() -> escalations.start(running("INC-1", T0))).isInstanceOf(StoreException.class)
                .hasMessageContaining("migrate");
        assertThatThrownBy(() -> escalations.claimDue(T0, "p1", TTL, 1)).isInstanceOf(StoreException.class)
                .hasMessageContaining("migrate");
    }

    /** Returns once {@code work} is done or a session waits for a lock; fails after 5 s of neither. */
    private void awaitBlockedOrDone(Future<?> work) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(blockedSessions())) {
            while (!work.isDone()) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("the claim neither returned nor waited for the lock").isLessThan(deadline);
                try {
                    // Waits for the work itself, a few milliseconds at a time, between looks at the locks.
                    work.get(5, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    // Neither done nor seen waiting yet: look again.
                } catch (ExecutionException failed) {
                    return; // done, if badly: the caller's get() reports it
                }
            }
        }
    }
}
