package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.CommandType;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link IncidentManagerContract}: rejected commands write nothing. */
abstract class ManagerRejectionsTests extends ManagerHarness {

    @Test
    @DisplayName("closing an OPEN incident names the status and the allowed commands")
    void closeWhileOpen() {
        String id = manager().declare(CHECKOUT, ALICE).id();

        IllegalTransitionException e = assertRejected(IllegalTransitionException.class,
                () -> manager().closeIncident(id, "", ALICE));

        assertThat(e.incidentId()).isEqualTo(id);
        assertThat(e.status()).isEqualTo(Status.OPEN);
        assertThat(e.command()).isEqualTo(CommandType.CLOSE);
        assertThat(e.allowed()).contains(CommandType.ACKNOWLEDGE, CommandType.INVESTIGATE, CommandType.IDENTIFY,
                CommandType.MITIGATE, CommandType.RESOLVE, CommandType.CANCEL, CommandType.ADD_NOTE)
                .doesNotContain(CommandType.CLOSE, CommandType.REOPEN);
        assertThat(e.getMessage()).contains(id, "close", "OPEN", "acknowledge", "investigate", "identify", "mitigate",
                "resolve", "cancel");
    }

    @Test
    @DisplayName("a blank, multi-line or too long title is rejected; 200 code points are accepted")
    void title() {
        assertThat(assertRejected(ValidationException.class,
                () -> manager().declare(Declare.of("   ", Severity.SEV2, "checkout"), ALICE)).field()).isEqualTo("title");
        assertThat(assertRejected(ValidationException.class,
                () -> manager().declare(Declare.of("", Severity.SEV2, "checkout"), ALICE)).field()).isEqualTo("title");
        assertThat(assertRejected(ValidationException.class,
                () -> manager().declare(Declare.of("a".repeat(201), Severity.SEV2, "checkout"), ALICE)).field())
                .isEqualTo("title");
        assertThat(assertRejected(ValidationException.class,
                () -> manager().declare(Declare.of("🔥".repeat(201), Severity.SEV2, "checkout"), ALICE)).field())
                .isEqualTo("title");
        assertThat(assertRejected(ValidationException.class,
                () -> manager().declare(Declare.of("two\nlines", Severity.SEV2, "checkout"), ALICE)).field())
                .isEqualTo("title");
        assertThat(assertRejected(ValidationException.class,
                () -> manager().declare(Declare.of("a\ttab", Severity.SEV2, "checkout"), ALICE)).field())
                .isEqualTo("title");

        Incident longest = manager().declare(Declare.of("a".repeat(200), Severity.SEV2, "checkout"), ALICE);
        Incident emoji = manager().declare(Declare.of("🔥".repeat(200), Severity.SEV2, "checkout"), ALICE);

        assertThat(longest.id()).as("rejected declarations used no incident number").isEqualTo("INC-2025-001");
        assertThat(manager().get(emoji.id()).title()).isEqualTo("🔥".repeat(200));
    }

    @Test
    @DisplayName("a service name outside [a-z0-9][a-z0-9._-]{0,62} is rejected")
    void service() {
        for (String bad : List.of("Checkout!", "Checkout", "", "-checkout", "check out", "a".repeat(64))) {
            ValidationException e = assertRejected(ValidationException.class,
                    () -> manager().declare(Declare.of("Checkout latency", Severity.SEV2, bad), ALICE));
            assertThat(e.field()).as("service %s", bad).isEqualTo("service");
        }
        String id = manager().declare(CHECKOUT, ALICE).id();
        ValidationException onCorrelate = assertRejected(ValidationException.class,
                () -> manager().correlateService(id, "Payments!", "", ALICE));
        assertThat(onCorrelate.field()).isEqualTo("service");
        assertThat(manager().declare(Declare.of("x", Severity.SEV2, "a".repeat(63)), ALICE).service()).hasSize(63);
    }

