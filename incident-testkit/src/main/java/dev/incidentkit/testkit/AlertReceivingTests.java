package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.AlertStatus;
import dev.incidentkit.core.spi.AlertStore.Incoming;
import dev.incidentkit.core.spi.AlertStore.Received;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link AlertStoreContract}: receiveFiring (of one alert and of a list), receiveResolved, find and findAll. */
abstract class AlertReceivingTests extends AlertHarness {

    @Test
    @DisplayName("a first post stores a new episode: NEW, firing, seen once, no incident")
    void firstPostIsNew() {
        AlertDetails d = details("alertmanager", "fp-1").withSeverity("critical");

        Received r = alerts.receiveFiring("a-1", d, T0, Optional.empty(), at(30));

        Alert expected = new Alert("a-1", d, AlertStatus.FIRING, T0, T0, 1, Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThat(r).isEqualTo(new Received(Received.Kind.NEW, expected));
        assertThat(alerts.find("alertmanager", "fp-1")).contains(expected);
    }

    @Test
    @DisplayName("a first post under a silence is stored SUPPRESSED, with the silence")
    void firstPostSuppressed() {
        Received r = fireSuppressed("alertmanager", "fp-1", T0, "silence-1");

        assertThat(r.kind()).isEqualTo(Received.Kind.SUPPRESSED);
        assertThat(r.alert().suppressedBy()).contains("silence-1");
        assertThat(r.alert().repeats()).isEqualTo(1);
        assertThat(alerts.find("alertmanager", "fp-1")).contains(r.alert());
    }

    @Test
    @DisplayName("a repeat while the claim holds: REPEAT, one more repeat, last seen moves, the rest is kept")
    void repeatKeepsTheRest() {
        Alert first = fire("alertmanager", "fp-1", T0).alert();
        AlertDetails changed = AlertDetails.of("alertmanager", "fp-1", "Another summary", T0).withSeverity("warning");

        Received r = alerts.receiveFiring("other-id", changed, at(10), Optional.of("silence-late"), at(40));

        Alert expected = new Alert(first.id(), first.details(), AlertStatus.FIRING, T0, at(10), 2, Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(r).isEqualTo(new Received(Received.Kind.REPEAT, expected));
        assertThat(alerts.find("alertmanager", "fp-1")).contains(expected);
    }

    @Test
    @DisplayName("a repeat exactly when the claim ends is still a REPEAT: it ends only before now")
    void repeatAtClaimEnd() {
        fire("alertmanager", "fp-1", T0);

        assertThat(fire("alertmanager", "fp-1", T0.plus(CLAIM)).kind()).isEqualTo(Received.Kind.REPEAT);
    }

    @Test
    @DisplayName("a repeat after the claim ended is CLAIMED once, then REPEAT until the new claim ends")
    void claimExpiry() {
        Alert first = fire("alertmanager", "fp-1", T0).alert();

        Received taken = fire("alertmanager", "fp-1", at(31));
        assertThat(taken.kind()).isEqualTo(Received.Kind.CLAIMED);
        assertThat(taken.alert().id()).isEqualTo(first.id());
        assertThat(taken.alert().repeats()).isEqualTo(2);
        assertThat(taken.alert().firstSeen()).isEqualTo(T0);
        assertThat(taken.alert().lastSeen()).isEqualTo(at(31));

        assertThat(fire("alertmanager", "fp-1", at(32)).kind()).isEqualTo(Received.Kind.REPEAT);
        // The new claim lasts until 31 + 30 s: it ends before 62 s, not before 61 s.
        assertThat(fire("alertmanager", "fp-1", at(61)).kind()).isEqualTo(Received.Kind.REPEAT);
        Received again = fire("alertmanager", "fp-1", at(62));
        assertThat(again.kind()).isEqualTo(Received.Kind.CLAIMED);
        assertThat(again.alert().repeats()).isEqualTo(5);
    }

    @Test
    @DisplayName("an alert with an incident is never claimed again: REPEAT however late")
    void attachedIsNotClaimed() {
        Alert first = fire("alertmanager", "fp-1", T0).alert();
        assertThat(alerts.attach(first.id(), "INC-2025-001")).isTrue();

        Received r = fire("alertmanager", "fp-1", at(3600));

        assertThat(r.kind()).isEqualTo(Received.Kind.REPEAT);
        assertThat(r.alert().incidentId()).contains("INC-2025-001");
        assertThat(r.alert().repeats()).isEqualTo(2);
    }

    @Test
    @DisplayName("a suppressed alert stays SUPPRESSED while a silence covers it, and is CLAIMED once none does")
    void suppressedUntilTheSilenceEnds() {
        fireSuppressed("alertmanager", "fp-1", T0, "silence-1");

        Received still = fireSuppressed("alertmanager", "fp-1", at(30), "silence-1");
        assertThat(still.kind()).isEqualTo(Received.Kind.SUPPRESSED);
        assertThat(still.alert().suppressedBy()).contains("silence-1");

        Received r = fire("alertmanager", "fp-1", at(3600));
        assertThat(r.kind()).isEqualTo(Received.Kind.CLAIMED);
        assertThat(r.alert().suppressedBy()).isEmpty();
        assertThat(r.alert().repeats()).isEqualTo(3);
        assertThat(r.alert().lastSeen()).isEqualTo(at(3600));
        assertThat(alerts.find("alertmanager", "fp-1")).contains(r.alert());
        assertThat(fire("alertmanager", "fp-1", at(3601)).kind()).as("claimed now").isEqualTo(Received.Kind.REPEAT);
    }

    @Test
    @DisplayName("a released claim lets the next repeat claim the alert at once; an attached alert keeps none")
    void releasedClaim() {
        Alert a = fire("alertmanager", "fp-1", T0).alert();
        assertThat(fire("alertmanager", "fp-1", at(1)).kind()).isEqualTo(Received.Kind.REPEAT);

        alerts.releaseClaim(a.id());

        assertThat(fire("alertmanager", "fp-1", at(2)).kind()).isEqualTo(Received.Kind.CLAIMED);
        alerts.attach(a.id(), "INC-2025-001");
        alerts.releaseClaim(a.id());
        alerts.releaseClaim("no-such-alert");
        assertThat(fire("alertmanager", "fp-1", at(3)).kind()).isEqualTo(Received.Kind.REPEAT);
    }

    @Test
    @DisplayName("source and dedup key together name an alert")
    void keyedBySourceAndDedupKey() {
        Alert a = fire("alertmanager", "fp-1", T0).alert();
        Alert b = fire("pagerduty", "fp-1", T0).alert();
        Alert c = fire("alertmanager", "fp-2", T0).alert();

        assertThat(java.util.List.of(a.id(), b.id(), c.id())).doesNotHaveDuplicates();
        assertThat(alerts.find("alertmanager", "fp-1")).contains(a);
        assertThat(alerts.find("pagerduty", "fp-1")).contains(b);
        assertThat(alerts.find("alertmanager", "fp-2")).contains(c);
        assertThat(alerts.find("pagerduty", "fp-2")).isEmpty();
        assertThat(alerts.find("alertmanager", "FP-1")).isEmpty();
    }

    @Test
    @DisplayName("a firing alert resolves: resolved at and last seen now, repeats and incident kept")
    void resolves() {
        Alert first = fire("alertmanager", "fp-1", T0).alert();
        fire("alertmanager", "fp-1", at(5));
        alerts.attach(first.id(), "INC-2025-001");

        Optional<Alert> resolved = alerts.receiveResolved("alertmanager", "fp-1", at(20));

        Alert expected = new Alert(first.id(), first.details(), AlertStatus.RESOLVED, T0, at(20), 2,
                Optional.of(at(20)), Optional.of("INC-2025-001"), Optional.empty());
        assertThat(resolved).contains(expected);
        assertThat(alerts.find("alertmanager", "fp-1")).contains(expected);
    }

    @Test
    @DisplayName("a resolution of nothing, or of a resolved alert, is empty and changes nothing")
    void resolveNothing() {
        assertThat(alerts.receiveResolved("alertmanager", "fp-1", T0)).isEmpty();
        assertThat(alerts.find("alertmanager", "fp-1")).isEmpty();

        fire("alertmanager", "fp-1", T0);
        Alert resolved = alerts.receiveResolved("alertmanager", "fp-1", at(10)).orElseThrow();

        assertThat(alerts.receiveResolved("alertmanager", "fp-1", at(20))).isEmpty();
        assertThat(alerts.find("alertmanager", "fp-1")).contains(resolved);
    }

    @Test
    @DisplayName("a resolved alert firing again is a new episode: new id, 1 repeat, no incident")
    void firingAgainIsNewEpisode() {
        Alert first = fire("alertmanager", "fp-1", T0).alert();
        fire("alertmanager", "fp-1", at(5));
        alerts.attach(first.id(), "INC-2025-001");
        alerts.receiveResolved("alertmanager", "fp-1", at(10));
        AlertDetails d = details("alertmanager", "fp-1").withSeverity("warning");

        Received r = alerts.receiveFiring("a-2", d, at(20), Optional.empty(), at(50));

        Alert expected = new Alert("a-2", d, AlertStatus.FIRING, at(20), at(20), 1, Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(r).isEqualTo(new Received(Received.Kind.NEW, expected));
        assertThat(alerts.find("alertmanager", "fp-1")).contains(expected);
        assertThat(fire("alertmanager", "fp-1", at(21)).kind()).isEqualTo(Received.Kind.REPEAT);
    }

    @Test
    @DisplayName("a resolved alert firing again under a silence is a new, SUPPRESSED episode")
    void firingAgainSuppressed() {
        fire("alertmanager", "fp-1", T0);
        alerts.receiveResolved("alertmanager", "fp-1", at(10));

        Received r = fireSuppressed("alertmanager", "fp-1", at(20), "silence-1");

        assertThat(r.kind()).isEqualTo(Received.Kind.SUPPRESSED);
        assertThat(r.alert().repeats()).isEqualTo(1);
        assertThat(r.alert().suppressedBy()).contains("silence-1");
        assertThat(r.alert().resolvedAt()).isEmpty();
    }

    // ---- a list of firing alerts, as one post brings them ----------------------------------------

    @Test
    @DisplayName("a list of new and stored alerts: each decided as alone, the answers in the order of the list")
    void listMixesNewAndStoredInInputOrder() {
        Alert stored = fire("alertmanager", "fp-2", T0).alert();
        alerts.attach(stored.id(), "INC-2025-001");

        // Not in key order: a store that answers in the order it locks or writes rows fails here.
        List<Received> r = alerts.receiveFiring(List.of(incoming("a-3", "alertmanager", "fp-3"),
                incoming("unused", "alertmanager", "fp-2"), incoming("a-1", "alertmanager", "fp-1")), at(5), at(35));

        assertThat(r).extracting(Received::kind)
                .containsExactly(Received.Kind.NEW, Received.Kind.REPEAT, Received.Kind.NEW);
        assertThat(r).extracting(x -> x.alert().details().dedupKey()).containsExactly("fp-3", "fp-2", "fp-1");
        assertThat(r).extracting(x -> x.alert().id()).containsExactly("a-3", stored.id(), "a-1");
        assertThat(r.get(1).alert().repeats()).isEqualTo(2);
        assertThat(r.get(1).alert().incidentId()).contains("INC-2025-001");
        assertThat(r.get(1).alert().lastSeen()).isEqualTo(at(5));
        assertThat(r.get(0).alert()).isEqualTo(new Alert("a-3", details("alertmanager", "fp-3"), AlertStatus.FIRING,
                at(5), at(5), 1, Optional.empty(), Optional.empty(), Optional.empty()));
        for (Received each : r) {
            assertThat(alerts.find("alertmanager", each.alert().details().dedupKey())).contains(each.alert());
        }
        // The new ones are claimed until claimUntil, as one alone would be.
        assertThat(fire("alertmanager", "fp-1", at(35)).kind()).isEqualTo(Received.Kind.REPEAT);
        assertThat(fire("alertmanager", "fp-3", at(36)).kind()).isEqualTo(Received.Kind.CLAIMED);
    }

    @Test
    @DisplayName("the same key twice in one list: the second is a REPEAT of the first, one row with 2 repeats")
    void sameKeyTwiceInOneList() {
        List<Received> r = alerts.receiveFiring(List.of(incoming("a-1", "alertmanager", "fp-1"),
                incoming("a-2", "alertmanager", "fp-2"), incoming("a-1b", "alertmanager", "fp-1")), T0, at(30));

        assertThat(r).extracting(Received::kind)
                .containsExactly(Received.Kind.NEW, Received.Kind.NEW, Received.Kind.REPEAT);
        assertThat(r.get(2).alert().id()).isEqualTo("a-1");
        assertThat(r.get(2).alert().repeats()).isEqualTo(2);
        assertThat(r.get(0).alert().repeats()).isEqualTo(1);
        assertThat(alerts.find("alertmanager", "fp-1")).contains(r.get(2).alert());
        assertThat(alerts.findAll(List.of("a-1b"))).as("the second's id names nothing").isEmpty();
        assertThat(alerts.alerts(AlertQuery.recent().limit(100))).extracting(Alert::id)
                .containsExactlyInAnyOrder("a-1", "a-2");
    }

    @Test
    @DisplayName("a resolved alert twice in one list: a new episode, then a REPEAT of that episode")
    void resolvedKeyTwiceInOneList() {
        Alert first = fire("alertmanager", "fp-1", T0).alert();
        alerts.receiveResolved("alertmanager", "fp-1", at(1));

        List<Received> r = alerts.receiveFiring(List.of(incoming("a-2", "alertmanager", "fp-1"),
                incoming("a-3", "alertmanager", "fp-1")), at(2), at(32));

        assertThat(r).extracting(Received::kind).containsExactly(Received.Kind.NEW, Received.Kind.REPEAT);
        assertThat(r).extracting(x -> x.alert().id()).containsExactly("a-2", "a-2");
        Alert expected = new Alert("a-2", details("alertmanager", "fp-1"), AlertStatus.FIRING, at(2), at(2), 2,
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(r.get(1).alert()).isEqualTo(expected);
        assertThat(alerts.find("alertmanager", "fp-1")).contains(expected);
        assertThat(alerts.findAll(List.of(first.id(), "a-3"))).isEmpty();
    }

    @Test
    @DisplayName("a suppressed alert among others: SUPPRESSED and unclaimed, the others NEW and claimed")
    void suppressedAmongOthers() {
        List<Received> r = alerts.receiveFiring(List.of(incoming("a-1", "alertmanager", "fp-1"),
                new Incoming("a-2", details("alertmanager", "fp-2"), Optional.of("silence-1")),
                incoming("a-3", "alertmanager", "fp-3")), T0, at(30));

        assertThat(r).extracting(Received::kind)
                .containsExactly(Received.Kind.NEW, Received.Kind.SUPPRESSED, Received.Kind.NEW);
        assertThat(r.get(1).alert().suppressedBy()).contains("silence-1");
        assertThat(r.get(0).alert().suppressedBy()).isEmpty();
        assertThat(r.get(2).alert().suppressedBy()).isEmpty();
        assertThat(alerts.find("alertmanager", "fp-2")).contains(r.get(1).alert());
        assertThat(fire("alertmanager", "fp-1", at(1)).kind()).as("claimed").isEqualTo(Received.Kind.REPEAT);
        assertThat(fireSuppressed("alertmanager", "fp-2", at(1), "silence-1").kind()).isEqualTo(Received.Kind.SUPPRESSED);
        assertThat(fire("alertmanager", "fp-2", at(2)).kind()).as("its silence ended").isEqualTo(Received.Kind.CLAIMED);
    }

    @Test
    @DisplayName("an empty list is received as nothing")
    void emptyList() {
        assertThat(alerts.receiveFiring(List.of(), T0, at(30))).isEmpty();
        assertThat(alerts.alerts(AlertQuery.recent())).isEmpty();
    }

    @Test
    @DisplayName("findAll finds the alerts with those ids, ended episodes and unknown ids left out")
    void findAllLeavesOutUnknownIds() {
        Alert a = fire("alertmanager", "fp-1", T0).alert();
        Alert b = fire("pagerduty", "fp-1", T0).alert();
        Alert ended = fire("alertmanager", "fp-2", T0).alert();
        alerts.receiveResolved("alertmanager", "fp-2", at(1));
        Alert next = fire("alertmanager", "fp-2", at(2)).alert();
        Alert resolvedB = alerts.receiveResolved("pagerduty", "fp-1", at(3)).orElseThrow();

        assertThat(alerts.findAll(List.of(b.id(), "no-such-alert", a.id(), ended.id(), next.id())))
                .containsExactlyInAnyOrder(a, resolvedB, next);
        assertThat(alerts.findAll(List.of("no-such-alert"))).isEmpty();
        assertThat(alerts.findAll(List.of())).isEmpty();
    }
}
