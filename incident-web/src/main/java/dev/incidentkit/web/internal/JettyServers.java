package dev.incidentkit.web.internal;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the Jetty server of {@link dev.incidentkit.web.IncidentWeb} (thread pool, HTTP
 * configuration, connector, TLS, connection limit) around any handler, so that the server and
 * the benchmarks' baseline server, which answers with fixed bytes, are configured by the same code.
 */
public final class JettyServers {

    private JettyServers() {}

    /**
     * Everything of the server but its handler. The values are checked by {@code
     * IncidentWeb.Builder}'s setters, not here.
     *
     * @param bind the address to listen on
     * @param port the port, 0 for any free one
     * @param keystore HTTPS with this keystore, or plain HTTP
     * @param keystorePassword the keystore's password (not copied)
     * @param maxHeaderBytes the largest request line and headers
     * @param idleTimeout how long a connection may be idle
     * @param maxThreads the most threads of the pool, Jetty's acceptors and selectors included
     * @param maxConnections the most connections open at once
     */
    public record Settings(InetAddress bind, int port, Optional<Path> keystore, char[] keystorePassword,
            int maxHeaderBytes, Duration idleTimeout, int maxThreads, int maxConnections) {

        /** @return IncidentWeb's defaults: loopback, port 8080, plain HTTP, 16 KiB, 30 s, 16 threads, 256 connections */
        public static Settings ofDefaults() {
            return new Settings(InetAddress.getLoopbackAddress(), 8080, Optional.empty(), new char[0], 16 * 1024,
                    Duration.ofSeconds(30), 16, 256);
        }

        /** @return these settings on another port */
        public Settings withPort(int newPort) {
            return new Settings(bind, newPort, keystore, keystorePassword, maxHeaderBytes, idleTimeout, maxThreads,
                    maxConnections);
        }

        /** @return these settings with another pool size */
        public Settings withMaxThreads(int threads) {
            return new Settings(bind, port, keystore, keystorePassword, maxHeaderBytes, idleTimeout, threads,
                    maxConnections);
        }
    }

    /**
     * A server, not started, whose one connector listens as {@code settings} say and whose
     * handler is {@code handler}. Every response of {@code handler} should carry {@link
     * #applySecurityHeaders the security headers}; an error handler is the caller's to set.
     */
    public static Server create(Settings settings, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        // Jetty's queue stays unbounded (it also carries Jetty's own tasks); the connection limit bounds the work.
        QueuedThreadPool pool = new QueuedThreadPool(settings.maxThreads(), Math.min(4, settings.maxThreads()));
        pool.setName("incident-web");
        Server server = new Server(pool);
        server.setStopTimeout(5_000);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(settings.maxHeaderBytes());
        ServerConnector connector;
        if (settings.keystore().isPresent()) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(settings.keystore().get().toString());
            ssl.setKeyStorePassword(new String(settings.keystorePassword()));
            http.setSecureScheme("https");
            http.addCustomizer(new SecureRequestCustomizer());
            connector = new ServerConnector(server, ssl, new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(settings.bind().getHostAddress());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(settings.maxConnections(), server));
        server.setHandler(handler);
        return server;
    }

    /** @return the root URI of a started server made by {@link #create}, such as {@code http://127.0.0.1:8080/} */
    public static URI uri(Server server, Settings settings) {
        String address = settings.bind().getHostAddress();
        String host = address.contains(":") ? "[" + address + "]" : address;
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create((settings.keystore().isPresent() ? "https" : "http") + "://" + host + ":" + port + "/");
    }

    /**
     * Sets the headers every response of the API carries, errors included (see {@link
     * SecurityHeaders}), replacing any value already set.
     */
    public static void applySecurityHeaders(HttpFields.Mutable headers) {
        SecurityHeaders.apply(headers);
    }
}
