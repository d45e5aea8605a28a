package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.StoreException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** Reads what a {@link SQLException} means, the same way for H2 and PostgreSQL. */
public final class SqlErrors {

    /** SQLState of a unique or primary key violation, in H2 and in PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";

    /** The constraints whose violation has a meaning of its own in the SPI. */
    public enum Constraint {
        /** {@code (incident_id, version)}: the stream moved. */
        STREAM_VERSION("incidentkit_events_stream_version_uq"),
        /** {@code event_id}: the event is already stored. */
        EVENT_ID("incidentkit_events_event_id_uq"),
        /** {@code command_id}: the command was already applied. */
        COMMAND_ID("incidentkit_commands_pk"),
        /** Anything else unique. */
        OTHER("");

        private final String name;

        Constraint(String name) {
            this.name = name;
        }
    }

    private SqlErrors() {}

    /**
     * @return the unique violation in {@code e} or in the exceptions chained to it (a batch
     *     reports its cause through {@link SQLException#getNextException()})
     */
    public static Optional<SQLException> uniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException first) {
                for (SQLException s = first; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return Optional.of(s);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Which constraint a unique violation hit. Both drivers name it in the message (H2 names the
     * index, which starts with the constraint's name), which is all JDBC offers without
     * driver-specific classes.
     */
    public static Constraint constraint(SQLException uniqueViolation) {
        String message = String.valueOf(uniqueViolation.getMessage()).toLowerCase(Locale.ROOT);
        for (Constraint c : Constraint.values()) {
            if (c != Constraint.OTHER && message.contains(c.name)) {
                return c;
            }
        }
        return Constraint.OTHER;
    }

    /**
     * @return whether the error is H2's "duplicate column name" (SQLState 42S21), which an
     *     {@code ALTER TABLE ... ADD (...)} of several columns, all or none, raises when it ran before
     */
    static boolean duplicateColumn(SQLException e) {
        return "42S21".equals(e.getSQLState());
    }

    /** @return whether the failure says a table or column is missing: the schema was never migrated */
    static boolean missingSchema(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        // PostgreSQL: 42P01 undefined table, 42703 undefined column. H2: 42S02 table, 42S04 table
        // in an empty database, 42S22 column.
        return state.equals("42P01") || state.equals("42703") || state.equals("42S02") || state.equals("42S04")
                || state.equals("42S22");
    }

    /**
     * @param what what was being done, such as {@code "append to INC-2026-001"}
     * @param e the failure
     * @return the store exception to throw, whose message says what failed and why
     */
    public static StoreException failure(String what, SQLException e) {
        if (missingSchema(e)) {
            return new StoreException("Could not " + what + ": the IncidentKit tables are missing or outdated; call "
                    + "JdbcEventStore.migrate() or build the store with migrate(true). (" + e.getMessage() + ")", e);
        }
        return new StoreException("Could not " + what + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ").", e);
    }

    /** As {@link #failure}, for an append: says what the caller may rely on. */
    public static StoreException appendFailure(String incidentId, SQLException e) {
        if (missingSchema(e)) {
            return failure("append to " + incidentId, e);
        }
        return new StoreException("Could not append to " + incidentId + ": " + e.getMessage() + " (SQLState "
                + e.getSQLState() + "); the append took effect entirely or not at all, and retrying it with the "
                + "same commandId is safe.", e);
    }
}
