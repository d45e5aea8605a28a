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
import dev.incidentkit.notify.webhook.CloudEventsWebhookNotifier;
import dev.incidentkit.notify.webhook.PagerDutyNotifier;
import dev.incidentkit.notify.webhook.SlackNotifier;
import dev.incidentkit.notify.webhook.TeamsNotifier;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An application that depends on IncidentKit as a user's does: it declares an incident with every
 * built-in notifier attached, each pointed at a server on loopback, and exports the incident as a
 * CloudEvents batch. It exits with status 1, naming what went wrong, unless every notifier's
 * request arrived and the batch reads back.
 */
public final class EveryNotifier {

    /** How long the notifiers get, all together, to deliver one declaration. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

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
        // notifier name -> the bodies its endpoint received
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
        }
        return failures;
    }
}
