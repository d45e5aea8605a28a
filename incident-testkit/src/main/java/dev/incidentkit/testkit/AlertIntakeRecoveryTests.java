package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertReceipt;
import dev.incidentkit.core.alert.AlertReceipt.Outcome;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.alert.AlertSignal;
import dev.incidentkit.core.alert.Grouping;
import dev.incidentkit.core.alert.LabelMatcher;
import dev.incidentkit.core.alert.Silence;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link AlertIntakeContract}: what a failure, a retry or a race leaves. The failures are made by
 * a proxy of the store's alert state that throws, or does something first, on one named call.
 */
@ExtendWith(ContractResolver.class)
abstract class AlertIntakeRecoveryTests {

    private static final Actor AM = Actor.of("integration:alertmanager");

    private AlertIntakeContract contract;
    private EventStore store;
    private IncidentManager incidents;

    @BeforeEach
    final void bind(AlertIntakeContract running) {
        contract = running;
        store = contract.openedStore();
        incidents = contract.openedManager(store);
    }

    private AlertStore alerts() {
        return store.alertStore().orElseThrow();
    }

    /** An intake whose alert state runs {@code before} ahead of the first call of {@code method}. */
    private AlertIntake intake(AlertRules rules, String method, BiConsumer<AlertStore, Object[]> before) {
        AlertStore real = alerts();
        boolean[] done = {false};
        AlertStore proxy = (AlertStore) Proxy.newProxyInstance(AlertStore.class.getClassLoader(),
                new Class<?>[] {AlertStore.class}, (p, m, args) -> {
                    if (m.getName().equals(method) && !done[0]) {
                        done[0] = true;
                        before.accept(real, args);
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new AlertIntake(incidents, proxy, rules);
    }

    private static AlertSignal.Firing firing(String key, String group, Map<String, String> labels) {
        return new AlertSignal.Firing(AlertDetails.of("alertmanager", key, "Alert " + key,
                contractStart()).withSeverity("critical").withLabels(labels), Optional.ofNullable(group));
    }

    private static Instant contractStart() {
        return Instant.parse("2026-12-03T09:00:00Z");
    }

    private List<String> types(String incidentId) {
        return incidents.history(incidentId).stream().map(RecordedEvent::type).toList();
    }

    @Test
    @DisplayName("a new alert whose routing failed is routed by the source's retry, not counted as a repeat")
    void routingFailureIsRetried() {
        AlertIntake failing = intake(AlertRules.defaults(), "group", (s, a) -> {
            throw new StoreException("the database went away");
        });
        assertThatThrownBy(() -> failing.receive(firing("fp-1", "g", Map.of()), AM)).isInstanceOf(StoreException.class);
        assertThat(incidents.count(IncidentQuery.all())).isZero();

        var retry = failing.receive(firing("fp-1", "g", Map.of()), AM);

        assertThat(retry.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(retry.alert().orElseThrow().repeats()).isEqualTo(2);
        assertThat(incidents.count(IncidentQuery.all())).isEqualTo(1);
    }

    @Test
    @DisplayName("a resolution whose event was not written is written by the source's retry")
    void resolutionRetry() {
        AlertIntake intake = AlertIntake.of(incidents, store, AlertRules.defaults());
        String id = intake.receive(firing("fp-1", "g", Map.of()), AM).incidentId().orElseThrow();
        // What a process leaves when it dies after the store marked the alert resolved.
        alerts().receiveResolved("alertmanager", "fp-1", contract.clock.instant());

        var retry = intake.receive(new AlertSignal.Resolved("alertmanager", "fp-1"), AM);
        var again = intake.receive(new AlertSignal.Resolved("alertmanager", "fp-1"), AM);

        assertThat(retry.outcome()).isEqualTo(Outcome.NOT_FIRING);
        assertThat(again.outcome()).isEqualTo(Outcome.NOT_FIRING);
        assertThat(types(id)).containsOnlyOnce(EventTypes.ALERT_RESOLVED).containsOnlyOnce(EventTypes.NOTE_ADDED);
    }

    @Test
    @DisplayName("a resolution that comes while its alert is being routed is written once the alert is attached")
    void resolutionDuringRouting() {
        // While its group is placed: after the store took it, before the append that attaches it.
        AlertIntake racing = intake(AlertRules.defaults(), "group",
                (s, args) -> s.receiveResolved("alertmanager", "fp-1", contract.clock.instant()));

        var r = racing.receive(firing("fp-1", "g", Map.of()), AM);

        String id = r.incidentId().orElseThrow();
        assertThat(types(id)).containsSubsequence(EventTypes.ALERT_ATTACHED, EventTypes.ALERT_RESOLVED, EventTypes.NOTE_ADDED);
    }

    @Test
    @DisplayName("a suppressed alert whose silence has ended declares at its next repeat")
    void silenceEnds() {
        AlertIntake intake = AlertIntake.of(incidents, store, AlertRules.defaults());
        Instant now = contract.clock.instant();
        intake.silence(Silence.of(List.of(LabelMatcher.parse("alertname=Disk")), now, now.plusSeconds(600),
                Actor.of("carl"), "replacing the disk"));
        assertThat(intake.receive(firing("fp-1", "g", Map.of("alertname", "Disk")), AM).outcome())
                .isEqualTo(Outcome.SUPPRESSED);
        contract.clock.advance(Duration.ofMinutes(11));

        var after = intake.receive(firing("fp-1", "g", Map.of("alertname", "Disk")), AM);

        assertThat(after.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(after.alert().orElseThrow().suppressed()).isFalse();
        assertThat(after.alert().orElseThrow().repeats()).isEqualTo(2);
    }

    @Test
    @DisplayName("with any-label grouping, an alert that joins through one label brings its other labels into the group")
    void anyLabelJoinCarriesTheOtherLabels() {
        AlertIntake intake = AlertIntake.of(incidents, store, AlertRules.builder()
                .grouping(Grouping.byLabels(Grouping.Match.ANY, Duration.ofMinutes(10), List.of("cluster", "service")))
                .build());
        var a = intake.receive(firing("a", null, Map.of("cluster", "eu-1", "service", "checkout")), AM);
        var b = intake.receive(firing("b", null, Map.of("cluster", "us-1", "service", "checkout")), AM);
        var c = intake.receive(firing("c", null, Map.of("cluster", "us-1", "service", "search")), AM);
        // Joining restarts the window: 15 minutes of alerts every 6 minutes stay in one group.
        contract.clock.advance(Duration.ofMinutes(6));
        var d = intake.receive(firing("d", null, Map.of("cluster", "ap-1", "service", "checkout")), AM);
        contract.clock.advance(Duration.ofMinutes(6));
        var e = intake.receive(firing("e", null, Map.of("cluster", "ap-1", "service", "billing")), AM);

        assertThat(List.of(b, c, d, e)).allSatisfy(r -> assertThat(r.incidentId()).isEqualTo(a.incidentId()));
        assertThat(incidents.count(IncidentQuery.all())).isEqualTo(1);
    }

    @Test
    @DisplayName("an alert another process attaches while this one routes its post: the others are attached, "
            + "it is not attached twice")
    void alertAttachedElsewhereDuringRouting() {
        String[] theirIncident = new String[1];
        // Another process (one that took the claim over, say) attaches fp-1 while this one places its group.
        AlertIntake racing = intake(AlertRules.defaults(), "group", (s, args) -> {
            Alert alert = s.find("alertmanager", "fp-1").orElseThrow();
            theirIncident[0] = incidents.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"),
                    CommandContext.as(AM)).id();
            incidents.submit(theirIncident[0], Command.AttachAlerts.of(alert.id(), alert.details()),
                    CommandContext.as(AM));
        });

        List<AlertReceipt> receipts = racing.receiveAll(List.of(firing("fp-1", "g", Map.of()),
                firing("fp-2", "g", Map.of()), firing("fp-3", "g", Map.of())), AM);

        String fp1 = receipts.get(0).alert().orElseThrow().id();
        String ours = receipts.get(1).incidentId().orElseThrow();
        assertThat(ours).isNotEqualTo(theirIncident[0]);
        assertThat(receipts.get(0).incidentId()).contains(theirIncident[0]);
        assertThat(receipts).extracting(AlertReceipt::outcome).as("the first joined theirs; ours has only the others")
                .containsExactly(Outcome.JOINED, Outcome.JOINED, Outcome.JOINED);
        assertThat(receipts.get(2).incidentId()).contains(ours);
        List<RecordedEvent> attachedFp1 = incidents.events(LogPosition.START, 10_000).stream()
                .filter(e -> e.event() instanceof IncidentEvent.AlertAttached a && a.alertId().equals(fp1)).toList();
        assertThat(attachedFp1).singleElement().satisfies(e -> assertThat(e.incidentId()).isEqualTo(theirIncident[0]));
        assertThat(incidents.history(ours)).filteredOn(e -> e.type().equals(EventTypes.ALERT_ATTACHED))
                .extracting(e -> ((IncidentEvent.AlertAttached) e.event()).alert().dedupKey())
                .containsExactly("fp-2", "fp-3");
        assertThat(alerts().find("alertmanager", "fp-1").orElseThrow().incidentId()).contains(theirIncident[0]);
        assertThat(alerts().firingCount(ours)).isEqualTo(2);
    }
}
