package dev.incidentkit.examples.cli;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * One {@code im} invocation's store and manager: opened from {@code --db}, {@code $IM_DB} or the
 * default H2 file ({@link JdbcEventStore#h2}), migrated, and closed when the command ends.
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
        Optional<String> url = options.db.or(() -> env.get("IM_DB"));
        if (url.isEmpty()) {
            // The embedded default: one process at a time has the file, the others wait their turn
            // (JdbcEventStore.h2 explains why not H2's AUTO_SERVER); a wait that runs out is exit 5.
            JdbcEventStore store = JdbcEventStore.h2(home(env).resolve("incidents"));
            return new Session(manager(store), options, env, () -> { });
        }
        String db = url.get();
        String user = env.get("IM_DB_USER").orElse(db.startsWith("jdbc:h2:") ? "sa" : "");
        String password = env.get("IM_DB_PASSWORD").orElse("");
        DataSource dataSource;
        AutoCloseable closer;
        if (db.startsWith("jdbc:h2:")) {
            // A pool keeps the embedded database open for the whole command instead of per statement.
            JdbcConnectionPool pool = JdbcConnectionPool.create(db, user, password);
            dataSource = pool;
            closer = pool::dispose;
        } else {
            dataSource = new DriverManagerDataSource(db, user, password);
            closer = () -> { };
        }
        try {
            JdbcEventStore store = JdbcEventStore.builder(dataSource).migrate(true).build();
            return new Session(manager(store), options, env, closer);
        } catch (RuntimeException e) {
            close(closer);
            // Im masks the URL's secrets, as it does in every message it prints.
            throw new StoreException("Cannot open the incident store at " + db + ": " + e.getMessage(), e);
        }
    }

    private static IncidentManager manager(JdbcEventStore store) {
        return IncidentKit.builder().store(store).application("cli").build();
    }

    /** The default store's folder: {@code $IM_HOME}, else {@code ~/.im}. */
    static Path home(Environment env) {
        Path home = env.get("IM_HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home"), ".im"));
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new StoreException("Cannot create the incident store's folder " + home + ": " + e.getMessage(), e);
        }
        return home;
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
