package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.StoreException;
import org.jspecify.annotations.Nullable;

/**
 * The store is held by another process for longer than the caller would wait, such as an H2 file
 * that another process keeps open ({@link JdbcEventStore#h2(java.nio.file.Path)}). Nothing was
 * read or written; trying again later is safe.
 *
 * @since 0.1.0
 */
public final class StoreBusyException extends StoreException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is busy, and for how long it was waited for
     * @param cause the database's refusal, or null when this thread waited for another thread of
     *     its process that was itself waiting for the database
     */
    public StoreBusyException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
