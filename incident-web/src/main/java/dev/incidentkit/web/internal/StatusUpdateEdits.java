package dev.incidentkit.web.internal;

import dev.incidentkit.core.export.StatusUpdate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a responder changes of the drafted internal status update ({@link StatusUpdate#draft})
 * before it is posted, as the API's body and query and the incident page's form name it: {@code
 * impact}, {@code current_theory}, {@code next_action} and {@code next_update_minutes}. A field
 * left out keeps the draft's value; an empty text empties it (the update then says {@code not
 * known yet}). The same rules hold wherever the fields come from, so that a preview refuses what
 * a post would.
 *
 * @param impact what users suffer
 * @param currentTheory what responders think the cause is
 * @param nextAction what they do next
 * @param nextUpdateMinutes when the next update comes, in minutes
 */
public record StatusUpdateEdits(Optional<String> impact, Optional<String> currentTheory, Optional<String> nextAction,
        Optional<Long> nextUpdateMinutes) {

    /** The fields, in the order of the form and of the problems reported. */
    public static final List<String> FIELDS = List.of("impact", "current_theory", "next_action", "next_update_minutes");

    /** The longest text of a field: the whole update must fit a note's 10,000 characters. */
    public static final int MAX_TEXT = 2_000;

    /** The latest next update one may promise: a day. */
    public static final long MAX_MINUTES = 24 * 60;

    /** No edits: the draft as it is. */
    public static final StatusUpdateEdits NONE = new StatusUpdateEdits(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /**
     * Reads the fields from text, as a query string or a form sends them: the minutes as digits,
     * empty minutes as left out.
     *
     * @param parameter a field's text, if sent
     * @param problems where a field whose text is no number of minutes is reported, with a sentence
     * @return the edits; the minutes left out if they were not a number
     */
    public static StatusUpdateEdits fromText(Function<String, Optional<String>> parameter, Map<String, String> problems) {
        Optional<Long> minutes = Optional.empty();
        Optional<String> text = parameter.apply("next_update_minutes").map(String::strip).filter(t -> !t.isEmpty());
        if (text.isPresent()) {
            if (text.get().length() <= 9 && text.get().chars().allMatch(c -> c >= '0' && c <= '9')) {
                minutes = Optional.of(Long.parseLong(text.get()));
            } else {
                problems.put("next_update_minutes", minutesRule());
            }
        }
        return new StatusUpdateEdits(parameter.apply("impact"), parameter.apply("current_theory"),
                parameter.apply("next_action"), minutes);
    }

    /** @return each field that breaks its rule, with one sentence naming it, in {@link #FIELDS} order */
    public Map<String, String> problems() {
        var out = new LinkedHashMap<String, String>();
        text("impact", impact, out);
        text("current_theory", currentTheory, out);
        text("next_action", nextAction, out);
        if (nextUpdateMinutes.isPresent() && (nextUpdateMinutes.get() < 1 || nextUpdateMinutes.get() > MAX_MINUTES)) {
            out.put("next_update_minutes", minutesRule());
        }
        return out;
    }

    /**
     * @param unread the problems of fields that could not be read at all (by {@link #fromText})
     * @return those and {@link #problems()} together, in {@link #FIELDS} order: the first is the
     *     field a request is refused for, wherever the fields came from
     */
    public Map<String, String> problems(Map<String, String> unread) {
        Map<String, String> rules = problems();
        var out = new LinkedHashMap<String, String>();
        for (String field : FIELDS) {
            String problem = unread.containsKey(field) ? unread.get(field) : rules.get(field);
            if (problem != null) {
                out.put(field, problem);
            }
        }
        return out;
    }

    /**
     * @throws ApiException 422 naming the first field that breaks its rule
     */
    public void requireValid() {
        problems().entrySet().stream().findFirst().ifPresent(p -> {
            throw ApiException.invalid(p.getKey(), p.getValue());
        });
    }

    /** @return these edits without the fields named: those that broke their rule, say */
    public StatusUpdateEdits without(Set<String> fields) {
        return new StatusUpdateEdits(fields.contains("impact") ? Optional.empty() : impact,
                fields.contains("current_theory") ? Optional.empty() : currentTheory,
                fields.contains("next_action") ? Optional.empty() : nextAction,
                fields.contains("next_update_minutes") ? Optional.empty() : nextUpdateMinutes);
    }

    /**
     * @param draft the update as the incident knows it
     * @return the update with these edits
     * @throws IllegalArgumentException if the minutes are not positive (check {@link #problems()} first)
     */
    public StatusUpdate applyTo(StatusUpdate draft) {
        StatusUpdate out = draft;
        out = impact.map(out::withImpact).orElse(out);
        out = currentTheory.map(out::withCurrentTheory).orElse(out);
        out = nextAction.map(out::withNextAction).orElse(out);
        return nextUpdateMinutes.map(m -> Duration.ofMinutes(m)).map(out::withNextUpdateIn).orElse(out);
    }

    private static String minutesRule() {
        return "Field next_update_minutes must be a whole number of minutes from 1 to " + MAX_MINUTES + ".";
    }

    private static void text(String field, Optional<String> value, Map<String, String> out) {
        if (value.isEmpty()) {
            return;
        }
        String text = value.get();
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            out.put(field, "Field " + field + " must be at most " + MAX_TEXT + " characters.");
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                out.put(field, "Field " + field + " must be well-formed Unicode (it holds an unpaired surrogate).");
                return;
            } else if ((Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') || c == '\u2028' || c == '\u2029') {
                // A line break becomes a space in the update (each field is one line of it); other controls are refused.
                out.put(field, "Field " + field + " must not contain control characters other than line breaks and tab.");
                return;
            }
        }
    }
}
