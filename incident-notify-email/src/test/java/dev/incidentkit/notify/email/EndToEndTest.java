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
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.store.memory.InMemoryEventStore;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The email notifier under IncidentKit's dispatcher: a notification that the server refuses is
 * retried, then dead-lettered with its reason, then replayed once the notifier reaches a server,
 * and arrives.
 *
 * <p>No port is freed and then reused: the refusing endpoint is a port the test holds without
 * listening ({@link RefusingPort}), and GreenMail runs from the start on a port of its own choosing;
 * the notifier registered as {@code email} is switched from the one to the other, as a host whose
 * SMTP settings were fixed would be.
 */
class EndToEndTest {

    private static EmailNotifier notifier(int port) {
        return EmailNotifier.builder("127.0.0.1", "incidents@example.com")
                .security(EmailNotifier.Security.NONE).port(port)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5))
                .recipients(Route.all(), "sre@example.com")
                .build();
    }

    @Test
    @DisplayName("refused, retried, then dead-lettered with the reason, then replayed and delivered: never lost")
    void neverLost() throws Exception {
        int maxAttempts = 3;
        DeliverySettings settings = DeliverySettings.custom().callTimeout(Duration.ofSeconds(20)).maxAttempts(maxAttempts)
                .backoffBase(Duration.ofMillis(1)).backoffCap(Duration.ofMillis(4)).pollInterval(Duration.ofMillis(20))
                .build();
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        server.start();
        try (RefusingPort refusing = new RefusingPort()) {
            Switchable email = new Switchable(notifier(refusing.port()));
            try (IncidentManager incidents = IncidentKit.builder().store(new InMemoryEventStore())
                    .deliverySettings(settings).incidentLinks(URI.create("https://incidents.example.com/incidents/"))
                    .notifier(email).build()) {
                Incident inc = incidents.declare(Declare.of("Checkout 500s", Severity.SEV1, "checkout"),
                        CommandContext.as("alice"));

                Await.until("the declaration is a dead letter", () -> !incidents.notifications().deadLetters("email").isEmpty());
                List<DeadLetter> dead = incidents.notifications().deadLetters("email");
                assertThat(dead).singleElement().satisfies(d -> {
                    assertThat(d.incidentId()).isEqualTo(inc.id());
                    assertThat(d.type()).isEqualTo("incident.declared");
                    assertThat(d.attempts()).isEqualTo(maxAttempts);
                    assertThat(d.lastError()).contains("could not connect to 127.0.0.1:" + refusing.port(), "ConnectException");
                });
                assertThat(incidents.notifications().status("email").failedAttempts()).isGreaterThanOrEqualTo(maxAttempts);
                assertThat(server.getReceivedMessages()).isEmpty();

                email.sendThrough(notifier(server.getSmtp().getPort()));
                DeliveryResult replayed = incidents.notifications().replay("email", dead.get(0).eventId());
                assertThat(replayed).isEqualTo(DeliveryResult.delivered());
                assertThat(incidents.notifications().deadLetters("email")).isEmpty();

                incidents.acknowledge(inc.id(), "Looking at the gateway", CommandContext.as("bob"));
                assertThat(server.waitForIncomingEmail(30_000, 2)).isTrue();
                MimeMessage[] mail = server.getReceivedMessages();
                assertThat(mail).hasSize(2);
                String root = "<" + inc.id() + "@example.com>";
                assertThat(mail[0].getSubject()).isEqualTo("[SEV-1] " + inc.id() + " declared: Checkout 500s");
                assertThat(mail[0].getMessageID()).isEqualTo(root);
                assertThat(EmailNotifierTest.part(mail[0], "text/plain"))
                        .contains("Open incident: https://incidents.example.com/incidents/" + inc.id());
                assertThat(mail[1].getSubject()).isEqualTo("[SEV-1] " + inc.id() + " acknowledged: Checkout 500s");
                assertThat(mail[1].getHeader("In-Reply-To")).containsExactly(root);
                assertThat(EmailNotifierTest.part(mail[1], "text/plain")).contains("Looking at the gateway", "By:       bob");
            }
        } finally {
            server.stop();
        }
    }

    /**
     * The notifier the manager holds, named as the email notifiers it sends through: first one that
     * is refused, then, from {@link #sendThrough} on, one that reaches the server.
     */
    private static final class Switchable implements Notifier {

        private final String name;
        private final AtomicReference<EmailNotifier> current;

        Switchable(EmailNotifier first) {
            this.name = first.name();
            this.current = new AtomicReference<>(first);
        }

        void sendThrough(EmailNotifier next) {
            assertThat(next.name()).isEqualTo(name);
            current.getAndSet(next).close();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> contactKinds() {
            return current.get().contactKinds();
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            return current.get().deliver(notification);
        }

        @Override
        public void close() {
            current.get().close();
        }
    }
}
