package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Text pasted with {@code \r\n} or a lone {@code \r} means the same lines as with {@code \n}, in every free-text field. */
class LineBreakProperties {

    /** Lines, and the line break written after each but the last, as a Windows, old Mac or Unix paste would have it. */
    record Pasted(List<String> lines, List<String> breaks) {
        String text() {
            StringBuilder b = new StringBuilder(lines.get(0));
            for (int i = 1; i < lines.size(); i++) {
                b.append(breaks.get(i - 1)).append(lines.get(i));
            }
            return b.toString();
        }

        String unix() {
            return String.join("\n", lines);
        }
    }

    @Provide
    Arbitrary<Pasted> pasted() {
        Arbitrary<String> line = Arbitraries.strings().withChars("ab \t<>*\u00e9").withCharRange('\u4e00', '\u4e05').ofMaxLength(12);
        return line.list().ofMinSize(1).ofMaxSize(6).flatMap(lines -> Arbitraries.of("\r\n", "\r", "\n")
                .list().ofSize(lines.size() - 1).map(breaks -> {
                    // A lone \r before an empty line and a \n is a \r\n: no reader can tell them apart.
                    List<String> unambiguous = new ArrayList<>(breaks);
                    for (int i = 0; i + 1 < unambiguous.size(); i++) {
                        if (unambiguous.get(i).equals("\r") && lines.get(i + 1).isEmpty() && unambiguous.get(i + 1).startsWith("\n")) {
                            unambiguous.set(i, "\r\n");
                        }
                    }
                    return new Pasted(lines, unambiguous);
                }));
    }

    @Property(tries = 300)
    void everyFreeTextFieldKeepsTheLinesWithNewlines(@ForAll("pasted") Pasted p) {
        String text = p.text();
        String expected = p.unix();

        assertThat(Validation.lineBreaks(text)).isEqualTo(expected);
        assertThat(Validation.note("note", Validation.lineBreaks(text))).isEqualTo(expected);
        assertThat(new Command.AddNote(text).note()).isEqualTo(expected);
        assertThat(new Command.Acknowledge(text, Optional.empty()).note()).isEqualTo(expected);
        assertThat(new Command.Cancel(text).reason()).isEqualTo(expected);
        assertThat(new Command.AddActionItem(text, Optional.empty(), Optional.empty()).text()).isEqualTo(expected);
        assertThat(Declare.of("t", Severity.SEV2, "checkout").description(text).description()).isEqualTo(expected);
        PostmortemUpdate update = new Command.UpdatePostmortem(PostmortemUpdate.none().rootCause(text).wentWell(text)).changes();
        assertThat(update.rootCause()).contains(expected);
        assertThat(update.wentWell()).contains(expected);
        assertThat(update.summary()).isEmpty();
    }
}
