package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.spi.AlertStore.Received;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link AlertStoreContract}: attach and firingCount. */
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
}
