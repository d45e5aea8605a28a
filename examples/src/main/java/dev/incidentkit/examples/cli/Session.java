package dev.incidentkit.examples.cli;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.Authorizer;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.sla.SlaMonitor;
import dev.incidentkit.store.jdbc.JdbcEventStore;
import dev.incidentkit.web.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One {@code im} invocation's store and manager: opened from {@code --db}, {@code $IM_DB} or the
 * default H2 file ({@link JdbcEventStore#h2}), migrated, and closed when the command ends.
 */
final class Session implements AutoCloseable {

    /** How long an H2 file held by another process is waited for before exit 5. */
    static final Duration FILE_WAIT = Duration.ofSeconds(30);

    /** The actor of {@code im serve}'s SLA monitor. */
    static final String SLA_MONITOR = "im-sla-monitor";

    /** The actor of {@code im serve}'s escalator, which pages people: the responder role is enough for that. */
    static final String ESCALATION = "im-escalation";

    /** Names no one logs in as, which im serve's own work acts under. */
    static final Set<String> SERVER_ACTORS = Set.of(SLA_MONITOR, ESCALATION);

    /** The lock file H2 writes beside the default file while {@code im serve} serves it. */
    private static final String SERVED_LOCK = "incidents.lock.db";

    final JdbcEventStore store;
    final IncidentManager incidents;
    final Options options;
    final Environment env;
    private final AutoCloseable dataSource;

    private Session(JdbcEventStore store, IncidentManager incidents, Options options, Environment env,
            AutoCloseable dataSource) {
        this.store = store;
        this.incidents = incidents;
        this.options = options;
        this.env = env;
        this.dataSource = dataSource;
    }

    /** @return the alert intake on this session's store, with the default rules */
    AlertIntake alerts() {
        return alerts(AlertRules.defaults());
    }

    /** @return the alert intake on this session's store */
    AlertIntake alerts(AlertRules rules) {
        return AlertIntake.of(incidents, store, rules);
    }

    static Session open(Options options, Environment env) {
        return open(options, env, false);
    }

    /**
     * @param serving whether this process serves the store to others for a long time ({@code im
     *     serve}): then the default H2 file is opened in H2's mixed mode ({@code AUTO_SERVER}),
     *     which lets the other {@code im} commands in other terminals reach it over loopback
     *     instead of waiting for their turn on the file until the server stops
     */
    static Session open(Options options, Environment env, boolean serving) {
        return open(options, env, serving, kit -> { });
    }

    /**
     * @param serving as in {@link #open(Options, Environment, boolean)}
     * @param wiring what {@code im serve} adds to the manager: notifiers and people's contacts
     */
    static Session open(Options options, Environment env, boolean serving, Consumer<IncidentKit.Builder> wiring) {
        Optional<String> url = options.db.or(() -> env.get("IM_DB"));
        if (url.isEmpty()) {
            Path file = home(env).resolve("incidents");
            // The embedded default: one process at a time has the file, the others wait their turn
            // (JdbcEventStore.h2 explains why not H2's AUTO_SERVER for short commands); a wait that
            // runs out is exit 5. While im serve holds the file, its lock file names the port it
            // serves the file on, and a command connects there.
            JdbcEventStore store = serving || Files.exists(file.resolveSibling(SERVED_LOCK))
                    ? JdbcEventStore.h2("jdbc:h2:file:" + file.toAbsolutePath() + ";AUTO_SERVER=TRUE", "sa", "", FILE_WAIT)
                    : JdbcEventStore.h2(file, FILE_WAIT);
            return new Session(store, manager(store, env, wiring), options, env, () -> { });
        }
        String db = url.get();
        DataSource dataSource;
        AutoCloseable closer;
        if (JdbcEventStore.isH2File(db)) {
            // A file named by --db or $IM_DB takes turns as the default one does: H2's pool would
            // fail at once ("Locked by another process") while another im has the file.
            try {
                JdbcEventStore store = JdbcEventStore.h2(db, env.get("IM_DB_USER").orElse("sa"),
                        env.get("IM_DB_PASSWORD").orElse(""), FILE_WAIT);
                return new Session(store, manager(store, env, wiring), options, env, () -> { });
            } catch (IllegalArgumentException e) {
                throw new StoreException("Cannot open the incident store at " + db + ": " + e.getMessage(), e);
            }
        } else if (db.startsWith("jdbc:h2:")) {
            // In memory or an H2 server: a pool keeps the database open for the whole command.
            JdbcConnectionPool pool = JdbcConnectionPool.create(db, env.get("IM_DB_USER").orElse("sa"),
                    env.get("IM_DB_PASSWORD").orElse(""));
            dataSource = pool;
            closer = pool::dispose;
        } else if (db.startsWith("jdbc:postgresql:")) {
            dataSource = postgres(db, env);
            closer = () -> { };
        } else {
            throw new StoreException("Cannot open the incident store at " + db
                    + ": im stores incidents in H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql:...).");
        }
        try {
            JdbcEventStore store = JdbcEventStore.builder(dataSource).migrate(true).build();
            return new Session(store, manager(store, env, wiring), options, env, closer);
        } catch (RuntimeException e) {
            close(closer);
            // Im masks the URL's secrets, as it does in every message it prints.
            throw new StoreException("Cannot open the incident store at " + db + ": " + e.getMessage(), e);
        }
    }

    /** One connection per call, enough for one command: settings from the URL, then $IM_DB_USER and $IM_DB_PASSWORD. */
    private static DataSource postgres(String url, Environment env) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        try {
            ds.setURL(url);
        } catch (IllegalArgumentException e) {
            throw new StoreException("Cannot open the incident store at " + url + ": " + e.getMessage(), e);
        }
        env.get("IM_DB_USER").ifPresent(ds::setUser);
        env.get("IM_DB_PASSWORD").ifPresent(ds::setPassword);
        return ds;
    }

    private static IncidentManager manager(JdbcEventStore store, Environment env, Consumer<IncidentKit.Builder> wiring) {
        IncidentKit.Builder kit = IncidentKit.builder().store(store).application("cli").maxBackdating(maxBackdating(env))
                .authorizer(authorizer(env));
        wiring.accept(kit);
        return kit.build();
    }

    /**
     * Once the installation has users ({@code im user add}), the CLI asks the same roles as the
     * server: {@code --as} (else {@code $IM_USER}, else the OS user) needs a role that allows the
     * command. Without users (no credentials file, or one with integrations only), everyone may
     * do everything, as before.
     */
    private static Authorizer authorizer(Environment env) {
        Optional<Credentials> users = withUsers(env);
        if (users.isEmpty()) {
            return Authorizer.allowAll();
        }
        Credentials credentials = users.get();
        Actor monitor = Actor.of(SLA_MONITOR);
        Actor escalation = Actor.of(ESCALATION);
        return RoleBasedAuthorizer.of(actor -> actor.equals(monitor) ? Optional.of(AccessRole.ADMIN)
                : actor.equals(escalation) ? Optional.of(AccessRole.RESPONDER) : credentials.roleOf(actor));
    }

    /**
     * The SLA monitor of {@code im serve}, acting as {@link #SLA_MONITOR}, which the roles of the
     * credentials file grant the admin role that recording a breach takes: a name no one logs in
     * with, since {@code im user add} refuses it.
     */
    static SlaMonitor slaMonitor(IncidentManager incidents) {
        return SlaMonitor.builder(incidents).actor(SLA_MONITOR).build();
    }

    /**
     * @return the credentials file, if it has users: then the server and the CLI ask for roles
     *     (a file with alert integrations only does not)
     */
    static Optional<Credentials> withUsers(Environment env) {
        Path file = credentialsFile(env);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Credentials credentials = Credentials.open(file, Clock.systemUTC());
        return credentials.users().isEmpty() ? Optional.empty() : Optional.of(credentials);
    }

    /** The users and API tokens of the installation: {@code $IM_CREDENTIALS}, else {@code credentials.json} in {@link #home}. */
    static Path credentialsFile(Environment env) {
        return env.get("IM_CREDENTIALS").map(Path::of).orElseGet(() -> home(env).resolve("credentials.json"));
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
}
