package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertQuery;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link AlertStoreContract}: what is stored comes back equal, field for field. */
abstract class AlertRoundTripTests extends AlertHarness {

    private static final String HOSTILE = "\"quoted\" 'single' \\back\\slash {\"json\": [1]} </script> "
            + "\u00e9\u00e8 \u4e2d\u6587 \ud83d\udd25 \u200b NUL-free";

    private Alert storeAndFind(AlertDetails d, Instant now) {
        Alert stored = alerts.receiveFiring(newId(), d, now, Optional.empty(), now.plus(CLAIM)).alert();
        Alert found = alerts.find(d.source(), d.dedupKey()).orElseThrow();
        assertThat(found).isEqualTo(stored);
        assertThat(found.details()).isEqualTo(d);
        assertThat(alerts.alerts(AlertQuery.recent().source(d.source()))).contains(found);
        return found;
    }

    @Test
    @DisplayName("empty maps and an empty severity come back empty")
    void emptyMaps() {
        AlertDetails d = AlertDetails.of("alertmanager", "fp-empty", "x", T0);

        Alert a = storeAndFind(d, T0);

        assertThat(a.details().labels()).isEmpty();
        assertThat(a.details().annotations()).isEmpty();
        assertThat(a.details().links()).isEmpty();
        assertThat(a.details().severity()).isEmpty();
    }

    @Test
    @DisplayName("labels, annotations and links with quotes, backslashes, unicode and line breaks come back exactly")
    void hostileText() {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", "HighLatency");
        labels.put("quote", HOSTILE);
        labels.put("empty", "");
        labels.put("_x9", "{}");
        labels.put("Upper", "[]");
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("description", "Line one\nline two\n\ttabbed " + HOSTILE);
        annotations.put("runbook", "");
        Map<String, String> links = new TreeMap<>();
        links.put("Graph \"p99\" \u2014 \u00e9", "https://grafana.example.com/d/abc?var-a=%221%22&x=%20y&q=\u00e9");
        links.put("runbook", "http://wiki.example.com/runbooks/checkout#p99");
        AlertDetails d = new AlertDetails("alertmanager", "fp/\u00e9 \"hostile\" \\ " + "\ud83d\udd25",
                "Checkout p99 above 2s\n\nsecond paragraph " + HOSTILE, "critical \"sev\"",
                new TreeMap<>(labels), new TreeMap<>(annotations), new TreeMap<>(links), T0.minusSeconds(90));

        storeAndFind(d, T0);
    }

    @Test
    @DisplayName("the most entries an alert may carry, long values included, come back exactly")
    void largest() {
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> annotations = new TreeMap<>();
        for (int i = 0; i < AlertDetails.MAX_ENTRIES; i++) {
            labels.put("label_" + i, ("v\"" + i).repeat(500).substring(0, 1000));
            annotations.put("annotation_" + i, "\"\\\n".repeat(3_000));
        }
        Map<String, String> links = new TreeMap<>();
        for (int i = 0; i < AlertDetails.MAX_LINKS; i++) {
            links.put("link " + i, "https://example.com/" + "a".repeat(1_900) + i);
        }
        AlertDetails d = new AlertDetails("alertmanager", "k".repeat(255), "s".repeat(1024), "x".repeat(32),
                new TreeMap<>(labels), new TreeMap<>(annotations), new TreeMap<>(links), T0);

        storeAndFind(d, T0);
    }

    @Test
    @DisplayName("instants to the microsecond, far apart, come back equal")
    void instants() {
        Instant startsAt = Instant.parse("1999-12-31T23:59:59.999999Z");
        Instant now = Instant.parse("2038-01-19T03:14:07.000001Z");
        AlertDetails d = AlertDetails.of("alertmanager", "fp-time", "x", startsAt);

        Alert a = storeAndFind(d, now);
        Alert resolved = alerts.receiveResolved("alertmanager", "fp-time", now.plusNanos(1_000)).orElseThrow();

        assertThat(a.firstSeen()).isEqualTo(now);
        assertThat(a.details().startsAt()).isEqualTo(startsAt);
        assertThat(resolved.resolvedAt()).contains(now.plusNanos(1_000));
        assertThat(alerts.find("alertmanager", "fp-time")).contains(resolved);
    }
}
