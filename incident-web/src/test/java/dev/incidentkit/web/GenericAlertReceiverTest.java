package dev.incidentkit.web;

import static dev.incidentkit.web.AlertHarness.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.web.WebHarness.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("POST /api/v1/alerts/generic: IncidentKit's own alert format")
class GenericAlertReceiverTest {

    private final AlertHarness h = new AlertHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private Reply post(String json) {
        return h.postWithKey("/api/v1/alerts/generic", AlertHarness.ALERTMANAGER_KEY, json);
    }

    private static String alert(String dedupKey, String groupKey) {
        return "{\"dedup_key\":\"" + dedupKey + "\",\"status\":\"firing\",\"summary\":\"Queue backlog above 10k\","
                + "\"severity\":\"warning\",\"labels\":{\"service\":\"billing\",\"queue\":\"invoices\"},"
                + "\"annotations\":{\"description\":\"12,345 messages waiting\"},"
                + "\"links\":{\"Dashboard\":\"https://grafana.example.com/d/queues\"},"
                + "\"starts_at\":\"2025-08-23T13:55:00Z\",\"group_key\":\"" + groupKey + "\",\"unknown\":{\"ignored\":true}}";
    }

    @Test
    @DisplayName("two alerts of one group_key: one incident with two alert_attached events; resolving both notes it")
    void groupAndResolve() {
        Reply first = post(alert("queue/invoices", "billing-queues"));
        Reply second = post(alert("queue/refunds", "billing-queues"));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("outcome").asText()).isEqualTo("declared");
        assertThat(second.json().get("outcome").asText()).isEqualTo("joined");
        String id = first.json().get("incident_id").asText();
        assertThat(second.json().get("incident_id").asText()).isEqualTo(id);
        Incident incident = h.incidents.get(id);
        assertThat(incident.severity()).isEqualTo(Severity.SEV3);
        assertThat(incident.service()).isEqualTo("billing");
        assertThat(h.types(id)).containsExactly(EventTypes.DECLARED, EventTypes.ALERT_ATTACHED, EventTypes.ALERT_ATTACHED);

        assertThat(post("{\"dedup_key\":\"queue/invoices\",\"status\":\"resolved\"}").json().get("outcome").asText())
                .isEqualTo("resolved");
        assertThat(h.types(id)).endsWith(EventTypes.ALERT_RESOLVED);
        post("{\"dedup_key\":\"queue/refunds\",\"status\":\"resolved\"}");
        assertThat(h.types(id)).endsWith(EventTypes.ALERT_RESOLVED, EventTypes.NOTE_ADDED);
        assertThat(post("{\"dedup_key\":\"queue/refunds\",\"status\":\"resolved\"}").json().get("outcome").asText())
                .isEqualTo("not_firing");
    }

    @Test
    @DisplayName("refusals name the field, nothing written; no key is 401")
    void refusals() {
        assertField(post("{"), "body");
        assertField(post("{\"summary\":\"s\"}"), "dedup_key");
        assertField(post("{\"dedup_key\":\"k\"}"), "summary");
        assertField(post("{\"dedup_key\":\"k\",\"summary\":\"s\",\"status\":\"open\"}"), "status");
        assertField(post("{\"dedup_key\":\"k\",\"summary\":\"s\",\"labels\":{\"service\":[]}}"), "labels.service");
        assertField(post("{\"dedup_key\":\"k\",\"summary\":\"s\",\"links\":{\"x\":\"ftp://example.com\"}}"), "links.x");
        assertField(post("{\"dedup_key\":\"k\",\"summary\":\"s\",\"starts_at\":\"1969-12-31T23:59:59Z\"}"), "starts_at");
        assertField(post("{\"dedup_key\":\"k\",\"summary\":\"s\",\"severity\":\"" + "s".repeat(33) + "\"}"), "severity");
        assertField(post("{\"dedup_key\":\"k\",\"summary\":\"s\",\"group_key\":\"" + "g".repeat(1025) + "\"}"), "group_key");
        assertField(post("{\"dedup_key\":\"a\\nb\",\"summary\":\"s\"}"), "dedup_key");
        h.postWithKey("/api/v1/alerts/generic", null, alert("k", "g")).problem(401);
        h.assertNothingWritten();
    }
}
