package dev.incidentkit.core.oncall;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.sla.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How an incident's pages escalate: ordered {@link EscalationLevel}s, how often the policy runs
 * through them, and when each severity may page. {@link Escalations} runs it.
 *
 * <pre>{@code
 * EscalationPolicy payments = EscalationPolicy.builder("payments", "Payments", office)
 *         .level(EscalationLevel.of(Duration.ofMinutes(5), Target.schedule("primary")))
 *         .level(EscalationLevel.of(Duration.ofMinutes(10), Target.schedule("secondary")))
 *         .level(EscalationLevel.of(Duration.ofMinutes(15), Target.person("lead")))
 *         .repeat(Repeat.times(1))
 *         .build();
 * }</pre>
 *
 * @param id the policy's id
 * @param name what it is called, as the timeline shows it
 * @param levels its levels, level 1 first; every severity has at least one
 * @param repeat how often it runs through its levels
 * @param calendar the business hours of {@link Coverage#BUSINESS_HOURS}
 * @param coverage when each severity pages, one entry for each severity
 * @since 0.4.0
 */
public record EscalationPolicy(
        String id, String name, List<EscalationLevel> levels, Repeat repeat, BusinessCalendar calendar, Map<Severity, Coverage> coverage) {

    /** When a severity's escalation runs. */
    public enum Coverage {
        /** Around the clock: pages are due as soon as their time has passed. */
        ALWAYS,
        /**
         * In the calendar's working time only: the first page at the first working instant at or
         * after the trigger, and each level's time counted in working time, so that a page never
         * falls outside business hours ({@link BusinessCalendar#plusWorkingTime}).
         */
        BUSINESS_HOURS;

        /** @return the first instant, at or after {@code from}, at which {@code wait} has passed under this coverage */
        Instant after(BusinessCalendar calendar, Instant from, Duration wait) {
            return switch (this) {
                case ALWAYS -> from.plus(wait);
                // plusWorkingTime returns the end of a working period exactly when the wait uses it
                // up, and its start itself for zero; one nanosecond more, less one, is the first
                // working instant at or after the result.
                case BUSINESS_HOURS -> calendar.plusWorkingTime(calendar.plusWorkingTime(from, wait), Duration.ofNanos(1)).minusNanos(1);
            };
        }
    }

    /**
     * How often a policy runs through its levels when nobody acknowledges.
     *
     * @since 0.4.0
     */
    public sealed interface Repeat {

        /** @return once through the levels */
        static Repeat none() {
            return new Times(0);
        }

        /**
         * @param more how many more times after the first
         * @return {@code more + 1} times through the levels
         * @throws IllegalArgumentException naming {@code more} if it is negative
         */
        static Repeat times(int more) {
            return new Times(more);
        }

        /** @return through the levels again and again, until someone acknowledges */
        static Repeat untilAcknowledged() {
            return new UntilAcknowledged();
        }

        /** @return how many times through the levels; empty for no limit */
        OptionalInt rounds();

        /**
         * A number of times through the levels.
         *
         * @param more how many more times after the first; not negative
         * @since 0.4.0
         */
        record Times(int more) implements Repeat {

            /** @throws IllegalArgumentException naming {@code more} if it is negative */
            public Times {
                if (more < 0) {
                    throw Checks.bad("more", "must not be negative", more);
                }
            }

            @Override
            public OptionalInt rounds() {
                return OptionalInt.of(more + 1);
            }
        }

        /**
         * Through the levels again and again, until someone acknowledges.
         *
         * @since 0.4.0
         */
        record UntilAcknowledged() implements Repeat {
            @Override
            public OptionalInt rounds() {
                return OptionalInt.empty();
            }
        }
    }

    /**
     * Checks the rules above.
     *
     * @throws IllegalArgumentException naming {@code id}, {@code name}, {@code levels} or {@code
     *     coverage} if one breaks them
     */
    public EscalationPolicy {
        Checks.id("id", id);
        Checks.id("name", name);
        levels = List.copyOf(Objects.requireNonNull(levels, "levels"));
        Objects.requireNonNull(repeat, "repeat");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(coverage, "coverage");
        for (Severity s : Severity.values()) {
            if (levels.stream().noneMatch(l -> l.appliesTo(s))) {
                throw Checks.bad("levels", "must include a level for every severity; none pages for " + s, levels.size() + " levels");
            }
            if (!coverage.containsKey(s)) {
                throw Checks.bad("coverage", "must give every severity's coverage; " + s + " has none", coverage);
            }
        }
        coverage = Collections.unmodifiableMap(new EnumMap<>(coverage));
    }

    /**
     * @param id the policy's id
     * @param name what it is called
     * @param calendar the business hours it pages SEV-3 and SEV-4 in, unless told otherwise
     * @return a builder of a policy with no levels yet, run once through, SEV-1 and SEV-2 paging
     *     around the clock and SEV-3 and SEV-4 in business hours
     * @throws IllegalArgumentException naming {@code id} or {@code name} if one is blank
     */
    public static Builder builder(String id, String name, BusinessCalendar calendar) {
        return new Builder(Checks.id("id", id), Checks.id("name", name), Objects.requireNonNull(calendar, "calendar"));
    }

    /** @return the 1-based numbers of the levels that page for {@code severity}, in order */
    List<Integer> levelsFor(Severity severity) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).appliesTo(severity)) {
                out.add(i + 1);
            }
        }
        return out;
    }

    /** @return level {@code number}, counted from 1 */
    EscalationLevel level(int number) {
        return levels.get(number - 1);
    }

    /** Builds an {@link EscalationPolicy}; {@link #build()} checks the whole. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final String name;
        private final BusinessCalendar calendar;
        private final List<EscalationLevel> levels = new ArrayList<>();
        private Repeat repeat = Repeat.none();
        private final EnumMap<Severity, Coverage> coverage = new EnumMap<>(Map.of(
                Severity.SEV1, Coverage.ALWAYS, Severity.SEV2, Coverage.ALWAYS,
                Severity.SEV3, Coverage.BUSINESS_HOURS, Severity.SEV4, Coverage.BUSINESS_HOURS));

        private Builder(String id, String name, BusinessCalendar calendar) {
            this.id = id;
            this.name = name;
            this.calendar = calendar;
        }

        /** @param level the level after those added before @return this builder */
        public Builder level(EscalationLevel level) {
            levels.add(Objects.requireNonNull(level, "level"));
            return this;
        }

        /** @param repeat how often to run through the levels; once by default @return this builder */
        public Builder repeat(Repeat repeat) {
            this.repeat = Objects.requireNonNull(repeat, "repeat");
            return this;
        }

        /**
         * @param severity a severity
         * @param when when it pages
         * @return this builder
         */
        public Builder coverage(Severity severity, Coverage when) {
            coverage.put(Objects.requireNonNull(severity, "severity"), Objects.requireNonNull(when, "when"));
            return this;
        }

        /**
         * @return the policy
         * @throws IllegalArgumentException naming {@code levels} if a severity has no level
         */
        public EscalationPolicy build() {
            return new EscalationPolicy(id, name, levels, repeat, calendar, coverage);
        }
    }
}
