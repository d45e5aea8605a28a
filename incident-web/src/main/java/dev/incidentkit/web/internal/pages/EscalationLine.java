package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.oncall.Escalation;
import java.time.Instant;
import java.util.List;

/**
 * Where an incident's escalation stands, as the pages say it: {@code Escalation (payments): level
 * 2 due 12:05 UTC; paged alice}, {@code ... acknowledged; paged alice} or {@code ... ended after
 * level 5; paged erin}. The policy and the people are the configuration's ids, user data that the
 * templates escape and isolate ({@code <bdi>}) one by one.
 *
 * @param incidentId the incident
 * @param policy the policy's id
 * @param running whether the escalation runs: {@code due} and {@code dueIso} then say when its next level is due
 * @param what {@code level 2} (of round 2), {@code acknowledged} or {@code ended after level 5}
 * @param due when the next level is due, in words ({@code 12:05 UTC} today, else with the day); empty once stopped
 * @param dueIso the same for {@code <time datetime>}; empty once stopped
 * @param paged whom the last level paged; empty before the first
 * @param pagedNobody whether the last level paged nobody (nobody was on call)
 */
public record EscalationLine(String incidentId, String policy, boolean running, String what, String due, String dueIso,
        List<String> paged, boolean pagedNobody) {

    /**
     * @param e an escalation
     * @param now the page's now: a level due today is said by its time only
     * @return its line
     */
    static EscalationLine of(Escalation e, Instant now) {
        String what = switch (e.status()) {
            case RUNNING -> "level " + e.level() + (e.round() > 1 ? " of round " + e.round() : "");
            case ACKNOWLEDGED -> "acknowledged";
            case EXHAUSTED -> "ended after level " + e.lastLevel() + (e.round() > 1 ? " of round " + e.round() : "");
        };
        String due = e.dueAt().map(at -> Texts.day(at).equals(Texts.day(now)) ? Texts.time(at) + " UTC" : Texts.dateTime(at))
                .orElse("");
        return new EscalationLine(e.incidentId(), e.policyId(), e.dueAt().isPresent(), what, due,
                e.dueAt().map(Texts::iso).orElse(""), e.lastPaged(), e.lastLevel() > 0 && e.lastPaged().isEmpty());
    }
}
