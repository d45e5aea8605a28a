package dev.incidentkit.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.alert.LabelMatcher;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The JSON of the alert tables' text columns: the written form, and what the reader accepts. */
class AlertJsonTest {

    @Test
    void mapsAreWrittenCompactInKeyOrderWithOnlyTheNecessaryEscapes() {
        TreeMap<String, String> map = new TreeMap<>(Map.of("b", "\"q\" \\ \u00e9 \ud83d\udd25 /", "a", "line\nnext\ttab\u0001"));

        String json = AlertJson.writeMap(map);

        assertThat(json).isEqualTo("{\"a\":\"line\\nnext\\ttab\\u0001\",\"b\":\"\\\"q\\\" \\\\ \u00e9 \ud83d\udd25 /\"}");
        assertThat(AlertJson.readMap(json, "labels")).isEqualTo(map);
        assertThat(AlertJson.writeMap(Map.of())).isEqualTo("{}");
        assertThat(AlertJson.readMap("{}", "labels")).isEmpty();
    }

    @Test
    void anyJsonOfTheShapeIsRead() {
        String json = " { \"a\" : \"\\u00e9\\ud83d\\udd25\\/\\b\\f\\r\" ,\n\t\"b\":\"\" } ";

        assertThat(AlertJson.readMap(json, "labels")).containsExactlyEntriesOf(
                new TreeMap<>(Map.of("a", "\u00e9\ud83d\udd25/\b\f\r", "b", "")));
    }

    @Test
    void matchersRoundTrip() {
        List<LabelMatcher> matchers = List.of(LabelMatcher.parse("service=checkout"),
                new LabelMatcher("env", LabelMatcher.Operator.DOES_NOT_MATCH, "dev|\"test\"\n"));

        String json = AlertJson.writeMatchers(matchers);

        assertThat(json).startsWith("[{\"name\":\"service\",\"operator\":\"=\",\"value\":\"checkout\"},");
        assertThat(AlertJson.readMatchers(json)).isEqualTo(matchers);
        assertThat(AlertJson.readMatchers("[]")).isEmpty();
    }

    @Test
    void malformedJsonIsAStoreExceptionNamingTheColumn() {
        for (String bad : List.of("", "{", "{\"a\"}", "{\"a\":1}", "{\"a\":\"b\",}", "{\"a\":\"b\"} x", "[", "\"a\"",
                "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}")) {
            assertThatThrownBy(() -> AlertJson.readMap(bad, "annotations")).as(bad)
                    .isInstanceOf(StoreException.class).hasMessageContaining("annotations");
        }
        assertThatThrownBy(() -> AlertJson.readMatchers("[{\"name\":\"a\",\"operator\":\"~\",\"value\":\"\"}]"))
                .isInstanceOf(StoreException.class).hasMessageContaining("operator");
        assertThatThrownBy(() -> AlertJson.readMatchers("[{\"name\":\"a\"}]"))
                .isInstanceOf(StoreException.class).hasMessageContaining("matchers");
    }
}
