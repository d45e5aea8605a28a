package dev.incidentkit.core.export;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever users write (within the input rules), an export imported into an empty store is the same incident. */
class ImportRoundTripProperties {

    private static final List<String> FRAGMENTS = List.of("\n", "\t", "# ", "- ", "|", "<script>", "](javascript:x)",
            "\\", "\"", "\u00e9", "\ud83d\ude00", "\u202e", "&amp;", "{\"a\":1}", "\u0000", "\u001b[31m", "\r\n");

    @Provide
    Arbitrary<List<String>> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(6),
                Arbitraries.strings().withCharRange('\ue000', '\uffff').ofMaxLength(3),
                Arbitraries.of(FRAGMENTS));
        return piece.list().ofMaxSize(8).map(p -> String.join("", p)).list().ofMinSize(3).ofMaxSize(8);
    }

    @Property(tries = 30)
    void exportThenImportGivesTheSameIncident(@ForAll("texts") List<String> texts, @ForAll boolean batch) {
        SimpleEventStore source = new SimpleEventStore();
        SimpleEventStore target = new SimpleEventStore();
        try (IncidentManager original = ExportFixtures.manager(source); IncidentManager copy = ExportFixtures.manager(target)) {
            Instant t = ExportFixtures.at(0);
            String id = original.declare(Declare.of(line(texts.get(0)), Severity.SEV2, "checkout")
                    .description(note(texts.get(1))), as(actor(texts.get(2))).at(t)).id();
            for (int i = 3; i < texts.size(); i++) {
                original.addNote(id, "n" + note(texts.get(i)), as(actor(texts.get(i - 1))).at(t.plusSeconds(60L * i)));
            }
            original.updatePostmortem(id, PostmortemUpdate.none().rootCause(note(texts.get(1))), as("a").at(t.plusSeconds(900)));
            original.addActionItem(id, "Follow up: " + note(texts.get(2)), Optional.of(Actor.of(actor(texts.get(0)))),
                    Optional.of(LocalDate.parse("2025-09-01")), as("a").at(t.plusSeconds(901)));
            List<RecordedEvent> history = original.history(id);

            String export = batch ? CloudEventsExport.batch(history, original.cloudEvents())
                    : CloudEventsExport.lines(history, original.cloudEvents());
            ImportSummary summary = Imports.cloudEvents(export, original.cloudEvents(), target);

            assertThat(summary.imported()).containsExactly(id);
            assertThat(copy.history(id).stream().map(e -> e.stored().record()).collect(Collectors.toList()))
                    .isEqualTo(history.stream().map(e -> e.stored().record()).collect(Collectors.toList()));
            assertThat(copy.get(id)).isEqualTo(original.get(id));
            assertThat(copy.timeline(id)).isEqualTo(original.timeline(id));
            assertThat(copy.verify(id).isIntact()).isTrue();
        }
    }

    /** A title: one line, no control character, 1 to 200 characters, not blank. */
    private static String line(String s) {
        String clean = strip(s, false);
        clean = clean.codePointCount(0, clean.length()) > 190 ? clean.substring(0, clean.offsetByCodePoints(0, 190)) : clean;
        return clean.isBlank() ? "t" + clean : clean;
    }

    private static String actor(String s) {
        return line(s);
    }

    /** A note: newline and tab allowed, no other control character. */
    private static String note(String s) {
        return strip(s, true);
    }

    private static String strip(String s, boolean multiLine) {
        List<Integer> kept = new ArrayList<>();
        s.codePoints().filter(cp -> !(Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029)
                || multiLine && (cp == '\n' || cp == '\t')).forEach(kept::add);
        StringBuilder out = new StringBuilder();
        kept.forEach(out::appendCodePoint);
        return out.toString();
    }
}
