package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.web.WebHarness.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the read routes, over HTTP on loopback")
class ReadRoutesTest {

    private final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    @DisplayName("GET an incident: its snapshot JSON, with its version as ETag")
    void getIncident() {
        String id = h.declare();

        Reply r = h.get("/api/v1/incidents/" + id, "vera");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue("application/json");
        assertThat(r.header("ETag")).hasValue("\"1\"");
        JsonNode incident = r.json();
        assertThat(incident.get("id").asText()).isEqualTo(id);
        assertThat(incident.get("severity").asText()).isEqualTo("SEV-2");
        assertThat(incident.get("declared_by").asText()).isEqualTo("carl");
        assertThat(incident.get("version").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("GET an unknown incident: 404 problem")
    void unknownIncident() {
        JsonNode p = h.get("/api/v1/incidents/INC-2025-999", "vera").problem(404);

        assertThat(p.get("type").asText()).isEqualTo("https://incidentkit.dev/problems/incident-not-found");
        assertThat(p.get("instance").asText()).isEqualTo("/api/v1/incidents/INC-2025-999");
    }

    @Test
    @DisplayName("query: filters map onto the read model, cursor paging walks every incident once")
    void query() {
        for (int i = 0; i < 5; i++) {
            h.clock.advance(java.time.Duration.ofMinutes(1));
            h.declare();
        }
        h.post("/api/v1/incidents", "carl", "{\"title\":\"Payments down\",\"severity\":\"SEV-1\",\"service\":\"payments\"}");

        JsonNode sev1 = h.get("/api/v1/incidents?severity=SEV-1", "vera").json();
        assertThat(sev1.get("incidents")).hasSize(1);
        assertThat(sev1.get("incidents").get(0).get("service").asText()).isEqualTo("payments");
        assertThat(h.get("/api/v1/incidents?service=checkout&status=active", "vera").json().get("incidents")).hasSize(5);
        assertThat(h.get("/api/v1/incidents?text=PAYMENTS", "vera").json().get("incidents")).hasSize(1);
        assertThat(h.get("/api/v1/incidents?status=closed,resolved", "vera").json().get("incidents")).isEmpty();

        var seen = new java.util.ArrayList<String>();
        String query = "/api/v1/incidents?status=all&sort=declared&order=asc&limit=2";
        Reply page = h.get(query, "vera");
        while (true) {
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("incidents").forEach(i -> seen.add(i.get("id").asText()));
            JsonNode next = page.json().get("next_cursor");
            if (next.isNull()) {
                break;
            }
            page = h.get(query + "&cursor=" + java.net.URLEncoder.encode(next.asText(), java.nio.charset.StandardCharsets.UTF_8), "vera");
        }
        assertThat(seen).hasSize(6).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("INC-2025-001");
    }

    @Test
    @DisplayName("query parameters: an unknown one is 400 naming it, a bad value 422 naming it")
    void queryParameters() {
        assertThat(h.get("/api/v1/incidents?colour=red", "vera").problem(400).get("field").asText()).isEqualTo("colour");
        assertThat(h.get("/api/v1/incidents?severity=SEV-9", "vera").problem(422).get("field").asText()).isEqualTo("severity");
        assertThat(h.get("/api/v1/incidents?limit=0", "vera").problem(422).get("field").asText()).isEqualTo("limit");
        assertThat(h.get("/api/v1/incidents?cursor=garbage", "vera").problem(422).get("field").asText()).isEqualTo("cursor");
        assertThat(h.get("/api/v1/incidents?limit=1&limit=2", "vera").problem(400).get("field").asText()).isEqualTo("limit");
        assertThat(h.get("/api/v1/metrics?since=soon", "vera").problem(422).get("field").asText()).isEqualTo("since");
    }

    @Test
    @DisplayName("history, timeline and verify of an incident")
    void historyTimelineVerify() {
        String id = h.declare();
        h.post("/api/v1/incidents/" + id + "/acknowledge", "rita", "{\"note\":\"on it\"}");

        JsonNode history = h.get("/api/v1/incidents/" + id + "/events", "vera").json();
        assertThat(history.get("incident_id").asText()).isEqualTo(id);
        assertThat(history.get("events")).hasSize(2);
        assertThat(history.get("events").get(1).get("actor").asText()).isEqualTo("rita");
        assertThat(history.get("events").get(1).get("specversion").asText()).isEqualTo("1.0");

        JsonNode timeline = h.get("/api/v1/incidents/" + id + "/timeline", "vera").json();
        assertThat(timeline.get("entries")).hasSize(2);
        assertThat(timeline.get("entries").get(1).get("actor").asText()).isEqualTo("rita");

        JsonNode verify = h.get("/api/v1/incidents/" + id + "/verify", "vera").json();
        assertThat(verify.get("intact").asBoolean()).isTrue();
        assertThat(verify.get("events_checked").asInt()).isEqualTo(2);
        assertThat(verify.get("first_bad").isNull()).isTrue();

        for (String sub : new String[] {"/events", "/timeline", "/verify", "/export?format=md"}) {
            h.get("/api/v1/incidents/INC-2025-404" + sub, "vera").problem(404);
        }
    }

    @Test
    @DisplayName("exports: each format with its content type and an attachment file name")
    void exports() {
        String id = h.declare();
        String base = "/api/v1/incidents/" + id + "/export?format=";

        Reply md = h.get(base + "md", "vera");
        Reply json = h.get(base + "json", "vera");
        Reply ce = h.get(base + "cloudevents", "vera");
        Reply text = h.get(base + "text", "vera");

        assertThat(md.header("Content-Type")).hasValue("text/markdown; charset=utf-8");
        assertThat(md.header("Content-Disposition")).hasValue("attachment; filename=\"" + id + ".md\"");
        assertThat(md.body()).contains("Checkout latency");
        assertThat(json.header("Content-Type")).hasValue("application/json");
        assertThat(json.json().isObject()).isTrue();
        assertThat(ce.header("Content-Type")).hasValue("application/cloudevents-batch+json");
        assertThat(ce.json().isArray()).isTrue();
        assertThat(ce.header("Content-Disposition")).hasValue("attachment; filename=\"" + id + ".cloudevents.json\"");
        assertThat(text.header("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(text.header("Content-Disposition")).hasValue("attachment; filename=\"" + id + ".txt\"");
        assertThat(h.get(base + "pdf", "vera").problem(400).get("field").asText()).isEqualTo("format");
        assertThat(h.get("/api/v1/incidents/" + id + "/export", "vera").problem(400).get("field").asText()).isEqualTo("format");
    }

    @Test
    @DisplayName("metrics: counts and interval stats of the incidents chosen")
    void metrics() {
        String id = h.declare();
        h.clock.advance(java.time.Duration.ofMinutes(4));
        h.post("/api/v1/incidents/" + id + "/acknowledge", "rita", "{}");

        JsonNode m = h.get("/api/v1/metrics?since=2025-08-01&until=2025-09-01T00:00:00Z&severity=SEV-2&service=checkout&by=peak",
                "vera").json();

        assertThat(m.get("incidents").asLong()).isEqualTo(1);
        assertThat(m.get("intervals").get("mtta").get("count").asLong()).isEqualTo(1);
        assertThat(m.get("intervals").get("mtta").get("mean").asText()).isEqualTo("PT4M");
        assertThat(m.get("sla_compliance").get("ack").get("SEV-2").has("met")).isTrue();
        assertThat(h.get("/api/v1/metrics", "vera").json().get("incidents").asLong()).isEqualTo(1);
    }
}
