package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.store.jdbc.StoreBusyException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * An embedded H2 file database, opened by one process at a time, kept open while this data source
 * is: what {@code JdbcEventStore.h2(Path)} runs on.
 *
 * <p>Only {@code java.sql}: the H2 driver is found by {@link DriverManager} at run time, so H2
 * stays a dependency of the host (as every driver is), never of this module.
 *
 * <p>Why one kept-open connection: an embedded H2 database is opened (file read, recovery check,
 * lock taken) when its first connection opens and closed when its last one closes. Without a
 * connection kept open, every call of the store would open and close the file, about 20 times
 * slower than the store itself. With it, each further connection is only a session on the open
 * database (well under a millisecond), so no pool is needed.
 *
 * <p>Why processes take turns: H2 offers three ways to share a file. {@code FILE_LOCK=NO} lets
 * two processes write the same file and corrupts it. {@code AUTO_SERVER=TRUE} lets the first
 * process serve the file to the others over loopback, which fits a long-running server; but a
 * short command-line process stops serving as soon as it ends (H2 then has the others reconnect,
 * which it does not promise for a transaction in progress), and a process arriving while the
 * {@code .lock.db} file changes hands fails at once ("Locked by another process", "Lock file
 * recently modified": 3 parallel shells of 5 {@code im update} lost 8 of 15 that way). So this data
 * source uses H2's default embedded lock, which H2 takes on the {@code .mv.db} file itself and
 * the operating system releases even when a process dies, and a process that finds the file
 * open elsewhere retries the open until the holder closes it or the wait runs out ({@link
 * StoreBusyException}). Commands from several processes are then serialized, each one whole.
 *
 * <p>{@code TRACE_LEVEL_FILE=0}: H2 would otherwise write every error to a {@code .trace.db}
 * file beside the database, which nobody reads and nothing rotates; every error already
 * reaches the caller as an exception, and the store reports it.
 */
public final class H2FileDataSource implements DataSource, AutoCloseable {

    /** H2's {@code ErrorCode.DATABASE_ALREADY_OPEN_1}: the file is locked by another process. */
    static final int DATABASE_ALREADY_OPEN = 90020;

    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final Duration wait;

    /*
     * Not a monitor: a thread opening the file may wait for another process for the whole wait,
     * and neither the other threads nor close() may be stuck behind it. The lock is held only for
     * short steps; the waits are on the condition, which releases it and which close() signals.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private @Nullable Connection keeper;
    private boolean opening;
    private boolean closed;

    /**
     * @param file the database, without H2's {@code .mv.db} suffix (which is dropped if given)
     * @param wait how long to wait for another process to close the file
     */
    public H2FileDataSource(Path file, Duration wait) {
        this(url(file), "sa", "", withoutSuffix(file.toAbsolutePath().normalize()).toString(), wait);
    }

    /**
     * @param url an H2 URL of an embedded file database, with its settings
     * @param user the user
     * @param password the password
     * @param name what messages call the database (never the URL's settings, which may hold a password)
     * @param wait how long to wait for another process to close the file
     */
    public H2FileDataSource(String url, String user, String password, String name, Duration wait) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.name = name;
        this.wait = wait;
    }

    /** @return the JDBC URL this data source opens */
    public String url() {
        return url;
    }

    /** @return the JDBC URL of the H2 file {@code file}, for another data source on it in the same process */
    public static String url(Path file) {
        return "jdbc:h2:file:" + withoutSuffix(file.toAbsolutePath().normalize()) + ";TRACE_LEVEL_FILE=0;LOCK_TIMEOUT=10000";
    }

    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (true) {
                checkOpen();
                if (keeper != null && !keeper.isClosed()) {
                    // A session on the open database: well under a millisecond, and under the lock
                    // so that close() cannot reopen the file behind our back.
                    return DriverManager.getConnection(url, user, password);
                }
                if (!opening) {
                    opening = true;
                    break;
                }
                // Another thread is opening the file: wait for it, as it waits for the other process.
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw busy(null);
                }
                awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        Connection opened = null;
        try {
            opened = openWaiting(deadline);
        } finally {
            lock.lock();
            try {
                opening = false;
                if (opened != null && !closed) {
                    keeper = opened;
                } else if (opened != null) {
                    opened.close();   // closed while we opened: give the file back at once
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        return getConnection();
    }

    /**
     * The first connection opens the file, taking turns with other processes that hold it. Runs
     * without the lock, which it takes only to pause on the condition that close() signals.
     */
    private Connection openWaiting(long deadline) throws SQLException {
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            try {
                return DriverManager.getConnection(url, user, password);
            } catch (SQLException e) {
                if (e.getErrorCode() != DATABASE_ALREADY_OPEN) {
                    throw e;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw busy(e);
                }
                // Jitter keeps waiting processes from retrying in step; the pause is short because
                // a command-line process holds the file for well under a second.
                long jittered = pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
                lock.lock();
                try {
                    checkOpen();
                    awaitNanos(Math.min(jittered, left));
                    checkOpen();
                } finally {
                    lock.unlock();
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
            }
        }
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("The H2 store at " + name + " is closed.", "08003");
        }
    }

    private void awaitNanos(long nanos) throws SQLException {
        try {
            changed.awaitNanos(nanos);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for the H2 store at " + name, "08001", interrupted);
        }
    }

    private StoreBusyException busy(@Nullable SQLException cause) {
        return new StoreBusyException("The H2 store at " + name + " stayed open in another process for "
                + wait.toMillis() + " ms; try again once it is closed.", cause);
    }

    /**
     * Closes the kept connection: the database closes with the last session and other processes
     * may open it. A thread waiting to open the file stops waiting and is told the store is closed.
     */
    @Override
    public void close() throws SQLException {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            if (keeper != null) {
                keeper.close();
                keeper = null;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The H2 store connects as its own user.");
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {
        // DriverManager's log writer is global to the JVM; this data source does not change it.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The wait for another process is set at construction.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    private static Path withoutSuffix(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".mv.db") ? file.resolveSibling(name.substring(0, name.length() - ".mv.db".length())) : file;
    }
}
