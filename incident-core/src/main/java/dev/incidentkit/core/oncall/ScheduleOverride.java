package dev.incidentkit.core.oncall;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to who is on call for a span {@code [start, end)}, made on top of a schedule's layers:
 * a person added beside whoever is on call, a person removed, or a person replaced by another
 * (a swap, or cover for a vacation). A schedule applies its overrides in their order, each to what
 * the ones before it left; a temporary schedule sets them aside for its span.
 *
 * @param kind what it does
 * @param person who is added, removed or replaced
 * @param replacement for {@link Kind#REPLACE}, who takes {@code person}'s place; else empty
 * @param start the first instant it applies
 * @param end the first instant it no longer does, after {@code start}
 * <p>Not called {@code Override}: that name would hide {@code java.lang.Override} in this package
 * and in every file that imports it.
 *
 * @since 0.4.0
 */
public record ScheduleOverride(Kind kind, String person, Optional<String> replacement, Instant start, Instant end) {

    /** What an override does. */
    public enum Kind {
        /** Puts {@code person} on call, beside whoever is. */
        ADD,
        /** Takes {@code person} off call, if they are on. */
        REMOVE,
        /** Puts {@code replacement} on call in {@code person}'s place, where {@code person} is on call. */
        REPLACE
    }

    /**
     * Checks the rules above.
     *
     * @throws IllegalArgumentException naming {@code person}, {@code replacement} or {@code end}
     *     if one breaks them
     */
    public ScheduleOverride {
        Objects.requireNonNull(kind, "kind");
        Checks.id("person", person);
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (kind == Kind.REPLACE) {
            Checks.id("replacement", replacement.orElseThrow(() -> Checks.bad("replacement", "must name who replaces " + person, "")));
            if (replacement.get().equals(person)) {
                throw Checks.bad("replacement", "must not be the person replaced", replacement.get());
            }
        } else if (replacement.isPresent()) {
            throw Checks.bad("replacement", "must be empty unless the override replaces someone", replacement.get());
        }
        if (!end.isAfter(start)) {
            throw Checks.bad("end", "must be after start (" + start + ")", end);
        }
    }

    /** @return an override that puts {@code person} on call for {@code [start, end)} */
    public static ScheduleOverride add(String person, Instant start, Instant end) {
        return new ScheduleOverride(Kind.ADD, person, Optional.empty(), start, end);
    }

    /** @return an override that takes {@code person} off call for {@code [start, end)} */
    public static ScheduleOverride remove(String person, Instant start, Instant end) {
        return new ScheduleOverride(Kind.REMOVE, person, Optional.empty(), start, end);
    }

    /** @return an override that puts {@code by} on call wherever {@code person} is, for {@code [start, end)} */
    public static ScheduleOverride replace(String person, String by, Instant start, Instant end) {
        return new ScheduleOverride(Kind.REPLACE, person, Optional.of(by), start, end);
    }

    /** @return whether it applies at {@code at}: {@code start <= at < end} */
    public boolean activeAt(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
