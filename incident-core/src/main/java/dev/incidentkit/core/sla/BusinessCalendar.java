package dev.incidentkit.core.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Business hours: a zone, working hours per day of the week and holidays. An SLA clock that uses a
 * calendar runs only in working time, so that a SEV-3 raised on Friday evening is due on Monday.
 *
 * <p>Working hours are wall-clock times in the calendar's zone, and working time is real elapsed
 * time within them, so the calendar is right across daylight-saving changes: 09:00 to 17:00 is
 * eight hours on the day the clocks go forward as on any other. Where the hours themselves touch
 * a change, a local time that does not exist (clocks jump forward over it) means the moment of
 * the jump, and a local time that occurs twice (clocks go back) means its first occurrence.
 *
 * <pre>{@code
 * BusinessCalendar office = BusinessCalendar.custom()
 *         .zone(ZoneId.of("Europe/Berlin"))
 *         .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
 *         .holiday(LocalDate.of(2025, 12, 25))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class BusinessCalendar {

    private final ZoneId zone;
    private final Map<DayOfWeek, List<WorkingHours>> hours;
    private final NavigableSet<LocalDate> holidays;

    private BusinessCalendar(Builder b) {
        this.zone = b.zone;
        EnumMap<DayOfWeek, List<WorkingHours>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            copy.put(day, List.copyOf(b.hours.get(day)));
        }
        this.hours = Collections.unmodifiableMap(copy);
        this.holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(b.holidays));
    }

    /**
     * @param zone the zone the hours are in
     * @param from when work starts, Monday to Friday
     * @param to when work ends, Monday to Friday; {@link LocalTime#MIDNIGHT} for the end of the day
     * @return a calendar of those hours on weekdays, without holidays
     * @throws IllegalArgumentException if {@code from} is not before {@code to}
     */
    public static BusinessCalendar weekdays(ZoneId zone, LocalTime from, LocalTime to) {
        return custom().zone(zone).weekdays(from, to).build();
    }

    /** @return an empty builder: UTC, no working hours (add some), no holidays */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * @param base a calendar to start from
     * @return a builder holding {@code base}'s zone, hours and holidays
     */
    public static Builder from(BusinessCalendar base) {
        Builder b = new Builder();
        b.zone = base.zone;
        for (DayOfWeek day : DayOfWeek.values()) {
            b.hours.get(day).addAll(base.hours.get(day));
        }
        b.holidays.addAll(base.holidays);
        return b;
    }

    /** @return the zone the working hours are in */
    public ZoneId zone() {
        return zone;
    }

    /**
     * @param day a day of the week
     * @return its working hours, in order, without overlaps; empty for a day off
     */
    public List<WorkingHours> hours(DayOfWeek day) {
        return hours.get(day);
    }

    /** @return the dates on which nobody works, in order */
    public NavigableSet<LocalDate> holidays() {
        return holidays;
    }

    /**
     * @param instant an instant
     * @return whether it lies in working time
     */
    public boolean isWorkingTime(Instant instant) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        if (holidays.contains(date)) {
            return false;
        }
        for (WorkingHours h : hours.get(date.getDayOfWeek())) {
            if (!instant.isBefore(start(date, h)) && instant.isBefore(end(date, h))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds working time to an instant: the instant by which {@code amount} of working time has
     * passed since {@code start}. Outside working hours the time waits for the next working
     * period. Adding zero gives {@code start} itself.
     *
     * @param start where to count from
     * @param amount how much working time to add
     * @return the first instant at which {@code amount} of working time has passed since {@code start}
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public Instant plusWorkingTime(Instant start, Duration amount) {
        Objects.requireNonNull(start, "start");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount of working time must not be negative: " + amount);
        }
        if (amount.isZero()) {
            return start;
        }
        Duration remaining = amount;
        LocalDate date = start.atZone(zone).toLocalDate();
        // Ends: every week without a holiday holds working time (the builder requires some), and
        // there are finitely many holidays, so the remaining time runs out.
        while (true) {
            if (!holidays.contains(date)) {
                for (WorkingHours h : hours.get(date.getDayOfWeek())) {
                    Instant end = end(date, h);
                    if (!end.isAfter(start)) {
                        continue;
                    }
                    Instant from = max(start(date, h), start);
                    Duration available = Duration.between(from, end);
                    if (remaining.compareTo(available) <= 0) {
                        return from.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                }
            }
            date = date.plusDays(1);
        }
    }

    /**
     * The working time between two instants: how much of {@code [from, to)} lies in working
     * hours. Antisymmetric: if {@code to} is before {@code from}, the result is the negated
     * working time of {@code [to, from)}.
     *
     * @param from the start
     * @param to the end
     * @return the working time between them
     */
    public Duration workingTimeBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            return workingTimeBetween(to, from).negated();
        }
        Duration total = Duration.ZERO;
        LocalDate date = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !date.isAfter(last); date = date.plusDays(1)) {
            if (holidays.contains(date)) {
                continue;
            }
            for (WorkingHours h : hours.get(date.getDayOfWeek())) {
                Instant a = max(start(date, h), from);
                Instant b = min(end(date, h), to);
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    private Instant start(LocalDate date, WorkingHours h) {
        return resolve(date.atTime(h.from()));
    }

    private Instant end(LocalDate date, WorkingHours h) {
        return h.untilMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant() : resolve(date.atTime(h.to()));
    }

    /** The first instant whose wall-clock time in the zone is at or after {@code local}. */
    private Instant resolve(LocalDateTime local) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // Not in a gap: for an overlap, ofLocal without a preferred offset takes the earlier offset.
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessCalendar c && zone.equals(c.zone) && hours.equals(c.hours) && holidays.equals(c.holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, hours, holidays);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BusinessCalendar[").append(zone);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (!hours.get(day).isEmpty()) {
                s.append(", ").append(day).append(' ').append(hours.get(day));
            }
        }
        return s.append(", ").append(holidays.size()).append(" holidays]").toString();
    }

    /**
     * One period of work within a day, {@code [from, to)} in wall-clock time.
     *
     * @param from when it starts
     * @param to when it ends; {@link LocalTime#MIDNIGHT} for the end of the day
     * @since 0.1.0
     */
    public record WorkingHours(LocalTime from, LocalTime to) {

        /**
         * Checks the period.
         *
         * @throws IllegalArgumentException if {@code from} is not before {@code to} (with
         *     midnight as {@code to} meaning the end of the day) or a time has fractions of a second
         */
        public WorkingHours {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.getNano() != 0 || to.getNano() != 0) {
                throw new IllegalArgumentException("working hours must be whole seconds: " + from + " to " + to);
            }
            if (!to.equals(LocalTime.MIDNIGHT) && !from.isBefore(to)) {
                throw new IllegalArgumentException("working hours must start before they end: " + from + " to " + to);
            }
        }

        /** @return whether the period runs to the end of the day */
        public boolean untilMidnight() {
            return to.equals(LocalTime.MIDNIGHT);
        }

        boolean overlaps(WorkingHours other) {
            return from.isBefore(other.endOfDay()) && other.from.isBefore(endOfDay());
        }

        private LocalTime endOfDay() {
            return untilMidnight() ? LocalTime.MAX : to;
        }

        @Override
        public String toString() {
            return from + "-" + (untilMidnight() ? "24:00" : to.toString());
        }
    }

    /**
     * Builds a {@link BusinessCalendar}. Each setter checks its argument at once and throws
     * {@link IllegalArgumentException} naming the bad value; {@link #build()} checks the whole.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private ZoneId zone = ZoneId.of("UTC");
        private final EnumMap<DayOfWeek, List<WorkingHours>> hours = new EnumMap<>(DayOfWeek.class);
        private final TreeSet<LocalDate> holidays = new TreeSet<>();

        private Builder() {
            for (DayOfWeek day : DayOfWeek.values()) {
                hours.put(day, new ArrayList<>());
            }
        }

        /**
         * @param zone the zone the working hours are in; UTC by default
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Adds a period of work to a day of the week. A day may have several, such as a morning
         * and an afternoon, but they must not overlap.
         *
         * @param day the day
         * @param from when work starts
         * @param to when work ends; {@link LocalTime#MIDNIGHT} for the end of the day
         * @return this builder
         * @throws IllegalArgumentException if {@code from} is not before {@code to}, or the period
         *     overlaps one already given for that day
         */
        public Builder hours(DayOfWeek day, LocalTime from, LocalTime to) {
            Objects.requireNonNull(day, "day");
            WorkingHours period = new WorkingHours(from, to);
            List<WorkingHours> list = hours.get(day);
            for (WorkingHours existing : list) {
                if (existing.overlaps(period)) {
                    throw new IllegalArgumentException("working hours " + period + " on " + day + " overlap " + existing);
                }
            }
            list.add(period);
            list.sort((a, b) -> a.from().compareTo(b.from()));
            return this;
        }

        /**
         * Adds the same period of work to Monday to Friday.
         *
         * @param from when work starts
         * @param to when work ends; {@link LocalTime#MIDNIGHT} for the end of the day
         * @return this builder
         * @throws IllegalArgumentException as {@link #hours} does
         */
        public Builder weekdays(LocalTime from, LocalTime to) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                    hours(day, from, to);
                }
            }
            return this;
        }

        /**
         * Removes the working hours of a day: a day off.
         *
         * @param day the day
         * @return this builder
         */
        public Builder dayOff(DayOfWeek day) {
            hours.get(Objects.requireNonNull(day, "day")).clear();
            return this;
        }

        /**
         * @param date a date on which nobody works, in the calendar's zone
         * @return this builder
         */
        public Builder holiday(LocalDate date) {
            holidays.add(Objects.requireNonNull(date, "date"));
            return this;
        }

        /**
         * @param dates dates on which nobody works
         * @return this builder
         */
        public Builder holidays(Collection<LocalDate> dates) {
            for (LocalDate date : dates) {
                holiday(date);
            }
            return this;
        }

        /**
         * @return the calendar
         * @throws IllegalArgumentException if no day has working hours, since an SLA clock on it
         *     would never run
         */
        public BusinessCalendar build() {
            boolean any = false;
            for (List<WorkingHours> list : hours.values()) {
                any |= !list.isEmpty();
            }
            if (!any) {
                throw new IllegalArgumentException("a business calendar needs working hours on at least one day of the week; got none");
            }
            return new BusinessCalendar(this);
        }
    }
}
