package dev.incidentkit.web;

import static dev.incidentkit.web.AlertHarness.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertStatus;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.web.WebHarness.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("POST /api/v1/alerts/alertmanager: Alertmanager's webhook, version 4")
class AlertmanagerReceiverTest {

    private final AlertHarness h = new AlertHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private static ObjectNode firing() {
        return parse(AlertHarness.payload("alertmanager-firing.json"));
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) WebHarness.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("a firing group declares one incident, as integration:alertmanager, with both alerts attached")
    void firingGroup() {
        Reply r = h.alertmanager(AlertHarness.payload("alertmanager-firing.json"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode answer = r.json();
        assertThat(answer.get("received").asInt()).isEqualTo(2);
        assertThat(answer.get("truncated_alerts").asInt()).isZero();
        JsonNode first = answer.get("alerts").get(0);
        JsonNode second = answer.get("alerts").get(1);
        assertThat(first.get("outcome").asText()).isEqualTo("declared");
        assertThat(first.get("dedup_key").asText()).isEqualTo("c2f3a1b0d4e5f607");
        assertThat(second.get("outcome").asText()).isEqualTo("joined");
        String id = first.get("incident_id").asText();
        assertThat(second.get("incident_id").asText()).isEqualTo(id);

        Incident incident = h.incidents.get(id);
        assertThat(incident.title()).isEqualTo("Checkout p99 latency above 2s");
        assertThat(incident.severity()).isEqualTo(Severity.SEV1);
        assertThat(incident.service()).isEqualTo("checkout");
        assertThat(incident.declaredBy().name()).isEqualTo("integration:alertmanager");
        assertThat(h.types(id)).containsExactly(EventTypes.DECLARED, EventTypes.ALERT_ATTACHED, EventTypes.ALERT_ATTACHED);
        assertThat(h.incidents.history(id)).allSatisfy(e -> assertThat(e.actor().name()).isEqualTo("integration:alertmanager"));

        Alert alert = h.alerts().stream().filter(a -> a.details().dedupKey().equals("c2f3a1b0d4e5f607")).findFirst().orElseThrow();
        assertThat(alert.details().source()).isEqualTo("alertmanager");
        assertThat(alert.details().severity()).isEqualTo("critical");
        assertThat(alert.details().labels()).containsEntry("instance", "checkout-1:9090");
        assertThat(alert.details().links()).containsOnlyKeys("Source", "Runbook")
                .containsEntry("Runbook", "https://runbooks.example.com/checkout/latency");
        assertThat(alert.details().startsAt()).isEqualTo("2025-08-23T13:58:30.123456Z");
    }

    @Test
    @DisplayName("the same fingerprint twice is one alert, repeated: one incident, repeats 2")
    void dedup() {
        h.alertmanager(AlertHarness.payload("alertmanager-firing.json"));
        h.clock.advance(Duration.ofMinutes(5));
        Reply again = h.alertmanager(AlertHarness.payload("alertmanager-firing.json"));

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("alerts").get(0).get("outcome").asText()).isEqualTo("repeated");
        assertThat(again.json().get("alerts").get(0).get("repeats").asLong()).isEqualTo(2);
        assertThat(h.incidents.query(dev.incidentkit.core.query.IncidentQuery.all()).incidents()).hasSize(1);
        assertThat(h.alerts()).hasSize(2).allSatisfy(a -> assertThat(a.repeats()).isEqualTo(2));
    }

    @Test
    @DisplayName("the resolved group resolves both alerts (incident.alert_resolved) and notes that every alert resolved")
    void resolvedGroup() {
        String id = h.alertmanager(AlertHarness.payload("alertmanager-firing.json")).json().get("alerts").get(0)
                .get("incident_id").asText();
        h.clock.advance(Duration.ofMinutes(12));

        Reply r = h.alertmanager(AlertHarness.payload("alertmanager-resolved.json"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("alerts")).allSatisfy(a -> {
            assertThat(a.get("status").asText()).isEqualTo("resolved");
            assertThat(a.get("outcome").asText()).isEqualTo("resolved");
        });
        assertThat(h.types(id)).containsExactly(EventTypes.DECLARED, EventTypes.ALERT_ATTACHED, EventTypes.ALERT_ATTACHED,
                EventTypes.ALERT_RESOLVED, EventTypes.ALERT_RESOLVED, EventTypes.NOTE_ADDED);
        assertThat(h.alerts()).allSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED));
        assertThat(h.incidents.get(id).status().isActive()).as("no auto-resolve by default").isTrue();
    }

