package dev.incidentkit.examples.cli;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.sla.SlaMonitor;
import dev.incidentkit.core.statuspage.StatusPages;
import dev.incidentkit.web.AuthenticationException;
import dev.incidentkit.web.Credentials;
import dev.incidentkit.web.IncidentWeb;
import dev.incidentkit.web.IntegrationKeys;
import dev.incidentkit.web.OnCallFile;
import dev.incidentkit.web.Sessions;
import dev.incidentkit.web.TokenAuthenticator;
import dev.incidentkit.web.TrustedHeaderAuthenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code im serve}: the HTTP API over the same store as every other {@code im} command, until
 * Ctrl+C. On the default H2 file it serves the file to the commands run meanwhile in other
 * terminals (see {@link Session#open(Options, Environment, boolean)}), so that both see each
 * other's incidents at once. It records SLA breaches as they happen, as the walkthrough's
 * platform does. With an on-call file it runs its escalation policies ({@link Escalator}, acting
 * as {@link Session#ESCALATION}), paging people through the notifiers the environment sets
 * ({@link NotifierSettings}) at the addresses the file gives them; those notifiers also get every
 * incident event. Commands other than serve have no notifiers: the events they record are
 * delivered by the serving process, which reads them from the store.
 */
@Command(name = "serve", description = {
    "Serve the HTTP API (/api/v1) on http://localhost:8080 over the same store as the other commands, until Ctrl+C.",
    "Without users (im user add) it is open to the local user only, on loopback; with users, it asks for a token "
            + "(Authorization: Bearer) or a login, and each user's role decides what they may do.",
    "With an on-call file (--oncall) it runs its escalation policies and pages people through $IM_SLACK_WEBHOOK, "
            + "$IM_PAGERDUTY_ROUTING_KEY, $IM_WEBHOOK_URL and $IM_SMTP_URL (email), whichever are set, which also get "
            + "every incident event."})
final class ServeCommand implements Callable<Integer> {

    /** How often the SLA monitor looks for breaches. */
    static final Duration SLA_TICK = Duration.ofSeconds(30);

    /** How often the escalator looks for new incidents and due pages: how late a page may be. */
    static final Duration ESCALATION_TICK = Duration.ofSeconds(1);

    @Mixin
    Options options;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "The port; 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}); another one needs users.")
    String bind;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS with the key and certificate of this PKCS#12 keystore; its password in $IM_TLS_PASSWORD.")
    Optional<Path> tlsKeystore = Optional.empty();

    @Option(names = "--trusted-proxy", paramLabel = "CIDR",
            description = "A single-sign-on proxy's address or range whose user header is believed; repeatable.")
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--storm-limit", paramLabel = "N", defaultValue = "10",
            description = "The most incidents the alerts of one source may declare in a minute; past it they join one "
                    + "storm incident (default: ${DEFAULT-VALUE}).")
    int stormLimit;

    @Option(names = "--auto-resolve", description = "Resolve an incident when its last firing alert resolves "
            + "(default: add a note saying so).")
    boolean autoResolve;

    @Option(names = "--oncall", paramLabel = "FILE",
            description = "The on-call file whose schedules and policies it serves (/oncall, /api/v1/oncall), read again when "
                    + "it changes (default: $IM_ONCALL, else oncall.json in $IM_HOME or ~/.im, if it exists).")
    Optional<Path> onCallFile = Optional.empty();

    @Option(names = "--status-page", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve the public status page to anyone, without login: /status, /status.json, /status.atom "
                    + "(public updates only; default: on; --no-status-page turns it off).")
    boolean statusPage;

    @Option(names = "--status-components", paramLabel = "SERVICE", split = ",",
            description = "The services the status page lists, in order, such as checkout,payments (default: every service "
                    + "of the incidents with a public update).")
    List<String> statusComponents = new ArrayList<>();

    @Option(names = "--proxy-header", defaultValue = "X-Forwarded-User",
            description = "The header in which a trusted proxy names the user (default: ${DEFAULT-VALUE}).")
    String proxyHeader;

    @Override
    public Integer call() throws InterruptedException {
        Environment env = ((Im) spec.root().userObject()).env;
        if (stormLimit < 1) {
            throw new ValidationException("--storm-limit", "must be at least 1", stormLimit);
        }
        Path credentialsFile = Session.credentialsFile(env);
        Optional<OnCallFile> onCall = onCall(env);
        NotifierSettings notifiers = NotifierSettings.from(env);
        Session session = Session.open(options, env, true, kit -> {
            notifiers.register(kit);
            onCall.ifPresent(file -> kit.contacts(OnCallConfig.contacts(file::current)));
        });
        SlaMonitor monitor = null;
        Optional<Escalator> escalator = Optional.empty();
        IncidentWeb web;
        String who;
        try {
            IncidentWeb.Builder builder = IncidentWeb.builder(session.incidents).port(port).bind(bind)
                    .alerts(session.alerts(AlertRules.builder().stormLimit(stormLimit).autoResolve(autoResolve).build()))
                    .integrations(Credentials.open(credentialsFile, Clock.systemUTC()));
            onCall.ifPresent(builder::onCall);
            builder.statusPage(statusPage);
            if (statusPage && !statusComponents.isEmpty()) {
                builder.statusPage(StatusPages.builder(session.incidents).components(statusComponents).build());
            }
            Optional<Credentials> users = Session.withUsers(env);
            if (users.isPresent()) {
                Credentials credentials = users.get();
                builder.authenticator(TokenAuthenticator.of(credentials))
                        .sessions(Sessions.ofDefaults(credentials, Clock.systemUTC()));
                who = "to " + credentials.users().size() + " users (tokens, login)";
            } else {
                Actor local = options.context(env).actor();
                builder.localActor(local);
                who = "as " + local + " (no users yet: see im user, then restart)";
            }
            if (!trustedProxies.isEmpty()) {
                if (users.isEmpty()) {
                    // Without users there are no roles, and every proxy user could do everything.
                    throw new ValidationException("--trusted-proxy", "needs users with their roles first (im user add "
                            + "USER --role R --no-password)", String.join(",", trustedProxies));
                }
                TrustedHeaderAuthenticator proxy = TrustedHeaderAuthenticator.of(proxyHeader, trustedProxies);
                builder.authenticator(request -> {
                    var principal = proxy.authenticate(request);
                    // Names no one logs in as: im serve's own (SLA monitor, escalation), and those alert integrations act under.
                    if (principal.isPresent() && (Session.SERVER_ACTORS.contains(principal.get().actor().name())
                            || principal.get().actor().name().startsWith(IntegrationKeys.ACTOR_PREFIX))) {
                        throw new AuthenticationException("The proxy named a user no one logs in as.");
                    }
                    return principal;
                });
            }
            if (tlsKeystore.isPresent()) {
                String password = env.get("IM_TLS_PASSWORD").orElseThrow(() -> new ValidationException(
                        "IM_TLS_PASSWORD", "must hold the keystore's password for --tls-keystore", ""));
                builder.tls(tlsKeystore.get(), password.toCharArray());
            }
            monitor = Session.slaMonitor(session.incidents);
            monitor.start(SLA_TICK);
            if (onCall.isPresent()) {
                escalator = Optional.of(Escalator.builder(session.incidents, session.store, onCall.get()::current)
                        .actor(Session.ESCALATION).build());
                escalator.get().start(ESCALATION_TICK);
                builder.escalator(escalator.get());
            }
            web = builder.start();
        } catch (RuntimeException e) {
            escalator.ifPresent(Escalator::close);
            if (monitor != null) {
                monitor.close();
            }
            session.close();
            throw e;
        }
        env.out.println("Serving " + web.uri().resolve("/") + " (the dashboard; the API under /api/v1/) " + who
                + (statusPage ? ". Public status page, no login: " + web.uri().resolve("/status") : "") + ". Ctrl+C stops it.");
        onCall.ifPresent(f -> env.out.println("On call from " + f.file() + "."));
        Set<String> reachable = new TreeSet<>(session.incidents.notifications().contactKinds());
        Optional<String> warning = Optional.empty();
        if (onCall.isPresent()) {
            warning = unreachable(onCall.get(), reachable);
            if (warning.isEmpty()) {
                env.out.println("Escalation runs: pages go out through " + String.join(", ", reachable) + ".");
            }
        } else if (!notifiers.isEmpty()) {
            env.out.println("Incident events go out through " + String.join(", ", session.incidents.notifications().notifiers())
                    + "; without an on-call file nobody is paged.");
        }
        env.out.flush();
        // After the lines above, so that a terminal showing both streams shows it last, where it is seen.
        warning.ifPresent(env.err::println);
        env.err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        SlaMonitor started = monitor;
        Optional<Escalator> escalating = escalator;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (session; started; web) {
                // Before the manager closes: a tick in progress still pages through it.
                escalating.ifPresent(Escalator::close);
                env.out.println("Stopping.");
            } finally {
                stopped.countDown();
            }
        }, "im-serve-stop"));
        stopped.await();
        return 0;
    }

    /**
     * @param reachable the contact kinds the manager's notifiers reach
     * @return the warning that no page can be delivered, if none can: no notifier is set, or no
     *     one in the file has a contact of a kind one reaches (the file as it is now: an edit
     *     later may change that, and each page is tried as the file is then)
     */
    static Optional<String> unreachable(OnCallFile file, Set<String> reachable) {
        String outcome = ", so every page is undeliverable: the incident's timeline says so and the next level is paged at once.";
        if (reachable.isEmpty()) {
            return Optional.of("Warning: escalation runs but no notifier is set (" + String.join(", ", NotifierSettings.VARIABLES)
                    + ")" + outcome);
        }
        boolean anyone = file.current().people().values().stream()
                .flatMap(p -> p.contacts().stream()).anyMatch(c -> reachable.contains(c.kind()));
        return anyone ? Optional.empty() : Optional.of("Warning: escalation runs but no one in " + file.file()
                + " has a contact of a kind the notifiers reach (" + String.join(", ", new TreeSet<>(reachable)) + ")" + outcome);
    }

    /**
     * The on-call file: the one named with {@code --oncall}, which must exist, else the default
     * one if it exists. A file that breaks the format stops the server from starting; a change
     * that breaks it later is logged once (WARN) and the last good one stays in use. The API's
     * on-call writes (an admin's) are written into it.
     */
    private Optional<OnCallFile> onCall(Environment env) {
        Path file = onCallFile.orElseGet(() -> OnCallCommands.defaultFile(env));
        if (!Files.isRegularFile(file)) {
            if (onCallFile.isPresent()) {
                throw new ValidationException("--oncall", "must name an on-call file; there is no file", file);
            }
            return Optional.empty();
        }
        return Optional.of(OnCallFile.open(file, Clock.systemUTC()));
    }
}
