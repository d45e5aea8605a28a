package dev.incidentkit.core.oncall;

import dev.incidentkit.core.metrics.DurationStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who was paged in a span, and how each page was answered: what {@link PagingMetrics#of} computes
 * from incident histories. The rules are stated there.
 *
 * @param from the first instant covered
 * @param until the first instant not covered, after {@code from}
 * @param pages the pages of the span, sorted by instant, then incident, then the order of their
 *     incident's history
 * @param people the pages per person, one entry for each person paged in the span, sorted by id
 * @since 0.4.0
 */
public record PagingReport(Instant from, Instant until, List<Page> pages, List<PersonPaging> people) {

    /**
     * Checks the span and copies the lists.
     *
     * @throws IllegalArgumentException naming {@code until} if it is not after {@code from}
     */
    public PagingReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (!until.isAfter(from)) {
            throw Checks.bad("until", "must be after from (" + from + ")", until);
        }
        pages = List.copyOf(Objects.requireNonNull(pages, "pages"));
        people = List.copyOf(Objects.requireNonNull(people, "people"));
    }

    /**
     * @param person a person's id
     * @return their pages in the span, or empty if they had none
     */
    public Optional<PersonPaging> person(String person) {
        return people.stream().filter(p -> p.person().equals(person)).findFirst();
    }

    /** What became of a page. */
    public enum Outcome {
        /** The incident was acknowledged at or after the page's instant. */
        ACKNOWLEDGED,
        /** The incident has no acknowledgment in its history. */
        NOT_ACKNOWLEDGED,
        /** The incident was acknowledged before the page (the page raced the acknowledgment). */
        PAGED_AFTER_ACKNOWLEDGMENT
    }

    /**
     * One {@code incident.paged} event of the span.
     *
     * @param incidentId the incident
     * @param person who was paged
     * @param at when the page was due (the event's {@code occurredAt})
     * @param afterHours whether {@code at} is not working time in the calendar
     * @param outcome what became of it
     * @param timeToAcknowledge from {@code at} to the incident's acknowledgment; present exactly
     *     when the outcome is {@link Outcome#ACKNOWLEDGED}
     * @since 0.4.0
     */
    public record Page(String incidentId, String person, Instant at, boolean afterHours, Outcome outcome,
            Optional<Duration> timeToAcknowledge) {

        /**
         * Checks the fields.
         *
         * @throws IllegalArgumentException naming {@code timeToAcknowledge} if it is negative, or
         *     present for another outcome than {@link Outcome#ACKNOWLEDGED}, or absent for it
         */
        public Page {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(timeToAcknowledge, "timeToAcknowledge");
            if (timeToAcknowledge.isPresent() != (outcome == Outcome.ACKNOWLEDGED)
                    || timeToAcknowledge.filter(Duration::isNegative).isPresent()) {
                throw Checks.bad("timeToAcknowledge", "must be a duration not negative for an acknowledged page and empty otherwise ("
                        + outcome + ")", timeToAcknowledge);
            }
        }
    }

    /**
     * One person's pages in the span.
     *
     * @param person who was paged
     * @param pages how many pages they got
     * @param afterHours how many of them came outside working time
     * @param timeToAcknowledge the time from each of their pages to the incident's acknowledgment:
     *     its {@code count} is the pages acknowledged, its {@code missing} the pages whose
     *     incident was never acknowledged
     * @param pagedAfterAcknowledgment how many pages came after their incident's acknowledgment,
     *     and so have no time to acknowledge
     * @since 0.4.0
     */
    public record PersonPaging(String person, long pages, long afterHours, DurationStats timeToAcknowledge,
            long pagedAfterAcknowledgment) {

        /**
         * Checks that the counts add up.
         *
         * @throws IllegalArgumentException naming {@code afterHours} if it is negative or more than
         *     {@code pages}, or {@code pages} if it is not the sum of the acknowledged, never
         *     acknowledged and after-acknowledgment pages
         */
        public PersonPaging {
            Checks.id("person", person);
            Objects.requireNonNull(timeToAcknowledge, "timeToAcknowledge");
            if (afterHours < 0 || afterHours > pages) {
                throw Checks.bad("afterHours", "must be from 0 to pages (" + pages + ")", afterHours);
            }
            if (pagedAfterAcknowledgment < 0
                    || pages != timeToAcknowledge.count() + timeToAcknowledge.missing() + pagedAfterAcknowledgment) {
                throw Checks.bad("pages", "must be the acknowledged (" + timeToAcknowledge.count() + "), never acknowledged ("
                        + timeToAcknowledge.missing() + ") and after-acknowledgment (" + pagedAfterAcknowledgment + ") pages", pages);
            }
        }

        /** @return how many pages came in working time: {@code pages - afterHours} */
        public long workingHours() {
            return pages - afterHours;
        }

        /** @return how many pages' incidents were never acknowledged: {@code timeToAcknowledge.missing()} */
        public long neverAcknowledged() {
            return timeToAcknowledge.missing();
        }
    }

    /**
     * The pages a person got during one of their shifts: what {@link PagingMetrics#perShift}
     * computes.
     *
     * @param shift the shift, clipped to the report's span
     * @param pages how many pages its person got during it
     * @param afterHours how many of them came outside working time
     * @since 0.4.0
     */
    public record ShiftPaging(Shift shift, long pages, long afterHours) {

        /**
         * Checks the counts.
         *
         * @throws IllegalArgumentException naming {@code afterHours} if it is negative or more than
         *     {@code pages}
         */
        public ShiftPaging {
            Objects.requireNonNull(shift, "shift");
            if (afterHours < 0 || afterHours > pages) {
                throw Checks.bad("afterHours", "must be from 0 to pages (" + pages + ")", afterHours);
            }
        }
    }
}
