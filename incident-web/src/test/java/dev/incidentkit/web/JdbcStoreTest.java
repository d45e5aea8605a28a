package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.store.jdbc.JdbcEventStore;
import dev.incidentkit.web.WebHarness.Reply;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the API on the JDBC store (H2 file): the same answers as on the in-memory store")
class JdbcStoreTest {

    @Test
    @DisplayName("declare, a keyed command and its retry, a stale If-Match, a query and an export")
    void onJdbc(@TempDir Path dir) {
        JdbcEventStore store = JdbcEventStore.h2(dir.resolve("incidents"));
        try (WebHarness h = new WebHarness(store, m -> m, b -> b)) {
            String id = h.declare();
            HttpRequest ack = h.request("/api/v1/incidents/" + id + "/acknowledge", "rita")
                    .header("Content-Type", "application/json").header("Idempotency-Key", "ack-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"on it\"}")).build();

            Reply first = h.send(ack);
            Reply retry = h.send(ack);
            Reply stale = h.send(h.request("/api/v1/incidents/" + id + "/notes", "rita").header("Content-Type", "application/json")
                    .header("If-Match", "\"1\"").POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"late\"}")).build());

            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(retry.body()).isEqualTo(first.body());
            stale.problem(412);
            assertThat(h.incidents.history(id)).hasSize(2);
            assertThat(h.get("/api/v1/incidents?status=acknowledged", "vera").json().get("incidents")).hasSize(1);
            assertThat(h.get("/api/v1/incidents/" + id + "/export?format=text", "vera").body()).contains("on it");
        } finally {
            store.close();
        }
    }
}
