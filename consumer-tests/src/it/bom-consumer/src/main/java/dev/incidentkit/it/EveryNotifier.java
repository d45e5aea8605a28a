package dev.incidentkit.it;

import static dev.incidentkit.core.CommandContext.as;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.export.CloudEventsExport;
import dev.incidentkit.core.export.ImportSummary;
import dev.incidentkit.core.export.Imports;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.notify.email.EmailNotifier;
import dev.incidentkit.notify.webhook.CloudEventsWebhookNotifier;
import dev.incidentkit.notify.webhook.PagerDutyNotifier;
import dev.incidentkit.notify.webhook.SlackNotifier;
import dev.incidentkit.notify.webhook.TeamsNotifier;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An application that depends on IncidentKit as a user's does: it declares an incident with every
 * built-in notifier attached, each pointed at a server on loopback (an HTTP server for the webhook
 * notifiers, a minimal SMTP server for the email notifier), and exports the incident as a
 * CloudEvents batch. It exits with status 1, naming what went wrong, unless every notifier's
 * request or message arrived and the batch reads back.
 */
public final class EveryNotifier {

    /** How long the notifiers get, all together, to deliver one declaration. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** A header field's folding: a line break followed by a blank continues the field. */
    private static final Pattern FOLD = Pattern.compile("\r\n(?=[ \t])");

    private EveryNotifier() {}

    public static void main(String[] args) throws Exception {
        List<String> failures = run();
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.err.println("FAILED: " + f));
            System.exit(1);
        }
        System.out.println("every notifier delivered, and the CloudEvents batch reads back");
    }

    private static List<String> run() throws Exception {
        // notifier name -> the bodies its endpoint received (for email: each message's DATA)
        Map<String, BlockingQueue<String>> received = new LinkedHashMap<>();
        for (String name : List.of("webhook-binary", "webhook-structured", "slack", "teams", "pagerduty")) {
            received.put(name, new LinkedBlockingQueue<>());
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        received.forEach((name, bodies) -> server.createContext("/" + name, exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }));
        server.start();
        BlockingQueue<String> mail = new LinkedBlockingQueue<>();
        received.put(EmailNotifier.DEFAULT_NAME, mail);
        ServerSocket smtp = smtpServer(mail);
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        List<String> failures = new ArrayList<>();
        String expected = System.getProperty("incidentkit.jackson.version");
        String core = new JsonFactory().version().toString();
        String databind = new ObjectMapper().version().toString();
        if (!core.equals(expected) || !databind.equals(expected)) {
            failures.add("the classpath has jackson-core " + core + " and jackson-databind " + databind
                    + ", where IncidentKit was built with " + expected);
        }
        try (IncidentManager incidents = IncidentKit.builder()
                .store(new InMemoryEventStore())
                .application("consumer-check")
                .notifier(CloudEventsWebhookNotifier.builder(base.resolve("webhook-binary"))
                        .name("webhook-binary").build())
                .notifier(CloudEventsWebhookNotifier.builder(base.resolve("webhook-structured"))
                        .name("webhook-structured").mode(CloudEventsWebhookNotifier.Mode.STRUCTURED).build())
                .notifier(SlackNotifier.builder(base.resolve("slack")).build())
                .notifier(TeamsNotifier.builder(base.resolve("teams")).build())
                .notifier(PagerDutyNotifier.builder("consumer-check-routing-key")
                        .endpoint(base.resolve("pagerduty")).build())
                .notifier(EmailNotifier.builder("127.0.0.1", "incidents@example.com")
                        .security(EmailNotifier.Security.NONE).port(smtp.getLocalPort())
                        .recipients(Route.all(), "sre@example.com").build())
                .build()) {
            Incident incident = incidents.declare(
                    Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice"));

            long deadline = System.nanoTime() + DEADLINE.toNanos();
            for (Map.Entry<String, BlockingQueue<String>> endpoint : received.entrySet()) {
                String body = endpoint.getValue().poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (body == null) {
                    failures.add(endpoint.getKey() + ": nothing arrived within " + DEADLINE + "; its status: "
                            + incidents.notifications().status(endpoint.getKey()));
                } else if (!body.contains(incident.id())) {
                    failures.add(endpoint.getKey() + ": the request does not name " + incident.id() + ": " + body);
                } else if (endpoint.getKey().equals(EmailNotifier.DEFAULT_NAME)) {
                    checkMessage(body, incident.id(), failures);
                }
            }

            try {
                String batch = CloudEventsExport.batch(incidents.history(incident.id()), incidents.cloudEvents());
                ImportSummary summary = Imports.cloudEventsBatch(batch, incidents.cloudEvents(), new InMemoryEventStore());
                if (!summary.imported().equals(List.of(incident.id()))) {
                    failures.add("the CloudEvents batch did not read back as " + incident.id() + ": " + summary);
                }
            } catch (RuntimeException | LinkageError e) {
                e.printStackTrace();
                failures.add("CloudEventsExport.batch: " + e);
            }
        } finally {
            server.stop(0);
            smtp.close();
        }
        return failures;
    }

    /** Adds to {@code failures} what the email is missing: the incident id in its Subject, a text and an HTML part. */
    private static void checkMessage(String data, String incidentId, List<String> failures) {
        int end = data.indexOf("\r\n\r\n");
        String headers = FOLD.matcher(end < 0 ? data : data.substring(0, end)).replaceAll("");
        String subject = headers.lines().filter(h -> h.regionMatches(true, 0, "Subject:", 0, 8)).findFirst().orElse("");
        if (!subject.contains(incidentId)) {
            failures.add("email: the Subject does not name " + incidentId + ": '" + subject + "'");
        }
        String lower = data.toLowerCase(Locale.ROOT);
        for (String type : List.of("text/plain", "text/html")) {
            if (!lower.contains("content-type: " + type)) {
                failures.add("email: the message has no " + type + " part: " + data);
            }
        }
    }

    /**
     * A loopback SMTP server that speaks just enough SMTP to take messages, one connection at a
     * time, on a daemon thread: 220, EHLO/HELO 250, MAIL/RCPT 250, DATA 354 then 250, QUIT 221.
     * Each message's DATA, dot-unstuffed, goes to {@code messages}. Closing the socket stops it.
     */
    private static ServerSocket smtpServer(BlockingQueue<String> messages) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket connection = listener.accept()) {
                    connection.setSoTimeout((int) DEADLINE.toMillis());
                    converse(connection, messages);
                } catch (IOException e) {
                    if (!listener.isClosed()) {
                        System.err.println("SMTP server: " + e);
                    }
                }
            }
        }, "loopback-smtp");
        thread.setDaemon(true);
        thread.start();
        return listener;
    }

    private static void converse(Socket connection, BlockingQueue<String> messages) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(connection.getOutputStream(), StandardCharsets.US_ASCII);
        reply(out, "220 localhost ESMTP consumer-check");
        for (String line; (line = in.readLine()) != null; ) {
            String verb = line.length() < 4 ? line : line.substring(0, 4);
            switch (verb.toUpperCase(Locale.ROOT)) {
                case "EHLO", "HELO" -> reply(out, "250 localhost");
                case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                case "DATA" -> {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    for (String l = in.readLine(); !".".equals(l); l = in.readLine()) {
                        if (l == null) {
                            throw new EOFException("the connection closed within DATA");
                        }
                        data.append(l.startsWith(".") ? l.substring(1) : l).append("\r\n");
                    }
                    messages.add(data.toString());
                    reply(out, "250 OK");
                }
                case "QUIT" -> {
                    reply(out, "221 Bye");
                    return;
                }
                default -> reply(out, "502 Command not implemented");
            }
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }
}
