package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertCounts;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.AlertStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link AlertStoreContract}: alerts(query) and counts(from, until), held to {@link AlertQuery#matches}
 * and newest-first order over every stored alert.
 */
abstract class AlertListingTests extends AlertHarness {

    private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparing(Alert::lastSeen).reversed()
            .thenComparing(Alert::id);

    /** Every stored alert, found one by one. */
    private final List<Alert> stored = new ArrayList<>();

    /**
     * Stores alerts of three sources in every state, some with equal last-seen instants (ordered
     * then by id, as String.compareTo orders ids that differ in case and punctuation).
     */
    private void storeMix() {
        String[] sources = {"alertmanager", "pagerduty", "grafana"};
        String[] ids = {"b-1", "B-2", "a_3", "a-4", "A.5", "c", "0-7", "z~8", "Z 9"};
        List<String[]> keys = new ArrayList<>();
        int n = 0;
        for (String source : sources) {
            for (int i = 0; i < 9; i++) {
                String key = "fp-" + i;
                keys.add(new String[] {source, key});
                // Three alerts share each instant, so that order by id decides.
                Instant now = at(n / 3 * 10);
                Optional<String> silence = i % 4 == 3 ? Optional.of("silence-1") : Optional.empty();
                alerts.receiveFiring(ids[i] + "-" + source, details(source, key), now, silence, now.plus(CLAIM));
                if (i % 3 == 1) {
                    alerts.attach(ids[i] + "-" + source, i % 2 == 0 ? "INC-2025-001" : "INC-2025-002");
                }
                if (i % 5 == 2) {
                    alerts.receiveResolved(source, key, now.plusSeconds(5));
                }
                if (i == 8) {
                    alerts.receiveFiring(newId(), details(source, key), now.plusSeconds(7), silence, now.plus(CLAIM));
                }
                n++;
            }
        }
        for (String[] k : keys) {
            stored.add(alerts.find(k[0], k[1]).orElseThrow());
        }
    }

    private List<Alert> expected(AlertQuery q) {
        return stored.stream().filter(q::matches).sorted(NEWEST_FIRST).limit(q.limit()).toList();
    }

    @Test
    @DisplayName("nothing stored, nothing listed, nothing counted")
    void empty() {
        assertThat(alerts.alerts(AlertQuery.recent())).isEmpty();
        assertThat(alerts.counts(Instant.EPOCH, FAR)).isEqualTo(new AlertCounts(0, 0, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("every filter and combination selects what AlertQuery.matches selects, newest received first")
    void filtersAndOrder() {
        storeMix();
        List<AlertQuery> queries = new ArrayList<>();
        for (Optional<AlertQuery.State> state : List.of(Optional.<AlertQuery.State>empty(),
                Optional.of(AlertQuery.State.FIRING), Optional.of(AlertQuery.State.RESOLVED),
                Optional.of(AlertQuery.State.SUPPRESSED))) {
            for (Optional<String> incident : List.of(Optional.<String>empty(), Optional.of("INC-2025-001"),
                    Optional.of("INC-2025-002"), Optional.of("INC-2025-404"))) {
                for (Optional<String> source : List.of(Optional.<String>empty(), Optional.of("pagerduty"),
                        Optional.of("nagios"))) {
                    queries.add(new AlertQuery(state, incident, source, 1000));
                }
            }
        }
        for (AlertQuery q : queries) {
            assertThat(alerts.alerts(q)).as(q.toString()).containsExactlyElementsOf(expected(q));
        }
        assertThat(alerts.alerts(AlertQuery.recent())).hasSize(27);
        assertThat(expected(AlertQuery.recent().state(AlertQuery.State.SUPPRESSED))).isNotEmpty();
        assertThat(expected(AlertQuery.recent().state(AlertQuery.State.RESOLVED))).isNotEmpty();
        assertThat(expected(AlertQuery.recent().incident("INC-2025-002").state(AlertQuery.State.FIRING))).isNotEmpty();
    }

    @Test
    @DisplayName("the limit keeps the newest")
    void limit() {
        storeMix();
        for (int limit : new int[] {1, 2, 3, 4, 10, 26, 27, 28}) {
            AlertQuery q = AlertQuery.recent().limit(limit);
            assertThat(alerts.alerts(q)).as("limit " + limit).containsExactlyElementsOf(expected(q));
        }
        AlertQuery firing = AlertQuery.recent().state(AlertQuery.State.FIRING).limit(2);
        assertThat(alerts.alerts(firing)).containsExactlyElementsOf(expected(firing));
    }

    @Test
    @DisplayName("counts(from, until) adds up the alerts first seen at or after from and before until")
    void counts() {
        storeMix();
        List<Instant> instants = List.of(Instant.EPOCH, T0, at(1), at(40), at(80), at(81), at(1000));
        for (Instant from : instants) {
            for (Instant until : instants) {
                assertThat(alerts.counts(from, until)).as("from " + from + " until " + until)
                        .isEqualTo(expectedCounts(from, until));
            }
        }
        assertThat(alerts.counts(T0, FAR).attached()).isPositive();
        assertThat(alerts.counts(T0, FAR).suppressed()).isPositive();
    }

    private static final Instant FAR = Instant.parse("9999-01-01T00:00:00Z");

    private AlertCounts expectedCounts(Instant from, Instant until) {
        long count = 0;
        long repeats = 0;
        long firing = 0;
        long suppressed = 0;
        long attached = 0;
        Set<String> incidents = new HashSet<>();
        for (Alert a : stored) {
            if (a.firstSeen().isBefore(from) || !a.firstSeen().isBefore(until)) {
                continue;
            }
            count++;
            repeats += a.repeats();
            firing += a.status() == AlertStatus.FIRING ? 1 : 0;
            suppressed += a.suppressed() ? 1 : 0;
            if (a.incidentId().isPresent()) {
                attached++;
                incidents.add(a.incidentId().get());
            }
        }
        return new AlertCounts(count, repeats, firing, suppressed, attached, incidents.size());
    }

    @Test
    @DisplayName("a repeat moves an alert to the front; repeats are counted")
    void repeatMovesToFront() {
        fire("alertmanager", "fp-1", T0);
        fire("alertmanager", "fp-2", at(1));
        fire("alertmanager", "fp-1", at(2));
        fire("alertmanager", "fp-1", at(3));

        assertThat(alerts.alerts(AlertQuery.recent())).extracting(a -> a.details().dedupKey())
                .containsExactly("fp-1", "fp-2");
        assertThat(alerts.counts(T0, FAR)).isEqualTo(new AlertCounts(2, 4, 2, 0, 0, 0));
        assertThat(alerts.counts(at(1), FAR)).isEqualTo(new AlertCounts(1, 1, 1, 0, 0, 0));
    }
}
