package dev.incidentkit.core.oncall;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Participants taking turns, one at a time: shift {@code k} (from 0) belongs to participant
 * {@code k mod n} and runs from handoff {@code k} to handoff {@code k + 1}. There is nobody before
 * the first handoff; the rotation never ends.
 *
 * <p><b>Handoffs keep wall-clock time.</b> Handoff {@code k} is the local date-time {@code start
 * + k × shiftLength} units of {@code kind} (a monthly rotation started on the 31st hands off on
 * the last day of shorter months, always counted from {@code start}), turned into an instant in
 * {@code zone} thus:
 *
 * <ul>
 *   <li>a local time that occurs once is that instant;
 *   <li>a local time in a gap (clocks go forward over it) is the end of the gap: the transition
 *       instant, when the clock reads the first valid time after it (02:30 in a 02:00–03:00 gap
 *       is 03:00, not the 03:30 {@link ZonedDateTime#ofLocal} gives);
 *   <li>a local time in an overlap (clocks go back over it, so it occurs twice) is its
 *       <em>earlier</em> occurrence. The rule for a span is that its start takes the earlier
 *       occurrence and its end the later; but a handoff is at once the end of one shift and the
 *       start of the next, and one instant must serve both, or the two shifts would overlap for
 *       the length of the overlap. The handoff is where the incoming shift starts: the first
 *       time the clock shows the handoff's time. The outgoing shift ends there, so it is the one
 *       that is shorter (or longer) by the change.
 * </ul>
 *
 * <p>The instants of successive handoffs never decrease, so consecutive shifts neither overlap nor
 * leave a hole. Two handoffs can fall in one gap only in an hourly rotation (or across a gap of a
 * day or more); the shift between them is empty and left out of {@link #shifts}: its participant
 * has no time that turn.
 *
 * @param name what the rotation is called, such as {@code primary}
 * @param kind the unit shifts are counted in
 * @param shiftLength how many units of {@code kind} one shift lasts, 1 to 10,000
 * @param start the first handoff, as a local date-time in {@code zone}
 * @param zone the zone whose wall clock handoffs follow
 * @param participants who takes turns, in order, at least one; a person may appear more than once
 * @since 0.4.0
 */
public record Rotation(String name, Kind kind, int shiftLength, LocalDateTime start, ZoneId zone, List<String> participants) {

    /** The unit shifts are counted in, always in local date-time of the rotation's zone. */
    public enum Kind {
        /** Wall-clock hours. */
        HOURLY(ChronoUnit.HOURS),
        /** Calendar days. */
        DAILY(ChronoUnit.DAYS),
        /** Calendar weeks. */
        WEEKLY(ChronoUnit.WEEKS),
        /** Calendar months. */
        MONTHLY(ChronoUnit.MONTHS);

        private final ChronoUnit unit;

        Kind(ChronoUnit unit) {
            this.unit = unit;
        }

        /** @return the unit of local date-time this kind counts in */
        public ChronoUnit unit() {
            return unit;
        }
    }

    /**
     * Checks the rules above.
     *
     * @throws IllegalArgumentException naming the field ({@code name}, {@code shiftLength} or
     *     {@code participants}) that breaks one, and its value
     */
    public Rotation {
        Checks.id("name", name);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(zone, "zone");
        participants = Checks.ids("participants", participants);
        if (participants.isEmpty()) {
            throw Checks.bad("participants", "must name at least one person", participants);
        }
        if (shiftLength < 1 || shiftLength > 10_000) {
            throw Checks.bad("shiftLength", "must be 1 to 10000", shiftLength);
        }
    }

    /**
     * @param name what the rotation is called
     * @param kind the unit shifts are counted in
     * @param shiftLength how many units one shift lasts
     * @param start the first handoff; its local date-time and zone are kept (a {@link
     *     ZonedDateTime} made from a local time in a gap already holds the shifted time)
     * @param participants who takes turns, in order
     * @return the rotation
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Rotation of(String name, Kind kind, int shiftLength, ZonedDateTime start, List<String> participants) {
        return new Rotation(name, kind, shiftLength, start.toLocalDateTime(), start.getZone(), participants);
    }

    /**
     * @param k the shift's number, from 0
     * @return the local date-time handoff {@code k} is meant to happen at
     * @throws IllegalArgumentException if {@code k} is negative
     * @throws ArithmeticException or {@link java.time.DateTimeException} if it is past the year 999,999,999
     */
    public LocalDateTime localHandoff(long k) {
        if (k < 0) {
            throw Checks.bad("k", "must not be negative", k);
        }
        return start.plus(Math.multiplyExact(k, (long) shiftLength), kind.unit);
    }

    /**
     * @param k the shift's number, from 0
     * @return the instant of handoff {@code k}, by the rule above: the instant shift {@code k} starts
     * @throws IllegalArgumentException if {@code k} is negative
     */
    public Instant handoff(long k) {
        return WallClock.instant(localHandoff(k), zone, WallClock.Overlap.EARLIER);
    }

    /** @return the person of shift {@code k} */
    public String participant(long k) {
        return participants.get((int) Math.floorMod(k, (long) participants.size()));
    }

    /**
     * Finds the shift at an instant by arithmetic on local date-times, without walking from the
     * start: the number of units between {@code start} and the instant's local time, divided by
     * the shift length, is off by at most a step or two, which the handoffs' instants then settle.
     *
     * @param at an instant
     * @return the number of the shift under way at {@code at}, empty before the first handoff
     */
    public OptionalLong shiftNumberAt(Instant at) {
        if (at.isBefore(handoff(0))) {
            return OptionalLong.empty();
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        long k = Math.max(0, Math.floorDiv(kind.unit.between(start, local), (long) shiftLength));
        while (k > 0 && handoff(k).isAfter(at)) {
            k--;
        }
        while (!handoff(k + 1).isAfter(at)) {
            k++;
        }
        return OptionalLong.of(k);
    }

    /**
     * @param at an instant
     * @return who is on call in this rotation at {@code at}, empty before the first handoff
     */
    public Optional<String> personAt(Instant at) {
        OptionalLong k = shiftNumberAt(at);
        return k.isPresent() ? Optional.of(participant(k.getAsLong())) : Optional.empty();
    }

    /**
     * @param from the first instant wanted
     * @param to the first instant not wanted, not before {@code from}
     * @return the non-empty shifts that meet {@code [from, to)}, in order, each clipped to it and
     *     marked as coming from {@code origin}
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    List<Shift> shifts(Instant from, Instant to, Shift.Origin origin) {
        if (to.isBefore(from)) {
            throw Checks.bad("to", "must not be before from (" + from + ")", to);
        }
        List<Shift> out = new ArrayList<>();
        Instant first = handoff(0);
        long k = from.isBefore(first) ? 0 : shiftNumberAt(from).orElseThrow();
        Instant begin = handoff(k);
        while (begin.isBefore(to)) {
            Instant end = handoff(k + 1);
            Instant b = max(begin, from);
            Instant e = min(end, to);
            if (e.isAfter(b)) {
                out.add(new Shift(participant(k), b, e, origin));
            }
            k++;
            begin = end;
        }
        return out;
    }

    /**
     * @param from the first instant wanted
     * @param to the first instant not wanted, not before {@code from}
     * @return the non-empty shifts that meet {@code [from, to)}, in order, each clipped to it (a
     *     shift's origin is layer 0)
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public List<Shift> shifts(Instant from, Instant to) {
        return shifts(from, to, Shift.Origin.layer(0));
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
