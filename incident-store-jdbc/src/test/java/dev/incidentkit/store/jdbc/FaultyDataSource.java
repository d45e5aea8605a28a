package dev.incidentkit.store.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Wraps a data source so that the connection dies at a chosen point of the next append: when a
 * statement holding a given piece of SQL executes, or at commit (before or after the
 * database has committed). (On PostgreSQL one statement writes the events and the command ids,
 * in auto-commit: its commit is that statement's, so the commit faults strike around the
 * execution of the first writing statement run in auto-commit.)
 * Dying means what a lost connection does: the physical connection is
 * closed (the database rolls back what it had not committed) and the driver throws.
 */
final class FaultyDataSource {

    /** Where the next fault strikes. */
    sealed interface Fault permits OnStatement, BeforeCommit, AfterCommit {}

    /** When a statement whose SQL contains {@code fragment} executes. */
    record OnStatement(String fragment) implements Fault {}

    /** At commit, before the database commits. */
    record BeforeCommit() implements Fault {}

    /** At commit, after the database has committed: the acknowledgement is lost. */
    record AfterCommit() implements Fault {}

    /** A statement that writes: run in auto-commit, it commits when it executes. */
    private static final Pattern WRITES = Pattern.compile("\\s*(INSERT|UPDATE|DELETE|MERGE|WITH)\\b",
            Pattern.CASE_INSENSITIVE);

    private final DataSource target;
    private final AtomicReference<Fault> armed = new AtomicReference<>();

    FaultyDataSource(DataSource target) {
        this.target = target;
    }

    /** Arms one fault; it strikes once. */
    void arm(Fault fault) {
        armed.set(fault);
    }

    /** @return whether the armed fault has struck */
    boolean struck() {
        return armed.get() == null;
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return method.getName().equals("getConnection") ? connection((Connection) result) : result;
                });
    }

    private Connection connection(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "prepareStatement":
                            PreparedStatement ps = (PreparedStatement) invoke(c, method, args);
                            return statement(c, ps, (String) args[0]);
                        case "commit":
                            if (armed.get() instanceof BeforeCommit) {
                                throw die(c, armed.getAndSet(null));
                            }
                            invoke(c, method, args);
                            if (armed.get() instanceof AfterCommit) {
                                throw die(c, armed.getAndSet(null));
                            }
                            return null;
                        default:
                            return invoke(c, method, args);
                    }
                });
    }

    private PreparedStatement statement(Connection c, PreparedStatement ps, String sql) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (!method.getName().startsWith("execute")) {
                        return invoke(ps, method, args);
                    }
                    if (armed.get() instanceof OnStatement on && sql.contains(on.fragment())) {
                        throw die(c, armed.getAndSet(null));
                    }
                    boolean commits = c.getAutoCommit() && WRITES.matcher(sql).lookingAt();
                    if (commits && armed.get() instanceof BeforeCommit) {
                        throw die(c, armed.getAndSet(null));
                    }
                    Object result = invoke(ps, method, args);
                    if (commits && armed.get() instanceof AfterCommit) {
                        throw die(c, armed.getAndSet(null));
                    }
                    return result;
                });
    }

    private static SQLException die(Connection c, Fault fault) throws SQLException {
        c.unwrap(Connection.class).close();
        return new SQLException("connection lost (injected: " + fault + ")", "08006");
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
