package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.spi.AlertStore.GroupDecision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Who declares the incident of an alert group, and how many incidents a source declared this
 * minute: {@code incidentkit_alert_groups} and {@code incidentkit_alert_admissions} (schema
 * version 5), for {@link AlertTables}. A decision locks its row with {@code SELECT ... FOR
 * UPDATE}; two first writers race on the primary key and the loser runs again.
 */
final class AlertGroupTables {

    private static final String GROUPS = "incidentkit_alert_groups";

    private final DataSource dataSource;

    AlertGroupTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    GroupDecision group(String groupKey, Instant now, Instant staleBefore, String newClaimId, Instant claimUntil) {
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(staleBefore, "staleBefore");
        Objects.requireNonNull(newClaimId, "newClaimId");
        Objects.requireNonNull(claimUntil, "claimUntil");
        return Transactions.retryingRace(dataSource, "decide alert group " + groupKey, c -> {
            String claimId = null;
            Instant held = null;
            String incidentId = null;
            Instant lastAlert = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT claim_id, claim_until, incident_id, last_alert_at FROM "
                    + GROUPS + " WHERE group_key = ? FOR UPDATE")) {
                ps.setString(1, groupKey);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        claimId = rs.getString(1);
                        held = AlertSql.instant(rs, 2);
                        incidentId = rs.getString(3);
                        lastAlert = AlertSql.instant(rs, 4);
                    }
                }
            }
            if (claimId == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + GROUPS
                        + " (group_key, claim_id, claim_until, incident_id, last_alert_at) VALUES (?, ?, ?, NULL, ?)")) {
                    ps.setString(1, groupKey);
                    ps.setString(2, newClaimId);
                    ps.setObject(3, Rows.utc(claimUntil));
                    ps.setObject(4, Rows.utc(now));
                    ps.executeUpdate();
                }
                return new GroupDecision.Claimed(newClaimId);
            }
            if (incidentId != null && !lastAlert.isBefore(staleBefore)) {
                updateGroup(c, groupKey, "last_alert_at = ?", now);
                return new GroupDecision.Join(incidentId);
            }
            if (incidentId == null) {
                if (!held.isBefore(now)) {
                    return new GroupDecision.Wait();
                }
                updateGroup(c, groupKey, "claim_until = ?, last_alert_at = ?", claimUntil, now);
                return new GroupDecision.Claimed(claimId);
            }
            // Stale: a new group under the new claim id.
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + GROUPS + " SET claim_id = ?, claim_until = ?, "
                    + "incident_id = NULL, last_alert_at = ? WHERE group_key = ?")) {
                ps.setString(1, newClaimId);
                ps.setObject(2, Rows.utc(claimUntil));
                ps.setObject(3, Rows.utc(now));
                ps.setString(4, groupKey);
                ps.executeUpdate();
            }
            return new GroupDecision.Claimed(newClaimId);
        });
    }

    private static void updateGroup(Connection c, String groupKey, String set, Instant... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + GROUPS + " SET " + set + " WHERE group_key = ?")) {
            int i = 1;
            for (Instant v : values) {
                ps.setObject(i++, Rows.utc(v));
            }
            ps.setString(i, groupKey);
            ps.executeUpdate();
        }
    }

    Optional<String> groupIncident(String groupKey, Instant staleBefore) {
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(staleBefore, "staleBefore");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT incident_id FROM " + GROUPS
                        + " WHERE group_key = ? AND last_alert_at >= ?")) {
            ps.setString(1, groupKey);
            ps.setObject(2, Rows.utc(staleBefore));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("read alert group " + groupKey, e);
        }
    }

    boolean groupDeclared(String groupKey, String claimId, String incidentId) {
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(incidentId, "incidentId");
        return AlertSql.update(dataSource, "record the incident of alert group " + groupKey, "UPDATE " + GROUPS
                + " SET incident_id = ? WHERE group_key = ? AND claim_id = ?", incidentId, groupKey, claimId) > 0;
    }

    void releaseGroup(String groupKey, String incidentId) {
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(incidentId, "incidentId");
        AlertSql.update(dataSource, "release alert group " + groupKey,
                "DELETE FROM " + GROUPS + " WHERE group_key = ? AND incident_id = ?", groupKey, incidentId);
    }

    boolean admitIncident(String source, Instant minute, int limit) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(minute, "minute");
        if (limit < 1) {
            return false;
        }
        return Transactions.retryingRace(dataSource, "count an incident of " + source + " for the storm limit", c -> {
            Integer admitted = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT admitted FROM incidentkit_alert_admissions "
                    + "WHERE source = ? AND minute_start = ? FOR UPDATE")) {
                ps.setString(1, source);
                ps.setObject(2, Rows.utc(minute));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        admitted = rs.getInt(1);
                    }
                }
            }
            if (admitted != null && admitted >= limit) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(admitted == null
                    ? "INSERT INTO incidentkit_alert_admissions (admitted, source, minute_start) VALUES (?, ?, ?)"
                    : "UPDATE incidentkit_alert_admissions SET admitted = ? WHERE source = ? AND minute_start = ?")) {
                ps.setInt(1, admitted == null ? 1 : admitted + 1);
                ps.setString(2, source);
                ps.setObject(3, Rows.utc(minute));
                ps.executeUpdate();
            }
            return true;
        });
    }
}
