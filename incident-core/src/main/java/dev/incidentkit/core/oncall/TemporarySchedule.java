package dev.incidentkit.core.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who is on call for a span {@code [start, end)}, in place of everything else in the schedule:
 * its layers and its overrides are set aside for the span (a holiday plan, an incident that needs
 * a fixed crew). Within the span, whoever holds a slot covering an instant is on call; where no
 * slot does, nobody is.
 *
 * @param start the first instant it rules
 * @param end the first instant it no longer does, after {@code start}
 * @param slots who is on call when, each within {@code [start, end)}; they may overlap (two
 *     people at once)
 * @since 0.4.0
 */
public record TemporarySchedule(Instant start, Instant end, List<Slot> slots) {

    /**
     * One person on call for a part of a temporary schedule.
     *
     * @param person who
     * @param start the first instant they are on call
     * @param end the first instant they no longer are, after {@code start}
     * @since 0.4.0
     */
    public record Slot(String person, Instant start, Instant end) {

        /**
         * Checks the fields.
         *
         * @throws IllegalArgumentException naming {@code person} or {@code end} if one is wrong
         */
        public Slot {
            Checks.id("person", person);
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw Checks.bad("end", "must be after start (" + start + ")", end);
            }
        }
    }

    /**
     * Checks the rules above.
     *
     * @throws IllegalArgumentException naming {@code end} or {@code slots} if one breaks them
     */
    public TemporarySchedule {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        slots = List.copyOf(Objects.requireNonNull(slots, "slots"));
        if (!end.isAfter(start)) {
            throw Checks.bad("end", "must be after start (" + start + ")", end);
        }
        for (Slot s : slots) {
            if (s.start().isBefore(start) || s.end().isAfter(end)) {
                throw Checks.bad("slots", "must lie within [" + start + ", " + end + ")", s);
            }
        }
    }

    /**
     * @param start the first instant it rules
     * @param end the first instant it no longer does
     * @param people who is on call for the whole span, possibly nobody
     * @return a temporary schedule with a fixed crew
     * @throws IllegalArgumentException naming {@code end} or {@code person} if one is wrong
     */
    public static TemporarySchedule fixed(Instant start, Instant end, List<String> people) {
        List<Slot> slots = new ArrayList<>();
        for (String p : people) {
            slots.add(new Slot(p, start, end));
        }
        return new TemporarySchedule(start, end, slots);
    }

    /** @return whether it rules at {@code at}: {@code start <= at < end} */
    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
