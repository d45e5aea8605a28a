package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.web.WebHarness.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("alert intake failures and the receivers' setup")
class AlertFailuresTest {

    /** The alert store, failing with StoreException while {@code failing} is set. */
    private static AlertStore failingWhile(AtomicBoolean failing, AlertStore real) {
        return (AlertStore) Proxy.newProxyInstance(AlertStore.class.getClassLoader(), new Class<?>[] {AlertStore.class},
                (proxy, method, args) -> {
                    if (failing.get() && method.getName().equals("receiveFiring")) {
                        throw new StoreException("connection refused by db.internal:5432");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static String logged(Supplier<Reply> call, Reply[] reply) {
        PrintStream err = System.err;
        var log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            reply[0] = call.get();
        } finally {
            System.setErr(err);
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the store fails: 503 so that Alertmanager retries, logged once at ERROR, counted in WebStatus; the retry works")
    void storeFails() {
        AtomicBoolean failing = new AtomicBoolean(true);
        try (AlertHarness h = new AlertHarness(real -> failingWhile(failing, real), b -> b)) {
            Reply[] reply = new Reply[1];
            String log = logged(() -> h.alertmanager(AlertHarness.payload("alertmanager-firing.json")), reply);

            reply[0].problem(503);
            assertThat(reply[0].body()).doesNotContain("db.internal");
            assertThat(log.lines().filter(l -> l.contains("ERROR"))).singleElement().asString().contains("/api/v1/alerts/alertmanager");
            assertThat(log).doesNotContain(AlertHarness.ALERTMANAGER_KEY);
            WebStatus status = h.web.status();
            assertThat(status.alertFailures()).isEqualTo(1);
            assertThat(status.serverErrors()).isEqualTo(1);
            assertThat(status.lastError()).hasValueSatisfying(e -> assertThat(e.exceptionClass()).isEqualTo(StoreException.class.getName()));

            failing.set(false);
            Reply retry = h.alertmanager(AlertHarness.payload("alertmanager-firing.json"));
            assertThat(retry.status()).as(retry.body()).isEqualTo(200);
            assertThat(h.alerts()).hasSize(2);
            assertThat(h.web.status().alertFailures()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("PagerDuty's event on a failing store: 503 too (a retryable answer for its clients)")
    void storeFailsForPagerDuty() {
        try (AlertHarness h = new AlertHarness(real -> failingWhile(new AtomicBoolean(true), real), b -> b)) {
            Reply[] reply = new Reply[1];
            logged(() -> h.pagerDuty(AlertHarness.payload("pagerduty-trigger.json")), reply);

            assertThat(reply[0].status()).isEqualTo(503);
            assertThat(h.web.status().alertFailures()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("start refuses an integration the role-based authorizer gives no role, and integrations without alerts")
    void setup() {
        InMemoryEventStore store = new InMemoryEventStore();
        try (IncidentManager incidents = IncidentKit.builder().store(store)
                .authorizer(RoleBasedAuthorizer.of(Map.of("carl", AccessRole.COMMANDER))).build()) {
            AlertIntake intake = AlertIntake.of(incidents, store, AlertRules.defaults());
            assertThatThrownBy(() -> IncidentWeb.builder(incidents).port(0).alerts(intake)
                    .integration("alertmanager", AlertHarness.ALERTMANAGER_KEY).start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("integration:alertmanager")
                    .hasMessageContaining("IntegrationKeys.roleOf");
            assertThatThrownBy(() -> IncidentWeb.builder(incidents).port(0)
                    .integration("alertmanager", AlertHarness.ALERTMANAGER_KEY).start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("alerts(intake)");
        }
    }

    @Test
    @DisplayName("integration keys: names as services, keys long enough, each its own; only hashes kept; the responder role")
    void integrationKeys() {
        IntegrationKeys keys = IntegrationKeys.none().with("alertmanager", AlertHarness.ALERTMANAGER_KEY);
        assertThat(keys.integrationOf(AlertHarness.ALERTMANAGER_KEY)).hasValue("alertmanager");
        assertThat(keys.integrationOf(AlertHarness.ALERTMANAGER_KEY + "x")).isEmpty();
        assertThat(keys.integrationOf("")).isEmpty();
        assertThat(keys.roleOf(IntegrationKeys.actorOf("alertmanager"))).hasValue(AccessRole.RESPONDER);
        assertThat(keys.roleOf(dev.incidentkit.core.Actor.of("alertmanager"))).isEmpty();
        assertThat(keys.roleOf(IntegrationKeys.actorOf("grafana"))).isEmpty();
        assertThat(keys.toString()).doesNotContain(AlertHarness.ALERTMANAGER_KEY).contains("alertmanager");

        assertThatThrownBy(() -> keys.with("Alert Manager", "k".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.with("grafana", "short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> keys.with("grafana", "with space 0123456789")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.with("alertmanager", "k".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.with("grafana", AlertHarness.ALERTMANAGER_KEY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(AlertHarness.ALERTMANAGER_KEY);
        assertThatThrownBy(() -> IncidentWeb.builder(new InMemoryIncidents().get()).integrations(keys).integrations(keys))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A manager to build with, never started. */
    private static final class InMemoryIncidents implements Supplier<IncidentManager> {
        @Override
        public IncidentManager get() {
            return IncidentKit.builder().store(new InMemoryEventStore()).build();
        }
    }
}
