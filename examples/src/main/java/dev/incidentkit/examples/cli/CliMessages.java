package dev.incidentkit.examples.cli;

import dev.incidentkit.core.CommandType;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.IncidentException;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The library's error messages in the command line's words: {@code --at} rather than the API's
 * {@code occurredAt}, {@code 'update'} rather than {@code add-note}. A user reads flags and commands;
 * the field and command names of the Java API mean nothing on a terminal.
 */
final class CliMessages {

    /**
     * Each API field of a {@link ValidationException} and the flags that carry it, the first that
     * the failing command has wins ({@code severity} is {@code --sev} in {@code declare}). A field
     * that already starts with {@code --} is a flag, named by the command itself.
     */
    static final Map<String, List<String>> FLAGS = Map.ofEntries(
            Map.entry("occurredAt", List.of("--at")),
            Map.entry("at", List.of("--at")),
            Map.entry("actor", List.of("--as")),
            Map.entry("title", List.of("--title")),
            Map.entry("description", List.of("--description")),
            Map.entry("service", List.of("--service")),
            Map.entry("severity", List.of("--severity", "--sev")),
            Map.entry("note", List.of("--note")),
            Map.entry("reason", List.of("--reason")),
            Map.entry("text", List.of("--text")),
            Map.entry("itemId", List.of("--item")),
            Map.entry("detectedAt", List.of("--detected-at")),
            Map.entry("impactStartedAt", List.of("--impact-started-at")),
            Map.entry("duplicateOf", List.of("--of")),
            Map.entry("role", List.of("--role")),
            Map.entry("status", List.of("--status")),
            Map.entry("since", List.of("--since")),
            Map.entry("until", List.of("--until")),
            Map.entry("due", List.of("--due")),
            Map.entry("summary", List.of("--summary")),
            Map.entry("rootCause", List.of("--root-cause")),
            Map.entry("contributingFactors", List.of("--contributing-factors")),
            Map.entry("impact", List.of("--impact")),
            Map.entry("wentWell", List.of("--went-well")),
            Map.entry("wentPoorly", List.of("--went-poorly")),
            Map.entry("resolution", List.of("--resolution")),
            Map.entry("titleContains", List.of("--title")),
            Map.entry("commander", List.of("--commander")),
            Map.entry("roleHolder", List.of("--role-holder")),
            Map.entry("cursor", List.of("--after")));

