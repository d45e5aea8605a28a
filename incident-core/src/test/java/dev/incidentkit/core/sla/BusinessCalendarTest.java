package dev.incidentkit.core.sla;

import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalTime NINE = LocalTime.of(9, 0);
    static final LocalTime FIVE = LocalTime.of(17, 0);

    static BusinessCalendar office(ZoneId zone) {
        return BusinessCalendar.weekdays(zone, NINE, FIVE);
    }

    static BusinessCalendar aroundTheClock(ZoneId zone) {
        BusinessCalendar.Builder b = BusinessCalendar.custom().zone(zone);
        for (DayOfWeek day : DayOfWeek.values()) {
            b.hours(day, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        }
        return b.build();
    }

    static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    @Nested
    @DisplayName("across daylight-saving changes")
    class DaylightSaving {

        @ParameterizedTest(name = "{0}: Friday {1} + 2 working hours = Monday {2} = {3}")
        @CsvSource({
            // Spring forward on the Sunday between: Monday's 10:00 is an hour earlier in UTC than Friday's offset says.
            "Europe/Berlin,    2025-03-28T16:00, 2025-03-31T10:00, 2025-03-31T08:00:00Z",
            "Europe/Berlin,    2025-10-24T16:00, 2025-10-27T10:00, 2025-10-27T09:00:00Z",
            "America/New_York, 2025-03-07T16:00, 2025-03-10T10:00, 2025-03-10T14:00:00Z",
            "America/New_York, 2025-10-31T16:00, 2025-11-03T10:00, 2025-11-03T15:00:00Z"})
        void officeHoursOverTheWeekendOfAChange(ZoneId zone, String friday, String monday, Instant utc) {
            BusinessCalendar cal = office(zone);
            Instant start = at(friday, zone);

            Instant due = cal.plusWorkingTime(start, ofHours(2));

            assertThat(due).isEqualTo(at(monday, zone)).isEqualTo(utc);
            assertThat(cal.workingTimeBetween(start, due)).isEqualTo(ofHours(2));
        }

        @Test
        void aWorkingDayIsEightHoursOnTheDayOfAChangeToo() {
            BusinessCalendar cal = BusinessCalendar.custom().zone(BERLIN).hours(DayOfWeek.SUNDAY, NINE, FIVE).build();

            assertThat(cal.workingTimeBetween(at("2025-03-30T00:00", BERLIN), at("2025-03-31T00:00", BERLIN))).isEqualTo(ofHours(8));
            assertThat(cal.workingTimeBetween(at("2025-10-26T00:00", BERLIN), at("2025-10-27T00:00", BERLIN))).isEqualTo(ofHours(8));
        }

        @ParameterizedTest(name = "{0}: the day {1} has {2} hours")
        @CsvSource({
            "Europe/Berlin,    2025-03-30, 23",
            "Europe/Berlin,    2025-10-26, 25",
            "Europe/Berlin,    2025-06-15, 24",
            "America/New_York, 2025-03-09, 23",
            "America/New_York, 2025-11-02, 25"})
        void aWholeDayCalendarCountsRealHours(ZoneId zone, LocalDate day, long hours) {
            BusinessCalendar cal = aroundTheClock(zone);
            Instant start = day.atStartOfDay(zone).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();

            assertThat(cal.workingTimeBetween(start, end)).isEqualTo(ofHours(hours));
            assertThat(cal.plusWorkingTime(start, ofHours(hours))).isEqualTo(end);
        }

        @Test
        void hoursThatSpanTheChangeCountElapsedTime() {
            BusinessCalendar cal = BusinessCalendar.custom().zone(BERLIN)
                    .hours(DayOfWeek.SUNDAY, LocalTime.of(1, 0), LocalTime.of(4, 0)).build();

            // 01:00 CET to 04:00 CEST is two hours; 01:00 CEST to 04:00 CET is four.
            assertThat(cal.workingTimeBetween(at("2025-03-30T00:00", BERLIN), at("2025-03-30T12:00", BERLIN))).isEqualTo(ofHours(2));
            assertThat(cal.workingTimeBetween(at("2025-10-26T00:00", BERLIN), at("2025-10-26T12:00", BERLIN))).isEqualTo(ofHours(4));
        }

        @Test
        void aStartInTheGapMeansTheMomentOfTheJump() {
            BusinessCalendar cal = BusinessCalendar.custom().zone(BERLIN)
                    .hours(DayOfWeek.SUNDAY, LocalTime.of(2, 30), LocalTime.of(5, 0)).build();
            Instant sundayMorning = at("2025-03-30T00:00", BERLIN);

            // 02:30 does not exist that night: work starts when the clocks jump, 01:00 UTC (03:00 CEST).
            assertThat(cal.plusWorkingTime(sundayMorning, Duration.ofMinutes(1))).isEqualTo(Instant.parse("2025-03-30T01:01:00Z"));
            assertThat(cal.isWorkingTime(Instant.parse("2025-03-30T01:00:00Z"))).isTrue();
            assertThat(cal.isWorkingTime(Instant.parse("2025-03-30T00:59:59Z"))).isFalse();
        }
    }

    @Nested
    @DisplayName("weekly hours and holidays")
    class HoursAndHolidays {

        @Test
        void holidaysAreSkipped() {
            BusinessCalendar cal = BusinessCalendar.custom().zone(BERLIN).weekdays(NINE, FIVE)
                    .holidays(List.of(LocalDate.of(2025, 12, 24), LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 26)))
                    .build();
            Instant tuesday = at("2025-12-23T16:00", BERLIN);

            assertThat(cal.plusWorkingTime(tuesday, ofHours(2))).isEqualTo(at("2025-12-29T10:00", BERLIN));
            assertThat(cal.isWorkingTime(at("2025-12-24T10:00", BERLIN))).isFalse();
            assertThat(cal.workingTimeBetween(tuesday, at("2025-12-29T10:00", BERLIN))).isEqualTo(ofHours(2));
        }

        @Test
        void severalPeriodsADay() {
            BusinessCalendar cal = BusinessCalendar.custom().zone(NEW_YORK)
                    .hours(DayOfWeek.MONDAY, LocalTime.of(13, 0), FIVE)
                    .hours(DayOfWeek.MONDAY, NINE, LocalTime.of(12, 0))
                    .build();

            assertThat(cal.hours(DayOfWeek.MONDAY)).extracting(BusinessCalendar.WorkingHours::from)
                    .containsExactly(NINE, LocalTime.of(13, 0));
            assertThat(cal.plusWorkingTime(at("2025-06-02T11:00", NEW_YORK), ofHours(2))).isEqualTo(at("2025-06-02T14:00", NEW_YORK));
            // Next Monday: the calendar has no other day.
            assertThat(cal.plusWorkingTime(at("2025-06-02T16:00", NEW_YORK), ofHours(2))).isEqualTo(at("2025-06-09T10:00", NEW_YORK));
        }

        @Test
        void timeOutsideTheHoursWaitsForTheNextPeriod() {
            BusinessCalendar cal = office(BERLIN);
            Instant saturday = at("2025-06-07T11:00", BERLIN);

            assertThat(cal.plusWorkingTime(saturday, Duration.ofMinutes(30))).isEqualTo(at("2025-06-09T09:30", BERLIN));
            assertThat(cal.workingTimeBetween(saturday, at("2025-06-08T23:00", BERLIN))).isZero();
        }

        @Test
        void zeroIsTheStartItselfAndTheCountIsAntisymmetric() {
            BusinessCalendar cal = office(BERLIN);
            Instant a = at("2025-06-06T10:00", BERLIN);
            Instant b = at("2025-06-09T10:00", BERLIN);

            assertThat(cal.plusWorkingTime(a, Duration.ZERO)).isEqualTo(a);
            assertThat(cal.workingTimeBetween(a, b)).isEqualTo(ofHours(8));
            assertThat(cal.workingTimeBetween(b, a)).isEqualTo(ofHours(-8));
            assertThatThrownBy(() -> cal.plusWorkingTime(a, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        }

        @Test
        void midnightEndsTheDay() {
            BusinessCalendar cal = BusinessCalendar.custom().zone(BERLIN).hours(DayOfWeek.FRIDAY, LocalTime.of(22, 0), LocalTime.MIDNIGHT)
                    .hours(DayOfWeek.SATURDAY, LocalTime.MIDNIGHT, LocalTime.of(2, 0)).build();

            assertThat(cal.plusWorkingTime(at("2025-06-06T21:00", BERLIN), ofHours(3))).isEqualTo(at("2025-06-07T01:00", BERLIN));
        }
    }

    @Nested
    @DisplayName("building")
    class Building {

        @Test
        void overlappingHoursAreRejectedNamingBoth() {
            BusinessCalendar.Builder b = BusinessCalendar.custom().hours(DayOfWeek.MONDAY, NINE, FIVE);

            assertThatThrownBy(() -> b.hours(DayOfWeek.MONDAY, LocalTime.of(16, 0), LocalTime.of(18, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16:00-18:00").hasMessageContaining("09:00-17:00");
        }

        @Test
        void adjacentHoursAreFine() {
            BusinessCalendar cal = BusinessCalendar.custom().hours(DayOfWeek.MONDAY, NINE, LocalTime.NOON)
                    .hours(DayOfWeek.MONDAY, LocalTime.NOON, FIVE).build();

            assertThat(cal.plusWorkingTime(Instant.parse("2025-06-02T11:00:00Z"), ofHours(2))).isEqualTo(Instant.parse("2025-06-02T13:00:00Z"));
        }

        @Test
        void badHoursAreRejected() {
            assertThatThrownBy(() -> BusinessCalendar.custom().hours(DayOfWeek.MONDAY, FIVE, NINE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("17:00 to 09:00");
            assertThatThrownBy(() -> BusinessCalendar.custom().hours(DayOfWeek.MONDAY, NINE, NINE))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> BusinessCalendar.custom().hours(DayOfWeek.MONDAY, NINE, FIVE.withNano(5)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
        }

        @Test
        void aCalendarWithoutHoursIsRejected() {
            assertThatThrownBy(() -> BusinessCalendar.custom().zone(BERLIN).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one day");
            assertThatThrownBy(() -> BusinessCalendar.from(office(BERLIN)).dayOff(DayOfWeek.MONDAY).dayOff(DayOfWeek.TUESDAY)
                    .dayOff(DayOfWeek.WEDNESDAY).dayOff(DayOfWeek.THURSDAY).dayOff(DayOfWeek.FRIDAY).build())
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void fromCopiesEverything() {
            BusinessCalendar base = BusinessCalendar.custom().zone(NEW_YORK).weekdays(NINE, FIVE).holiday(LocalDate.of(2025, 7, 4)).build();

            assertThat(BusinessCalendar.from(base).build()).isEqualTo(base).hasSameHashCodeAs(base);
            assertThat(BusinessCalendar.from(base).dayOff(DayOfWeek.FRIDAY).build()).isNotEqualTo(base);
        }
    }

    // 2024-01-01 .. 2026-12-31: three years of daylight-saving changes.
    static final long FROM = 1_704_067_200L;
    static final long TO = 1_798_761_600L;

    static BusinessCalendar pick(int which) {
        switch (which) {
            case 0: return office(BERLIN);
            case 1: return BusinessCalendar.from(office(NEW_YORK)).holiday(LocalDate.of(2025, 7, 4))
                    .holiday(LocalDate.of(2025, 11, 27)).holiday(LocalDate.of(2025, 3, 10)).build();
            case 2: return BusinessCalendar.custom().zone(BERLIN).hours(DayOfWeek.SUNDAY, LocalTime.of(1, 30), LocalTime.of(3, 30))
                    .hours(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.MIDNIGHT).build();
            default: return aroundTheClock(NEW_YORK);
        }
    }

    @Property
    void addingIsAssociative(@ForAll @IntRange(min = 0, max = 3) int calendar,
            @ForAll @LongRange(min = FROM, max = TO) long start,
            @ForAll @LongRange(min = 0, max = 400 * 3600) long a,
            @ForAll @LongRange(min = 0, max = 400 * 3600) long b) {
        BusinessCalendar cal = pick(calendar);
        Instant s = Instant.ofEpochSecond(start);
        Duration da = Duration.ofSeconds(a);
        Duration db = Duration.ofSeconds(b);

        assertThat(cal.plusWorkingTime(s, da.plus(db))).isEqualTo(cal.plusWorkingTime(cal.plusWorkingTime(s, da), db));
    }

    @Property
    void theWorkingTimeUpToASumIsTheSummand(@ForAll @IntRange(min = 0, max = 3) int calendar,
            @ForAll @LongRange(min = FROM, max = TO) long start,
            @ForAll @LongRange(min = 0, max = 400 * 3600) long d) {
        BusinessCalendar cal = pick(calendar);
        Instant s = Instant.ofEpochSecond(start);
        Instant end = cal.plusWorkingTime(s, Duration.ofSeconds(d));

        assertThat(cal.workingTimeBetween(s, end)).isEqualTo(Duration.ofSeconds(d));
        assertThat(end).isAfterOrEqualTo(s);
        if (d > 0) {
            // The sum is reached in working time, or at the end of a working period.
            assertThat(cal.isWorkingTime(end.minusNanos(1))).isTrue();
        }
    }

    @Property
    void aroundTheClockIsPlainInstantArithmeticInAnyZone(@ForAll @IntRange(min = 0, max = 1) int zone,
            @ForAll @LongRange(min = FROM, max = TO) long start,
            @ForAll @LongRange(min = 0, max = 800 * 3600) long d) {
        BusinessCalendar cal = aroundTheClock(zone == 0 ? BERLIN : NEW_YORK);
        Instant s = Instant.ofEpochSecond(start);

        assertThat(cal.plusWorkingTime(s, Duration.ofSeconds(d))).isEqualTo(s.plusSeconds(d));
        assertThat(cal.workingTimeBetween(s, s.plusSeconds(d))).isEqualTo(Duration.ofSeconds(d));
    }
}
