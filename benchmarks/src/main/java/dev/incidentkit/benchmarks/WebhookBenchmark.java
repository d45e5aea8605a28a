package dev.incidentkit.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.webhook.CloudEventsWebhookNotifier;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Notification throughput to an HTTP server on loopback (a JDK {@code HttpServer} on 127.0.0.1
 * that answers 204): {@link CloudEventsWebhookNotifier#deliver} in binary mode, one notification
 * per call, beside the baseline of a plain {@link HttpClient} POST of the same JSON body, in the
 * same run. One thread, so the score is the sequential notifications per second a notifier worker
 * can send.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class WebhookBenchmark {

    private static final String DATA = "{\"note\":\"Found slow query in orders table. Query execution time: 8.2s avg\"}";

    private HttpServer server;
    private CloudEventsWebhookNotifier notifier;
    private HttpClient client;
    private HttpRequest plainRequest;
    private Notification notification;

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        notifier = CloudEventsWebhookNotifier.builder(endpoint).httpClient(client).timeout(Duration.ofSeconds(5)).build();
        plainRequest = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DATA, StandardCharsets.UTF_8)).build();
        notification = new Notification(
                CloudEventBuilder.v1().withId("0190d3a4-5f2b-7c31-9a4e-2b1c3d4e5f60")
                        .withSource(URI.create("incident-management/benchmark")).withType("incident.note_added")
                        .withTime(Instant.parse("2025-08-23T14:35:00Z").atOffset(ZoneOffset.UTC))
                        .withSubject("INC-2025-001").withDataContentType("application/json")
                        .withData(DATA.getBytes(StandardCharsets.UTF_8)).build(),
                "INC-2025-001", "Checkout service experiencing high database latency", "SEV-2", "INVESTIGATING",
                "checkout", "user@example.com", Optional.of("Found slow query in orders table"), List.of());
        if (!(notifier.deliver(notification) instanceof DeliveryResult.Delivered)) {
            throw new IllegalStateException("the loopback server does not accept the notification");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        notifier.close();
        server.stop(0);
    }

    @Benchmark
    public DeliveryResult webhookNotifier() {
        return notifier.deliver(notification);
    }

    @Benchmark
    public int baselinePlainHttpClientPost() throws IOException, InterruptedException {
        return client.send(plainRequest, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
