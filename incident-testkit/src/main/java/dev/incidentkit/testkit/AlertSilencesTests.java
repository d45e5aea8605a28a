package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.alert.LabelMatcher;
import dev.incidentkit.core.alert.Silence;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link AlertStoreContract}: saveSilence and silences. */
abstract class AlertSilencesTests extends AlertHarness {

    private static Silence silence(String id, long startSeconds, List<LabelMatcher> matchers) {
        return new Silence(id, Silence.Kind.SILENCE, matchers, Optional.empty(), at(startSeconds),
                at(startSeconds + 3600), Actor.of("alice"), "deploy of checkout");
    }

    @Test
    @DisplayName("none at first")
    void emptyAtFirst() {
        assertThat(alerts.silences()).isEmpty();
    }

    @Test
    @DisplayName("a silence and a maintenance window come back as saved, matchers of every kind and hostile text included")
    void roundTrip() {
        Silence s = new Silence("s-1", Silence.Kind.SILENCE, List.of(
                new LabelMatcher("service", LabelMatcher.Operator.EQUAL, "checkout"),
                new LabelMatcher("env", LabelMatcher.Operator.NOT_EQUAL, "dev \"blue\" = green, \\ \u00e9\u4e2d\ud83d\udd25"),
                new LabelMatcher("alertname", LabelMatcher.Operator.MATCHES, "High.*|Low[\"\\n]+"),
                new LabelMatcher("team", LabelMatcher.Operator.DOES_NOT_MATCH, ""),
                new LabelMatcher("note", LabelMatcher.Operator.EQUAL, " line one\nline two ")),
                Optional.empty(), at(0), at(3600), Actor.of("Zo\u00eb O'Brien <zoe@example.com>"),
                "Because \"the\" deploy\nruns long \u2014 \u00e9\u4e2d\ud83d\udd25");
        Silence m = Silence.maintenance("checkout", at(-10), at(7200), Actor.of("bob"), "");

        alerts.saveSilence(s);
        alerts.saveSilence(m);

        assertThat(alerts.silences()).containsExactly(s, m);
    }

    @Test
    @DisplayName("the latest starting comes first, ties by id")
    void order() {
        List<LabelMatcher> m = List.of(LabelMatcher.parse("service=checkout"));
        Silence early = silence("s-early", -100, m);
        Silence late = silence("s-late", 500, m);
        Silence tieB = silence("s-b", 100, m);
        Silence tieA = silence("s-a", 100, m);
        Silence tieUpper = silence("S-Z", 100, m);
        alerts.saveSilence(tieB);
        alerts.saveSilence(early);
        alerts.saveSilence(late);
        alerts.saveSilence(tieA);
        alerts.saveSilence(tieUpper);

        // Ids are compared as String.compareTo compares them: upper case before lower case.
        assertThat(alerts.silences()).containsExactly(late, tieUpper, tieA, tieB, early);
    }

    @Test
    @DisplayName("saving a silence with a stored id replaces it")
    void replace() {
        Silence s = silence("s-1", 0, List.of(LabelMatcher.parse("service=checkout")));
        alerts.saveSilence(s);
        alerts.saveSilence(silence("s-2", 10, List.of(LabelMatcher.parse("service=search"))));

        Silence ended = s.expiredAt(at(60));
        alerts.saveSilence(ended);
        Silence changed = new Silence("s-1", Silence.Kind.MAINTENANCE, List.of(), Optional.of("payments"), at(-5),
                at(60), Actor.of("carol"), "now a window");
        alerts.saveSilence(changed);

        assertThat(alerts.silences()).hasSize(2).contains(changed).doesNotContain(s, ended);
    }
}