    @Test
    @DisplayName("control characters are rejected, newline and tab in notes are kept")
    void controlCharacters() {
        ValidationException inDescription = assertRejected(ValidationException.class,
                () -> manager().declare(CHECKOUT.description("bell\u0007"), ALICE));
        assertThat(inDescription.field()).isEqualTo("description");
        String id = manager().declare(CHECKOUT, ALICE).id();

        for (String bad : List.of("nul\u0000", "escape\u001b[31m", "del\u007f", "c1\u0085",
                "line\u2028separator", "paragraph\u2029separator")) {
            ValidationException e = assertRejected(ValidationException.class, () -> manager().addNote(id, bad, ALICE));
            assertThat(e.field()).as("note %s", bad.codePoints().boxed().collect(Collectors.toList())).isEqualTo("note");
        }
        Incident noted = manager().addNote(id, "line one\n\tline two", ALICE);
        assertThat(manager().timeline(noted.id()).get(1).text()).isEqualTo("line one\n\tline two");
    }

    @Test
    @DisplayName("\\r\\n and a lone \\r in pasted text become \\n; a title stays one line")
    void lineBreaksNormalised() {
        Incident declared = manager().declare(CHECKOUT.description("one\r\ntwo\rthree"), ALICE);
        String id = declared.id();
        manager().acknowledge(id, "on it\r\n", ALICE);
        Incident retried = assertNothingWritten(() -> manager().acknowledge(id, "on it\n", ALICE));
        manager().addNote(id, "pasted\r\nfrom a ticket\r\n", ALICE);
        Incident written = manager().updatePostmortem(id, PostmortemUpdate.none().rootCause("a pool\r\ntoo small"), ALICE);
        ValidationException title = assertRejected(ValidationException.class,
                () -> manager().declare(Declare.of("two\r\nlines", Severity.SEV2, "checkout"), ALICE));

        assertThat(declared.description()).isEqualTo("one\ntwo\nthree");
        IncidentAssert.assertThat(retried).hasVersion(2);
        assertThat(manager().timeline(id)).extracting(TimelineEntry::text).contains("on it\n", "pasted\nfrom a ticket\n");
        assertThat(written.postmortem().rootCause()).isEqualTo("a pool\ntoo small");
        assertThat(title.field()).isEqualTo("title");
        assertThat(manager().verify(id).isIntact()).isTrue();
    }

    @Test
    @DisplayName("a note over 10,000 characters or blank is rejected; 10,000 are accepted")
    void noteLength() {
        String id = manager().declare(CHECKOUT, ALICE).id();

        assertThat(assertRejected(ValidationException.class,
                () -> manager().addNote(id, "n".repeat(10_001), ALICE)).field()).isEqualTo("note");
        assertThat(assertRejected(ValidationException.class,
                () -> manager().addNote(id, " \n\t ", ALICE)).field()).isEqualTo("note");
        assertThat(assertRejected(ValidationException.class,
                () -> manager().acknowledge(id, "n".repeat(10_001), ALICE)).field()).isEqualTo("note");
        assertThat(assertRejected(ValidationException.class,
                () -> manager().declare(CHECKOUT.description("d".repeat(10_001)), ALICE)).field()).isEqualTo("description");

        Incident noted = manager().addNote(id, "n".repeat(10_000), ALICE);
        IncidentAssert.assertThat(noted).hasNotesCount(1).hasVersion(2);
    }

    @Test
    @DisplayName("a blank or too long actor is rejected before anything runs")
    void actor() {
        manager().declare(CHECKOUT, ALICE);

        for (String bad : List.of("", "   ", "a".repeat(201), "tab\tbed", "new\nline")) {
            ValidationException e = assertRejected(ValidationException.class,
                    () -> manager().declare(CHECKOUT, CommandContext.as(bad)));
            assertThat(e.field()).as("actor %s", bad).isEqualTo("actor");
        }
    }

    @Test
    @DisplayName("an unknown incident is not found, for commands and reads alike")
    void unknownIncident() {
        manager().declare(CHECKOUT, ALICE);
        String missing = "INC-2025-999";

        IncidentNotFoundException e = assertRejected(IncidentNotFoundException.class,
                () -> manager().addNote(missing, "hello", ALICE));

        assertThat(e.incidentId()).isEqualTo(missing);
        assertThat(e.getMessage()).contains(missing);
        assertRejected(IncidentNotFoundException.class, () -> manager().acknowledge(missing, "", ALICE));
        assertRejected(IncidentNotFoundException.class, () -> manager().get(missing));
        assertRejected(IncidentNotFoundException.class, () -> manager().history(missing));
        assertRejected(IncidentNotFoundException.class, () -> manager().timeline(missing));
        assertRejected(IncidentNotFoundException.class, () -> manager().verify(missing));
        assertThat(manager().find(missing)).isEmpty();
    }
}
