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
}
