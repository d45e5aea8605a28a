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

    private static final String USER = "sa";
    private static final String PASSWORD = "";
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Path file;
    private final String url;
    private final Duration wait;
    private @Nullable Connection keeper;
    private boolean closed;

    /**
     * @param file the database, without H2's {@code .mv.db} suffix (which is dropped if given)
     * @param wait how long to wait for another process to close the file
     */
    public H2FileDataSource(Path file, Duration wait) {
        this.file = withoutSuffix(file.toAbsolutePath().normalize());
        this.url = url(file);
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
    public synchronized Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("The H2 store at " + file + " is closed.", "08003");
        }
        if (keeper == null || keeper.isClosed()) {
            keeper = openWaiting();
        }
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    /** The first connection opens the file, taking turns with other processes that hold it. */
    private Connection openWaiting() throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            try {
                return DriverManager.getConnection(url, USER, PASSWORD);
            } catch (SQLException e) {
                if (e.getErrorCode() != DATABASE_ALREADY_OPEN) {
                    throw e;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StoreBusyException("The H2 store at " + file + " stayed open in another process for "
                            + wait.toMillis() + " ms; try again once it is closed.", e);
                }
                // Jitter keeps waiting processes from retrying in step; the pause is short because
                // a command-line process holds the file for well under a second.
                long jittered = pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.min(jittered, left));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("Interrupted while waiting for the H2 store at " + file, "08001", interrupted);
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
            }
        }
    }

    /** Closes the kept connection: the database closes with the last session and other processes may open it. */
    @Override
    public synchronized void close() throws SQLException {
        closed = true;
        if (keeper != null) {
            keeper.close();
            keeper = null;
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
