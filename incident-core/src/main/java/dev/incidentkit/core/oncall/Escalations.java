package dev.incidentkit.core.oncall;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.oncall.Escalation.Status;
import dev.incidentkit.core.oncall.EscalationLevel.IfNobody;
import dev.incidentkit.core.oncall.EscalationPolicy.Coverage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs {@link EscalationPolicy}s: pure functions of a policy, an {@link Escalation} and the
 * instants passed in, with no clock, no I/O and no state of their own.
 *
 * <p><b>One step per call.</b> {@link #due} returns at most one step, the one due at the state's
 * {@link Escalation#at()}, and the state after it. A caller stores the state and loops while a
 * step is due, so that a caller that was down may catch up step by step (the {@link Escalator}
 * passes over the steps whose next one is due too, and pages the step due now). Every instant is computed from the previous step's due instant,
 * never from {@code now}, and schedules are asked who was on call at the due instant, so calling
 * late gives the same pages at the same instants as calling on time.
 *
 * <p><b>Timing.</b> The first step is due at the trigger, or under {@link Coverage#BUSINESS_HOURS}
 * at the first working instant at or after it. Each level is given its {@link
 * EscalationLevel#escalateAfter()} before the next level (or, after the last, the next round) is
 * due; under business hours that time is working time. Levels that do not page for the
 * escalation's severity are passed over. A level whose targets resolve to nobody {@link
 * IfNobody#SKIP skips} (the next level is due at the same instant; the last level of a round
 * still waits its time, so that a policy of empty levels repeated until acknowledged moves on
 * in time) or {@link IfNobody#WAIT waits} its time; either way the step says so. After the last
 * level of the last round the escalation is {@link Status#EXHAUSTED}.
 *
 * @since 0.4.0
 */
public final class Escalations {

    private Escalations() {}

    /**
     * @param policy the policy
     * @param incidentId the incident
     * @param severity its severity
     * @param triggeredAt when the incident was triggered
     * @return a running escalation whose first level is due at {@code triggeredAt}, or at the
     *     first working instant after it if the severity pages in business hours only
     * @throws IllegalArgumentException naming {@code incidentId} if it is blank or too long
     */
    public static Escalation start(EscalationPolicy policy, String incidentId, Severity severity, Instant triggeredAt) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(triggeredAt, "triggeredAt");
        Instant first = coverage(policy, severity).after(policy.calendar(), triggeredAt, Duration.ZERO);
        return new Escalation(policy.id(), incidentId, severity, triggeredAt, 1, policy.levelsFor(severity).get(0), first,
                Status.RUNNING, 0, List.of());
    }

    /**
     * The step due by {@code now}, if any: see the class comment.
     *
     * @param policy the escalation's policy
     * @param escalation the escalation
     * @param now the current instant
     * @param schedules the schedule of each id; empty for an id it does not know, whose target then
     *     resolves to nobody
     * @return {@link Step.NotDue} with the same escalation if it has stopped or its next step is
     *     after {@code now}; else the step due at {@link Escalation#at()} and the state after it
     * @throws IllegalArgumentException naming {@code policy} if it is not the escalation's, or has
     *     no level {@link Escalation#level()} for its severity (the policy changed under it)
     */
    public static Step due(EscalationPolicy policy, Escalation escalation, Instant now,
            Function<String, Optional<Schedule>> schedules) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(schedules, "schedules");
        if (!policy.id().equals(escalation.policyId())) {
            throw Checks.bad("policy", "must be the escalation's policy (" + escalation.policyId() + ")", policy.id());
        }
        if (escalation.status() != Status.RUNNING || now.isBefore(escalation.at())) {
            return new Step.NotDue(escalation);
        }
        Severity severity = escalation.severity();
        int number = escalation.level();
        List<Integer> numbers = policy.levelsFor(severity);
        int index = numbers.indexOf(number);
        if (index < 0) {
            throw Checks.bad("policy", "must have a level " + number + " for " + severity + ", as when the escalation started", policy.id());
        }
        EscalationLevel level = policy.level(number);
        Instant at = escalation.at();
        List<String> unknown = new ArrayList<>();
        List<String> people = resolve(level, at, schedules, unknown);

        boolean lastLevel = index == numbers.size() - 1;
        boolean skip = people.isEmpty() && level.ifNobodyOnCall() == IfNobody.SKIP && !lastLevel;
        Duration wait = skip ? Duration.ZERO : level.escalateAfter();
        Instant nextAt = coverage(policy, severity).after(policy.calendar(), at, wait);
        int round = escalation.round();
        boolean lastRound = policy.repeat().rounds().stream().anyMatch(r -> round >= r);
        Escalation next;
        String then;
        if (!lastLevel) {
            next = running(escalation, round, numbers.get(index + 1), nextAt, number, people);
            then = skip ? "level " + numbers.get(index + 1) + " is paged at once" : "waiting " + words(policy, severity, wait) + " for level " + numbers.get(index + 1);
        } else if (!lastRound) {
            next = running(escalation, round + 1, numbers.get(0), nextAt, number, people);
            then = "waiting " + words(policy, severity, wait) + " for round " + (round + 1);
        } else {
            next = new Escalation(escalation.policyId(), escalation.incidentId(), severity, escalation.triggeredAt(), round, number, at,
                    Status.EXHAUSTED, number, people);
            then = "it was the last level, and the escalation ends";
        }
        String why = why(policy, escalation);
        if (!people.isEmpty()) {
            return new Step.Page(next, number, round, at, people, why);
        }
        String whose = unknown.isEmpty() ? "" : " (unknown schedule " + String.join(", ", unknown) + ")";
        return new Step.NobodyOnCall(next, number, round, at, level.ifNobodyOnCall(),
                why + "; nobody is on call at level " + number + whose + ": " + then);
    }

    private static Escalation running(Escalation e, int round, int level, Instant at, int lastLevel, List<String> lastPaged) {
        return new Escalation(e.policyId(), e.incidentId(), e.severity(), e.triggeredAt(), round, level, at, Status.RUNNING, lastLevel, lastPaged);
    }

    private static Coverage coverage(EscalationPolicy policy, Severity severity) {
        return policy.coverage().get(severity);
    }

    /** @return whom the level's targets name at {@code at}, each once, in target order; unknown schedules added to {@code unknown} */
    private static List<String> resolve(EscalationLevel level, Instant at, Function<String, Optional<Schedule>> schedules, List<String> unknown) {
        Set<String> people = new LinkedHashSet<>();
        for (Target t : level.targets()) {
            people.addAll(t.fold(p -> List.of(p.id()), s -> {
                Optional<Schedule> schedule = Objects.requireNonNull(schedules.apply(s.scheduleId()), "schedules' answer");
                if (schedule.isEmpty()) {
                    unknown.add(s.scheduleId());
                }
                return schedule.map(sc -> OnCall.whoIsOnCall(sc, at)).orElse(List.of());
            }));
        }
        return List.copyOf(people);
    }

    /** @return why the escalation's due level is stepped now, for the timeline */
    private static String why(EscalationPolicy policy, Escalation e) {
        String head = "level " + e.level() + " of policy " + policy.name() + (e.round() > 1 ? ", round " + e.round() : "") + ": ";
        if (e.lastLevel() == 0) {
            return head + (e.at().equals(e.triggeredAt())
                    ? "the " + e.severity() + " incident was triggered"
                    : "the " + e.severity() + " incident was triggered at " + e.triggeredAt() + ", outside business hours");
        }
        EscalationLevel last = policy.level(e.lastLevel());
        if (!e.lastPaged().isEmpty()) {
            return head + "level " + e.lastLevel() + " (" + String.join(", ", e.lastPaged()) + ") did not acknowledge within "
                    + words(policy, e.severity(), last.escalateAfter());
        }
        boolean skipped = last.ifNobodyOnCall() == IfNobody.SKIP && e.lastLevel() < e.level();
        return head + "nobody was on call at level " + e.lastLevel()
                + (skipped ? ", skipped" : ", waited " + words(policy, e.severity(), last.escalateAfter()));
    }

    /** @return a wait in words: "5 min", "2 h", "90 s", with "of business hours" where that is how it is counted */
    private static String words(EscalationPolicy policy, Severity severity, Duration d) {
        long s = d.getSeconds();
        String n = s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
        return coverage(policy, severity) == Coverage.BUSINESS_HOURS ? n + " of business hours" : n;
    }
}
