package dev.incidentkit.store.jdbc;

import java.util.Locale;
import java.util.Optional;

/**
 * The databases {@link JdbcEventStore} supports. Each has its own schema scripts and its own way
 * of keeping the global order trustworthy.
 *
 * @since 0.1.0
 */
public enum Dialect {

    /**
     * H2 2.x, embedded (in memory or in a file). Appends are serialized by one row lock, so global
     * positions are gapless and in commit order.
     */
    H2,

    /**
     * PostgreSQL 13 or later, shared by many processes. Appends run in parallel; readers of the
     * global order are fenced by transaction ids (see the module's README).
     */
    POSTGRESQL;

    /**
     * @param productName what {@link java.sql.DatabaseMetaData#getDatabaseProductName()} says
     * @return the dialect of that database, if it is one this store supports
     */
    public static Optional<Dialect> fromProductName(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            return Optional.of(H2);
        }
        if (name.equals("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        return Optional.empty();
    }
}
