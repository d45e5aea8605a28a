package dev.incidentkit.benchmarks.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * A fixed pool of connections for benchmarks with several threads on one database: {@code size}
 * connections opened at once, handed out in turn, each returned by {@code close()} after a
 * rollback of what it left uncommitted and with auto-commit back on, as a pool resets a
 * connection. A caller waits up to 30 seconds for one, then fails (a benchmark that would
 * deadlock fails loudly instead). No validation, no eviction, no statement cache: the benchmarks
 * have no pool library, and this is the least a pooled {@code DataSource} does.
 *
 * <p>It counts what passes through it ({@link #counts()}): connections handed out, statements
 * executed (a batch is one execution, one round trip) and commits. Counting costs a few
 * nanoseconds a call, the same on every path that uses the pool.
 */
public final class FixedPool extends PlainDataSource implements AutoCloseable {

    private static final long WAIT_SECONDS = 30;

    private final List<Connection> all;
    private final BlockingQueue<Connection> idle;
    private final LongAdder checkouts = new LongAdder();
    private final LongAdder executions = new LongAdder();
    private final LongAdder commits = new LongAdder();

    /** What passed through the pool since it was made. */
    public record Counts(long checkouts, long executions, long commits) {}

    private FixedPool(List<Connection> connections) {
        this.all = List.copyOf(connections);
        this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
    }

    /**
     * @param source where the connections come from
     * @param size how many, opened now
     * @return the pool
     * @throws SQLException if a connection cannot be opened
     */
    public static FixedPool of(DataSource source, int size) throws SQLException {
        List<Connection> connections = new ArrayList<>(size);
        try {
            for (int i = 0; i < size; i++) {
                connections.add(source.getConnection());
            }
        } catch (SQLException e) {
            for (Connection c : connections) {
                c.close();
            }
            throw e;
        }
        return new FixedPool(connections);
    }

    /** @return connections handed out, statements executed and commits, so far */
    public Counts counts() {
        return new Counts(checkouts.sum(), executions.sum(), commits.sum());
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c;
        try {
            c = idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a pooled connection", e);
        }
        if (c == null) {
            throw new SQLTimeoutException("no pooled connection free within " + WAIT_SECONDS + " s (pool of "
                    + all.size() + ")");
        }
        checkouts.increment();
        return lease(c);
    }

    /** The connection as its borrower sees it: close returns it, statements are counted. */
    private Connection lease(Connection c) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!returned[0]) {
                                returned[0] = true;
                                reset(c);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return returned[0] || c.isClosed();
                        }
                        case "commit" -> commits.increment();
                        default -> { }
                    }
                    if (returned[0]) {
                        throw new SQLException("connection already returned to the pool");
                    }
                    Object result = invoke(c, method, args);
                    if (result instanceof Statement s) {
                        return counted(s);
                    }
                    return result;
                });
    }

    /** Rolls back what the borrower left open, turns auto-commit back on, and returns the connection. */
    private void reset(Connection c) throws SQLException {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } finally {
            idle.add(c);
        }
    }

    private Statement counted(Statement s) {
        Class<?> type = s instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        executions.increment();
                    }
                    return invoke(s, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Closes every connection; those still borrowed too. */
    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