    /**
     * What to call a field when the failing command has no flag for it (the time of {@code im
     * update} without {@code --at} is "now"): plain words, never the API's name.
     */
    static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("occurredAt", "the time"),
            Map.entry("at", "the time"),
            Map.entry("actor", "the user"),
            Map.entry("title", "the title"),
            Map.entry("description", "the description"),
            Map.entry("service", "the service"),
            Map.entry("severity", "the severity"),
            Map.entry("note", "the note"),
            Map.entry("reason", "the reason"),
            Map.entry("text", "the text"),
            Map.entry("itemId", "the action item's number"),
            Map.entry("detectedAt", "the detection time"),
            Map.entry("impactStartedAt", "the impact's start"),
            Map.entry("duplicateOf", "the incident it duplicates"),
            Map.entry("role", "the role"),
            Map.entry("status", "the status"),
            Map.entry("since", "the start of the period"),
            Map.entry("until", "the end of the period"),
            Map.entry("due", "the due date"),
            Map.entry("summary", "the summary"),
            Map.entry("rootCause", "the root cause"),
            Map.entry("contributingFactors", "the contributing factors"),
            Map.entry("impact", "the impact"),
            Map.entry("wentWell", "what went well"),
            Map.entry("wentPoorly", "what went poorly"),
            Map.entry("resolution", "the resolution"),
            Map.entry("titleContains", "the title's text"),
            Map.entry("commander", "the commander"),
            Map.entry("roleHolder", "the role holder"),
            Map.entry("cursor", "the page cursor"));

    /**
     * A camel-case word of a rule, which may be a field's API name ({@code must not be after
     * detectedAt}); a plain word such as {@code at} or {@code note} is English there.
     */
    private static final Pattern CAMEL_CASE_WORD = Pattern.compile("\\b[a-z]+[A-Z][A-Za-z]*\\b");

    private CliMessages() {}

    /**
     * The one sentence {@code im} prints for {@code e}, raised by the command {@code spec}. Built
     * from the exception's fields, never by rewording its message: a change to the library's
     * wording cannot bring its API names back to the terminal.
     */
    static String sentence(Exception e, CommandSpec spec) {
        if (e instanceof ValidationException v) {
            return validation(v, spec);
        }
        if (e instanceof IllegalTransitionException t) {
            return transition(t, spec);
        }
        if (e instanceof IncidentNotFoundException n) {
            return "Incident " + n.incidentId() + " does not exist.";
        }
        if (e instanceof ConcurrencyConflictException c) {
            return "Incident " + c.incidentId() + " was changed by another command at the same time; nothing was "
                    + "written: run the command again.";
        }
        if (e instanceof IncidentException) {
            // StoreException (the store's own words, about the database) and what im never raises.
            return e.getMessage();
        }
        return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** {@code occurredAt must not be later than now (...)} becomes {@code --at must not be later than now (...)}. */
    static String validation(ValidationException e, CommandSpec spec) {
        String rule = CAMEL_CASE_WORD.matcher(e.rule()).replaceAll(w -> Matcher.quoteReplacement(
                FLAGS.containsKey(w.group()) ? name(w.group(), spec) : w.group()));
        return name(e.field(), spec) + " " + rule + ", got " + e.shownValue();
    }

    /** The flag of {@code spec} that carries {@code field}, else plain words for it; a name im gave (such as {@code --user}) as is. */
    private static String name(String field, CommandSpec spec) {
        return FLAGS.getOrDefault(field, List.of()).stream().filter(f -> spec.findOption(f) != null).findFirst()
                .orElseGet(() -> WORDS.getOrDefault(field, field));
    }

    /**
     * {@code Cannot run 'update' on incident X: it is CLOSED; allowed in CLOSED: reopen, action done.}
     * rather than the library's {@code add-note} and {@code complete-action-item}.
     */
    static String transition(IllegalTransitionException e, CommandSpec spec) {
        String allowed = e.allowed().stream().sorted().flatMap(c -> commands(c).stream())
                .collect(Collectors.joining(", "));
        return "Cannot run '" + commandPath(spec) + "' on incident " + e.incidentId() + ": it is " + e.status()
                + (e.why().isEmpty() ? "" : " and " + e.why()) + "; allowed in " + e.status() + ": "
                + (allowed.isEmpty() ? "nothing" : allowed) + ".";
    }

    /** @return {@code action add} for {@code im action add} */
    static String commandPath(CommandSpec spec) {
        String qualified = spec.qualifiedName(" ");
        String root = spec.root().name() + " ";
        return qualified.startsWith(root) ? qualified.substring(root.length()) : qualified;
    }

    /** @return the {@code im} commands that send {@code type}; none for what only the library does */
    static List<String> commands(CommandType type) {
        return switch (type) {
            case ACKNOWLEDGE -> List.of("ack");
            case INVESTIGATE -> List.of("investigate");
            case IDENTIFY -> List.of("identify");
            case MITIGATE -> List.of("mitigate");
            case RESOLVE -> List.of("resolve");
            case CLOSE -> List.of("close");
            case REOPEN -> List.of("reopen");
            case CANCEL -> List.of("cancel");
            case MARK_DUPLICATE -> List.of("duplicate");
            case ADD_NOTE -> List.of("update");
            case CHANGE_SEVERITY -> List.of("escalate", "downgrade");
            case CORRELATE_SERVICE -> List.of("correlate");
            case ASSIGN_ROLE -> List.of("assign");
            case ADD_ACTION_ITEM -> List.of("action add");
            case COMPLETE_ACTION_ITEM -> List.of("action done");
            case UPDATE_POSTMORTEM -> List.of("postmortem");
            case RECORD_SLA_BREACH, ATTACH_ALERT, RESOLVE_ALERT, RECORD_PAGE -> List.of();   // the SLA monitor's, the alert intake's and the escalation's
            // No im command posts a public update yet (the API and the library do); the reminder is the SLA monitor's.
            case POST_PUBLIC_UPDATE, REMIND_UPDATE -> List.of();
        };
    }
}
