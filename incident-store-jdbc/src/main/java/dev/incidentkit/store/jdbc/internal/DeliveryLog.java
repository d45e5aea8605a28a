package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.spi.Lease;
import dev.incidentkit.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The notification dispatcher's delivery state in the JDBC store: the leases of {@code
 * incidentkit_leases} and the dead letters of {@code incidentkit_dead_letters} (schema version 2).
 * Each call takes a connection of its own and closes it before it returns; the writes are one
 * transaction each. What differs between the databases (the atomic lease, the upsert of a dead
 * letter) is in {@link DialectSql}.
 */
public final class DeliveryLog {

    /** How often a write that lost a race to insert a new row is tried again. */

    private final DataSource dataSource;
    private final DialectSql sql;

    /**
     * @param dataSource where connections come from
     * @param dialect the database's dialect
     */
    public DeliveryLog(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.sql = DialectSql.of(dialect);
    }

    /** See {@link dev.incidentkit.core.spi.DeliveryStore#acquireLease}. */
    public boolean acquireLease(String notifier, String owner, Instant now, Duration ttl) {
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        Instant expiresAt = now.plus(ttl);
        return Transactions.retryingRace(dataSource, "take the lease of notifier " + notifier,
                c -> sql.acquireLease(c, notifier, owner, now, expiresAt));
    }

    /** See {@link dev.incidentkit.core.spi.DeliveryStore#releaseLease}. */
    public void releaseLease(String notifier, String owner) {
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(owner, "owner");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM incidentkit_leases WHERE notifier = ? AND owner = ?")) {
            ps.setString(1, notifier);
            ps.setString(2, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.failure("release the lease of notifier " + notifier, e);
        }
    }

    /** See {@link dev.incidentkit.core.spi.DeliveryStore#lease}. */
    public Optional<Lease> lease(String notifier) {
        Objects.requireNonNull(notifier, "notifier");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT owner, expires_at FROM incidentkit_leases WHERE notifier = ?")) {
            ps.setString(1, notifier);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Lease(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("read the lease of notifier " + notifier, e);
        }
    }

    /** See {@link dev.incidentkit.core.spi.DeliveryStore#addDeadLetter}. */
    public void addDeadLetter(DeadLetter deadLetter) {
        Objects.requireNonNull(deadLetter, "deadLetter");
        Transactions.retryingRace(dataSource, "store a dead letter of notifier " + deadLetter.notifier(), c -> {
            sql.addDeadLetter(c, deadLetter);
            return true;
        });
    }

    /** See {@link dev.incidentkit.core.spi.DeliveryStore#deadLetters}. */
    public List<DeadLetter> deadLetters(String notifier) {
        Objects.requireNonNull(notifier, "notifier");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + Rows.DEAD_LETTER_COLUMNS
                        + " FROM incidentkit_dead_letters WHERE notifier = ? ORDER BY seq")) {
            ps.setString(1, notifier);
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Rows.readDeadLetter(rs));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw SqlErrors.failure("read the dead letters of notifier " + notifier, e);
        }
    }

    /** See {@link dev.incidentkit.core.spi.DeliveryStore#removeDeadLetter}. */
    public boolean removeDeadLetter(String notifier, UUID eventId) {
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(eventId, "eventId");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM incidentkit_dead_letters WHERE notifier = ? AND event_id = ?")) {
            ps.setString(1, notifier);
            ps.setObject(2, eventId);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw SqlErrors.failure("remove the dead letter of event " + eventId + " of notifier " + notifier, e);
        }
    }
}
