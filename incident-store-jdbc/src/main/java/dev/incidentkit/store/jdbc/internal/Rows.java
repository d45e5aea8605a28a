package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Binds {@link EventRecord}s to statements and reads them back, field for field. */
final class Rows {

    /** The envelope columns, in the order {@link #bind} sets them. */
    static final String RECORD_COLUMNS = "event_id, incident_id, version, type, schema_version, occurred_at, "
            + "recorded_at, actor, command_id, data, prev_hash, hash";

    /** Placeholders for {@link #RECORD_COLUMNS}. */
    static final String RECORD_PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    /** How many parameters {@link #bind} sets. */
    static final int RECORD_PARAMETERS = 12;

    private Rows() {}

    /** Binds the envelope from parameter {@code first} on; returns the next free parameter index. */
    static int bind(PreparedStatement ps, int first, EventRecord e) throws SQLException {
        int i = first;
        ps.setObject(i++, e.eventId());
        ps.setString(i++, e.incidentId());
        ps.setLong(i++, e.version());
        ps.setString(i++, e.type());
        ps.setInt(i++, e.schemaVersion());
        ps.setObject(i++, utc(e.occurredAt()));
        ps.setObject(i++, utc(e.recordedAt()));
        ps.setString(i++, e.actor());
        if (e.commandId().isPresent()) {
            ps.setString(i++, e.commandId().get());
        } else {
            ps.setNull(i++, Types.VARCHAR);
        }
        ps.setString(i++, e.data());
        ps.setString(i++, e.prevHash());
        ps.setString(i++, e.hash());
        return i;
    }

    /**
     * Reads a row selected as {@code position, commit_order, } followed by {@link #RECORD_COLUMNS}.
     */
    static StoredEvent read(ResultSet rs) throws SQLException {
        long position = rs.getLong(1);
        long commit = rs.getLong(2);
        EventRecord record = new EventRecord(
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getInt(7),
                instant(rs, 8),
                instant(rs, 9),
                rs.getString(10),
                Optional.ofNullable(rs.getString(11)),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14));
        return new StoredEvent(new LogPosition(commit, position), record);
    }

    /** The columns of a dead letter, in the order {@link #bindDeadLetter} and {@link #readDeadLetter} use. */
    static final String DEAD_LETTER_COLUMNS = "notifier, event_id, incident_id, version, type, attempts, last_error, failed_at";

    /** Binds a dead letter to parameters 1 to 8, in the order of {@link #DEAD_LETTER_COLUMNS}. */
    static void bindDeadLetter(PreparedStatement ps, DeadLetter d) throws SQLException {
        ps.setString(1, d.notifier());
        ps.setObject(2, d.eventId());
        ps.setString(3, d.incidentId());
        ps.setLong(4, d.version());
        ps.setString(5, d.type());
        ps.setInt(6, d.attempts());
        ps.setString(7, d.lastError());
        ps.setObject(8, utc(d.failedAt()));
    }

    /** Reads a row selected as {@link #DEAD_LETTER_COLUMNS}. */
    static DeadLetter readDeadLetter(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getLong(4),
                rs.getString(5), rs.getInt(6), rs.getString(7), instant(rs, 8));
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
