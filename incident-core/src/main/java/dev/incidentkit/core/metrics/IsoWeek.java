package dev.incidentkit.core.metrics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * An ISO-8601 week: weeks start on Monday, and week 1 of a year is the week holding its first
 * Thursday. The week's year can differ from the calendar year of its days: 2024-12-30 is in
 * {@code 2025-W01}, 2021-01-03 in {@code 2020-W53}. Ordered in time; printed as {@code 2025-W01}.
 *
 * @param year the week-based year
 * @param week the week of that year, 1 to 52 or 53
 * @since 0.1.0
 */
public record IsoWeek(int year, int week) implements Comparable<IsoWeek> {

    /**
     * Checks that the week exists.
     *
     * @throws IllegalArgumentException if the year has no such week
     */
    public IsoWeek {
        if (week < 1 || week > 53 || (week == 53 && weeksIn(year) < 53)) {
            throw new IllegalArgumentException("week-based year " + year + " has no week " + week);
        }
    }

    /**
     * @param date a day
     * @return the ISO week it belongs to
     */
    public static IsoWeek of(LocalDate date) {
        return new IsoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** @return the Monday that starts this week */
    public LocalDate monday() {
        return LocalDate.of(year, 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(DayOfWeek.MONDAY);
    }

    private static int weeksIn(int year) {
        return (int) LocalDate.of(year, 1, 4).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
    }

    @Override
    public int compareTo(IsoWeek other) {
        return year != other.year ? Integer.compare(year, other.year) : Integer.compare(week, other.week);
    }

    /** @return such as {@code 2025-W01} */
    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }
}
