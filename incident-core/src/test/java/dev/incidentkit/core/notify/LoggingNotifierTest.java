package dev.incidentkit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LoggingNotifierTest {

    private static final String ID = "0199a3b2-0000-7000-8000-000000000001";

    private static Notification notification(String title, String actor, Optional<String> note) {
        return new Notification(
                CloudEventBuilder.v1().withId(ID).withSource(URI.create("incident-management/test"))
                        .withType("incident.mitigated").build(),
                "INC-2025-001", title, "SEV-2", "mitigated", "checkout", actor, note, List.of());
    }

    @Test
    void oneLineWithEveryField() {
        String line = LoggingNotifier.format(notification("Checkout latency", "bob", Optional.of("Rolled back")));
        assertThat(line).isEqualTo("INC-2025-001 incident.mitigated SEV-2 mitigated service=checkout "
                + "title=\"Checkout latency\" actor=\"bob\" note=\"Rolled back\" id=" + ID);
    }

    @Test
    void noNoteNoNoteField() {
        assertThat(LoggingNotifier.format(notification("t", "a", Optional.empty()))).doesNotContain("note=");
        assertThat(LoggingNotifier.format(notification("t", "a", Optional.of("")))).doesNotContain("note=");
    }

    @Test
    void hostileTextCannotForgeALineOrBreakOutOfItsQuotes() {
        String title = "ok\" actor=\"admin\nINC-2025-999 incident.resolved SEV-1 RESOLVED\r\t\u202Eevil\u2028\u0007\\";
        String line = LoggingNotifier.format(notification(title, "eve\u0000", Optional.of("a\nb")));
        assertThat(line).doesNotContain("\n", "\r", "\t", "\u202E", "\u2028", "\u0007", "\u0000");
        assertThat(line).contains("title=\"ok\\\" actor=\\\"admin\\nINC-2025-999 incident.resolved SEV-1 RESOLVED\\r\\t"
                + "\\u202eevil\\u2028\\u0007\\\\\"");
        assertThat(line).contains("actor=\"eve\\u0000\"", "note=\"a\\nb\"");
    }

    @Property
    void everyLineIsOneLineWithoutControlCharacters(@ForAll String title, @ForAll String actor, @ForAll String note) {
        String line = LoggingNotifier.format(notification(title, actor, Optional.of(note)));
        assertThat(line.chars()).noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'));
        assertThat(line).startsWith("INC-2025-001 incident.mitigated SEV-2 mitigated service=checkout title=\"")
                .endsWith(" id=" + ID);
    }

    @Test
    void alwaysDeliversAndIsNamedLogByDefault() {
        LoggingNotifier n = new LoggingNotifier();
        assertThat(n.name()).isEqualTo("log");
        assertThat(n.deliver(notification("t", "a", Optional.empty()))).isEqualTo(DeliveryResult.delivered());
        assertThat(new LoggingNotifier("audit-log").name()).isEqualTo("audit-log");
        assertThatThrownBy(() -> new LoggingNotifier("Audit Log")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Audit Log");
    }
}
