package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link AlertStoreContract}: admitIncident. */
abstract class AlertStormLimitTests extends AlertHarness {

    private static final Instant MINUTE = T0.truncatedTo(ChronoUnit.MINUTES);

    @Test
    @DisplayName("up to the limit per source and minute are admitted, then none")
    void limitPerSourceAndMinute() {
        assertThat(alerts.admitIncident("alertmanager", MINUTE, 2)).isTrue();
        assertThat(alerts.admitIncident("alertmanager", MINUTE, 2)).isTrue();
        assertThat(alerts.admitIncident("alertmanager", MINUTE, 2)).isFalse();
        assertThat(alerts.admitIncident("alertmanager", MINUTE, 2)).isFalse();

        assertThat(alerts.admitIncident("pagerduty", MINUTE, 2)).isTrue();
        assertThat(alerts.admitIncident("alertmanager", MINUTE.plusSeconds(60), 2)).isTrue();
    }

    @Test
    @DisplayName("a higher limit admits more in the same minute; a refusal is not counted")
    void limitGivenEachTime() {
        assertThat(alerts.admitIncident("alertmanager", MINUTE, 1)).isTrue();
        assertThat(alerts.admitIncident("alertmanager", MINUTE, 1)).isFalse();
        assertThat(alerts.admitIncident("alertmanager", MINUTE, 2)).isTrue();
        assertThat(alerts.admitIncident("alertmanager", MINUTE, 2)).isFalse();
        assertThat(alerts.admitIncident("alertmanager", MINUTE, 3)).isTrue();
    }
}
