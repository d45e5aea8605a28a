package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.web.WebHarness.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /api/v1/alerts and the silences: reads for viewers, silences for commanders")
class AlertReadsTest {

    private final AlertHarness h = new AlertHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private Reply generic(String dedupKey, String service) {
        Reply r = h.postWithKey("/api/v1/alerts/generic", AlertHarness.ALERTMANAGER_KEY, "{\"dedup_key\":\"" + dedupKey
                + "\",\"summary\":\"" + dedupKey + " is down\",\"severity\":\"error\",\"labels\":{\"service\":\"" + service + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Test
    @DisplayName("alerts are listed by state, incident and source, newest first, with what the store knows of them")
    void list() {
        String id = generic("db-1", "db").json().get("incident_id").asText();
        h.clock.advance(Duration.ofMinutes(1));
        generic("web-1", "web");
        h.clock.advance(Duration.ofMinutes(1));
        h.postWithKey("/api/v1/alerts/generic", AlertHarness.ALERTMANAGER_KEY, "{\"dedup_key\":\"web-1\",\"status\":\"resolved\"}");

        Reply all = h.get("/api/v1/alerts", "vera");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("alerts")).extracting(a -> a.get("dedup_key").asText()).containsExactly("web-1", "db-1");
        JsonNode db = all.json().get("alerts").get(1);
        assertThat(db.get("source").asText()).isEqualTo("alertmanager");
        assertThat(db.get("status").asText()).isEqualTo("firing");
        assertThat(db.get("incident_id").asText()).isEqualTo(id);
        assertThat(db.get("repeats").asLong()).isEqualTo(1);
        assertThat(db.get("labels").get("service").asText()).isEqualTo("db");
        assertThat(db.get("first_seen").asText()).isEqualTo("2025-08-23T14:00:00Z");

        assertThat(h.get("/api/v1/alerts?state=firing", "vera").json().get("alerts"))
                .extracting(a -> a.get("dedup_key").asText()).containsExactly("db-1");
        assertThat(h.get("/api/v1/alerts?state=resolved", "vera").json().get("alerts"))
                .extracting(a -> a.get("dedup_key").asText()).containsExactly("web-1");
        assertThat(h.get("/api/v1/alerts?incident=" + id, "vera").json().get("alerts")).hasSize(1);
        assertThat(h.get("/api/v1/alerts?source=pagerduty", "vera").json().get("alerts")).isEmpty();
        assertThat(h.get("/api/v1/alerts?limit=1", "vera").json().get("alerts")).hasSize(1);

        h.get("/api/v1/alerts?state=open", "vera").problem(400);
        h.get("/api/v1/alerts?limit=0", "vera").problem(400);
        h.get("/api/v1/alerts?limit=1001", "vera").problem(400);
        h.get("/api/v1/alerts?severity=x", "vera").problem(400);
        h.get("/api/v1/alerts", "nora").problem(403);
        h.get("/api/v1/alerts", null).problem(401);
    }

    @Test
    @DisplayName("a silence made over the API suppresses matching alerts (recorded, no incident); expired, it no longer does")
    void silence() {
        Reply made = h.post("/api/v1/silences", "carl", "{\"matchers\":[\"service=checkout\"],"
                + "\"ends_at\":\"2025-08-23T16:00:00Z\",\"comment\":\"deploying\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        JsonNode silence = made.json();
        String silenceId = silence.get("id").asText();
        assertThat(made.header("Location")).hasValue("/api/v1/silences/" + silenceId);
        assertThat(silence.get("kind").asText()).isEqualTo("silence");
        assertThat(silence.get("matchers").get(0).asText()).isEqualTo("service=checkout");
        assertThat(silence.get("starts_at").asText()).isEqualTo("2025-08-23T14:00:00Z");
        assertThat(silence.get("created_by").asText()).isEqualTo("carl");

        Reply suppressed = generic("checkout-1", "checkout");
        assertThat(suppressed.json().get("outcome").asText()).isEqualTo("suppressed");
        assertThat(suppressed.json().has("incident_id")).isFalse();
        assertThat(h.events()).isEmpty();
        assertThat(h.get("/api/v1/alerts?state=suppressed", "vera").json().get("alerts").get(0).get("suppressed_by").asText())
                .isEqualTo(silenceId);
        assertThat(generic("db-1", "db").json().get("outcome").asText()).isEqualTo("declared");

        assertThat(h.get("/api/v1/silences", "vera").json().get("silences")).extracting(s -> s.get("id").asText())
                .containsExactly(silenceId);
        h.clock.advance(Duration.ofMinutes(1));
        Reply ended = h.delete("/api/v1/silences/" + silenceId, "carl");
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.json().get("ends_at").asText()).isEqualTo("2025-08-23T14:01:00Z");
        h.clock.advance(Duration.ofMinutes(1));
        assertThat(generic("checkout-2", "checkout").json().get("outcome").asText()).isEqualTo("declared");
        h.delete("/api/v1/silences/no-such-silence", "carl").problem(404);
    }

    @Test
    @DisplayName("a maintenance window suppresses one service's alerts")
    void maintenance() {
        Reply made = h.post("/api/v1/silences", "carl", "{\"service\":\"checkout\",\"starts_at\":\"2025-08-23T13:00:00Z\","
                + "\"ends_at\":\"2025-08-23T15:00:00Z\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().get("kind").asText()).isEqualTo("maintenance");

        assertThat(generic("checkout-1", "checkout").json().get("outcome").asText()).isEqualTo("suppressed");
        assertThat(h.alerts()).singleElement().satisfies(a -> assertThat(a.suppressed()).isTrue());
    }

    @Test
    @DisplayName("silences take a commander (403 for a responder or a viewer); bad ones are 422 naming the field, none kept")
    void silenceRules() {
        String body = "{\"matchers\":[\"service=checkout\"],\"ends_at\":\"2025-08-23T16:00:00Z\"}";
        assertThat(h.post("/api/v1/silences", "rita", body).problem(403).get("detail").asText()).contains("rita");
        h.post("/api/v1/silences", "vera", body).problem(403);
        h.delete("/api/v1/silences/x", "rita").problem(403);
        h.get("/api/v1/silences", "nora").problem(403);

        assertInvalid(h.post("/api/v1/silences", "carl", "{\"matchers\":[\"service=checkout\"]}"), "ends_at");
        assertInvalid(h.post("/api/v1/silences", "carl", "{\"ends_at\":\"2025-08-23T16:00:00Z\"}"), "matchers");
        assertInvalid(h.post("/api/v1/silences", "carl", "{\"matchers\":[\"service\"],\"ends_at\":\"2025-08-23T16:00:00Z\"}"),
                "matchers[0]");
        assertInvalid(h.post("/api/v1/silences", "carl", "{\"matchers\":[1],\"ends_at\":\"2025-08-23T16:00:00Z\"}"),
                "matchers[0]");
        assertInvalid(h.post("/api/v1/silences", "carl", "{\"matchers\":[\"a=~(\"],\"ends_at\":\"2025-08-23T16:00:00Z\"}"),
                "matchers[0]");
        assertInvalid(h.post("/api/v1/silences", "carl", "{\"matchers\":[\"a=b\"],\"ends_at\":\"2025-08-23T13:00:00Z\"}"),
                "ends_at");
        assertInvalid(h.post("/api/v1/silences", "carl", "{\"service\":\"Check Out\",\"ends_at\":\"2025-08-23T16:00:00Z\"}"),
                "service");
        assertInvalid(h.post("/api/v1/silences", "carl", "{\"matchers\":[\"a=b\"],\"ends_at\":\"2025-08-23T16:00:00Z\","
                + "\"actor\":\"ada\"}"), "actor");
        assertThat(h.intake.silences()).isEmpty();
    }

    private static void assertInvalid(Reply r, String field) {
        assertThat(r.problem(422).get("field").asText()).as(r.body()).isEqualTo(field);
    }
}
