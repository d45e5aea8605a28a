package dev.incidentkit.web;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.Authorizer;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.statuspage.StatusPages;
import dev.incidentkit.web.internal.ApiHandler;
import dev.incidentkit.web.internal.Callers;
import dev.incidentkit.web.internal.Counters;
import dev.incidentkit.web.internal.EventStreams;
import dev.incidentkit.web.internal.JettyServers;
import dev.incidentkit.web.internal.ProblemErrorHandler;
import dev.incidentkit.web.internal.RouteTable;
import dev.incidentkit.web.internal.WriteGuard;
import dev.incidentkit.web.internal.pages.PageHandler;
import dev.incidentkit.web.internal.status.StatusPageHandler;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of IncidentKit's JSON API (v1, under {@code /api/v1}) and of its dashboard
 * (the pages on every other path; {@link Builder#dashboard(boolean)}), embedded in and
 * controlled by a host: it starts on {@link Builder#start()} on its own port and stops on
 * {@link #close()}. It does not own the {@link IncidentManager}: closing the server leaves the
 * manager open.
 *
 * <pre>{@code
 * try (IncidentWeb web = IncidentWeb.builder(incidents).port(8080).authenticator(tokens).start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Safe defaults.</b> It binds to loopback (127.0.0.1) unless told otherwise, and refuses
 * to start on any other address without an {@link Authenticator} (a server of the {@linkplain
 * Builder#statusPageOnly() status page only} excepted). Without one, every request is
 * the {@linkplain Builder#localActor local actor}'s ({@link Principal.Scheme#LOCAL}). Request
 * bodies (1 MiB) and headers (16 KiB) are bounded, answered with 413 and 431; a connection idle
 * longer than 30 s is closed; requests run on a bounded pool (16 threads) and at most 256 connections are open at once. Every
 * response carries a Content-Security-Policy without inline script and with {@code
 * frame-ancestors 'none'}, {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy:
 * no-referrer} and {@code Cache-Control: no-store} (the dashboard's hashed assets and the public status
 * page excepted), and no
 * server version. The API's errors are RFC 9457 problem documents, the pages' are pages; a
 * handler's unexpected exception is answered with 500 and an error id that
 * is also in the one ERROR line logged for it, never with its message or stack trace.
 *
 * <p><b>Who acts.</b> The actor of every event a request records is its principal's, never a
 * field of the request; every route asks the manager's {@link
 * dev.incidentkit.core.access.Authorizer} (reads as {@code Action.Read}, writes through the
 * manager), so a principal without a role gets 403.
 *
 * <p><b>Alerts in.</b> With {@link Builder#alerts} it receives alerts from Prometheus
 * Alertmanager ({@code POST /api/v1/alerts/alertmanager}), from senders of PagerDuty's Events API
 * v2 ({@code POST /v2/enqueue}) and in its own format ({@code POST /api/v1/alerts/generic}), each
 * sender authenticated by its own {@linkplain IntegrationKeys integration key} rather than by the
 * authenticators, and serves the alerts and silences ({@code /api/v1/alerts}, {@code
 * /api/v1/silences}) and the dashboard's Alerts page.
 *
 * <p><b>On call.</b> With {@link Builder#onCall} it serves who is on call, the schedules and their
 * shifts, the escalation policies and the people ({@code /api/v1/oncall}, {@code /api/v1/schedules},
 * {@code /api/v1/escalation-policies}, {@code /api/v1/people}) and the dashboard's On call page;
 * and, from an {@link OnCallSource} that can store them, admins' changes to them. With {@link
 * Builder#escalator} it also shows where the escalator stands: each incident's escalation
 * ({@code /api/v1/incidents/{id}/escalation}, a line on the incident page), the running ones
 * ({@code /api/v1/escalations}, a table on the On call page) and, to admins, its status ({@code
 * /api/v1/admin/escalator}).
 *
 * <p><b>Public status page.</b> Unless {@linkplain Builder#statusPage(boolean) turned off}, it
 * serves the public status page to anyone, logged in or not and whatever the authenticators:
 * {@code GET /status} (HTML, no script), {@code /status.json} (the JSON format {@code
 * incidentkit-status/1}) and {@code /status.atom} (an Atom 1.0 feed, one entry per public update),
 * read from {@link StatusPages} ({@link Builder#statusPage(StatusPages)}; by default every service of
 * the incidents with a public update). Only public updates ({@code incident.public_update}) and the
 * incidents' ids and services are on it; these paths, the page's stylesheet and icon are the only
 * ones open to anyone. Each answer may be kept by any cache for 30 s ({@code Cache-Control: public,
 * max-age=30}) and carries a strong {@code ETag} ({@code If-None-Match} is answered 304); the
 * server reads the page from the store at most once every 5 s by its clock, so a new public update
 * shows within 5 s, and in a client's cache within 35 s. {@link Builder#statusPageOnly()} starts a
 * server of the status page alone, on a port of its own, that needs no authenticator on any address.
 *
 * <p>Thread-safe. The routes, statuses and JSON shapes are described by the OpenAPI 3.1 document
 * it serves at {@code /api/v1/openapi.json}.
 *
 * @since 0.2.0
 */
public final class IncidentWeb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentWeb.class);

    private final Server server;
    private final EventStreams streams;
    private final URI uri;
    private final Counters counters;
    private final AtomicBoolean closed = new AtomicBoolean();

    private IncidentWeb(Server server, EventStreams streams, URI uri, Counters counters) {
        this.server = server;
        this.streams = streams;
        this.uri = uri;
        this.counters = counters;
    }

    /**
     * @param incidents the manager to serve; the host keeps owning it
     * @return a builder with the safe defaults
     */
    public static Builder builder(IncidentManager incidents) {
        return new Builder(Objects.requireNonNull(incidents, "incidents"));
    }

    /** @return the port the server listens on (the one chosen, if it was asked for port 0) */
    public int port() {
        return uri.getPort();
    }

    /** @return the server's root, such as {@code http://127.0.0.1:8080/} */
    public URI uri() {
        return uri;
    }

    /** @return what it has answered so far */
    public WebStatus status() {
        return counters.snapshot(streams);
    }

    /**
     * Ends the live event streams, stops accepting connections and stops the server, waiting
     * briefly for requests in progress. Idempotent. Leaves the manager open.
     *
     * @throws IllegalStateException if Jetty fails to stop
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            streams.close();
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("the web server at " + uri + " failed to stop", e);
            }
        }
    }

    @Override
    public String toString() {
        return "IncidentWeb[" + uri + "]";
    }

    /**
     * Configures an {@link IncidentWeb}. Each setter checks its value at once and throws {@link
     * IllegalArgumentException} naming it; {@link #start()} checks the whole.
     *
     * @since 0.2.0
     */
    public static final class Builder {

        private static final JettyServers.Settings DEFAULTS = JettyServers.Settings.ofDefaults();

        private final IncidentManager incidents;
        private int port = DEFAULTS.port();
        private InetAddress bind = DEFAULTS.bind();
        private final List<Authenticator> authenticators = new ArrayList<>();
        private Actor localActor = Actor.of("local");
        private Optional<Path> keystore = DEFAULTS.keystore();
        private char[] keystorePassword = DEFAULTS.keystorePassword();
        private long maxBodyBytes = 1L << 20;
        private int maxHeaderBytes = DEFAULTS.maxHeaderBytes();
        private Duration idleTimeout = DEFAULTS.idleTimeout();
        private int maxThreads = DEFAULTS.maxThreads();
        private int maxConnections = DEFAULTS.maxConnections();
        private final Set<String> allowedOrigins = new LinkedHashSet<>();
        private Optional<Clock> clock = Optional.empty();
        private Optional<Sessions> sessions = Optional.empty();
        private int maxEventStreams = 64;
        private int cachedQueries = 128;
        private boolean dashboard = true;
        private Optional<AlertIntake> alerts = Optional.empty();
        private IntegrationKeys integrations = IntegrationKeys.none();
        private Optional<Credentials> integrationsFile = Optional.empty();
        private Optional<OnCallSource> onCall = Optional.empty();
        private Optional<Escalator> escalator = Optional.empty();
        private boolean statusPage = true;
        private Optional<StatusPages> statusPages = Optional.empty();
        private String statusPageTitle = "Service status";
        private boolean statusPageOnly;

        private Builder(IncidentManager incidents) {
            this.incidents = incidents;
        }

        /**
         * @param port the port, 1 to 65535, or 0 for any free one; 8080 unless set
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param host the address to listen on, a literal address or a name; 127.0.0.1 unless set
         * @return this builder
         * @throws IllegalArgumentException if the name does not resolve
         */
        public Builder bind(String host) {
            Objects.requireNonNull(host, "host");
            try {
                return bind(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bind address " + host + " does not resolve", e);
            }
        }

        /**
         * @param address the address to listen on; a non-loopback one needs an authenticator
         * @return this builder
         */
        public Builder bind(InetAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Adds an authenticator; they are asked in the order added, and the first that recognizes
         * a request decides. With at least one, a request none recognizes is answered with 401.
         *
         * @param authenticator says who a request comes from
         * @return this builder
         */
        public Builder authenticator(Authenticator authenticator) {
            authenticators.add(Objects.requireNonNull(authenticator, "authenticator"));
            return this;
        }

        /**
         * Lets local users log in with their password ({@code POST /api/v1/session}) and then
         * call with the session cookie, whose writes must carry the session's CSRF token in
         * {@code X-CSRF-Token} and come from the server's own origin. Adds the {@link
         * SessionAuthenticator} after the authenticators added before.
         *
         * @param sessions the sessions, over the users' credentials
         * @return this builder
         */
        public Builder sessions(Sessions sessions) {
            this.sessions = Optional.of(Objects.requireNonNull(sessions, "sessions"));
            return this;
        }

        /**
         * @param streams how many live event streams ({@code GET /api/v1/events}) may be open at
         *     once, each with a thread of its own that reads the store; 64 unless set. One more is
         *     answered with 503.
         * @return this builder
         */
        public Builder maxEventStreams(int streams) {
            if (streams < 1) {
                throw new IllegalArgumentException("maxEventStreams must be at least 1, got " + streams);
            }
            this.maxEventStreams = streams;
            return this;
        }

        /**
         * @param answers how many answers of {@code GET /api/v1/incidents} (one per query string),
         *     and of the dashboard's reads (one per minute), to keep and reuse while nothing is
         *     recorded; 128 unless set, 0 for none. An answer
         *     is reused only while the event log's head ({@link IncidentManager#head()}) and this
         *     server's count of writes are unchanged: a write through this server is seen at once;
         *     one by another process once the log's head passes it (on PostgreSQL, when no older
         *     transaction is still open, as for the live events)
         * @return this builder
         */
        public Builder cachedQueries(int answers) {
            if (answers < 0) {
                throw new IllegalArgumentException("cachedQueries must be 0 or more, got " + answers);
            }
            this.cachedQueries = answers;
            return this;
        }

        /**
         * @param served whether to serve the dashboard's pages on every path outside {@code
         *     /api/} (true unless set); without it, those paths are the API's 404 problem documents
         * @return this builder
         * @since 0.2.0
         */
        public Builder dashboard(boolean served) {
            this.dashboard = served;
            return this;
        }

        /**
         * Receives alerts: enables the receivers {@code POST /api/v1/alerts/alertmanager}
         * (Alertmanager's webhook, version 4), {@code POST /v2/enqueue} (PagerDuty's Events API v2)
         * and {@code POST /api/v1/alerts/generic}, each authenticated by an {@linkplain
         * #integration integration's key}; the reads {@code GET /api/v1/alerts} and the silences
         * ({@code /api/v1/silences}); and the dashboard's Alerts page and the Alerts section of
         * the incident page. Without it those routes answer 404.
         *
         * @param intake the intake, over the same manager as this server's
         * @return this builder
         * @since 0.3.0
         */
        public Builder alerts(AlertIntake intake) {
            this.alerts = Optional.of(Objects.requireNonNull(intake, "intake"));
            return this;
        }

        /**
         * Adds an integration that may send alerts: its receivers authenticate it by its key
         * (Alertmanager and the generic format in {@code Authorization: Bearer <key>}, PagerDuty's
         * events in {@code routing_key}), and it acts as {@code integration:<name>}, which the
         * manager's authorizer must let declare and write ({@link IntegrationKeys#roleOf}).
         *
         * @param name the integration's name, such as {@code alertmanager}: the source of its alerts
         * @param key its secret (kept only as a SHA-256 hash)
         * @return this builder
         * @throws IllegalArgumentException as {@link IntegrationKeys#with} does
         * @since 0.3.0
         */
        public Builder integration(String name, String key) {
            this.integrations = integrations.with(name, key);
            return this;
        }

        /**
         * Adds integrations that may send alerts, as {@link #integration} does each.
         *
         * @param keys the integrations
         * @return this builder
         * @throws IllegalArgumentException if a name or key is already added
         * @since 0.3.0
         */
        public Builder integrations(IntegrationKeys keys) {
            this.integrations = integrations.plus(Objects.requireNonNull(keys, "keys"));
            return this;
        }

        /**
         * Accepts the alert integrations of a credentials file ({@link Credentials#addIntegration}),
         * as they are at each post: one added or removed in another process counts within a
         * second. Their actors get the responder role from {@link Credentials#roleOf}. Names
         * must differ from those added with {@link #integration}.
         *
         * @param credentials the file
         * @return this builder
         * @since 0.3.0
         */
        public Builder integrations(Credentials credentials) {
            this.integrationsFile = Optional.of(Objects.requireNonNull(credentials, "credentials"));
            return this;
        }

        /**
         * Serves who is on call, the schedules, the escalation policies and the people of an
         * on-call configuration, and lets admins change them: the reads {@code GET /api/v1/oncall},
         * {@code GET /api/v1/schedules}, {@code GET /api/v1/schedules/{id}/shifts}, {@code GET
         * /api/v1/escalation-policies} and {@code GET /api/v1/people} (a viewer's; contact
         * addresses an admin's), the writes {@code PUT} and {@code DELETE /api/v1/schedules/{id}},
         * {@code POST /api/v1/schedules/{id}/overrides}, {@code PUT
         * /api/v1/escalation-policies/{id}} and {@code PUT /api/v1/people/{id}} (the authorizer's
         * administer on-call task: an admin's), and the dashboard's On call page. Without it those
         * routes answer 404 and the page is not shown.
         *
         * <p>The source is asked on every such request and page, on the request's thread, and
         * each write is one {@link OnCallSource#update}. {@link OnCallFile} keeps the
         * configuration in a file, read again when it changes.
         *
         * @param source where the on-call configuration lives
         * @return this builder
         * @since 0.4.0
         */
        public Builder onCall(OnCallSource source) {
            this.onCall = Optional.of(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * Serves an on-call configuration read-only, as {@link #onCall(OnCallSource)} does with
         * {@link OnCallSource#readOnly}: its writes answer 409, "on-call is read-only here".
         *
         * <p>The supplier is asked on every on-call request and page, on the request's thread, so a
         * host may read its on-call file again when it changes (and keep the last good one while
         * a change is broken); it must be thread-safe, quick and never return {@code null}. What
         * it throws is answered as a server error.
         *
         * @param config the on-call configuration as it is now
         * @return this builder
         * @since 0.4.0
         */
        public Builder onCall(Supplier<OnCallConfig> config) {
            return onCall(OnCallSource.readOnly(Objects.requireNonNull(config, "config")));
        }

        /**
         * Serves a fixed on-call configuration, read-only, as {@link #onCall(Supplier)} does.
         *
         * @param config the on-call configuration
         * @return this builder
         * @since 0.4.0
         */
        public Builder onCall(OnCallConfig config) {
            Objects.requireNonNull(config, "config");
            return onCall(() -> config);
        }

        /**
         * Shows where the host's escalator stands, read-only: the reads {@code GET
         * /api/v1/incidents/{id}/escalation} (one incident's escalation, running or ended) and
         * {@code GET /api/v1/escalations} (the running ones, soonest due first), each a viewer's;
         * {@code GET /api/v1/admin/escalator} (its steps, failures and undeliverable pages, the
         * authorizer's administer notifications task: an admin's); a line on each escalated
         * incident's page; and, with {@link #onCall}, a table of the running escalations on the
         * On call page. Without it those routes answer 404 and the pages show no escalation.
         *
         * <p>The server only reads the escalator, on the request's thread; the host builds it (on
         * the same manager and store), starts it and closes it. Closing the server leaves it
         * running. (The escalator records pages as its own actor, {@code escalation} unless set,
         * whom the manager's authorizer must let record them: a responder, with {@code
         * RoleBasedAuthorizer}.)
         *
         * @param escalator the escalator of this server's manager
         * @return this builder
         * @since 0.4.0
         */
        public Builder escalator(Escalator escalator) {
            this.escalator = Optional.of(Objects.requireNonNull(escalator, "escalator"));
            return this;
        }

        /**
         * Serves the public status page from these pages (which must read this server's manager):
         * to list some services as components, in order, or to reach further back than 90 days.
         * Unless set, a {@code StatusPages} over the manager with no component list, which lists
         * every service of the incidents on the page.
         *
         * @param pages what the status page shows
         * @return this builder
         * @since 0.5.0
         */
        public Builder statusPage(StatusPages pages) {
            this.statusPages = Optional.of(Objects.requireNonNull(pages, "pages"));
            this.statusPage = true;
            return this;
        }

        /**
         * @param served whether to serve the public status page ({@code /status}, {@code
         *     /status.json}, {@code /status.atom}) to anyone; true unless set. Without it those paths
         *     are the dashboard's and the API's, which need credentials as every other path.
         * @return this builder
         * @since 0.5.0
         */
        public Builder statusPage(boolean served) {
            this.statusPage = served;
            return this;
        }

        /**
         * @param title the status page's title and its feed's, such as {@code Acme status}: 1 to
         *     100 characters, no control characters; {@code Service status} unless set
         * @return this builder
         * @since 0.5.0
         */
        public Builder statusPageTitle(String title) {
            Objects.requireNonNull(title, "title");
            if (title.isBlank() || title.length() > 100 || title.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("statusPageTitle must be 1 to 100 characters without control characters, got "
                        + title.replaceAll("\\p{Cntrl}", "?"));
            }
            this.statusPageTitle = title.strip();
            return this;
        }

        /**
         * Makes this a server of the public status page only: it answers {@code /status}, {@code
         * /status.json}, {@code /status.atom} (and the page's stylesheet and icon) and 404 to every
         * other path, the API and the dashboard included. It needs no authenticator, on any bind
         * address, as it serves nothing private: start it beside the main server, on a port of its
         * own that the world may reach.
         *
         * @return this builder
         * @since 0.5.0
         */
        public Builder statusPageOnly() {
            this.statusPageOnly = true;
            return this;
        }

        /**
         * @param actor the actor of every request when no authenticator is added; {@code local} unless set
         * @return this builder
         */
        public Builder localActor(Actor actor) {
            this.localActor = Objects.requireNonNull(actor, "actor");
            return this;
        }

        /**
         * Serves HTTPS only, with the key and certificate of a keystore (PKCS12 or JKS).
         *
         * @param keystore the keystore file, which must exist
         * @param password its password (copied)
         * @return this builder
         */
        public Builder tls(Path keystore, char[] password) {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
            if (!Files.isRegularFile(keystore)) {
                throw new IllegalArgumentException("keystore " + keystore + " is not a readable file");
            }
            this.keystore = Optional.of(keystore);
            this.keystorePassword = password.clone();
            return this;
        }

        /**
         * @param bytes the largest request body accepted, 1 byte to 64 MiB; larger is answered with 413. 1 MiB unless set
         * @return this builder
         */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1 || bytes > 64L << 20) {
                throw new IllegalArgumentException("maxBodyBytes must be 1 to 67108864, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * @param bytes the largest request line and headers accepted, 1 KiB to 1 MiB; larger is
         *     answered with 431. 16 KiB unless set
         * @return this builder
         */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 1024 || bytes > 1 << 20) {
                throw new IllegalArgumentException("maxHeaderBytes must be 1024 to 1048576, got " + bytes);
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /**
         * @param timeout how long a connection may be idle, a slow client included, 100 ms to 1 hour; 30 s unless set
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("idleTimeout must be 100 ms to 1 hour, got " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * @param threads the most threads serving requests (Jetty's acceptors and selectors
         *     included), 8 to 1000; 16 unless set
         * @return this builder
         */
        public Builder maxThreads(int threads) {
            if (threads < 8 || threads > 1000) {
                throw new IllegalArgumentException("maxThreads must be 8 to 1000, got " + threads);
            }
            this.maxThreads = threads;
            return this;
        }

        /**
         * @param connections the most connections open at once, 1 to 100000; further ones wait
         *     in the operating system's backlog. 256 unless set
         * @return this builder
         */
        public Builder maxConnections(int connections) {
            if (connections < 1 || connections > 100_000) {
                throw new IllegalArgumentException("maxConnections must be 1 to 100000, got " + connections);
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * @param origin an origin besides the server's own from which cookie-authenticated
         *     writes are accepted, such as {@code https://ops.example.com}
         * @return this builder
         */
        public Builder allowOrigin(String origin) {
            Objects.requireNonNull(origin, "origin");
            URI parsed;
            try {
                parsed = URI.create(origin);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("origin " + origin + " is not a URI", e);
            }
            if (parsed.getScheme() == null || parsed.getHost() == null || !(parsed.getPath() == null || parsed.getPath().isEmpty())
                    || !(parsed.getScheme().equals("http") || parsed.getScheme().equals("https"))) {
                throw new IllegalArgumentException("origin must be scheme://host[:port] with http or https, got " + origin);
            }
            allowedOrigins.add(origin.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * @param clock stamps the server's status and times the status page's cache; the manager's clock unless set
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Optional.of(Objects.requireNonNull(clock, "clock"));
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server
         * @throws IllegalStateException if it would listen on a non-loopback address without an
         *     authenticator; if integrations are added without {@link #alerts}, or the manager's
         *     {@code RoleBasedAuthorizer} gives an integration's actor no responder role; or Jetty
         *     fails to start (such as a port in use)
         */
        public IncidentWeb start() {
            checkIntegrations();
            List<Authenticator> all = new ArrayList<>(authenticators);
            sessions.ifPresent(s -> all.add(SessionAuthenticator.of(s)));
            if (statusPageOnly && !statusPage) {
                throw new IllegalStateException("statusPageOnly() and statusPage(false) leave nothing to serve");
            }
            if (all.isEmpty() && !bind.isLoopbackAddress() && !statusPageOnly) {
                throw new IllegalStateException("refusing to listen on " + bind.getHostAddress()
                        + " without an authenticator: add one, or bind to loopback");
            }
            if (!all.isEmpty() && incidents.authorizer() instanceof Authorizer.AllowAll && !statusPageOnly) {
                LOG.warn("The web server at {} authenticates its callers but its manager allows everything to everyone: "
                        + "every caller may do every write and every admin task (give the manager an authorizer, "
                        + "such as RoleBasedAuthorizer)", bind.getHostAddress());
            }
            Counters counters = new Counters(clock.orElseGet(incidents::clock));
            JettyServers.Settings settings = new JettyServers.Settings(bind, port, keystore, keystorePassword,
                    maxHeaderBytes, idleTimeout, maxThreads, maxConnections);
            Principal local = new Principal(localActor, Principal.Scheme.LOCAL);
            // Heartbeats well within the idle timeout, which would otherwise end a quiet stream.
            EventStreams streams = new EventStreams(incidents, maxEventStreams,
                    Duration.ofMillis(Math.min(15_000, idleTimeout.toMillis() / 2)));
            IntegrationKeys fixed = integrations;
            Set<String> leftOut = ConcurrentHashMap.newKeySet();
            Supplier<IntegrationKeys> keys = integrationsFile.<Supplier<IntegrationKeys>>map(file ->
                    fixed.isEmpty() ? file::integrationKeys : () -> both(fixed, file, leftOut)).orElse(() -> fixed);
            // A key the file does not hold yet may have been added a moment ago: look at the file at once.
            Function<String, Optional<String>> integrationOf = key -> {
                Optional<String> found = keys.get().integrationOf(key);
                if (found.isEmpty() && integrationsFile.isPresent() && integrationsFile.get().lookAgain()) {
                    found = keys.get().integrationOf(key);
                }
                return found;
            };
            RouteTable table = RouteTable.of(incidents, sessions, streams, cachedQueries, alerts, integrationOf, counters,
                    onCall, escalator);
            Callers callers = new Callers(all, local);
            WriteGuard guard = new WriteGuard(allowedOrigins, table.csrfCheck());
            ApiHandler api = new ApiHandler(table, callers, guard, maxBodyBytes, counters);
            // The dashboard's pages answer every path outside /api/; the API the rest.
            Handler app = dashboard
                    ? new Handler.Sequence(new PageHandler(incidents, callers, sessions, guard, counters,
                            clock.orElseGet(incidents::clock), table.cache(), alerts,
                            onCall.map(source -> (Supplier<OnCallConfig>) source::current), escalator), api)
                    : api;
            // The public status page in front: its paths are answered before anyone is asked who calls.
            Optional<Handler> status = statusPage ? Optional.of(new StatusPageHandler(
                    statusPages.orElseGet(() -> StatusPages.builder(incidents).build()), statusPageTitle,
                    clock.orElseGet(incidents::clock), counters, statusPageOnly)) : Optional.empty();
            Server server = JettyServers.create(settings, statusPageOnly ? status.orElseThrow()
                    : status.<Handler>map(s -> new Handler.Sequence(s, app)).orElse(app));
            server.setErrorHandler(new ProblemErrorHandler(counters));
            try {
                server.start();
            } catch (Exception e) {
                streams.close();
                try {
                    server.stop();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw new IllegalStateException("the web server failed to start on " + bind.getHostAddress() + ":" + port, e);
            }
            return new IncidentWeb(server, streams, JettyServers.uri(server, settings), counters);
        }

        /**
         * The integrations added here and those of the file. One of the file whose name or key is
         * also added here is left out, with one warning: the others keep working.
         */
        private static IntegrationKeys both(IntegrationKeys fixed, Credentials file, Set<String> leftOut) {
            IntegrationKeys all = fixed;
            IntegrationKeys fromFile = file.integrationKeys();
            for (String name : fromFile.names()) {
                try {
                    all = all.plus(fromFile.only(name));
                } catch (IllegalArgumentException e) {
                    if (leftOut.add(name)) {
                        LOG.warn("Integration {} of {} is left out: {}", name, file.file(), e.getMessage());
                    }
                }
            }
            return all;
        }

        /**
         * An integration the manager's role-based authorizer gives no role to would have every
         * alert refused with 403, retried by its source for ever: refused here instead. (Another
         * authorizer is the host's to set up.)
         */
        private void checkIntegrations() {
            if ((!integrations.isEmpty() || integrationsFile.isPresent()) && alerts.isEmpty()) {
                throw new IllegalStateException("integrations " + integrations.names()
                        + " are added but alerts are not enabled: call alerts(intake) too");
            }
            if (incidents.authorizer() instanceof RoleBasedAuthorizer roles) {
                for (String name : integrations.names()) {
                    Actor actor = IntegrationKeys.actorOf(name);
                    if (!roles.roleOf(actor).map(r -> r.includes(AccessRole.RESPONDER)).orElse(false)) {
                        throw new IllegalStateException("integration " + name + " acts as " + actor.name()
                                + ", to whom the manager's RoleBasedAuthorizer gives no responder role: its alerts would be "
                                + "refused (compose the roles with IntegrationKeys.roleOf)");
                    }
                }
            }
            if (alerts.isPresent() && integrations.isEmpty() && integrationsFile.isEmpty()) {
                LOG.warn("Alerts are enabled on the web server but no integration is added: every receiver answers 401");
            }
        }

    }
}
