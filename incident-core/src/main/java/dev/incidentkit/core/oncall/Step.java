package dev.incidentkit.core.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Escalations#due} says is due: nothing, a page, or a level at which nobody is on
 * call; with the escalation's state after it.
 *
 * @since 0.4.0
 */
public sealed interface Step {

    /** @return the escalation after this step; the same one if nothing was due */
    Escalation next();

    /** @return whether a step was due (a page, or a level with nobody on call) */
    boolean isDue();

    /**
     * Nothing is due: the next step is later, or the escalation has stopped.
     *
     * @param next the escalation, unchanged
     * @since 0.4.0
     */
    record NotDue(Escalation next) implements Step {

        /** Checks the field. */
        public NotDue {
            Objects.requireNonNull(next, "next");
        }

        @Override
        public boolean isDue() {
            return false;
        }
    }

    /**
     * Page these people: what an {@code incident.paged} event records.
     *
     * @param next the escalation after the page
     * @param level the level's number, from 1
     * @param round the time through the policy, from 1
     * @param at when the page was due (not when it was computed)
     * @param people whom to page, each once, in the order of the level's targets; at least one
     * @param why the timeline's reason for the page
     * @since 0.4.0
     */
    record Page(Escalation next, int level, int round, Instant at, List<String> people, String why) implements Step {

        /**
         * Checks the fields.
         *
         * @throws IllegalArgumentException naming {@code people} if it is empty
         */
        public Page {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(at, "at");
            people = Checks.ids("people", people);
            if (people.isEmpty()) {
                throw Checks.bad("people", "must name at least one person (a level with nobody is a NobodyOnCall step)", people);
            }
            Objects.requireNonNull(why, "why");
        }

        @Override
        public boolean isDue() {
            return true;
        }
    }

    /**
     * A level was due and its targets resolved to nobody: nobody is paged, and the escalation
     * {@link EscalationLevel.IfNobody skips or waits} as the level says.
     *
     * @param next the escalation after the level
     * @param level the level's number, from 1
     * @param round the time through the policy, from 1
     * @param at when the level was due
     * @param then what the level does about it
     * @param why the timeline's text: the level, why nobody, and what happens next
     * @since 0.4.0
     */
    record NobodyOnCall(Escalation next, int level, int round, Instant at, EscalationLevel.IfNobody then, String why) implements Step {

        /** Checks the fields. */
        public NobodyOnCall {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(then, "then");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public boolean isDue() {
            return true;
        }
    }
}