    @Test
    @DisplayName("alerts left out by max_alerts (truncatedAlerts) are counted in the answer; the rest are received")
    void truncated() {
        ObjectNode payload = firing();
        payload.put("truncatedAlerts", 3);
        ((com.fasterxml.jackson.databind.node.ArrayNode) payload.get("alerts")).remove(1);

        Reply r = h.alertmanager(payload.toString());

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("truncated_alerts").asInt()).isEqualTo(3);
        assertThat(r.json().get("received").asInt()).isEqualTo(1);
        assertThat(h.alerts()).hasSize(1);
    }

    @Test
    @DisplayName("unknown fields, top-level and in an alert, are ignored")
    void unknownFields() {
        ObjectNode payload = firing();
        payload.put("somethingNew", "v5-preview");
        payload.putObject("nested").put("x", 1);
        ((ObjectNode) payload.get("alerts").get(0)).put("silencedBy", "nobody").putArray("inhibitedBy");

        Reply r = h.alertmanager(payload.toString());

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(h.alerts()).hasSize(2);
    }

    @Test
    @DisplayName("an alert without a fingerprint is deduplicated by its sorted labels; without a summary it is named by alertname")
    void noFingerprint() {
        String json = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"job\":\"api\",\"alertname\":\"InstanceDown\"},\"annotations\":{}}]}";
        String reordered = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"InstanceDown\",\"job\":\"api\"}}]}";

        h.alertmanager(json);
        Reply again = h.alertmanager(reordered);

        assertThat(again.json().get("alerts").get(0).get("outcome").asText()).isEqualTo("repeated");
        assertThat(h.alerts()).singleElement().satisfies(a -> {
            assertThat(a.details().summary()).isEqualTo("InstanceDown");
            assertThat(a.details().dedupKey()).startsWith("sha256:");
            assertThat(a.details().links()).isEmpty();
        });
    }

    @Test
    @DisplayName("a bad alert anywhere in the group: 400 naming it by its path, and nothing written for any alert")
    void badAlertWritesNothing() {
        ObjectNode payload = firing();
        ((ObjectNode) payload.get("alerts").get(1).get("labels")).put("service", "line one\nline two");

        Reply r = h.alertmanager(payload.toString());

        JsonNode p = r.problem(400);
        assertThat(p.get("field").asText()).isEqualTo("alerts[1].labels.service");
        h.assertNothingWritten();
    }

    @Test
    @DisplayName("malformed JSON, wrong types, missing fields, another version: 400 naming the field, nothing written")
    void refusals() {
        assertField(h.alertmanager("{\"alerts\":[{\"status\":\"firing\""), "body");
        assertField(h.alertmanager("[]"), "body");
        assertField(h.alertmanager("{\"version\":\"4\"}"), "alerts");
        assertField(h.alertmanager("{\"version\":\"4\",\"alerts\":{}}"), "alerts");
        assertField(h.alertmanager("{\"version\":\"3\",\"alerts\":[]}"), "version");
        assertField(h.alertmanager("{\"alerts\":[{\"labels\":{\"a\":\"b\"}}]}"), "alerts[0].status");
        assertField(h.alertmanager("{\"alerts\":[{\"status\":\"pending\",\"labels\":{\"a\":\"b\"}}]}"), "alerts[0].status");
        assertField(h.alertmanager("{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":1}}]}"), "alerts[0].labels.a");
        assertField(h.alertmanager("{\"alerts\":[{\"status\":\"firing\",\"labels\":[\"a\"]}]}"), "alerts[0].labels");
        assertField(h.alertmanager("{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":\"b\"},\"startsAt\":\"yesterday\"}]}"),
                "alerts[0].startsAt");
        assertField(h.alertmanager("{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":\"b\"},\"truncatedAlerts\":1}],"
                + "\"truncatedAlerts\":\"many\"}"), "truncatedAlerts");
        assertField(h.alertmanager("{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":\"b\"},\"fingerprint\":\""
                + "f".repeat(300) + "\"}]}"), "alerts[0].fingerprint");
        assertField(h.alertmanager("{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"bad-name\":\"b\"}}]}"), "alerts[0].labels");
        h.assertNothingWritten();
    }

    @Test
    @DisplayName("hostile text is kept as text: </script> in a summary is stored as sent, never executed, and in the answer only as JSON")
    void hostileText() {
        ObjectNode payload = firing();
        ((ObjectNode) payload.get("alerts").get(0).get("annotations")).put("summary", HtmlPages.HOSTILE);
        ((ObjectNode) payload.get("alerts").get(1).get("labels")).put("severity", "</script>\u0000");

        Reply refused = h.alertmanager(payload.toString());

        assertThat(refused.problem(400).get("field").asText()).isEqualTo("alerts[1].labels.severity");
        assertThat(refused.body()).doesNotContain("</script>");
        h.assertNothingWritten();

        ((ObjectNode) payload.get("alerts").get(1).get("labels")).put("severity", "critical");
        Reply r = h.alertmanager(payload.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(h.alerts()).anySatisfy(a -> assertThat(a.details().summary()).isEqualTo(HtmlPages.HOSTILE));
    }

    @Test
    @DisplayName("an oversized body is refused with 413 before it is read, nothing written")
    void oversized() {
        String big = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":\"" + "x".repeat(1 << 20) + "\"}}]}";

        h.alertmanager(big).problem(413);

        h.assertNothingWritten();
    }

    @Test
    @DisplayName("no key, a wrong key, a user's API token, or the key in the query: 401 with a challenge, nothing written")
    void keys() {
        String json = AlertHarness.payload("alertmanager-firing.json");
        Reply none = h.postWithKey("/api/v1/alerts/alertmanager", null, json);
        none.problem(401);
        assertThat(none.header("WWW-Authenticate")).isPresent();
        h.postWithKey("/api/v1/alerts/alertmanager", "am-key-0123456789abcdef012345678X", json).problem(401);
        h.post("/api/v1/alerts/alertmanager", "carl", json).problem(401);
        Reply query = h.postWithKey("/api/v1/alerts/alertmanager?key=" + AlertHarness.ALERTMANAGER_KEY, null, json);
        assertThat(query.status()).isIn(400, 401);
        assertThat(query.body()).doesNotContain(AlertHarness.ALERTMANAGER_KEY);
        h.assertNothingWritten();
    }

    @Test
    @DisplayName("the other integration's key works too, and its alerts are its own source")
    void otherIntegration() {
        Reply r = h.postWithKey("/api/v1/alerts/alertmanager", AlertHarness.PAGERDUTY_KEY,
                AlertHarness.payload("alertmanager-firing.json"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(h.alerts()).allSatisfy(a -> assertThat(a.details().source()).isEqualTo("pagerduty"));
    }
}
