package dev.incidentkit.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Changes stored events with plain SQL, as someone with write access to the database could: for
 * tests that prove {@code verify} notices. Never use it otherwise.
 */
final class JdbcTampering {

    /** A version no event has, to park a row on while two swap. */
    private static final long PARKED = 999_999_999_999L;

    private final DataSource dataSource;

    JdbcTampering(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void changeData(String incidentId, long version, String data) {
        update("UPDATE incidentkit_events SET data = ? WHERE incident_id = ? AND version = ?", data, incidentId, version);
    }

    void changeActor(String incidentId, long version, String actor) {
        update("UPDATE incidentkit_events SET actor = ? WHERE incident_id = ? AND version = ?", actor, incidentId, version);
    }

    void delete(String incidentId, long version) {
        update("DELETE FROM incidentkit_events WHERE incident_id = ? AND version = ?", incidentId, version);
    }

    /**
     * Swaps two events' places in the stream: each row takes the other's version. The unique key
     * on {@code (incident_id, version)} is checked row by row, hence the parking place.
     */
    void swap(String incidentId, long versionA, long versionB) {
        String sql = "UPDATE incidentkit_events SET version = ? WHERE incident_id = ? AND version = ?";
        update(sql, PARKED, incidentId, versionA);
        update(sql, versionA, incidentId, versionB);
        update(sql, versionB, incidentId, PARKED);
    }

    private void update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("tampering changed no row: " + sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
