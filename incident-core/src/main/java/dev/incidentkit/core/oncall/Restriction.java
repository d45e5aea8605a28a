package dev.incidentkit.core.oncall;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When a layer may have someone on call, in the wall-clock time of its rotation's zone: on each
 * of {@code days}, a window that opens at {@code start} and lasts {@code length} of local time
 * (it may run past midnight, into the next days). Business hours are {@code onDays(Mon–Fri,
 * 09:00, 17:00)}; a weekend is {@code weekly(FRIDAY, 17:00, MONDAY, 09:00)}.
 *
 * <p>A window's ends are local date-times turned into instants as handoffs are (see {@link
 * Rotation}): a time in a gap is the transition instant; a time in an overlap is the earlier
 * occurrence where the window opens and the later where it closes, so a window is as long as its
 * local times allow. A window whose both ends fall in one gap is empty.
 *
 * @param days the days a window opens on, at least one
 * @param start the local time it opens at
 * @param length how long it lasts, in local time: more than zero, at most 7 days
 * @since 0.4.0
 */
public record Restriction(Set<DayOfWeek> days, LocalTime start, Duration length) {

    private static final Duration WEEK = Duration.ofDays(7);

    /**
     * Checks the rules above.
     *
     * @throws IllegalArgumentException naming {@code days} or {@code length} if one breaks them
     */
    public Restriction {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        if (days.isEmpty()) {
            throw Checks.bad("days", "must hold at least one day", days);
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
        if (length.isNegative() || length.isZero() || length.compareTo(WEEK) > 0) {
            throw Checks.bad("length", "must be more than zero and at most 7 days", length);
        }
    }

    /**
     * @param from when the window opens each day
     * @param to when it closes, the next day if not after {@code from} (equal: a whole day)
     * @return a window every day
     */
    public static Restriction daily(LocalTime from, LocalTime to) {
        return onDays(EnumSet.allOf(DayOfWeek.class), from, to);
    }

    /**
     * @param days the days it opens on
     * @param from when it opens
     * @param to when it closes, the next day if not after {@code from} (equal: a whole day)
     * @return a window on each of those days
     * @throws IllegalArgumentException naming {@code days} if there are none
     */
    public static Restriction onDays(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        Duration length = Duration.between(from, to);
        if (length.isNegative() || length.isZero()) {
            length = length.plusDays(1);
        }
        return new Restriction(days, from, length);
    }

    /**
     * @param fromDay the day it opens
     * @param fromTime when it opens
     * @param toDay the day it closes, counted forward from {@code fromDay}
     * @param toTime when it closes (the same day and time: a whole week)
     * @return one window a week
     */
    public static Restriction weekly(DayOfWeek fromDay, LocalTime fromTime, DayOfWeek toDay, LocalTime toTime) {
        Duration length = Duration.ofDays(Math.floorMod(toDay.getValue() - fromDay.getValue(), 7))
                .plus(Duration.between(fromTime, toTime));
        if (length.isNegative() || length.isZero()) {
            length = length.plus(WEEK);
        }
        return new Restriction(EnumSet.of(fromDay), fromTime, length);
    }

    /** The local days back a window that covers a date may have opened: up to 7, and one for the zone. */
    private static final int LOOK_BACK = 8;

    /**
     * @param at an instant
     * @param zone the zone of the wall clock
     * @return whether a window of this restriction is open at {@code at}
     */
    public boolean contains(Instant at, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(at, zone);
        for (LocalDate d = today.minusDays(LOOK_BACK); !d.isAfter(today.plusDays(1)); d = d.plusDays(1)) {
            if (days.contains(d.getDayOfWeek())) {
                LocalDateTime open = d.atTime(start);
                Instant begin = WallClock.instant(open, zone, WallClock.Overlap.EARLIER);
                Instant end = WallClock.instant(open.plus(length), zone, WallClock.Overlap.LATER);
                if (!at.isBefore(begin) && at.isBefore(end)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param from the first instant wanted
     * @param to the first instant not wanted
     * @param zone the zone of the wall clock
     * @return the non-empty windows that meet {@code [from, to)}, by opening, not clipped; two of
     *     them may overlap (a 7-day window opening every day), where they overlap they are one
     */
    List<Instant[]> windows(Instant from, Instant to, ZoneId zone) {
        List<Instant[]> out = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
        for (LocalDate d = LocalDate.ofInstant(from, zone).minusDays(LOOK_BACK); !d.isAfter(last); d = d.plusDays(1)) {
            if (days.contains(d.getDayOfWeek())) {
                LocalDateTime open = d.atTime(start);
                Instant begin = WallClock.instant(open, zone, WallClock.Overlap.EARLIER);
                Instant end = WallClock.instant(open.plus(length), zone, WallClock.Overlap.LATER);
                if (end.isAfter(begin) && end.isAfter(from) && begin.isBefore(to)) {
                    out.add(new Instant[] {begin, end});
                }
            }
        }
        return out;
    }
}
