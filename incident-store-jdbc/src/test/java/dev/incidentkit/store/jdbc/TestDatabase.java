package dev.incidentkit.store.jdbc;

import dev.incidentkit.store.jdbc.internal.H2FileDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty database for one test: H2 in memory, H2 in a file, or a new schema on the one
 * embedded PostgreSQL server this test JVM starts. Closing it drops what it made.
 */
abstract class TestDatabase implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final TestPool pool;

    private TestDatabase(DataSource target) {
        this.pool = new TestPool(target);
    }

    /** @return a pooled data source on this database */
    DataSource dataSource() {
        return pool;
    }

    /** @return a JDBC URL another process can connect with */
    abstract String url();

    /** @return a store on this database, migrated */
    JdbcEventStore store() {
        return JdbcEventStore.builder(pool).migrate(true).build();
    }

    @Override
    public void close() {
        pool.close();
    }

    /** H2 in memory, kept when its last connection dies (as the fault tests make it), shut down on close. */
    static TestDatabase h2Memory() {
        String url = "jdbc:h2:mem:incidentkit" + COUNTER.incrementAndGet() + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        return new TestDatabase(ds) {
            @Override
            String url() {
                return url;
            }

            @Override
            public void close() {
                execute(pool, "SHUTDOWN");
                super.close();
            }
        };
    }

    /** H2 in a file in a directory of its own, deleted on close. */
    static TestDatabase h2File() {
        Path dir = temporaryFolder();
        String url = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath() + ";LOCK_TIMEOUT=10000";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        return new TestDatabase(ds) {
            @Override
            String url() {
                return url;
            }

            @Override
            public void close() {
                super.close();
                delete(dir);
            }
        };
    }

    /**
     * H2 in a file, the store made by {@link JdbcEventStore#h2(Path)}; {@link #dataSource()} is a
     * second way into the same open database, for tampering. Deleted on close.
     */
    static TestDatabase h2Factory() {
        Path dir = temporaryFolder();
        Path file = dir.resolve("store");
        String url = H2FileDataSource.url(file);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return new TestDatabase(ds) {
            @Override
            String url() {
                return url;
            }

            @Override
            JdbcEventStore store() {
                return JdbcEventStore.h2(file);
            }

            @Override
            public void close() {
                super.close();
                delete(dir);
            }
        };
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("incidentkit-h2");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new schema on the shared embedded PostgreSQL server, dropped on close. */
    static TestDatabase postgres() {
        String schema = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        EmbeddedPostgres server = EmbeddedPg.server();
        execute(server.getPostgresDatabase(), "CREATE SCHEMA " + schema);
        PGSimpleDataSource ds = EmbeddedPg.dataSource(schema);
        return new TestDatabase(ds) {
            @Override
            String url() {
                return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres?user=postgres&currentSchema=" + schema;
            }

            @Override
            public void close() {
                super.close();
                execute(server.getPostgresDatabase(), "DROP SCHEMA " + schema + " CASCADE");
            }
        };
    }

    /** Runs fixed test DDL (never user data). */
    static void execute(DataSource ds, String ddl) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            throw new IllegalStateException(ddl + ": " + e.getMessage(), e);
        }
    }
}
