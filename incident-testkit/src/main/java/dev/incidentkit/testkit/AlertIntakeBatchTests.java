package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertReceipt;
import dev.incidentkit.core.alert.AlertReceipt.Outcome;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.alert.AlertSignal;
import dev.incidentkit.core.alert.AlertStatus;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link AlertIntakeContract}: {@link AlertIntake#receiveAll}, the alerts of one post (an
 * Alertmanager notification of a group) received together. The manager writes through a store
 * that records every append, so that "one append" is seen, not inferred.
 */
@ExtendWith(ContractResolver.class)
abstract class AlertIntakeBatchTests {

    private static final Actor AM = Actor.of("integration:alertmanager");

    private AlertIntakeContract contract;
    private EventStore store;
    /** The types of each append's events, in the order the appends were made. */
    private final List<List<String>> appends = Collections.synchronizedList(new ArrayList<>());
    private IncidentManager incidents;
    private AlertIntake intake;

    @BeforeEach
    final void bind(AlertIntakeContract running) {
        contract = running;
        store = contract.openedStore();
        EventStore recording = new ForwardingStore(store) {
            @Override
            public AppendResult append(String incidentId, long expectedVersion, List<EventRecord> events,
                    IncidentSummary summary) {
                AppendResult result = super.append(incidentId, expectedVersion, events, summary);
                appends.add(events.stream().map(EventRecord::type).toList());
                return result;
            }
        };
        incidents = contract.openedManager(recording);
        intake = new AlertIntake(incidents, alerts(), AlertRules.defaults());
    }

    private AlertStore alerts() {
        return store.alertStore().orElseThrow();
    }

    private static AlertSignal.Firing firing(String key, String group) {
        return new AlertSignal.Firing(AlertDetails.of("alertmanager", key, "Checkout p99 above 2s (" + key + ")",
                Instant.parse("2026-12-03T09:00:00Z")).withSeverity("critical")
                .withLabels(Map.of("alertname", "CheckoutLatency", "pod", key)), Optional.of(group));
    }

    private List<RecordedEvent> attached(String incidentId) {
        return incidents.history(incidentId).stream().filter(e -> e.type().equals(EventTypes.ALERT_ATTACHED)).toList();
    }

    /** The alert_attached events of the whole store that name {@code alertId}, whatever their incident. */
    private List<RecordedEvent> attachedAnywhere(String alertId) {
        return incidents.events(LogPosition.START, 10_000).stream()
                .filter(e -> e.event() instanceof IncidentEvent.AlertAttached a && a.alertId().equals(alertId))
                .toList();
    }

    private long appendsWith(String type) {
        return appends.stream().filter(types -> types.contains(type)).count();
    }

    @Test
    @DisplayName("a post of 10 alerts of one group: 1 incident, its 10 alert_attached events in one append, "
            + "DECLARED then 9 JOINED in the post's order")
    void tenAlertsOfOneGroup() {
        List<AlertSignal> post = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            post.add(firing("fp-" + i, "{}:{alertname=\"CheckoutLatency\"}"));
        }

        List<AlertReceipt> receipts = intake.receiveAll(post, AM);

        assertThat(receipts).extracting(AlertReceipt::outcome).containsExactly(Outcome.DECLARED, Outcome.JOINED,
                Outcome.JOINED, Outcome.JOINED, Outcome.JOINED, Outcome.JOINED, Outcome.JOINED, Outcome.JOINED,
                Outcome.JOINED, Outcome.JOINED);
        assertThat(receipts).extracting(r -> r.alert().orElseThrow().details().dedupKey())
                .containsExactly(IntStream.range(0, 10).mapToObj(i -> "fp-" + i).toArray(String[]::new));
        String id = receipts.get(0).incidentId().orElseThrow();
        assertThat(receipts).allSatisfy(r -> assertThat(r.incidentId()).contains(id));
        assertThat(incidents.count(IncidentQuery.all())).isEqualTo(1);

