package dev.incidentkit.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Recipient;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CloudEventsWebhookNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2025-03-01T14:30:05Z");

    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Nested
    class BinaryMode {

        @Test
        void sendsTheDataAsTheBodyAndTheAttributesAsCeHeaders() throws Exception {
            TestNotifications.Builder fixture = TestNotifications.notification();
            try (CloudEventsWebhookNotifier notifier = CloudEventsWebhookNotifier.builder(server.uri("/events")).build()) {
                assertThat(notifier.deliver(fixture.build())).isEqualTo(DeliveryResult.delivered());
            }

            LoopbackServer.Request request = server.onlyRequest();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/events");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("ce-specversion")).isEqualTo("1.0");
            assertThat(request.header("ce-id")).isEqualTo(TestNotifications.EVENT_ID);
            assertThat(request.header("ce-source")).isEqualTo("incident-management/test");
            assertThat(request.header("ce-type")).isEqualTo("incident.mitigated");
            assertThat(request.header("ce-subject")).isEqualTo("INC-2025-001");
            assertThat(request.header("ce-time")).isEqualTo("2025-03-01T14:30:00Z");
            assertThat(request.header("ce-actor")).isEqualTo("bob");
            assertThat(request.header("ce-incidentversion")).isEqualTo("3");
            assertThat(request.header("Idempotency-Key")).isEqualTo(TestNotifications.EVENT_ID);
            assertThat(request.optionalHeader("ce-datacontenttype")).isEmpty();
            assertThat(request.optionalHeader(CloudEventsWebhookNotifier.SIGNATURE_HEADER)).isEmpty();
            assertThat(request.optionalHeader("Upgrade")).as("no h2c upgrade over cleartext").isEmpty();
            assertThat(request.header("User-Agent")).startsWith("IncidentKit-Notifier/");
            assertThat(request.body()).isEqualTo(fixture.data());
            JsonNode data = JSON.readTree(request.body());
            assertThat(data.get("incident_id").asText()).isEqualTo("INC-2025-001");
            assertThat(data.get("title").asText()).isEqualTo("Checkout latency");
        }

        @Test
        void percentEncodesHeaderValuesAsTheBindingSays() {
            Notification n = TestNotifications.notification().actor("Zoë \"Ω\" 100%").build();
            try (CloudEventsWebhookNotifier notifier = CloudEventsWebhookNotifier.builder(server.uri("/events")).build()) {
                notifier.deliver(n);
            }

            String header = server.onlyRequest().header("ce-actor");
            assertThat(header).isEqualTo("Zo%C3%AB%20%22%CE%A9%22%20100%25");
            assertThat(URLDecoder.decode(header, StandardCharsets.UTF_8)).isEqualTo("Zoë \"Ω\" 100%");
        }

        @Test
        void anEventWithoutDataSendsAnEmptyBodyWithoutContentType() {
            CloudEvent bare = CloudEventBuilder.v1().withId("e-1").withSource(URI.create("/x")).withType("incident.note_added").build();
            try (CloudEventsWebhookNotifier notifier = CloudEventsWebhookNotifier.builder(server.uri("/events")).build()) {
                assertThat(notifier.deliver(TestNotifications.notification().build(bare))).isEqualTo(DeliveryResult.delivered());
            }

            LoopbackServer.Request request = server.onlyRequest();
            assertThat(request.body()).isEmpty();
            assertThat(request.header("ce-id")).isEqualTo("e-1");
            assertThat(request.optionalHeader("ce-subject")).isEmpty();
            assertThat(request.optionalHeader("ce-time")).isEmpty();
        }
    }

    @Nested
    class StructuredMode {

        @Test
        void sendsTheWholeEventInTheJsonEventFormat() throws Exception {
            TestNotifications.Builder fixture = TestNotifications.notification();
            CloudEvent event = fixture.event();
            try (CloudEventsWebhookNotifier notifier = CloudEventsWebhookNotifier.builder(server.uri("/events"))
                    .mode(CloudEventsWebhookNotifier.Mode.STRUCTURED).build()) {
                assertThat(notifier.deliver(fixture.build(event))).isEqualTo(DeliveryResult.delivered());
            }

            LoopbackServer.Request request = server.onlyRequest();
            assertThat(request.header("Content-Type")).isEqualTo("application/cloudevents+json; charset=utf-8");
            assertThat(request.header("Idempotency-Key")).isEqualTo(TestNotifications.EVENT_ID);
            assertThat(request.optionalHeader("ce-id")).isEmpty();
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("specversion").asText()).isEqualTo("1.0");
            assertThat(body.get("id").asText()).isEqualTo(TestNotifications.EVENT_ID);
            assertThat(body.get("source").asText()).isEqualTo("incident-management/test");
            assertThat(body.get("type").asText()).isEqualTo("incident.mitigated");
            assertThat(body.get("subject").asText()).isEqualTo("INC-2025-001");
            assertThat(body.get("time").asText()).isEqualTo("2025-03-01T14:30:00Z");
            assertThat(body.get("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(body.get("actor").asText()).isEqualTo("bob");
            assertThat(body.get("incidentversion").asInt()).isEqualTo(3);
            assertThat(body.get("data")).isEqualTo(JSON.readTree(fixture.data()));
            CloudEvent read = new JsonFormat().deserialize(request.body());
            assertThat(read.getId()).isEqualTo(event.getId());
            assertThat(read.getTime()).isEqualTo(event.getTime());
            assertThat(read.getExtension("incidentversion")).isEqualTo(3);
            assertThat(JSON.readTree(read.getData().toBytes())).isEqualTo(JSON.readTree(fixture.data()));
        }
    }

    @Nested
    class Signature {

        private CloudEventsWebhookNotifier signed(CloudEventsWebhookNotifier.Mode mode) {
            return CloudEventsWebhookNotifier.builder(server.uri("/events")).mode(mode).signingSecret(SECRET)
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        }

        @Test
        void signsTheTimestampAndTheExactBodyBytes() throws Exception {
            try (CloudEventsWebhookNotifier notifier = signed(CloudEventsWebhookNotifier.Mode.BINARY)) {
                notifier.deliver(TestNotifications.notification().build());
            }
            try (CloudEventsWebhookNotifier notifier = signed(CloudEventsWebhookNotifier.Mode.STRUCTURED)) {
                notifier.deliver(TestNotifications.notification().build());
            }

            assertThat(server.requests()).hasSize(2).allSatisfy(request -> {
                String timestamp = request.header(CloudEventsWebhookNotifier.TIMESTAMP_HEADER);
                assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
                assertThat(request.header(CloudEventsWebhookNotifier.SIGNATURE_HEADER))
                        .isEqualTo("sha256=" + hmac(SECRET, timestamp + "." + request.bodyText()));
            });
        }

        @Test
        void theSignatureChangesWithTheBody() {
            try (CloudEventsWebhookNotifier notifier = signed(CloudEventsWebhookNotifier.Mode.BINARY)) {
                notifier.deliver(TestNotifications.notification().title("one").build());
                notifier.deliver(TestNotifications.notification().title("two").build());
            }

            assertThat(server.requests().get(0).header(CloudEventsWebhookNotifier.SIGNATURE_HEADER))
                    .isNotEqualTo(server.requests().get(1).header(CloudEventsWebhookNotifier.SIGNATURE_HEADER));
        }

        @Test
        void aShortSecretIsRejectedWithoutQuotingIt() {
            assertThatThrownBy(() -> CloudEventsWebhookNotifier.builder(server.uri("/")).signingSecret("hunter2"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 16 bytes")
                    .hasMessageContaining("7")
                    .hasMessageNotContaining("hunter2");
        }

        private String hmac(String secret, String text) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Nested
    class Configuration {

        @Test
        void sendsTheHostsExtraHeaders() {
            try (CloudEventsWebhookNotifier notifier = CloudEventsWebhookNotifier.builder(server.uri("/events"))
                    .header("Authorization", "Bearer abc").build()) {
                notifier.deliver(TestNotifications.notification().build());
            }

            assertThat(server.onlyRequest().header("Authorization")).isEqualTo("Bearer abc");
        }

        @Test
        void rejectsHeadersItSetsItselfOrThatAreMalformed() {
            CloudEventsWebhookNotifier.Builder builder = CloudEventsWebhookNotifier.builder(server.uri("/"));
            assertThatThrownBy(() -> builder.header("ce-id", "x")).hasMessageContaining("ce-id");
            assertThatThrownBy(() -> builder.header("Content-Type", "text/plain")).hasMessageContaining("Content-Type");
            assertThatThrownBy(() -> builder.header("X-IncidentKit-Signature", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> builder.header("Bad Name", "x")).hasMessageContaining("'Bad Name'");
            assertThatThrownBy(() -> builder.header("X-Ok", "line\r\nInjected: yes")).hasMessageContaining("X-Ok");
        }

        @Test
        void rejectsBadSettingsNamingTheValue() {
            assertThatThrownBy(() -> CloudEventsWebhookNotifier.builder(URI.create("ftp://example.com/x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://");
            assertThatThrownBy(() -> CloudEventsWebhookNotifier.builder(URI.create("/relative")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
            assertThatThrownBy(() -> CloudEventsWebhookNotifier.builder(URI.create("https://user:pw@example.com/x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user information")
                    .hasMessageNotContaining("pw");
            CloudEventsWebhookNotifier.Builder builder = CloudEventsWebhookNotifier.builder(server.uri("/"));
            assertThatThrownBy(() -> builder.name("Slack On-Call")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'Slack On-Call'");
            assertThatThrownBy(() -> builder.timeout(java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PT0S");
            assertThat(builder.name("webhook.audit-1").build().name()).isEqualTo("webhook.audit-1");
            assertThat(CloudEventsWebhookNotifier.builder(server.uri("/")).build().name()).isEqualTo("webhook");
        }
    }

    @Nested
    class Redaction {

        @Test
        void redactsEveryStringInTheDataAndTheActorButNothingElse() throws Exception {
            Notification n = TestNotifications.notification()
                    .actor("alice@example.com")
                    .note("rotated token ghp_abcdefghijklmnopqrstuvwxyz0123456789, mail ops@example.com")
                    .build();
            try (CloudEventsWebhookNotifier notifier = CloudEventsWebhookNotifier.builder(server.uri("/events"))
                    .redactor(Redactor.emailsAndTokens()).build()) {
                assertThat(notifier.deliver(n)).isEqualTo(DeliveryResult.delivered());
            }

            LoopbackServer.Request request = server.onlyRequest();
            assertThat(request.header("ce-actor")).isEqualTo("[redacted-email]");
            assertThat(request.header("ce-id")).isEqualTo(TestNotifications.EVENT_ID);
            JsonNode data = JSON.readTree(request.body());
            assertThat(data.get("note").asText())
                    .isEqualTo("rotated token [redacted-token], mail [redacted-email]");
            assertThat(data.get("incident_id").asText()).isEqualTo("INC-2025-001");
            assertThat(data.get("title").asText()).isEqualTo("Checkout latency");
        }

        @Test
        void dataThatIsNotTheJsonItClaimsFailsRatherThanLeaveUnredacted() {
            CloudEvent broken = CloudEventBuilder.v1(TestNotifications.notification().event())
                    .withData("application/json", "{\"note\": \"ops@example.com".getBytes(StandardCharsets.UTF_8)).build();
            try (CloudEventsWebhookNotifier notifier = CloudEventsWebhookNotifier.builder(server.uri("/events"))
                    .redactor(Redactor.emailsAndTokens()).build()) {
                assertThat(notifier.deliver(TestNotifications.notification().build(broken)))
                        .isInstanceOfSatisfying(DeliveryResult.Failed.class,
                                f -> assertThat(f.reason()).contains("cannot be redacted"));
            }

            assertThat(server.requests()).isEmpty();
        }
    }

    @Nested
    class Pages {

        private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        private CloudEventsWebhookNotifier notifier() {
            return CloudEventsWebhookNotifier.builder(server.uri("/events")).signingSecret(SECRET).clock(clock)
                    .header("Authorization", "Bearer team-token").build();
        }

        @Test
        void aPageIsPostedToThePersonsUrlWithTheBodyAndHeadersOfAnyNotification() {
            TestNotifications.Builder fixture = TestNotifications.notification().type("incident.paged");
            URI alice = server.uri("/people/alice?token=s3cret");
            try (CloudEventsWebhookNotifier notifier = notifier()) {
                assertThat(notifier.contactKinds()).containsExactly("webhook");
                assertThat(notifier.deliver(fixture.build())).isEqualTo(DeliveryResult.delivered());
                assertThat(notifier.deliver(fixture.recipient(new Recipient("alice", "webhook", alice.toString())).build()))
                        .isEqualTo(DeliveryResult.delivered());
            }

            assertThat(server.requests()).hasSize(2);
            LoopbackServer.Request usual = server.requests().get(0);
            LoopbackServer.Request page = server.requests().get(1);
            assertThat(usual.path()).isEqualTo("/events");
            assertThat(page.path()).isEqualTo("/people/alice");
            assertThat(page.body()).isEqualTo(usual.body());
            assertThat(page.headers()).isEqualTo(usual.headers());
            assertThat(page.header("Authorization")).isEqualTo("Bearer team-token");
            assertThat(page.header(CloudEventsWebhookNotifier.SIGNATURE_HEADER)).startsWith("sha256=");
        }

        @Test
        void anAddressThatIsNoWebUrlFailsForGoodWithoutQuotingItsPath() {
            try (CloudEventsWebhookNotifier notifier = notifier()) {
                for (String address : new String[] {"ftp://files.example.com/secret-path", "/relative/secret-path",
                        "https://user:pw@hooks.example.com/secret-path", "https://hooks example.com/secret-path",
                        "mailto:alice@example.com"}) {
                    DeliveryResult result = notifier.deliver(TestNotifications.notification().type("incident.paged")
                            .recipient(new Recipient("alice", "webhook", address)).build());
                    assertThat(result).as(address).isInstanceOf(DeliveryResult.Failed.class);
                    assertThat(((DeliveryResult.Failed) result).reason()).as(address)
                            .contains("webhook address of alice").doesNotContain("secret-path", "pw");
                }
            }
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void theKindsAreSetWhereTheNotifierIsBuilt() {
            try (CloudEventsWebhookNotifier notifier = CloudEventsWebhookNotifier.builder(server.uri("/events"))
                    .contactKinds("opsgenie-hook").build()) {
                assertThat(notifier.contactKinds()).containsExactly("opsgenie-hook");
                assertThat(notifier.deliver(TestNotifications.notification().type("incident.paged")
                        .recipient(new Recipient("alice", "webhook", server.uri("/people/alice").toString())).build()))
                        .isInstanceOf(DeliveryResult.Failed.class);
            }
            assertThat(server.requests()).isEmpty();
            assertThatThrownBy(() -> CloudEventsWebhookNotifier.builder(server.uri("/events")).contactKinds("a b"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a b'");
        }
    }
}
