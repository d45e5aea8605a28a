package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.statuspage.PublicUpdate;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The incident page's "Post public update" form, shown to those who may post one: the public
 * title (the last public update's, if any), status and impact (the last update's, else what the
 * incident's status and severity suggest), the message, and a preview of the update as
 * customers will see it on the status page. A preview is asked for with the form's own GET
 * ({@code ?preview=public-update&title=...}); a field that breaks its rule then has its error, and
 * the preview waits until none does. The API checks again on the post.
 *
 * @param title the public title field's value
 * @param status the status field's value (a wire name such as {@code investigating}, or what was sent)
 * @param impact the impact field's value (a wire name such as {@code partial_outage}, or what was sent)
 * @param message the message field's value
 * @param errors each field's error, by its name
 * @param previewed whether a preview was asked for: the form is shown open
 * @param preview the update as customers will see it, when previewed without errors
 * @param last the last public update in words, if there is one
 */
public record PublicUpdateForm(String title, String status, String impact, String message, Map<String, String> errors,
        boolean previewed, Optional<Preview> preview, Optional<String> last) {

    /** The value of {@code preview} that asks for this form's preview. */
    public static final String PREVIEW = "public-update";

    private static final int MAX_TITLE = 200;
    private static final int MAX_MESSAGE = 10_000;

    /** Copies the errors. */
    public PublicUpdateForm {
        errors = Map.copyOf(errors);
    }

    /**
     * One option of a select.
     *
     * @param value its wire name
     * @param label its words on a status page
     */
    public record Choice(String value, String label) {}

    /**
     * A public update as the status page shows it.
     *
     * @param title the public title
     * @param status such as {@code Investigating}
     * @param statusClass the CSS class of the status, such as {@code public-investigating}
     * @param impact such as {@code Partial outage}
     * @param message what customers read
     * @param components the incident's services, the status page's components
     * @param postedAt when it would be posted: now
     */
    public record Preview(String title, String status, String statusClass, String impact, String message,
            String components, String postedAt) {}

    /** @return every public status, in the order of an incident's life */
    public List<Choice> statuses() {
        return Arrays.stream(PublicStatus.values()).map(s -> new Choice(s.wireName(), s.label())).toList();
    }

    /** @return every impact, from the least to the most severe */
    public List<Choice> impacts() {
        return Arrays.stream(ComponentStatus.values()).map(s -> new Choice(s.wireName(), s.label())).toList();
    }

    /**
     * @param field a field's name, such as {@code message}
     * @return its error, or empty
     */
    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    static PublicUpdateForm of(Incident incident, List<RecordedEvent> history, Instant now,
            Function<String, Optional<String>> query) {
        List<PublicUpdate> posted = PublicUpdate.in(history);
        Optional<PublicUpdate> last = posted.isEmpty() ? Optional.empty() : Optional.of(posted.get(posted.size() - 1));
        String title = last.map(PublicUpdate::title).orElse("");
        PublicStatus suggested = PublicUpdate.suggestedStatus(incident, last);
        String status = suggested.wireName();
        String impact = PublicUpdate.suggestedImpact(incident, last, suggested).wireName();
        String message = "";
        Optional<String> lastWords = last.map(p ->
                Texts.dateTime(p.postedAt()) + ", " + p.status().label() + " \u00b7 " + p.impact().label());
        boolean previewed = query.apply("preview").filter(PREVIEW::equals).isPresent();
        if (!previewed) {
            return new PublicUpdateForm(title, status, impact, message, Map.of(), false, Optional.empty(), lastWords);
        }
        title = query.apply("title").orElse("");
        status = query.apply("status").orElse("");
        impact = query.apply("impact").orElse("");
        message = query.apply("message").orElse("");
        var errors = new LinkedHashMap<String, String>();
        text("title", title, MAX_TITLE, false, errors);
        Optional<PublicStatus> s = parse("status", () -> PublicStatus.parse(query.apply("status").orElse("")), errors);
        Optional<ComponentStatus> c = parse("impact", () -> ComponentStatus.parse(query.apply("impact").orElse("")), errors);
        text("message", message, MAX_MESSAGE, true, errors);
        Optional<Preview> preview = Optional.empty();
        if (errors.isEmpty()) {
            preview = Optional.of(new Preview(title.strip(), s.get().label(), "public-" + s.get().wireName(), c.get().label(),
                    message.replace("\r\n", "\n").replace('\r', '\n'), String.join(", ", incident.services()),
                    Texts.dateTime(now)));
        }
        return new PublicUpdateForm(title, status, impact, message, errors, true, preview, lastWords);
    }

    private static <T> Optional<T> parse(String field, java.util.function.Supplier<T> parse, Map<String, String> errors) {
        try {
            return Optional.of(parse.get());
        } catch (ValidationException e) {
            errors.put(field, e.getMessage());
            return Optional.empty();
        }
    }

    /** The core's rules of a title (one line) and a message, checked here for the preview; the post checks them again. */
    private static void text(String field, String value, int max, boolean multiLine, Map<String, String> errors) {
        String label = field.equals("title") ? "The public title" : "The message";
        if (value.isBlank()) {
            errors.put(field, label + " is required.");
            return;
        }
        if (value.codePointCount(0, value.length()) > max) {
            errors.put(field, label + " must be at most " + max + " characters.");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            boolean lineBreak = ch == '\n' || ch == '\r';
            if (Character.isHighSurrogate(ch) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch) || (Character.isISOControl(ch) && !(multiLine && (lineBreak || ch == '\t')))
                    || ch == '\u2028' || ch == '\u2029') {
                errors.put(field, label + (multiLine ? " must not contain control characters other than line breaks and tab."
                        : " must be one line, without control characters."));
                return;
            }
        }
    }
}
