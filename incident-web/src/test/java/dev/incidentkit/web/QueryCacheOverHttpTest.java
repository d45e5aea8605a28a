package dev.incidentkit.web;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the kept answers of GET /api/v1/incidents: every write is seen by the next read")
class QueryCacheOverHttpTest {

    final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    List<String> open() {
        List<String> ids = new ArrayList<>();
        for (JsonNode incident : h.get("/api/v1/incidents?status=open", "vera").json().get("incidents")) {
            ids.add(incident.get("id").asText());
        }
        return ids;
    }

    @Test
    void throughThisServerOrByTheHost() {
        String api = h.declare();
        assertThat(open()).containsExactly(api);
        assertThat(open()).as("asked again, nothing recorded").containsExactly(api);

        String host = h.incidents.declare(Declare.of("Search slow", Severity.SEV3, "search"), as("carl")).id();
        assertThat(open()).containsExactlyInAnyOrder(api, host);

        assertThat(h.post("/api/v1/incidents/" + api + "/acknowledge", "rita", "{\"note\":\"on it\"}").status()).isEqualTo(200);
        assertThat(open()).containsExactly(host);
    }

    @Test
    void aQueryThatSpellsAnotherOnesParametersInAValueGetsItsOwnAnswer() {
        String id = h.declare();
        h.incidents.acknowledge(id, "", dev.incidentkit.core.Role.COMMANDER, as("carl"));
        // The text of these parameters, printed as a map, is the text of the real query's.
        String forged = "/api/v1/incidents?commander=carl%5D%2C%20status%3D%5Bactive";
        assertThat(h.get(forged, "vera").json().get("incidents")).isEmpty();
        assertThat(h.get("/api/v1/incidents?commander=carl&status=active", "vera").json().get("incidents")).hasSize(1);
    }
}
