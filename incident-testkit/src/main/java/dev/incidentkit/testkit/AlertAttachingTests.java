package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertStatus;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.internal.EventData;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.core.spi.AlertStore.Incoming;
import dev.incidentkit.core.spi.AlertStore.Received;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.StoredEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link AlertStoreContract}: attach (of one alert and of a list), firingCount, and the rule of
 * {@link dev.incidentkit.core.spi.EventStore#append} that an append of {@code incident.alert_attached}
 * events attaches their alerts in its own transaction.
 */
abstract class AlertAttachingTests extends AlertHarness {

    @Test
    @DisplayName("attach records the incident and changes nothing else")
    void attachRecordsIncident() {
        Alert a = fire("alertmanager", "fp-1", T0).alert();

        assertThat(alerts.attach(a.id(), "INC-2025-001")).isTrue();

        Alert attached = alerts.find("alertmanager", "fp-1").orElseThrow();
        assertThat(attached.incidentId()).contains("INC-2025-001");
        assertThat(attached).usingRecursiveComparison().ignoringFields("incidentId").isEqualTo(a);
    }

    @Test
    @DisplayName("attach of an id no alert has is false; an ended episode's id is no longer stored")
    void attachUnknown() {
        assertThat(alerts.attach("no-such-alert", "INC-2025-001")).isFalse();

        Alert first = fire("alertmanager", "fp-1", T0).alert();
        alerts.receiveResolved("alertmanager", "fp-1", at(1));
        Alert second = fire("alertmanager", "fp-1", at(2)).alert();

        assertThat(alerts.attach(first.id(), "INC-2025-001")).isFalse();
        assertThat(alerts.find("alertmanager", "fp-1")).contains(second);
    }

    @Test
    @DisplayName("attach ends the claim: a late repeat is a REPEAT, not CLAIMED")
    void attachEndsClaim() {
        Alert a = fire("alertmanager", "fp-1", T0).alert();
        alerts.attach(a.id(), "INC-2025-001");

        assertThat(fire("alertmanager", "fp-1", at(31)).kind()).isEqualTo(Received.Kind.REPEAT);
    }

    @Test
    @DisplayName("attach again moves the alert to the last incident given")
    void attachAgain() {
        Alert a = fire("alertmanager", "fp-1", T0).alert();
        alerts.attach(a.id(), "INC-2025-001");

        assertThat(alerts.attach(a.id(), "INC-2025-002")).isTrue();

        assertThat(alerts.find("alertmanager", "fp-1").orElseThrow().incidentId()).contains("INC-2025-002");
    }

    @Test
    @DisplayName("firingCount counts the firing alerts of one incident, not resolved ones nor others'")
    void firingCount() {
        assertThat(alerts.firingCount("INC-2025-001")).isZero();
        for (int i = 1; i <= 3; i++) {
            alerts.attach(fire("alertmanager", "fp-" + i, T0).alert().id(), "INC-2025-001");
        }
        alerts.attach(fire("alertmanager", "fp-4", T0).alert().id(), "INC-2025-002");
        fire("alertmanager", "fp-5", T0);

        assertThat(alerts.firingCount("INC-2025-001")).isEqualTo(3);
        alerts.receiveResolved("alertmanager", "fp-2", at(10));
        assertThat(alerts.firingCount("INC-2025-001")).isEqualTo(2);
        assertThat(alerts.firingCount("INC-2025-002")).isEqualTo(1);
        alerts.receiveResolved("alertmanager", "fp-1", at(10));
        alerts.receiveResolved("alertmanager", "fp-3", at(10));
        assertThat(alerts.firingCount("INC-2025-001")).isZero();
    }

    @Test
    @DisplayName("attach of a list records the incident of each and returns the alerts after it, unknown ids left out")
    void attachListReturnsTheAlertsAfter() {
        Alert a = fire("alertmanager", "fp-1", T0).alert();
        Alert b = fire("alertmanager", "fp-2", T0).alert();
        Alert other = fire("alertmanager", "fp-3", T0).alert();
        Alert resolved = alerts.receiveResolved("alertmanager", "fp-2", at(1)).orElseThrow();

        List<Alert> after = alerts.attach(List.of(a.id(), "no-such-alert", b.id()), "INC-2025-001");

        Alert attachedA = new Alert(a.id(), a.details(), AlertStatus.FIRING, T0, T0, 1, Optional.empty(),
                Optional.of("INC-2025-001"), Optional.empty());
        Alert attachedB = new Alert(b.id(), b.details(), AlertStatus.RESOLVED, T0, at(1), 1, Optional.of(at(1)),
                Optional.of("INC-2025-001"), Optional.empty());
        assertThat(resolved.incidentId()).isEmpty();
        assertThat(after).containsExactlyInAnyOrder(attachedA, attachedB);
        assertThat(alerts.findAll(List.of(a.id(), b.id(), other.id())))
                .containsExactlyInAnyOrder(attachedA, attachedB, other);
        assertThat(fire("alertmanager", "fp-1", at(31)).kind()).as("its claim ended").isEqualTo(Received.Kind.REPEAT);
        assertThat(alerts.attach(List.of(), "INC-2025-001")).isEmpty();
        assertThat(alerts.attach(List.of("no-such-alert"), "INC-2025-001")).isEmpty();
    }

    // ---- EventStore.append attaches the alerts its incident.alert_attached events name ---------

    @Test
    @DisplayName("an append of alert_attached events records each alert's incident and ends its claim, no other alert's")
    void appendOfAttachedEventsAttaches() {
        Alert a = fire("alertmanager", "fp-1", T0).alert();
        Alert b = fire("alertmanager", "fp-2", T0).alert();
        Alert c = fire("alertmanager", "fp-3", T0).alert();
        List<EventRecord> first = StoreHarness.chain("INC-2025-001", 0, HashChain.GENESIS, List.of(StoreHarness.note(1)));
        store.append("INC-2025-001", 0, first, Fixtures.placeholderSummary(first));

        // A note between the two: only the alert_attached events of a batch count.
        List<EventRecord> batch = StoreHarness.chain("INC-2025-001", 1, first.get(0).hash(),
                List.of(attachedEvent(a, 2), StoreHarness.note(3), attachedEvent(b, 4)));
        store.append("INC-2025-001", 1, batch, Fixtures.placeholderSummary(batch));

        assertThat(AlertStore.attachedBy(batch)).containsExactly(a.id(), b.id());
        assertThat(alerts.findAll(List.of(a.id(), b.id(), c.id()))).allSatisfy(x -> assertThat(x.incidentId())
                .as(x.details().dedupKey()).isEqualTo(x.id().equals(c.id()) ? Optional.empty()
                        : Optional.of("INC-2025-001")));
        assertThat(alerts.firingCount("INC-2025-001")).isEqualTo(2);
        assertThat(fire("alertmanager", "fp-1", at(31)).kind()).as("its claim ended").isEqualTo(Received.Kind.REPEAT);
        assertThat(fire("alertmanager", "fp-3", at(31)).kind()).as("still unattached").isEqualTo(Received.Kind.CLAIMED);
    }

    @Test
    @DisplayName("an append that fails on a version conflict attaches none of its alerts")
    void conflictingAppendAttachesNothing() {
        Alert a = fire("alertmanager", "fp-1", T0).alert();
        Alert b = fire("alertmanager", "fp-2", T0).alert();
        List<EventRecord> first = StoreHarness.chain("INC-2025-001", 0, HashChain.GENESIS, List.of(StoreHarness.note(1)));
        store.append("INC-2025-001", 0, first, Fixtures.placeholderSummary(first));
        List<EventRecord> late = StoreHarness.chain("INC-2025-001", 1, first.get(0).hash(),
                List.of(attachedEvent(a, 2), attachedEvent(b, 3)));
        // Another writer moves the stream on first.
        List<EventRecord> winner = StoreHarness.chain("INC-2025-001", 1, first.get(0).hash(), List.of(StoreHarness.note(2)));
        store.append("INC-2025-001", 1, winner, Fixtures.placeholderSummary(winner));

        assertThatThrownBy(() -> store.append("INC-2025-001", 1, late, Fixtures.placeholderSummary(late)))
                .isInstanceOf(ConcurrencyConflictException.class);

        assertThat(alerts.findAll(List.of(a.id(), b.id()))).hasSize(2)
                .allSatisfy(x -> assertThat(x.incidentId()).as(x.details().dedupKey()).isEmpty());
        assertThat(alerts.firingCount("INC-2025-001")).isZero();
        assertThat(store.readStream("INC-2025-001", 0)).extracting(e -> e.record().type())
                .doesNotContain(EventTypes.ALERT_ATTACHED);
    }

    @Test
    @DisplayName("an append at a version its stream has not reached attaches none of its alerts")
    void appendAheadOfTheStreamAttachesNothing() {
        Alert a = fire("alertmanager", "fp-1", T0).alert();
        Alert b = fire("alertmanager", "fp-2", T0).alert();
        List<EventRecord> first = StoreHarness.chain("INC-2025-001", 0, HashChain.GENESIS, List.of(StoreHarness.note(1)));
        store.append("INC-2025-001", 0, first, Fixtures.placeholderSummary(first));
        // Written nowhere, unlike a stream that went further: no unique key stops these rows, only the version check.
        List<EventRecord> ahead = StoreHarness.chain("INC-2025-001", 2, first.get(0).hash(), List.of(attachedEvent(a, 3)));
        List<EventRecord> noStream = StoreHarness.chain("INC-2025-002", 1, HashChain.GENESIS, List.of(attachedEvent(b, 2)));

        assertThatThrownBy(() -> store.append("INC-2025-001", 2, ahead, Fixtures.placeholderSummary(ahead)))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThatThrownBy(() -> store.append("INC-2025-002", 1, noStream, Fixtures.placeholderSummary(noStream)))
                .isInstanceOf(ConcurrencyConflictException.class);

        assertThat(alerts.findAll(List.of(a.id(), b.id()))).hasSize(2)
                .allSatisfy(x -> assertThat(x.incidentId()).as(x.details().dedupKey()).isEmpty());
        assertThat(fire("alertmanager", "fp-1", at(31)).kind()).as("still claimed by its router, until it ends")
                .isEqualTo(Received.Kind.CLAIMED);
    }

    @Test
    @DisplayName("an append that fails on an alert attached already attaches none of its alerts, and moves none")
    void duplicateAttachmentAttachesNothing() {
        Alert a = fire("alertmanager", "fp-1", T0).alert();
        Alert b = fire("alertmanager", "fp-2", T0).alert();
        List<EventRecord> one = StoreHarness.chain("INC-2025-001", 0, HashChain.GENESIS,
                List.of(StoreHarness.note(1), attachedEvent(a, 2)));
        store.append("INC-2025-001", 0, one, Fixtures.placeholderSummary(one));
        List<EventRecord> two = StoreHarness.chain("INC-2025-002", 0, HashChain.GENESIS, List.of(StoreHarness.note(1)));
        store.append("INC-2025-002", 0, two, Fixtures.placeholderSummary(two));
        List<EventRecord> again = StoreHarness.chain("INC-2025-002", 1, two.get(0).hash(),
                List.of(attachedEvent(b, 2), attachedEvent(a, 3)));

        assertThatThrownBy(() -> store.append("INC-2025-002", 1, again, Fixtures.placeholderSummary(again)))
                .isInstanceOf(DuplicateCommandException.class);

        assertThat(alerts.find("alertmanager", "fp-1").orElseThrow().incidentId()).contains("INC-2025-001");
        assertThat(alerts.find("alertmanager", "fp-2").orElseThrow().incidentId()).isEmpty();
        assertThat(alerts.firingCount("INC-2025-002")).isZero();
        assertThat(store.readStream("INC-2025-002", 0)).hasSize(1);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("appends that attach alerts, racing receives of the same alerts in other orders: no deadlock, "
            + "every alert attached, every receive counted")
    void appendsRacingReceives() throws InterruptedException {
        int appenders = 4;
        int perAppender = 6;
        int rounds = 6;
        int alertsPerRound = appenders * perAppender;
        // Before each round: its alerts received once, new; then all threads go at once.
        List<List<Alert>> roundAlerts = new ArrayList<>();
        CyclicBarrier round = new CyclicBarrier(2 * appenders, () -> {
            List<Alert> fresh = new ArrayList<>();
            for (int k = 0; k < alertsPerRound; k++) {
                fresh.add(fire("alertmanager", "r" + roundAlerts.size() + "-fp-" + k, T0).alert());
            }
            roundAlerts.add(fresh);
        });
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < appenders; t++) {
            int appender = t;
            tasks.add(() -> {
                String incident = "INC-2025-00" + (appender + 1);
                List<EventRecord> genesis = StoreHarness.chain(incident, 0, HashChain.GENESIS, List.of(StoreHarness.note(1)));
                store.append(incident, 0, genesis, Fixtures.placeholderSummary(genesis));
                String hash = genesis.get(0).hash();
                Random random = new Random(appender);
                for (int r = 0; r < rounds; r++) {
                    round.await(StoreHarness.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    List<Alert> mine = new ArrayList<>(roundAlerts.get(r).subList(appender * perAppender,
                            (appender + 1) * perAppender));
                    Collections.shuffle(mine, random);
                    List<StoreHarness.Content> events = new ArrayList<>();
                    for (int i = 0; i < mine.size(); i++) {
                        events.add(attachedEvent(mine.get(i), 2L + r * perAppender + i));
                    }
                    List<EventRecord> batch = StoreHarness.chain(incident, 1L + r * perAppender, hash, events);
                    store.append(incident, 1L + r * perAppender, batch, Fixtures.placeholderSummary(batch));
                    hash = batch.get(batch.size() - 1).hash();
                }
                return 0;
            });
            tasks.add(() -> {
                Random random = new Random(100 + appender);
                int received = 0;
                for (int r = 0; r < rounds; r++) {
                    round.await(StoreHarness.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    List<Alert> all = new ArrayList<>(roundAlerts.get(r));
                    Collections.shuffle(all, random);
                    List<Incoming> incoming = all.stream().map(a -> incoming(newId(), "alertmanager",
                            a.details().dedupKey())).toList();
                    received += alerts.receiveFiring(incoming, at(1), at(3600)).size();
                }
                return received;
            });
        }

        List<Integer> done = StoreHarness.runTogether(tasks);

        assertThat(done.stream().mapToInt(Integer::intValue).sum()).isEqualTo(appenders * rounds * alertsPerRound);
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < alertsPerRound; k++) {
                Alert a = alerts.find("alertmanager", "r" + r + "-fp-" + k).orElseThrow();
                assertThat(a.incidentId()).as(a.details().dedupKey()).contains("INC-2025-00" + (k / perAppender + 1));
                assertThat(a.repeats()).as(a.details().dedupKey() + " repeats").isEqualTo(1L + appenders);
            }
        }
    }

    /** The {@code incident.alert_attached} event of an alert, as core writes it: its own command id. */
    private static StoreHarness.Content attachedEvent(Alert alert, long n) {
        return StoreHarness.note(n).type(EventTypes.ALERT_ATTACHED)
                .data(EventData.encode(new IncidentEvent.AlertAttached(alert.id(), alert.details())))
                .command(Command.AttachAlerts.commandIdOf(alert.id()));
    }
}
