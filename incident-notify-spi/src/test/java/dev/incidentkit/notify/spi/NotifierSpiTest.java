package dev.incidentkit.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifierSpiTest {

    private final CloudEvent event = CloudEventBuilder.v1()
            .withId("7c1f6f3e-1d7a-4c1e-9a55-0d2b9f0f4a11")
            .withSource(URI.create("incident-management/test"))
            .withType("incident.acknowledged")
            .build();

    @Test
    void notificationExposesTheCloudEventIdAsItsIdempotencyKey() {
        Notification n = notification(List.of());

        assertThat(n.id()).isEqualTo("7c1f6f3e-1d7a-4c1e-9a55-0d2b9f0f4a11");
        assertThat(n.type()).isEqualTo("incident.acknowledged");
    }

    @Test
    void notificationCopiesItsLinks() {
        List<URI> links = new ArrayList<>(List.of(URI.create("https://status.example.com/INC-2025-001")));
        Notification n = notification(links);
        links.clear();

        assertThat(n.links()).hasSize(1);
        assertThatThrownBy(() -> n.links().add(URI.create("https://evil.example")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void resultsSayWhatHappened() {
        assertThat(DeliveryResult.delivered()).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(DeliveryResult.retryLater("503")).isEqualTo(new DeliveryResult.RetryLater("503", Optional.empty()));
        assertThat(DeliveryResult.retryLater("429", Duration.ofSeconds(30)))
                .isEqualTo(new DeliveryResult.RetryLater("429", Optional.of(Duration.ofSeconds(30))));
        assertThat(DeliveryResult.failed("404")).isEqualTo(new DeliveryResult.Failed("404"));
    }

    @Test
    void aNegativeRetryDelayIsRejected() {
        assertThatThrownBy(() -> DeliveryResult.retryLater("429", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
    }

    @Test
    void aNotifierNeedsOnlyANameAndDeliver() {
        List<String> seen = new ArrayList<>();
        Notifier notifier = new Notifier() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public DeliveryResult deliver(Notification notification) {
                seen.add(notification.incidentId() + " " + notification.type());
                return DeliveryResult.delivered();
            }
        };

        try (notifier) {
            assertThat(notifier.deliver(notification(List.of()))).isEqualTo(DeliveryResult.delivered());
        }
        assertThat(seen).containsExactly("INC-2025-001 incident.acknowledged");
    }

    @Test
    void theConstructorOf010MakesANotificationWithoutARecipient() {
        Notification n = notification(List.of());

        assertThat(n.recipient()).isEmpty();
        assertThat(n.links()).isEmpty();
    }

    @Test
    void withRecipientMakesAPageForOnePersonAndLeavesTheRestAsItWas() {
        Notification n = notification(List.of(URI.create("https://status.example.com/INC-2025-001")));
        Recipient alice = new Recipient("alice", "slack", "U024BE7LH");

        Notification page = n.withRecipient(alice);

        assertThat(page.recipient()).contains(alice);
        assertThat(page).isEqualTo(new Notification(n.event(), n.incidentId(), n.title(), n.severity(), n.status(),
                n.service(), n.actor(), n.note(), n.links(), Optional.of(alice)));
        assertThat(n.recipient()).as("the original is unchanged").isEmpty();
    }

    @Test
    void aRecipientIsCheckedAndNeverPrintsItsAddress() {
        Recipient r = new Recipient("alice", "pagerduty", "R0UT1NGK3Y0123456789");

        assertThat(r.toString()).contains("alice", "pagerduty").doesNotContain("R0UT1NGK3Y");
        assertThatThrownBy(() -> new Recipient(" ", "slack", "U1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("person");
        assertThatThrownBy(() -> new Recipient("alice", "Slack", "U1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Slack'");
        assertThatThrownBy(() -> new Recipient("alice", "slack", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slack address of alice");
        assertThat(Recipient.isKind("sms.eu")).isTrue();
        assertThat(Recipient.isKind("-sms")).isFalse();
    }

    @Test
    void aNotifierReachesNobodyUnlessItSaysSo() {
        Notifier notifier = new Notifier() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public DeliveryResult deliver(Notification notification) {
                return DeliveryResult.delivered();
            }
        };

        assertThat(notifier.contactKinds()).isEmpty();
    }

    private Notification notification(List<URI> links) {
        return new Notification(event, "INC-2025-001", "Checkout latency", "SEV-2", "ACKNOWLEDGED", "checkout",
                "bob", Optional.of("Investigating"), links);
    }
}
