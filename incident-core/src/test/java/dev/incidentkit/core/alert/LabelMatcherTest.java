package dev.incidentkit.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.ValidationException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LabelMatcherTest {

    @Test
    void matchersReadAsAlertmanagerWritesThemAndMatchWholeValues() {
        Map<String, String> labels = Map.of("alertname", "HighLatency", "env", "prod");
        assertThat(LabelMatcher.parse("alertname=HighLatency").matches(labels)).isTrue();
        assertThat(LabelMatcher.parse("env!=dev").matches(labels)).isTrue();
        assertThat(LabelMatcher.parse("alertname=~High.*").matches(labels)).isTrue();
        assertThat(LabelMatcher.parse("alertname=~High").matches(labels)).as("anchored").isFalse();
        assertThat(LabelMatcher.parse("env!~prod|staging").matches(labels)).isFalse();
        assertThat(LabelMatcher.parse("team=\"\"").matches(labels)).as("a missing label is empty").isTrue();
        assertThat(LabelMatcher.parse("alertname = \"HighLatency\"")).isEqualTo(LabelMatcher.parse("alertname=HighLatency"));
        assertThat(LabelMatcher.parse("alertname=~High.*")).hasToString("alertname=~High.*")
                .hasSameHashCodeAs(new LabelMatcher("alertname", LabelMatcher.Operator.MATCHES, "High.*"));
    }

    @Test
    void badMatchersAreRefusedNamingMatchers() {
        for (String bad : new String[] {"=x", "no operator", "bad-name=x", "a=~((", "a=" + "x".repeat(1025)}) {
            assertThatThrownBy(() -> LabelMatcher.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("matchers"));
        }
    }

    /**
     * A pattern that backtracks without bound on a long value does not hold, negated or not (the
     * alert gets through a silence that cannot decide), and returns: without
     * the bound it would run for longer than the age of the universe. The timeout only detects a
     * hang; it is no speed limit.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRunawayRegularExpressionDoesNotMatchAndReturns() {
        LabelMatcher runaway = LabelMatcher.parse("x=~(x+x+)+y");
        assertThat(runaway.matches(Map.of("x", "x".repeat(1000)))).isFalse();
        assertThat(LabelMatcher.parse("x!~(x+x+)+y").matches(Map.of("x", "x".repeat(1000)))).isFalse();
        assertThat(runaway.matches(Map.of("x", "xxxy"))).isTrue();
    }
}
