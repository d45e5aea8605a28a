package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.CommandType;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.PageCursor;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import java.nio.file.Path;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Errors in the command line's words: each API field of a validation error is reported as the flag
 * the user typed, and a rejected command by the {@code im} command, never by the API's names.
 */
class ImErrorMessagesTest {

    private static final String ID = "INC-" + Year.now(ZoneOffset.UTC) + "-001";
    private static final String BELL = "\u0007";

    @TempDir
    Path home;

    ImInProcess im;

    @BeforeEach
    void anIncident() {
        im = new ImInProcess(Map.of("IM_HOME", home.toString(), "IM_USER", "alice",
                // The 2025 dates are past the default limit on back-dating.
                "IM_MAX_BACKDATING", "P36500D"));
        Walkthrough.ok(im.run("declare", "--sev", "SEV-3", "--title", "Slow reports", "--service", "reports"));
        Walkthrough.ok(im.run("action", "add", "--incident", ID, "--text", "Add an index"));
    }

    /** One case per entry of {@link CliMessages#FLAGS} (and the flags commands name themselves): the command, and how the message starts. */
    static Stream<Arguments> invalidInput() {
        return Stream.of(
                Arguments.of("occurredAt", List.of("update", "--incident", ID, "--note", "x", "--at", "2999-01-01T00:00:00Z"),
                        "--at must not be later than now"),
                Arguments.of("at", List.of("update", "--incident", ID, "--note", "x", "--at", "yesterday"),
                        "--at must be an ISO-8601 instant"),
                Arguments.of("actor", List.of("update", "--incident", ID, "--note", "x", "--as", " "), "--as must not be blank"),
                Arguments.of("title", List.of("declare", "--sev", "SEV-2", "--title", "x".repeat(201)),
                        "--title must be 1 to 200 characters"),
                Arguments.of("description", List.of("declare", "--sev", "SEV-2", "--title", "t", "--description", BELL),
                        "--description must"),
                Arguments.of("service", List.of("declare", "--sev", "SEV-2", "--title", "t", "--service", "Checkout!"),
                        "--service must match"),
                Arguments.of("severity (declare)", List.of("declare", "--sev", "SEV-9", "--title", "t"), "--sev must be one of"),
                Arguments.of("severity", List.of("escalate", "--incident", ID, "--severity", "SEV-9"), "--severity must be one of"),
                Arguments.of("note", List.of("update", "--incident", ID, "--note", BELL), "--note must"),
                Arguments.of("message", List.of("update", "--incident", ID, "--public", "--title", "Checkout issues",
                        "--note", BELL), "--note must"),
                Arguments.of("title (public)", List.of("update", "--incident", ID, "--public", "--title", "two\nlines",
                        "--note", "x"), "--title must"),
                Arguments.of("status (public)", List.of("update", "--incident", ID, "--public", "--title", "t",
                        "--status", "fixed", "--note", "x"), "--status must be one of investigating"),
                Arguments.of("reason", List.of("cancel", "--incident", ID, "--reason", " "), "--reason must not be blank"),
                Arguments.of("text", List.of("action", "add", "--incident", ID, "--text", " "), "--text must not be blank"),
                Arguments.of("itemId", List.of("action", "done", "--incident", ID, "--item", "0"), "--item must be at least 1"),
                Arguments.of("itemId (unknown)", List.of("action", "done", "--incident", ID, "--item", "9"), "--item "),
                Arguments.of("detectedAt", List.of("declare", "--sev", "SEV-2", "--title", "t", "--at", "2025-08-23T14:30:00Z",
                        "--detected-at", "2025-08-23T14:40:00Z"), "--detected-at must not be after the declaration"),
                Arguments.of("impactStartedAt", List.of("declare", "--sev", "SEV-2", "--title", "t",
                        "--at", "2025-08-23T14:30:00Z", "--detected-at", "2025-08-23T14:20:00Z",
                        "--impact-started-at", "2025-08-23T14:25:00Z"),
                        "--impact-started-at must not be after --detected-at"),
                Arguments.of("duplicateOf", List.of("duplicate", "--incident", ID, "--of", ID), "--of must name another incident"),
                Arguments.of("role", List.of("ack", "--incident", ID, "--role", "boss"), "--role must be one of"),
                Arguments.of("status", List.of("list", "--status", "closed-ish"), "--status must be active or all"),
                Arguments.of("since", List.of("metrics", "--since", "last week"), "--since must be a date"),
                Arguments.of("until", List.of("metrics", "--until", "soon"), "--until must be a date"),
                Arguments.of("due (not a date)", List.of("action", "add", "--incident", ID, "--text", "t", "--due", "Friday"), "--due must be a date"),
                Arguments.of("--user", List.of("assign", "--incident", ID, "--role", "commander", "--user", " "),
                        "--user must not be blank"),
                Arguments.of("--owner", List.of("action", "add", "--incident", ID, "--text", "t", "--owner", " "),
                        "--owner must not be blank"),
                Arguments.of("--format", List.of("timeline", "export", "--incident", ID, "--format", "pdf"), "--format must be"),
                Arguments.of("summary", List.of("postmortem", "--incident", ID, "--summary", BELL), "--summary must"),
                Arguments.of("rootCause", List.of("postmortem", "--incident", ID, "--root-cause", BELL), "--root-cause must"),
                Arguments.of("contributingFactors", List.of("postmortem", "--incident", ID, "--contributing-factors", BELL),
                        "--contributing-factors must"),
                Arguments.of("impact", List.of("postmortem", "--incident", ID, "--impact", BELL), "--impact must"),
                Arguments.of("wentWell", List.of("postmortem", "--incident", ID, "--went-well", BELL), "--went-well must"),
                Arguments.of("wentPoorly", List.of("postmortem", "--incident", ID, "--went-poorly", BELL), "--went-poorly must"),
                Arguments.of("resolution", List.of("postmortem", "--incident", ID, "--resolution", BELL), "--resolution must"),
                Arguments.of("titleContains", List.of("list", "--title", " "), "--title must"),
                Arguments.of("commander", List.of("list", "--commander", BELL), "--commander must"),
                Arguments.of("roleHolder", List.of("list", "--role-holder", BELL), "--role-holder must"),
                Arguments.of("cursor", List.of("list", "--sort", "severity", "--after", activeCursor()),
                        "--after was made for another order"),
                Arguments.of("cursor (other filters)", List.of("list", "--severity", "SEV-1", "--after", activeCursor()),
                        "--after belongs to another query"));
    }

