package dev.incidentkit.core.oncall;

import java.util.function.Function;

/**
 * Who an {@link EscalationLevel} pages: a person by id, or whoever a {@link Schedule} has on call
 * when the page is due.
 *
 * @since 0.4.0
 */
public sealed interface Target {

    /**
     * @param id the person's id
     * @return a target that pages that person
     * @throws IllegalArgumentException naming {@code id} if it is blank or too long
     */
    static Target person(String id) {
        return new Person(id);
    }

    /**
     * @param scheduleId the schedule's id
     * @return a target that pages whoever the schedule has on call
     * @throws IllegalArgumentException naming {@code scheduleId} if it is blank or too long
     */
    static Target schedule(String scheduleId) {
        return new OnSchedule(scheduleId);
    }

    /**
     * Java 17 has no pattern switch: this is the switch over the kinds of target, and a new kind
     * must implement it, so the compiler lists every place that must answer for it.
     *
     * @param ifPerson what a {@link Person} gives
     * @param ifSchedule what an {@link OnSchedule} gives
     * @param <R> what the switch gives
     * @return {@code ifPerson} or {@code ifSchedule} applied to this target
     */
    <R> R fold(Function<Person, R> ifPerson, Function<OnSchedule, R> ifSchedule);

    /**
     * One person, paged whatever the schedules say.
     *
     * @param id the person's id
     * @since 0.4.0
     */
    record Person(String id) implements Target {

        /** @throws IllegalArgumentException naming {@code id} if it is blank or too long */
        public Person {
            Checks.id("id", id);
        }

        @Override
        public <R> R fold(Function<Person, R> ifPerson, Function<OnSchedule, R> ifSchedule) {
            return ifPerson.apply(this);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * Whoever a schedule has on call at the instant the page is due ({@link OnCall#whoIsOnCall}),
     * possibly nobody.
     *
     * @param scheduleId the schedule's id
     * @since 0.4.0
     */
    record OnSchedule(String scheduleId) implements Target {

        /** @throws IllegalArgumentException naming {@code scheduleId} if it is blank or too long */
        public OnSchedule {
            Checks.id("scheduleId", scheduleId);
        }

        @Override
        public <R> R fold(Function<Person, R> ifPerson, Function<OnSchedule, R> ifSchedule) {
            return ifSchedule.apply(this);
        }

        @Override
        public String toString() {
            return "schedule " + scheduleId;
        }
    }
}
