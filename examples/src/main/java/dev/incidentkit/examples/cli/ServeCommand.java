package dev.incidentkit.examples.cli;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.sla.SlaMonitor;
import dev.incidentkit.web.AuthenticationException;
import dev.incidentkit.web.Credentials;
import dev.incidentkit.web.IntegrationKeys;
import dev.incidentkit.web.IncidentWeb;
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
 * platform does.
 */
@Command(name = "serve", description = {
    "Serve the HTTP API (/api/v1) on http://localhost:8080 over the same store as the other commands, until Ctrl+C.",
    "Without users (im user add) it is open to the local user only, on loopback; with users, it asks for a token "
            + "(Authorization: Bearer) or a login, and each user's role decides what they may do."})
final class ServeCommand implements Callable<Integer> {

    /** How often the SLA monitor looks for breaches. */
    static final Duration SLA_TICK = Duration.ofSeconds(30);

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
        Session session = Session.open(options, env, true);
        SlaMonitor monitor = null;
        IncidentWeb web;
        String who;
        try {
            IncidentWeb.Builder builder = IncidentWeb.builder(session.incidents).port(port).bind(bind)
                    .alerts(session.alerts(AlertRules.builder().stormLimit(stormLimit).autoResolve(autoResolve).build()))
                    .integrations(Credentials.open(credentialsFile, Clock.systemUTC()));
            onCall.ifPresent(builder::onCall);
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
                    // Names no one logs in as: the SLA monitor's, and those alert integrations act under.
                    if (principal.isPresent() && (principal.get().actor().name().equals(Session.SLA_MONITOR)
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
            web = builder.start();
        } catch (RuntimeException e) {
            if (monitor != null) {
                monitor.close();
            }
            session.close();
            throw e;
        }
        env.out.println("Serving " + web.uri().resolve("/") + " (the dashboard; the API under /api/v1/) " + who
                + ". Ctrl+C stops it.");
        onCall.ifPresent(f -> env.out.println("On call from " + f.file() + "."));
        env.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        SlaMonitor started = monitor;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (session; started; web) {
                env.out.println("Stopping.");
            } finally {
                stopped.countDown();
            }
        }, "im-serve-stop"));
        stopped.await();
        return 0;
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
