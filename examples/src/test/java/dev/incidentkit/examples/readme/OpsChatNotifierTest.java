package dev.incidentkit.examples.readme;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's notifier plugin and its route, posting to a chat server on loopback. */
class OpsChatNotifierTest {

    private final BlockingQueue<String> posted = new LinkedBlockingQueue<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer chat;
    private URI chatUrl;

    @BeforeEach
    void startChat() throws Exception {
        chat = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        chat.createContext("/hooks/ops", exchange -> {
            int answer = status.get();  // read before the test sees the post and changes it
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        chat.start();
        chatUrl = URI.create("http://127.0.0.1:" + chat.getAddress().getPort() + "/hooks/ops");
    }

    @AfterEach
    void stopChat() {
        chat.stop(0);
    }

    @Test
    void postsTheRoutedEventsOfAnIncidentInOrder() throws Exception {
        try (IncidentManager incidents = OpsChatSetup.incidents(new InMemoryEventStore(), chatUrl)) {
            String id = incidents.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice")).id();
            incidents.acknowledge(id, "on it", as("bob"));
            incidents.resolve(id, "fixed", as("bob"));

            assertThat(posted.poll(30, TimeUnit.SECONDS)).startsWith(id + " SEV-2 ").endsWith(": Checkout latency");
            // The acknowledgment is not routed: the next line is the resolution.
            assertThat(posted.poll(30, TimeUnit.SECONDS)).startsWith(id + " SEV-2 ").containsIgnoringCase("resolved");
        }
    }

    @Test
    void aServerErrorIsRetriedAndDeliveredLater() throws Exception {
        status.set(503);
        try (IncidentManager incidents = OpsChatSetup.incidents(new InMemoryEventStore(), chatUrl)) {
            String id = incidents.declare(Declare.of("Checkout latency", Severity.SEV1, "checkout"), as("alice")).id();

            assertThat(posted.poll(30, TimeUnit.SECONDS)).startsWith(id);
            status.set(200);
            assertThat(posted.poll(60, TimeUnit.SECONDS)).as("the retry").startsWith(id);
        }
    }
}
