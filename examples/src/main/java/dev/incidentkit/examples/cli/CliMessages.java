package dev.incidentkit.examples.cli;

import dev.incidentkit.core.CommandType;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.IncidentException;
import dev.incidentkit.core.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            Map.entry("resolution", List.of("--resolution")));

    /** An API field name inside a rule, such as {@code must not be after detectedAt}. */
    private static final Pattern CAMEL_CASE_WORD = Pattern.compile("\\b[a-z]+[A-Z][A-Za-z]*\\b");

    private CliMessages() {}

    /** @return the one sentence {@code im} prints for {@code e}, raised by the command {@code spec} */
    static String sentence(Exception e, CommandSpec spec) {
        if (e instanceof ValidationException v) {
            return validation(v, spec);
        }
        if (e instanceof IllegalTransitionException t) {
            return transition(t, spec);
        }
        if (e instanceof IncidentException) {
            return e.getMessage();
        }
        return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** {@code occurredAt must not be later than now..., got "..."} becomes {@code --at must not be...}. */
    static String validation(ValidationException e, CommandSpec spec) {
        String message = e.getMessage();
        String head = e.field() + " " + e.rule();
        if (!message.startsWith(head)) {
            return message;
        }
        Matcher words = CAMEL_CASE_WORD.matcher(e.rule());
        String rule = words.replaceAll(w -> Matcher.quoteReplacement(flag(w.group(), spec).orElse(w.group())));
        return flag(e.field(), spec).orElse(e.field()) + " " + rule + message.substring(head.length());
    }

    private static Optional<String> flag(String field, CommandSpec spec) {
        if (field.startsWith("--")) {
            return Optional.of(field);
        }
        List<String> candidates = FLAGS.getOrDefault(field, List.of());
        return candidates.stream().filter(f -> spec.findOption(f) != null).findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    /**
     * {@code Cannot add-note incident X: it is CLOSED; allowed in CLOSED: reopen, complete-action-item.}
     * becomes {@code Cannot run 'update' on incident X: it is CLOSED; allowed in CLOSED: reopen, action done.}
     */
    static String transition(IllegalTransitionException e, CommandSpec spec) {
        String message = e.getMessage();
        String prefix = "Cannot " + e.command().verb() + " incident ";
        String allowedFrom = "; allowed in " + e.status() + ": ";
        int allowedAt = message.lastIndexOf(allowedFrom);
        if (!message.startsWith(prefix) || allowedAt < 0) {
            return message;
        }
        String allowed = e.allowed().stream().sorted().flatMap(c -> commands(c).stream())
                .collect(Collectors.joining(", "));
        return "Cannot run '" + commandPath(spec) + "' on incident " + message.substring(prefix.length(), allowedAt)
                + allowedFrom + (allowed.isEmpty() ? "nothing" : allowed) + ".";
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
            case RECORD_SLA_BREACH -> List.of();   // the SLA monitor's, not a command of im
        };
    }
}
