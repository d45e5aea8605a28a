package dev.incidentkit.web;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A second server process for {@link TwoServersOnPostgresTest}: an {@link IncidentWeb} over its
 * own {@link IncidentManager} on the PostgreSQL store at {@code args[0]} (a JDBC URL), wired as a
 * host wires it with the credentials file {@code args[1]} (tokens, and the integrations whose alerts
 * it receives). Prints {@code PORT <port>} once it
 * listens, and stops when its standard input closes (the test's end, or the test JVM's death).
 */
public final class PostgresServerMain {

    private PostgresServerMain() {}

    public static void main(String[] args) throws IOException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        Clock clock = Clock.systemUTC();
        Credentials credentials = Credentials.open(Path.of(args[1]), clock, PasswordHasher.withIterations(1000));
        try (JdbcEventStore store = JdbcEventStore.builder(dataSource).migrate(true).build();
                IncidentManager incidents = TwoServersOnPostgresTest.manager(store, clock, credentials);
                IncidentWeb web = TwoServersOnPostgresTest.server(incidents, store, credentials).start()) {
            System.out.println("PORT " + web.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Nothing is sent; the stream ends when the parent closes it or dies.
            }
        }
    }
}
