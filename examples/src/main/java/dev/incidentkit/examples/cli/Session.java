package dev.incidentkit.examples.cli;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * One {@code im} invocation's store and manager: opened from {@code --db}, {@code $IM_DB} or the
 * default H2 file, migrated, and closed when the command ends.
 */
final class Session implements AutoCloseable {

    final IncidentManager incidents;
    final Options options;
    final Environment env;
    private final AutoCloseable dataSource;

    private Session(IncidentManager incidents, Options options, Environment env, AutoCloseable dataSource) {
        this.incidents = incidents;
        this.options = options;
        this.env = env;
        this.dataSource = dataSource;
    }

    static Session open(Options options, Environment env) {
        String url = options.db.or(() -> env.get("IM_DB")).orElseGet(() -> defaultUrl(env));
        String user = env.get("IM_DB_USER").orElse(url.startsWith("jdbc:h2:") ? "sa" : "");
        String password = env.get("IM_DB_PASSWORD").orElse("");
        Duration maxBackdating = maxBackdating(env);
        DataSource dataSource;
        AutoCloseable closer;
        if (url.startsWith("jdbc:h2:")) {
            // A pool keeps the embedded database open for the whole command instead of per statement.
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password);
            dataSource = pool;
            closer = pool::dispose;
        } else {
            dataSource = new DriverManagerDataSource(url, user, password);
            closer = () -> { };
        }
        try {
            JdbcEventStore store = JdbcEventStore.builder(dataSource).migrate(true).build();
            IncidentManager incidents = IncidentKit.builder().store(store).application("cli").maxBackdating(maxBackdating).build();
            return new Session(incidents, options, env, closer);
        } catch (RuntimeException e) {
            close(closer);
            throw new StoreException("Cannot open the incident store at " + masked(url) + ": " + e.getMessage(), e);
        }
    }

    /** How far back {@code --at} may date a declaration: {@code $IM_MAX_BACKDATING} (such as {@code P800D}), else 366 days. */
    static Duration maxBackdating(Environment env) {
        String text = env.get("IM_MAX_BACKDATING").orElse("P366D");
        try {
            Duration d = Duration.parse(text);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new ValidationException("IM_MAX_BACKDATING", "must be a positive ISO-8601 duration such as P800D", text);
    }

    /** The embedded default: an H2 file under {@code $IM_HOME}, else {@code ~/.im}. */
    static String defaultUrl(Environment env) {
        Path home = env.get("IM_HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home"), ".im"));
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new StoreException("Cannot create the incident store's folder " + home + ": " + e.getMessage(), e);
        }
        // AUTO_SERVER lets two im processes share the file: the first serves it to the second on loopback.
        // LOCK_TIMEOUT: appends queue on one head row, and H2's default of one second is short under load.
        return "jdbc:h2:file:" + home.toAbsolutePath().resolve("incidents") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
    }

    /** A URL for messages: whatever follows a password parameter is not printed. */
    static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close() {
        incidents.close();
        close(dataSource);
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new StoreException("Closing the incident store failed: " + e.getMessage(), e);
        }
    }

    /** A DataSource over {@link DriverManager}: one new connection per call, enough for one command. */
    private static final class DriverManagerDataSource implements DataSource {
        private final String url;
        private final String user;
        private final String password;

        DriverManagerDataSource(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return user.isEmpty() ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String username, String pass) throws SQLException {
            return DriverManager.getConnection(url, username, pass);
        }

        @Override
        public PrintWriter getLogWriter() {
            return DriverManager.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            DriverManager.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) {
            DriverManager.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return DriverManager.getLoginTimeout();
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
    }
}
