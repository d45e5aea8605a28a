package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.web.WebHarness.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("alert integrations from a credentials file, as im serve takes them")
class IntegrationsFromCredentialsTest {

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at(WebHarness.START);
    private final HttpClient http = HttpClient.newHttpClient();
    private Credentials server;
    private IncidentManager incidents;
    private IncidentWeb web;

    @BeforeEach
    void start() {
        server = Credentials.open(dir.resolve("credentials.json"), clock, PasswordHasher.withIterations(1000));
        InMemoryEventStore store = new InMemoryEventStore();
        incidents = IncidentKit.builder().store(store).clock(clock).authorizer(RoleBasedAuthorizer.of(server::roleOf))
                .build();
        web = IncidentWeb.builder(incidents).port(0).authenticator(TokenAuthenticator.of(server))
                .alerts(AlertIntake.of(incidents, store, AlertRules.defaults())).integrations(server).start();
    }

    @AfterEach
    void stop() {
        web.close();
        incidents.close();
    }

    private Reply post(String key) {
        return WebHarness.send(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port()
                        + "/api/v1/alerts/generic")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dedup_key\":\"disk-1\",\"summary\":\"Disk full\","
                        + "\"severity\":\"critical\"}")).build());
    }

    @Test
    @DisplayName("a key added a moment ago in another process works at its first post; a removed one stops within a second")
    void addedInAnotherProcess() {
        Credentials other = Credentials.open(dir.resolve("credentials.json"), clock, PasswordHasher.withIterations(1000));
        assertThat(post("ik_int_not_a_key_of_anyone_0123456789").status()).isEqualTo(401);

        String key = other.addIntegration("alertmanager");
        Reply first = post(key);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("outcome").asText()).isEqualTo("declared");
        assertThat(incidents.get(first.json().get("incident_id").asText()).declaredBy().name())
                .isEqualTo("integration:alertmanager");

        other.removeIntegration("alertmanager");
        clock.advance(Duration.ofSeconds(2));
        assertThat(post(key).status()).isEqualTo(401);
        assertThat(incidents.count(IncidentQuery.all())).isEqualTo(1);
    }
}