    /** A cursor of {@code im list}'s default query: the active incidents, newest first. */
    private static String activeCursor() {
        return new PageCursor(SortKey.DECLARED, SortDirection.DESCENDING, IncidentQuery.active().fingerprint(), 0, ID)
                .encode();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInput")
    void invalidInputIsReportedAgainstItsFlag(String field, List<String> args, String message) {
        ImProcess.Result result = im.run(args.toArray(String[]::new));

        ImH2FileTest.assertError(result, 6, "im: " + message);
        assertThat(result.err()).startsWith("im: " + message);
        assertThat(result.err()).doesNotContainPattern("\\b(occurredAt|itemId|detectedAt|impactStartedAt|duplicateOf|"
                + "rootCause|contributingFactors|wentWell|wentPoorly|actor) ");
    }

    @Test
    void everyFieldOfTheTableIsCoveredAndEveryFlagExists() {
        Set<String> covered = invalidInput().map(a -> ((String) a.get()[0]).split(" ")[0]).collect(Collectors.toSet());
        assertThat(covered).containsAll(CliMessages.FLAGS.keySet());

        Set<String> flags = allOptions(Im.commandLine(new Environment(System.out, System.err, Map.of())));
        CliMessages.FLAGS.values().forEach(candidates -> assertThat(flags).containsAll(candidates));
    }

    @Test
    void aRejectedCommandIsNamedAsTypedWithTheCommandsItsStatusAllows() {
        Walkthrough.ok(im.run("resolve", "--incident", ID));
        Walkthrough.ok(im.run("close", "--incident", ID));

        ImProcess.Result update = im.run("update", "--incident", ID, "--note", "late");
        ImProcess.Result escalate = im.run("escalate", "--incident", ID, "--severity", "SEV-1");

        ImH2FileTest.assertError(update, 4, "im: Cannot run 'update' on incident " + ID + ": it is CLOSED; allowed in CLOSED: ");
        assertThat(update.err()).contains("reopen").contains("action done").doesNotContain("add-note")
                .doesNotContain("complete-action-item");
        ImH2FileTest.assertError(escalate, 4, "im: Cannot run 'escalate' on incident " + ID + ": it is CLOSED");
    }

    @Test
    void everyCommandTypeOfTheLibraryIsAnImCommandOrNoneAtAll() {
        CommandLine root = Im.commandLine(new Environment(System.out, System.err, Map.of()));
        for (CommandType type : CommandType.values()) {
            for (String command : CliMessages.commands(type)) {
                CommandLine c = root;
                for (String word : command.split(" ")) {
                    c = c.getSubcommands().get(word);
                    assertThat(c).as("im %s, for %s", command, type).isNotNull();
                }
            }
        }
        assertThat(CliMessages.commands(CommandType.RECORD_SLA_BREACH)).isEmpty();
    }

    /**
     * A field the failing command has no flag for is named in words: before, the first flag of the
     * table was printed whether the command had it or not ({@code --at} for {@code im version}).
     */
    @Test
    void aFieldWithoutAFlagInTheCommandIsNamedInWords() {
        CommandSpec version = spec("version");

        assertThat(CliMessages.sentence(new ValidationException("occurredAt", "must not be later than now", "2999"), version))
                .isEqualTo("the time must not be later than now, got \"2999\"");
        assertThat(CliMessages.sentence(
                new ValidationException("impactStartedAt", "must not be after detectedAt (14:20)", "14:25"), version))
                .isEqualTo("the impact's start must not be after the detection time (14:20), got \"14:25\"");
        assertThat(CliMessages.sentence(
                new ValidationException("impactStartedAt", "must not be after detectedAt (14:20)", "14:25"), spec("declare")))
                .isEqualTo("--impact-started-at must not be after --detected-at (14:20), got \"14:25\"");
        assertThat(CliMessages.WORDS.keySet()).isEqualTo(CliMessages.FLAGS.keySet());
    }

    /** Built from the exception's fields: the status, the reason beyond the table, the commands allowed. */
    @Test
    void aRejectedCommandIsWordedFromTheExceptionsFields() {
        IllegalTransitionException e = new IllegalTransitionException(ID, Status.DUPLICATE, CommandType.ADD_NOTE,
                Set.of(CommandType.REOPEN, CommandType.COMPLETE_ACTION_ITEM), "the survivor INC-2 is itself a duplicate");

        assertThat(CliMessages.sentence(e, spec("update"))).isEqualTo("Cannot run 'update' on incident " + ID
                + ": it is " + Status.DUPLICATE + " and the survivor INC-2 is itself a duplicate; allowed in "
                + Status.DUPLICATE + ": reopen, action done.");
    }

    /** Before, the library's "read it again and retry" with its version numbers reached the terminal. */
    @Test
    void aConcurrentChangeSaysToRunTheCommandAgain() {
        assertThat(CliMessages.sentence(new ConcurrencyConflictException(ID, 3, 4), spec("update")))
                .isEqualTo("Incident " + ID + " was changed by another command at the same time; nothing was written: "
                        + "run the command again.");
        assertThat(CliMessages.sentence(new IncidentNotFoundException(ID), spec("update")))
                .isEqualTo("Incident " + ID + " does not exist.");
    }

    private static CommandSpec spec(String command) {
        return Im.commandLine(new Environment(System.out, System.err, Map.of())).getSubcommands().get(command).getCommandSpec();
    }

    private static Set<String> allOptions(CommandLine command) {
        Set<String> names = command.getCommandSpec().options().stream().flatMap(o -> Stream.of(o.names()))
                .collect(Collectors.toSet());
        command.getSubcommands().values().forEach(sub -> names.addAll(allOptions(sub)));
        return names;
    }
}
