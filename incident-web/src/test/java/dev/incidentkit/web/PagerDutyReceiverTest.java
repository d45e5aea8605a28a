package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertStatus;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.web.WebHarness.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("POST /v2/enqueue: PagerDuty's Events API v2, with PagerDuty's own example events")
class PagerDutyReceiverTest {

    private final AlertHarness h = new AlertHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private static ObjectNode trigger() {
        return AlertmanagerReceiverTest.parse(AlertHarness.payload("pagerduty-trigger.json"));
    }

    /** Asserts PagerDuty's refusal: its status, "invalid event" and an error naming the field. */
    private static void assertRefused(Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).hasValue("application/json");
        JsonNode body = r.json();
        assertThat(body.get("status").asText()).isEqualTo("invalid event");
        assertThat(body.get("message").asText()).isEqualTo("Event object is invalid");
        assertThat(body.get("errors")).singleElement().satisfies(e -> assertThat(e.asText()).startsWith(field + ": "));
    }

    @Test
    @DisplayName("trigger: 202 as PagerDuty answers; the alert declares an incident with PagerDuty's fields kept")
    void triggerDeclares() {
        Reply r = h.pagerDuty(AlertHarness.payload("pagerduty-trigger.json"));

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("status").asText()).isEqualTo("success");
        assertThat(r.json().get("message").asText()).isEqualTo("Event processed");
        assertThat(r.json().get("dedup_key").asText()).isEqualTo("srv01/mysql");
        Alert alert = h.alerts().get(0);
        assertThat(alert.details().source()).isEqualTo("pagerduty");
        assertThat(alert.details().summary()).isEqualTo("DISK at 99% on machine prod-datapipe03.example.com");
        assertThat(alert.details().severity()).isEqualTo("critical");
        assertThat(alert.details().labels()).containsEntry("source", "prod-datapipe03.example.com")
                .containsEntry("component", "mysql").containsEntry("group", "prod-datapipe").containsEntry("class", "disk");
        assertThat(alert.details().annotations().get("custom_details")).contains("\"free space\":\"1%\"");
        assertThat(alert.details().links()).containsEntry("An example link.", "http://pagerduty.example.com")
                .containsEntry("Sample Monitoring Service", "https://monitoring.service.com");
        assertThat(alert.details().startsAt()).isEqualTo("2015-07-17T08:42:58.315Z");
        Incident incident = h.incidents.get(alert.incidentId().orElseThrow());
        assertThat(incident.severity()).isEqualTo(Severity.SEV1);
        assertThat(incident.declaredBy().name()).isEqualTo("integration:pagerduty");
    }

    @Test
    @DisplayName("acknowledge acknowledges the incident; resolve resolves the alert and notes that every alert resolved")
    void acknowledgeAndResolve() {
        h.pagerDuty(AlertHarness.payload("pagerduty-trigger.json"));
        String id = h.alerts().get(0).incidentId().orElseThrow();
        h.clock.advance(Duration.ofMinutes(3));

        Reply ack = h.pagerDuty(AlertHarness.payload("pagerduty-acknowledge.json"));
        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        assertThat(h.incidents.get(id).status()).isEqualTo(Status.ACKNOWLEDGED);

        Reply resolve = h.pagerDuty(AlertHarness.payload("pagerduty-resolve.json"));
        assertThat(resolve.status()).as(resolve.body()).isEqualTo(202);
        assertThat(resolve.json().get("dedup_key").asText()).isEqualTo("srv01/mysql");
        assertThat(h.alerts().get(0).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(h.types(id)).containsExactly(EventTypes.DECLARED, EventTypes.ALERT_ATTACHED, EventTypes.ACKNOWLEDGED,
                EventTypes.ALERT_RESOLVED, EventTypes.NOTE_ADDED);
    }

    @Test
    @DisplayName("a trigger without dedup_key gets one, returned, which resolves it; the same dedup_key twice is one alert")
    void dedupKeys() {
        ObjectNode event = trigger();
        event.remove("dedup_key");
        String made = h.pagerDuty(event.toString()).json().get("dedup_key").asText();
        assertThat(made).matches("[0-9a-f]{32}");

        h.pagerDuty(AlertHarness.payload("pagerduty-trigger.json"));
        h.pagerDuty(AlertHarness.payload("pagerduty-trigger.json"));
        assertThat(h.alerts()).hasSize(2);
        assertThat(h.alerts()).filteredOn(a -> a.details().dedupKey().equals("srv01/mysql"))
                .singleElement().satisfies(a -> assertThat(a.repeats()).isEqualTo(2));

        Reply resolve = h.pagerDuty("{\"routing_key\":\"" + AlertHarness.PAGERDUTY_KEY + "\",\"event_action\":\"resolve\","
                + "\"dedup_key\":\"" + made + "\"}");
        assertThat(resolve.status()).isEqualTo(202);
        assertThat(h.alerts()).filteredOn(a -> a.details().dedupKey().equals(made))
                .singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED));
    }

    @Test
    @DisplayName("refused events: 400 invalid event, the error naming the field, nothing written")
    void refusals() {
        String key = "\"routing_key\":\"" + AlertHarness.PAGERDUTY_KEY + "\"";
        assertRefused(h.pagerDuty("{" + key), "body");
        assertRefused(h.pagerDuty("{" + key + "}"), "event_action");
        assertRefused(h.pagerDuty("{" + key + ",\"event_action\":\"escalate\"}"), "event_action");
        assertRefused(h.pagerDuty("{" + key + ",\"event_action\":\"resolve\"}"), "dedup_key");
        assertRefused(h.pagerDuty("{" + key + ",\"event_action\":\"trigger\"}"), "payload");
        ObjectNode noSeverity = trigger();
        ((ObjectNode) noSeverity.get("payload")).remove("severity");
        assertRefused(h.pagerDuty(noSeverity.toString()), "payload.severity");
        ObjectNode badSeverity = trigger();
        ((ObjectNode) badSeverity.get("payload")).put("severity", "sev1");
        assertRefused(h.pagerDuty(badSeverity.toString()), "payload.severity");
        ObjectNode numberSummary = trigger();
        ((ObjectNode) numberSummary.get("payload")).put("summary", 42);
        assertRefused(h.pagerDuty(numberSummary.toString()), "payload.summary");
        ObjectNode longSummary = trigger();
        ((ObjectNode) longSummary.get("payload")).put("summary", "x".repeat(1025));
        assertRefused(h.pagerDuty(longSummary.toString()), "payload.summary");
        ObjectNode badTime = trigger();
        ((ObjectNode) badTime.get("payload")).put("timestamp", "17/07/2015");
        assertRefused(h.pagerDuty(badTime.toString()), "payload.timestamp");
        ObjectNode badLink = trigger();
        ((ObjectNode) badLink.get("links").get(0)).put("href", "javascript:alert(1)");
        assertRefused(h.pagerDuty(badLink.toString()), "links[0].href");
        ObjectNode hostile = trigger();
        ((ObjectNode) hostile.get("payload")).put("component", "</script>\n<script>alert(1)</script>");
        Reply r = h.pagerDuty(hostile.toString());
        assertRefused(r, "payload.component");
        assertThat(r.body()).doesNotContain("<script>");
        h.assertNothingWritten();
    }

    @Test
    @DisplayName("a missing or unknown routing_key: 401, nothing written; never echoed")
    void routingKey() {
        ObjectNode none = trigger();
        none.remove("routing_key");
        Reply missing = h.pagerDuty(none.toString());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("errors").get(0).asText()).startsWith("routing_key: ");

        ObjectNode wrong = trigger();
        wrong.put("routing_key", "ffffffffffffffffffffffffffffffff");
        Reply refused = h.pagerDuty(wrong.toString());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("ffffffffffffffffffffffffffffffff");
        h.assertNothingWritten();
    }
}
