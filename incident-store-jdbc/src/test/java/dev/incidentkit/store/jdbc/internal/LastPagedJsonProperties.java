package dev.incidentkit.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.StoreException;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@code incidentkit_escalations.last_paged} (schema version 6): a JSON array of strings, written
 * by {@link AlertJson#writeStrings}, in the form given here, and read back as it was for any
 * strings, the ids the escalation pages and everything else.
 */
class LastPagedJsonProperties {

    @Example
    void theStoredForm() {
        assertThat(AlertJson.writeStrings(List.of())).isEqualTo("[]");
        assertThat(AlertJson.writeStrings(List.of("alice"))).isEqualTo("[\"alice\"]");
        assertThat(AlertJson.writeStrings(List.of("bob o'brien", "a \"b\", c", "x\\y]", "ü 🚨 /")))
                .isEqualTo("[\"bob o'brien\",\"a \\\"b\\\", c\",\"x\\\\y]\",\"ü 🚨 /\"]");
        assertThat(AlertJson.readStrings(" [ \"a\" ,\n\"\\u00fc\" ] ", "last_paged")).containsExactly("a", "ü");
    }

    @Property
    void anyListOfStringsRoundTrips(@ForAll List<String> ids) {
        assertThat(AlertJson.readStrings(AlertJson.writeStrings(ids), "last_paged")).isEqualTo(ids);
    }

    @Example
    void malformedTextNamesTheColumn() {
        for (String bad : List.of("", "[", "[\"a\"", "[\"a\",]", "{}", "[1]", "[\"a\"] x")) {
            assertThatThrownBy(() -> AlertJson.readStrings(bad, "last_paged")).as(bad)
                    .isInstanceOf(StoreException.class).hasMessageContaining("last_paged");
        }
    }
}
