package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.web.WebHarness.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@link WebHarness}'s manager and users (vera views, rita responds, carl commands, nora has no
 * role), with alerts: an {@link AlertIntake} on the same in-memory store, and two integrations,
 * {@code alertmanager} and {@code pagerduty} (whose key is the routing key of PagerDuty's own
 * example event), given the responder role by {@link IntegrationKeys#roleOf}.
 */
final class AlertHarness implements AutoCloseable {

    static final String ALERTMANAGER_KEY = "am-key-0123456789abcdef0123456789";
    static final String PAGERDUTY_KEY = "e93facc04764012d7bfb002500d5d1a6";
    static final IntegrationKeys KEYS = IntegrationKeys.none().with("alertmanager", ALERTMANAGER_KEY)
            .with("pagerduty", PAGERDUTY_KEY);

    final ManualClock clock = ManualClock.at(WebHarness.START);
    final InMemoryEventStore store;
    final IncidentManager incidents;
    final AlertIntake intake;
    final IncidentWeb web;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AlertHarness() {
        this(a -> a, b -> b);
    }

    /**
     * @param alertStore wraps the in-memory store's alert state (to make it fail, say)
     * @param settings adds to the web server's settings
     */
    AlertHarness(UnaryOperator<AlertStore> alertStore, UnaryOperator<IncidentWeb.Builder> settings) {
        this.store = new InMemoryEventStore();
        incidents = IncidentKit.builder().store(store).clock(clock).authorizer(RoleBasedAuthorizer.of(
                a -> Optional.ofNullable(WebHarness.ROLES.get(a.name())).or(() -> KEYS.roleOf(a)))).build();
        intake = new AlertIntake(incidents, alertStore.apply(store.alertStore().orElseThrow()), AlertRules.defaults());
        web = settings.apply(IncidentWeb.builder(incidents).port(0).authenticator(WebHarness::bearer)
                .alerts(intake).integrations(KEYS)).start();
    }

    /** @return a test resource of {@code alerts/}, such as {@code alertmanager-firing.json} */
    static String payload(String name) {
        try (InputStream in = AlertHarness.class.getResourceAsStream("alerts/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).timeout(Duration.ofSeconds(10));
    }

    /** Posts JSON with an integration key in Authorization: Bearer (none if null). */
    Reply postWithKey(String path, String key, String json) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return WebHarness.send(http, b.build());
    }

    Reply alertmanager(String json) {
        return postWithKey("/api/v1/alerts/alertmanager", ALERTMANAGER_KEY, json);
    }

    /** Posts a PagerDuty event, whose key is in its body. */
    Reply pagerDuty(String json) {
        return postWithKey("/v2/enqueue", null, json);
    }

    Reply get(String path, String user) {
        HttpRequest.Builder b = request(path).GET();
        if (user != null) {
            b.header("Authorization", "Bearer token-" + user);
        }
        return WebHarness.send(http, b.build());
    }

    Reply post(String path, String user, String json) {
        return WebHarness.send(http, request(path).header("Authorization", "Bearer token-" + user)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply delete(String path, String user) {
        return WebHarness.send(http, request(path).header("Authorization", "Bearer token-" + user).DELETE().build());
    }

    /** @return every event of the store, oldest first */
    List<RecordedEvent> events() {
        return incidents.events(LogPosition.START, 100_000);
    }

    /** @return the types of an incident's events, oldest first */
    List<String> types(String incidentId) {
        return incidents.history(incidentId).stream().map(RecordedEvent::type).toList();
    }

    /** @return every alert the store keeps */
    List<Alert> alerts() {
        return intake.alerts(AlertQuery.recent().limit(1000));
    }

    /** Asserts a receiver's refusal: a 400 problem document naming the field. */
    static JsonNode assertField(Reply r, String field) {
        JsonNode p = r.problem(400);
        assertThat(p.get("field").asText()).as(r.body()).isEqualTo(field);
        return p;
    }

    /** Asserts that nothing was written: no event, no alert. */
    void assertNothingWritten() {
        assertThat(events()).as("events").isEmpty();
        assertThat(alerts()).as("alerts").isEmpty();
    }

    @Override
    public void close() {
        web.close();
        incidents.close();
    }
}