        List<RecordedEvent> events = attached(id);
        assertThat(events).hasSize(10);
        assertThat(appendsWith(EventTypes.ALERT_ATTACHED)).as("appends with alert_attached events").isEqualTo(1);
        assertThat(appends).filteredOn(types -> types.contains(EventTypes.ALERT_ATTACHED)).singleElement()
                .satisfies(types -> assertThat(types).hasSize(10).containsOnly(EventTypes.ALERT_ATTACHED));
        long first = events.get(0).version();
        for (int i = 0; i < 10; i++) {
            RecordedEvent e = events.get(i);
            String alertId = receipts.get(i).alert().orElseThrow().id();
            assertThat(e.version()).as("version of the event of fp-" + i).isEqualTo(first + i);
            assertThat(e.recordedAt()).isEqualTo(events.get(0).recordedAt());
            assertThat(((IncidentEvent.AlertAttached) e.event()).alertId()).isEqualTo(alertId);
            assertThat(e.commandId()).contains(Command.AttachAlerts.commandIdOf(alertId));
        }
        assertThat(alerts().findAll(receipts.stream().map(r -> r.alert().orElseThrow().id()).toList()))
                .hasSize(10).allSatisfy(a -> assertThat(a.incidentId()).contains(id));
        assertThat(receipts).allSatisfy(r -> assertThat(r.alert().orElseThrow().incidentId()).contains(id));
    }

    @Test
    @DisplayName("a post with the same fingerprint twice: one alert, attached once, the second signal REPEATED")
    void sameFingerprintTwice() {
        List<AlertReceipt> receipts = intake.receiveAll(List.of(firing("fp-1", "g"), firing("fp-1", "g"),
                firing("fp-2", "g")), AM);

        assertThat(receipts).extracting(AlertReceipt::outcome)
                .containsExactly(Outcome.DECLARED, Outcome.REPEATED, Outcome.JOINED);
        assertThat(receipts.get(1).alert().orElseThrow().id()).isEqualTo(receipts.get(0).alert().orElseThrow().id());
        assertThat(receipts.get(1).alert().orElseThrow().repeats()).isEqualTo(2);
        String id = receipts.get(0).incidentId().orElseThrow();
        assertThat(receipts.get(1).incidentId()).as("the repeat's incident, the one its first sight went to").contains(id);
        assertThat(attached(id)).extracting(e -> ((IncidentEvent.AlertAttached) e.event()).alert().dedupKey())
                .containsExactly("fp-1", "fp-2");
        assertThat(alerts().find("alertmanager", "fp-1").orElseThrow().repeats()).isEqualTo(2);
        assertThat(incidents.count(IncidentQuery.all())).isEqualTo(1);
    }

    @Test
    @DisplayName("a post spanning 3 groups, interleaved: 3 incidents, each group's alerts in one append of its own")
    void threeGroups() {
        List<AlertReceipt> receipts = intake.receiveAll(List.of(firing("a-1", "group-a"), firing("b-1", "group-b"),
                firing("c-1", "group-c"), firing("a-2", "group-a"), firing("b-2", "group-b"), firing("c-2", "group-c"),
                firing("a-3", "group-a")), AM);

        assertThat(receipts).extracting(AlertReceipt::outcome).containsExactly(Outcome.DECLARED, Outcome.DECLARED,
                Outcome.DECLARED, Outcome.JOINED, Outcome.JOINED, Outcome.JOINED, Outcome.JOINED);
        assertThat(receipts).extracting(r -> r.alert().orElseThrow().details().dedupKey())
                .containsExactly("a-1", "b-1", "c-1", "a-2", "b-2", "c-2", "a-3");
        List<String> ids = receipts.stream().map(r -> r.incidentId().orElseThrow()).toList();
        assertThat(ids.subList(0, 3)).doesNotHaveDuplicates();
        assertThat(ids.subList(3, 6)).isEqualTo(ids.subList(0, 3));
        assertThat(ids.get(6)).isEqualTo(ids.get(0));
        assertThat(incidents.count(IncidentQuery.all())).isEqualTo(3);
        assertThat(attached(ids.get(0))).extracting(e -> ((IncidentEvent.AlertAttached) e.event()).alert().dedupKey())
                .containsExactly("a-1", "a-2", "a-3");
        assertThat(attached(ids.get(1))).hasSize(2);
        assertThat(attached(ids.get(2))).hasSize(2);
        assertThat(appendsWith(EventTypes.ALERT_ATTACHED)).as("one append per group").isEqualTo(3);
    }

    @Test
    @DisplayName("a post mixing repeats, new alerts and a resolution: each signal gets what it would alone, in order")
    void repeatsNewAlertsAndAResolution() {
        String id = intake.receiveAll(List.of(firing("fp-1", "g"), firing("fp-2", "g")), AM).get(0).incidentId()
                .orElseThrow();
        contract.clock.advance(Duration.ofMinutes(1));

        List<AlertReceipt> receipts = intake.receiveAll(List.of(firing("fp-1", "g"), firing("fp-3", "g"),
                new AlertSignal.Resolved("alertmanager", "fp-2"), firing("fp-4", "g")), AM);

        assertThat(receipts).extracting(AlertReceipt::outcome)
                .containsExactly(Outcome.REPEATED, Outcome.JOINED, Outcome.RESOLVED, Outcome.JOINED);
        assertThat(receipts).allSatisfy(r -> assertThat(r.incidentId()).contains(id));
        assertThat(receipts.get(0).alert().orElseThrow().repeats()).isEqualTo(2);
        assertThat(receipts.get(2).alert().orElseThrow().status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(attached(id)).extracting(e -> ((IncidentEvent.AlertAttached) e.event()).alert().dedupKey())
                .containsExactly("fp-1", "fp-2", "fp-3", "fp-4");
        assertThat(incidents.history(id)).filteredOn(e -> e.type().equals(EventTypes.ALERT_RESOLVED)).singleElement()
                .satisfies(e -> assertThat(((IncidentEvent.AlertResolved) e.event()).dedupKey()).isEqualTo("fp-2"));
        assertThat(incidents.count(IncidentQuery.all())).isEqualTo(1);
        assertThat(alerts().firingCount(id)).isEqualTo(3);
    }

    @Test
    @DisplayName("an alert firing and resolved in one post: firing first, so it is attached, then resolved")
    void firingAndResolvedInOnePost() {
        List<AlertReceipt> receipts = intake.receiveAll(List.of(new AlertSignal.Resolved("alertmanager", "fp-1"),
                firing("fp-1", "g")), AM);

        assertThat(receipts).extracting(AlertReceipt::outcome).containsExactly(Outcome.RESOLVED, Outcome.DECLARED);
        String id = receipts.get(1).incidentId().orElseThrow();
        assertThat(alerts().find("alertmanager", "fp-1").orElseThrow().status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(incidents.history(id)).extracting(RecordedEvent::type)
                .containsSubsequence(EventTypes.ALERT_ATTACHED, EventTypes.ALERT_RESOLVED);
    }

    @Test
    @DisplayName("the source's retry of a whole post: every signal REPEATED, nothing written")
    void retryOfTheSamePost() {
        List<AlertSignal> post = List.of(firing("fp-1", "g"), firing("fp-2", "g"), firing("fp-3", "h"),
                firing("fp-4", "g"));
        List<AlertReceipt> first = intake.receiveAll(post, AM);
        LogPosition head = incidents.head();
        int appendsBefore = appends.size();
        contract.clock.advance(Duration.ofSeconds(10));

        List<AlertReceipt> retry = intake.receiveAll(post, AM);

        assertThat(retry).extracting(AlertReceipt::outcome).containsOnly(Outcome.REPEATED).hasSize(4);
        for (int i = 0; i < post.size(); i++) {
            assertThat(retry.get(i).incidentId()).isEqualTo(first.get(i).incidentId());
            assertThat(retry.get(i).alert().orElseThrow().id()).isEqualTo(first.get(i).alert().orElseThrow().id());
            assertThat(retry.get(i).alert().orElseThrow().repeats()).isEqualTo(2);
        }
        assertThat(appends).as("appends").hasSize(appendsBefore);
        assertThat(incidents.head()).isEqualTo(head);
        assertThat(incidents.count(IncidentQuery.all())).isEqualTo(2);
    }

    @Test
    @DisplayName("a post with an alert another process attached already: it is not attached twice")
    void alertAttachedByAnotherProcess() {
        // Another process received fp-1, declared an incident for it and attached it there.
        AlertDetails details = firing("fp-1", "g").details();
        Alert theirs = alerts().receiveFiring("their-alert", details, contract.clock.instant(), Optional.empty(),
                contract.clock.instant().plusSeconds(30)).alert();
        String theirIncident = incidents.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"),
                CommandContext.as(AM)).id();
        incidents.submit(theirIncident, Command.AttachAlerts.of(theirs.id(), details), CommandContext.as(AM));
        alerts().releaseClaim(theirs.id());
        contract.clock.advance(Duration.ofSeconds(31));

        List<AlertReceipt> receipts = intake.receiveAll(List.of(firing("fp-1", "g"), firing("fp-2", "g")), AM);

        assertThat(receipts.get(0).outcome()).isEqualTo(Outcome.REPEATED);
        assertThat(receipts.get(0).incidentId()).contains(theirIncident);
        assertThat(receipts.get(1).outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(attachedAnywhere(theirs.id())).singleElement()
                .satisfies(e -> assertThat(e.incidentId()).isEqualTo(theirIncident));
        assertThat(alerts().find("alertmanager", "fp-1").orElseThrow().incidentId()).contains(theirIncident);
    }
}
