package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.export.StatusUpdate;
import dev.incidentkit.core.sla.SlaClock;
import dev.incidentkit.core.sla.SlaPolicy;
import dev.incidentkit.core.sla.SlaState;
import dev.incidentkit.core.sla.SlaStatus;
import dev.incidentkit.web.internal.StatusUpdateEdits;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The incident page's "Post update" form: the guides' internal update drafted from the incident
 * ({@link StatusUpdate#draft}), its fields to edit, and the text that will be posted as a note,
 * previewed by the server. Without a preview asked for, the fields are the draft's; with one
 * ({@code ?preview=status-update&impact=...}, the form's own GET), they are what was sent, each
 * that breaks its rule with its error, and the text is the draft with the others applied: exactly
 * what the API's {@code GET .../status-update} answers for them.
 *
 * @param impact the impact field's value
 * @param currentTheory the current theory field's value
 * @param nextAction the next action field's value
 * @param nextUpdateMinutes the minutes field's value
 * @param text the update that will be posted
 * @param errors each field's error, by its name; empty when all are fine
 * @param previewed whether a preview was asked for: the form is shown open
 */
public record StatusUpdateForm(String impact, String currentTheory, String nextAction, String nextUpdateMinutes, String text,
        Map<String, String> errors, boolean previewed) {

    /** The value of {@code preview} that asks for this form's preview. */
    public static final String PREVIEW = "status-update";

    /** Copies the errors. */
    public StatusUpdateForm {
        errors = Map.copyOf(errors);
    }

    /**
     * @param field a field's name, such as {@code next_update_minutes}
     * @return its error, or empty
     */
    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    static StatusUpdateForm of(Incident incident, SlaPolicy policy, Instant now, Function<String, Optional<String>> query) {
        StatusUpdate draft = StatusUpdate.draft(incident, policy, now);
        boolean previewed = query.apply("preview").filter(PREVIEW::equals).isPresent();
        Function<String, Optional<String>> sent = previewed ? query : name -> Optional.empty();
        var unread = new LinkedHashMap<String, String>();
        StatusUpdateEdits edits = StatusUpdateEdits.fromText(sent, unread);
        Map<String, String> problems = edits.problems(unread);
        StatusUpdate update = edits.without(problems.keySet()).applyTo(draft);
        return new StatusUpdateForm(sent.apply("impact").orElse(update.impact()),
                sent.apply("current_theory").orElse(update.currentTheory()),
                sent.apply("next_action").orElse(update.nextAction()),
                sent.apply("next_update_minutes").orElse(Long.toString(update.nextUpdateIn().toMinutes())),
                update.text(), problems, previewed);
    }

    /**
     * @return when the next update is due, by the update-cadence clock, in words: {@code Next
     *     update due by 14:45 UTC (12m left)}, {@code Next update overdue: it was due by 14:45 UTC
     *     (3m over)}, or empty when no update is due (no cadence, or the incident is over)
     */
    static String nextDue(SlaStatus status) {
        Optional<SlaClock> clock = status.clock(SlaKind.UPDATE);
        if (clock.isEmpty() || clock.get().deadline().isEmpty() || clock.get().paused()) {
            return "";
        }
        SlaClock c = clock.get();
        String by = Texts.dateTime(c.deadline().get());
        if (c.state() == SlaState.BREACHED) {
            return "Next update overdue: it was due by " + by + " (" + Texts.duration(c.overdue()) + " over)";
        }
        return c.state() == SlaState.PENDING ? "Next update due by " + by + " (" + Texts.duration(c.remaining()) + " left)" : "";
    }
}
