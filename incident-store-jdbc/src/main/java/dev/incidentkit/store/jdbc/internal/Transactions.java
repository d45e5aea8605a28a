package dev.incidentkit.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** How the store runs its transactions: rollback and auto-commit kept safe, and short upserts retried. */
final class Transactions {

    /** Tries of a transaction that loses the race to insert a new row to another one. */
    private static final int ATTEMPTS = 5;

    private Transactions() {}

    /** Work inside a transaction. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction of its own, again when it lost the race to insert a new
     * row (a unique violation): the next attempt finds the row and updates it.
     *
     * @param what what the work does, for the error if it fails
     */
    static <T> T retryingRace(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (int attempt = 1; ; attempt++) {
                    try {
                        T result = work.run(c);
                        c.commit();
                        return result;
                    } catch (SQLException e) {
                        rollback(c, e);
                        if (attempt >= ATTEMPTS || SqlErrors.uniqueViolation(e).isEmpty()) {
                            throw e;
                        }
                    } catch (RuntimeException e) {
                        rollback(c, e);
                        throw e;
                    }
                }
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw SqlErrors.failure(what, e);
        }
    }

    static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is likely gone, which rolls back as well; keep the first failure.
            cause.addSuppressed(e);
        }
    }

    static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            if (!c.isClosed() && c.getAutoCommit() != autoCommit) {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // Closing the connection follows; a pool resets or discards it.
        }
    }
}
