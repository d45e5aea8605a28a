package dev.incidentkit.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.store.memory.InMemoryEventStore;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The email notifier under IncidentKit's dispatcher: a notification that the server cannot take is
 * retried, then dead-lettered with its reason, then replayed once the server is up, and arrives.
 */
class EndToEndTest {

    @Test
    @DisplayName("retried, then dead-lettered with the reason, then replayed and delivered: never lost")
    void neverLost() throws Exception {
        int port = closedPort();
        int maxAttempts = 3;
        DeliverySettings settings = DeliverySettings.custom().callTimeout(Duration.ofSeconds(20)).maxAttempts(maxAttempts)
                .backoffBase(Duration.ofMillis(1)).backoffCap(Duration.ofMillis(4)).pollInterval(Duration.ofMillis(20))
                .build();
        EmailNotifier email = EmailNotifier.builder("127.0.0.1", "incidents@example.com")
                .security(EmailNotifier.Security.NONE).port(port)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5))
                .recipients(Route.all(), "sre@example.com")
                .build();
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        try (IncidentManager incidents = IncidentKit.builder().store(new InMemoryEventStore())
                .deliverySettings(settings).incidentLinks(URI.create("https://incidents.example.com/incidents/"))
                .notifier(email).build()) {
            Incident inc = incidents.declare(Declare.of("Checkout 500s", Severity.SEV1, "checkout"), CommandContext.as("alice"));

            Await.until("the declaration is a dead letter", () -> !incidents.notifications().deadLetters("email").isEmpty());
            List<DeadLetter> dead = incidents.notifications().deadLetters("email");
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.incidentId()).isEqualTo(inc.id());
                assertThat(d.type()).isEqualTo("incident.declared");
                assertThat(d.attempts()).isEqualTo(maxAttempts);
                assertThat(d.lastError()).contains("could not connect to 127.0.0.1:" + port);
            });
            assertThat(incidents.notifications().status("email").failedAttempts()).isGreaterThanOrEqualTo(maxAttempts);

            server.start();
            DeliveryResult replayed = incidents.notifications().replay("email", dead.get(0).eventId());
            assertThat(replayed).isEqualTo(DeliveryResult.delivered());
            assertThat(incidents.notifications().deadLetters("email")).isEmpty();

            incidents.acknowledge(inc.id(), "Looking at the gateway", CommandContext.as("bob"));
            assertThat(server.waitForIncomingEmail(30_000, 2)).isTrue();
            MimeMessage[] mail = server.getReceivedMessages();
            String root = "<" + inc.id() + "@example.com>";
            assertThat(mail[0].getSubject()).isEqualTo("[SEV-1] " + inc.id() + " declared: Checkout 500s");
            assertThat(mail[0].getMessageID()).isEqualTo(root);
            assertThat(EmailNotifierTest.part(mail[0], "text/plain"))
                    .contains("Open incident: https://incidents.example.com/incidents/" + inc.id());
            assertThat(mail[1].getSubject()).isEqualTo("[SEV-1] " + inc.id() + " acknowledged: Checkout 500s");
            assertThat(mail[1].getHeader("In-Reply-To")).containsExactly(root);
            assertThat(EmailNotifierTest.part(mail[1], "text/plain")).contains("Looking at the gateway", "By:       bob");
        } finally {
            server.stop();
        }
    }

    /** A loopback port that nothing listens on (bound, then released): connecting to it is refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
