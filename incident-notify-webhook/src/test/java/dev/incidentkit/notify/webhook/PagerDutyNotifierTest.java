package dev.incidentkit.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Recipient;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PagerDutyNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "R0UT1NGKEY0123456789abcdefABCDEF";

    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private PagerDutyNotifier notifier() {
        return PagerDutyNotifier.builder(KEY).endpoint(server.uri("/v2/enqueue")).build();
    }

    private DeliveryResult deliver(Notification n) {
        try (PagerDutyNotifier pd = notifier()) {
            return pd.deliver(n);
        }
    }

    private JsonNode onlyEvent() throws Exception {
        LoopbackServer.Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v2/enqueue");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        return JSON.readTree(request.body());
    }

    @Test
    void triggersOnDeclare() throws Exception {
        server.answer(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"INC-2025-001\"}");

        DeliveryResult result = deliver(TestNotifications.notification().type("incident.declared").status("open")
                .note("p99 above 5 s").build());

        assertThat(result).isEqualTo(DeliveryResult.delivered());
        JsonNode event = onlyEvent();
        assertThat(event.get("routing_key").asText()).isEqualTo(KEY);
        assertThat(event.get("event_action").asText()).isEqualTo("trigger");
        assertThat(event.get("dedup_key").asText()).isEqualTo("INC-2025-001");
        JsonNode payload = event.get("payload");
        assertThat(payload.get("summary").asText()).isEqualTo("[SEV-2] INC-2025-001: Checkout latency");
        assertThat(payload.get("source").asText()).isEqualTo("incident-management/test");
        assertThat(payload.get("severity").asText()).isEqualTo("error");
        assertThat(payload.get("component").asText()).isEqualTo("checkout");
        assertThat(payload.get("class").asText()).isEqualTo("incident.declared");
        assertThat(payload.get("timestamp").asText()).isEqualTo("2025-03-01T14:30:00Z");
        JsonNode details = payload.get("custom_details");
        assertThat(details.get("incident_id").asText()).isEqualTo("INC-2025-001");
        assertThat(details.get("title").asText()).isEqualTo("Checkout latency");
        assertThat(details.get("severity").asText()).isEqualTo("SEV-2");
        assertThat(details.get("status").asText()).isEqualTo("open");
        assertThat(details.get("service").asText()).isEqualTo("checkout");
        assertThat(details.get("actor").asText()).isEqualTo("bob");
        assertThat(details.get("note").asText()).isEqualTo("p99 above 5 s");
        assertThat(details.get("event_type").asText()).isEqualTo("incident.declared");
        assertThat(details.get("event_id").asText()).isEqualTo(TestNotifications.EVENT_ID);
        assertThat(event.get("links")).hasSize(1);
        assertThat(event.get("links").get(0).get("href").asText()).isEqualTo(TestNotifications.INCIDENT_PAGE.toString());
        assertThat(event.get("links").get(0).get("text").asText()).isEqualTo("Open incident");
        assertThat(event.get("client").asText()).isEqualTo("IncidentKit");
        assertThat(event.get("client_url").asText()).isEqualTo(TestNotifications.INCIDENT_PAGE.toString());
    }

    @ParameterizedTest
    @CsvSource({"SEV-1, critical", "SEV-2, error", "SEV-3, warning", "SEV-4, info", "sev3, warning", "P4, info",
            "SEV-9, critical", "unknown, critical"})
    void mapsSeverities(String severity, String pagerDuty) throws Exception {
        deliver(TestNotifications.notification().type("incident.declared").severity(severity).build());

        assertThat(onlyEvent().get("payload").get("severity").asText()).isEqualTo(pagerDuty);
    }

    @Test
    void acknowledgesWithOnlyTheKeys() throws Exception {
        deliver(TestNotifications.notification().type("incident.acknowledged").status("acknowledged").build());

        JsonNode event = onlyEvent();
        assertThat(event.get("event_action").asText()).isEqualTo("acknowledge");
        assertThat(event.get("dedup_key").asText()).isEqualTo("INC-2025-001");
        assertThat(event.get("routing_key").asText()).isEqualTo(KEY);
        assertThat(event.size()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"incident.resolved", "incident.closed", "incident.canceled", "incident.marked_duplicate"})
    void resolvesWhenTheIncidentEnds(String type) throws Exception {
        deliver(TestNotifications.notification().type(type).status("resolved").build());

        JsonNode event = onlyEvent();
        assertThat(event.get("event_action").asText()).isEqualTo("resolve");
        assertThat(event.get("dedup_key").asText()).isEqualTo("INC-2025-001");
        assertThat(event.size()).isEqualTo(3);
    }

    @Test
    void triggersAgainOnReopenAndOnEscalationOfAnActiveIncident() throws Exception {
        assertThat(deliver(TestNotifications.notification().type("incident.reopened").status("INVESTIGATING").build()))
                .isEqualTo(DeliveryResult.delivered());
        assertThat(deliver(TestNotifications.notification().type("incident.severity_changed").severity("SEV-1")
                .status("INVESTIGATING").build())).isEqualTo(DeliveryResult.delivered());

        assertThat(server.requests()).hasSize(2);
        JsonNode escalation = JSON.readTree(server.requests().get(1).body());
        assertThat(escalation.get("event_action").asText()).isEqualTo("trigger");
        assertThat(escalation.get("payload").get("severity").asText()).isEqualTo("critical");
        assertThat(JSON.readTree(server.requests().get(0).body()).get("event_action").asText()).isEqualTo("trigger");
    }

    @ParameterizedTest
    @CsvSource({"incident.severity_changed, resolved", "incident.severity_changed, closed", "incident.note_added, mitigated",
            "incident.mitigated, mitigated", "incident.investigating, investigating", "incident.sla_breached, open",
            "incident.role_assigned, open", "incident.action_item_added, resolved"})
    void sendsNothingWhenThereIsNothingToTellPagerDuty(String type, String status) {
        DeliveryResult result = deliver(TestNotifications.notification().type(type).status(status).build());

        assertThat(result).isEqualTo(DeliveryResult.delivered());
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anInvalidEventFailsAndAThrottledOneIsRetried() {
        server.answer(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}");
        assertThat(deliver(TestNotifications.notification().type("incident.declared").build()))
                .isInstanceOfSatisfying(DeliveryResult.Failed.class,
                        f -> assertThat(f.reason()).contains("HTTP 400").contains("Event object is invalid"));
        server.answer(429, "", "Retry-After", "7");
        assertThat(deliver(TestNotifications.notification().type("incident.declared").build()))
                .isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                        r -> assertThat(r.delay()).contains(java.time.Duration.ofSeconds(7)));
    }

    @Test
    void aConfiguredSourceAndTheRedactorApply() throws Exception {
        try (PagerDutyNotifier pd = PagerDutyNotifier.builder(KEY).endpoint(server.uri("/v2/enqueue")).source("checkout-api")
                .redactor(Redactor.emailsAndTokens()).build()) {
            pd.deliver(TestNotifications.notification().type("incident.declared").title("mail carol@example.com")
                    .actor("alice@example.com").note("token=abc123").links(List.of(URI.create("ftp://x.example/y"))).build());
        }

        JsonNode event = onlyEvent();
        assertThat(event.get("payload").get("source").asText()).isEqualTo("checkout-api");
        assertThat(event.get("payload").get("summary").asText()).isEqualTo("[SEV-2] INC-2025-001: mail [redacted-email]");
        assertThat(event.get("payload").get("custom_details").get("actor").asText()).isEqualTo("[redacted-email]");
        assertThat(event.get("payload").get("custom_details").get("note").asText()).isEqualTo("token=[redacted]");
        assertThat(event.has("links")).isFalse();
    }

    @Test
    void cutsTheSummaryToPagerDutysLimit() throws Exception {
        deliver(TestNotifications.notification().type("incident.declared").title("x".repeat(2000)).build());

        assertThat(onlyEvent().get("payload").get("summary").asText()).hasSize(1024).endsWith("x…");
    }

    @Test
    void rejectsABadRoutingKeyWithoutQuotingIt() {
        assertThatThrownBy(() -> PagerDutyNotifier.builder("secret key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("routingKey").hasMessageContaining("10 characters")
                .hasMessageNotContaining("secret key");
        assertThatThrownBy(() -> PagerDutyNotifier.builder("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PagerDutyNotifier.builder(KEY).source(" ")).hasMessageContaining("' '");
        assertThat(PagerDutyNotifier.builder(KEY).build().toString())
                .isEqualTo("PagerDutyNotifier[name=pagerduty, endpoint=https://events.pagerduty.com]").doesNotContain(KEY);
    }

    @Test
    void aPageTriggersWithThePersonsOwnRoutingKeyAndTheIncidentAsDedupKey() throws Exception {
        server.answer(202, "{\"status\":\"success\"}");
        Notification page = TestNotifications.notification().type("incident.paged").status("open")
                .recipient(new Recipient("alice", "pagerduty", "ALICEKEY0123456789")).build();

        assertThat(deliver(page)).isEqualTo(DeliveryResult.delivered());

        JsonNode event = onlyEvent();
        assertThat(event.get("routing_key").asText()).isEqualTo("ALICEKEY0123456789");
        assertThat(event.get("event_action").asText()).isEqualTo("trigger");
        assertThat(event.get("dedup_key").asText()).isEqualTo("INC-2025-001");
        assertThat(event.get("payload").get("summary").asText()).isEqualTo("[SEV-2] INC-2025-001: Checkout latency");
        assertThat(event.get("payload").get("class").asText()).isEqualTo("incident.paged");
    }

    @Test
    void aPageWithoutARecipientSendsNothingAsBefore() {
        assertThat(deliver(TestNotifications.notification().type("incident.paged").build()))
                .isEqualTo(DeliveryResult.delivered());
        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALICE KEY", "ALICEKÉY", " "})
    void aPageToAnAddressThatIsNoRoutingKeyFailsForGoodWithoutQuotingIt(String address) {
        Notification page = TestNotifications.notification().type("incident.paged")
                .recipient(new Recipient("alice", "pagerduty", address)).build();

        DeliveryResult result = deliver(page);

        assertThat(result).isInstanceOf(DeliveryResult.Failed.class);
        assertThat(((DeliveryResult.Failed) result).reason()).contains("pagerduty address of alice")
                .contains("not a routing key").doesNotContain("ALICE");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theKindsArePagerDutyByDefaultAndSetWhereTheNotifierIsBuilt() {
        try (PagerDutyNotifier pd = notifier();
                PagerDutyNotifier other = PagerDutyNotifier.builder(KEY).endpoint(server.uri("/v2/enqueue"))
                        .contactKinds("pagerduty-eu").build()) {
            assertThat(pd.contactKinds()).containsExactly("pagerduty");
            assertThat(other.contactKinds()).containsExactly("pagerduty-eu");
            DeliveryResult result = other.deliver(TestNotifications.notification().type("incident.paged")
                    .recipient(new Recipient("alice", "pagerduty", "ALICEKEY0123456789")).build());
            assertThat(result).isEqualTo(DeliveryResult.failed(
                    "notifier pagerduty reaches no one by pagerduty (it takes pagerduty-eu), so it cannot page alice"));
        }
        assertThat(server.requests()).isEmpty();
        assertThatThrownBy(() -> PagerDutyNotifier.builder(KEY).contactKinds("Pager Duty"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Pager Duty'");
    }
}
