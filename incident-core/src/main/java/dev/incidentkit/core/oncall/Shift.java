package dev.incidentkit.core.oncall;

import java.time.Instant;
import java.util.Objects;

/**
 * One person on call for a span {@code [start, end)}, and what put them there.
 *
 * @param person who is on call
 * @param start the first instant they are
 * @param end the first instant they no longer are, after {@code start}
 * @param origin the layer, override or temporary schedule that put them on call
 * @since 0.4.0
 */
public record Shift(String person, Instant start, Instant end, Origin origin) {

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException naming {@code person} or {@code end} if one is wrong
     */
    public Shift {
        Checks.id("person", person);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(origin, "origin");
        if (!end.isAfter(start)) {
            throw Checks.bad("end", "must be after start (" + start + ")", end);
        }
    }

    /** @return whether {@code start <= at < end} */
    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    /**
     * What put a person on call: a schedule's layer, override or temporary schedule, by its
     * position in the schedule's list of them (from 0).
     *
     * @param kind which list
     * @param index the position in it, from 0
     * @since 0.4.0
     */
    public record Origin(Kind kind, int index) {

        /** Which of a schedule's lists. */
        public enum Kind {
            /** {@link Schedule#layers()} */
            LAYER,
            /** {@link Schedule#overrides()} */
            OVERRIDE,
            /** {@link Schedule#temporarySchedules()} */
            TEMPORARY
        }

        /**
         * Checks the fields.
         *
         * @throws IllegalArgumentException naming {@code index} if it is negative
         */
        public Origin {
            Objects.requireNonNull(kind, "kind");
            if (index < 0) {
                throw Checks.bad("index", "must not be negative", index);
            }
        }

        /** @return layer {@code index} */
        public static Origin layer(int index) {
            return new Origin(Kind.LAYER, index);
        }

        /** @return override {@code index} */
        public static Origin override(int index) {
            return new Origin(Kind.OVERRIDE, index);
        }

        /** @return temporary schedule {@code index} */
        public static Origin temporary(int index) {
            return new Origin(Kind.TEMPORARY, index);
        }
    }
}
