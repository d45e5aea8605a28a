package dev.incidentkit.core.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Handoffs across daylight saving changes, worked out by hand: America/Chicago (one hour, at
 * 02:00: 2026-03-08 02:00 CST becomes 03:00 CDT at 08:00Z; 2026-11-01 02:00 CDT becomes 01:00 CST
 * at 07:00Z) and Australia/Lord_Howe (half an hour: 2026-04-05 02:00 +11:00 becomes 01:30 +10:30
 * at 15:00Z the day before; 2026-10-04 02:00 +10:30 becomes 02:30 +11:00 at 15:30Z the day before).
 */
class RotationDstExamplesTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final List<String> TEAM = List.of("ana", "ben", "chloe", "dev");

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static List<Duration> lengths(List<Shift> shifts) {
        return shifts.stream().map(s -> Duration.between(s.start(), s.end())).toList();
    }

    @Test
    void aWeeklyMondayRotationKeepsNineOClockAcrossBothChicagoChanges() {
        Rotation weekly = new Rotation("primary", Rotation.Kind.WEEKLY, 1, LocalDateTime.parse("2026-03-02T09:00"), CHICAGO, TEAM);

        List<Shift> spring = weekly.shifts(at("2026-03-02T15:00:00Z"), at("2026-03-16T14:00:00Z"));
        assertThat(spring).extracting(Shift::start).containsExactly(at("2026-03-02T15:00:00Z"), at("2026-03-09T14:00:00Z"));
        assertThat(lengths(spring)).containsExactly(Duration.ofHours(167), Duration.ofHours(168));

        List<Shift> fall = weekly.shifts(at("2026-10-26T14:00:00Z"), at("2026-11-09T15:00:00Z"));
        assertThat(fall).extracting(Shift::start).containsExactly(at("2026-10-26T14:00:00Z"), at("2026-11-02T15:00:00Z"));
        assertThat(lengths(fall)).containsExactly(Duration.ofHours(169), Duration.ofHours(168));
        for (Shift s : fall) {
            assertThat(s.start().atZone(CHICAGO).toLocalTime()).hasToString("09:00");
        }
        // 34 weeks after 2026-03-02: participant 34 mod 4 = 2.
        assertThat(fall.get(0).person()).isEqualTo("chloe");
        assertThat(weekly.personAt(at("2026-11-02T14:59:59Z"))).contains("chloe");
        assertThat(weekly.personAt(at("2026-11-02T15:00:00Z"))).contains("dev");
        assertThat(weekly.personAt(at("2026-03-02T14:59:59Z"))).as("before the first handoff").isEmpty();
    }

    @Test
    void aDailyHandoffInTheSpringGapMovesToTheEndOfTheGapNotAnHourLater() {
        Rotation daily = new Rotation("daily", Rotation.Kind.DAILY, 1, LocalDateTime.parse("2026-03-01T02:30"), CHICAGO, TEAM);

        assertThat(daily.handoff(6)).isEqualTo(at("2026-03-07T08:30:00Z"));   // 02:30 CST
        assertThat(daily.handoff(7)).as("02:30 does not exist on March 8: 03:00 CDT, the transition")
                .isEqualTo(at("2026-03-08T08:00:00Z"));
        assertThat(daily.handoff(8)).isEqualTo(at("2026-03-09T07:30:00Z"));   // 02:30 CDT
        List<Shift> shifts = daily.shifts(at("2026-03-07T08:30:00Z"), at("2026-03-09T07:30:00Z"));
        assertThat(lengths(shifts)).containsExactly(Duration.ofMinutes(23 * 60 + 30), Duration.ofMinutes(23 * 60 + 30));
        assertThat(shifts.get(0).end()).isEqualTo(shifts.get(1).start());
    }

    @Test
    void aDailyHandoffInTheFallOverlapIsItsFirstOccurrence() {
        Rotation daily = new Rotation("daily", Rotation.Kind.DAILY, 1, LocalDateTime.parse("2026-10-01T01:30"), CHICAGO, TEAM);

        assertThat(daily.handoff(30)).isEqualTo(at("2026-10-31T06:30:00Z"));   // 01:30 CDT
        assertThat(daily.handoff(31)).as("01:30 happens twice on November 1: the first, CDT")
                .isEqualTo(at("2026-11-01T06:30:00Z"));
        assertThat(daily.handoff(32)).isEqualTo(at("2026-11-02T07:30:00Z"));   // 01:30 CST
        List<Shift> shifts = daily.shifts(at("2026-10-31T06:30:00Z"), at("2026-11-02T07:30:00Z"));
        assertThat(lengths(shifts)).containsExactly(Duration.ofHours(24), Duration.ofHours(25));
        // Between the two 01:30s, the incoming person is on call: the hand-over is at the first.
        assertThat(daily.personAt(at("2026-11-01T07:15:00Z"))).contains(daily.participant(31));
    }

    @Test
    void lordHoweHalfHourChangesAtQuarterPastTwoAndQuarterToTwo() {
        Rotation spring = new Rotation("daily", Rotation.Kind.DAILY, 1, LocalDateTime.parse("2026-10-01T02:15"), LORD_HOWE, TEAM);
        assertThat(spring.handoff(2)).isEqualTo(at("2026-10-02T15:45:00Z"));   // 02:15 +10:30
        assertThat(spring.handoff(3)).as("02:15 does not exist on October 4: 02:30 +11:00, the transition")
                .isEqualTo(at("2026-10-03T15:30:00Z"));
        assertThat(spring.handoff(4)).isEqualTo(at("2026-10-04T15:15:00Z"));   // 02:15 +11:00
        assertThat(lengths(spring.shifts(at("2026-10-02T15:45:00Z"), at("2026-10-04T15:15:00Z"))))
                .containsExactly(Duration.ofMinutes(23 * 60 + 45), Duration.ofMinutes(23 * 60 + 45));

        Rotation autumn = new Rotation("daily", Rotation.Kind.DAILY, 1, LocalDateTime.parse("2026-04-01T01:45"), LORD_HOWE, TEAM);
        assertThat(autumn.handoff(3)).isEqualTo(at("2026-04-03T14:45:00Z"));   // 01:45 +11:00
        assertThat(autumn.handoff(4)).as("01:45 happens twice on April 5: the first, +11:00")
                .isEqualTo(at("2026-04-04T14:45:00Z"));
        assertThat(autumn.handoff(5)).isEqualTo(at("2026-04-05T15:15:00Z"));   // 01:45 +10:30
        assertThat(lengths(autumn.shifts(at("2026-04-03T14:45:00Z"), at("2026-04-05T15:15:00Z"))))
                .containsExactly(Duration.ofHours(24), Duration.ofMinutes(24 * 60 + 30));
    }

    @Test
    void anHourlyRotationLosesTheShiftThatFallsInTheGapAndDoublesTheOneInTheOverlap() {
        Rotation hourly = new Rotation("hourly", Rotation.Kind.HOURLY, 1, LocalDateTime.parse("2026-03-08T00:00"), CHICAGO, TEAM);
        // Local 00:00, 01:00, 02:00 (gap: 03:00 CDT), 03:00, 04:00.
        List<Shift> spring = hourly.shifts(at("2026-03-08T06:00:00Z"), at("2026-03-08T10:00:00Z"));
        assertThat(spring).extracting(Shift::person).as("chloe's 02:00 shift is empty").containsExactly("ana", "ben", "dev", "ana");
        assertThat(lengths(spring)).containsOnly(Duration.ofHours(1));

        Rotation fall = new Rotation("hourly", Rotation.Kind.HOURLY, 1, LocalDateTime.parse("2026-11-01T00:00"), CHICAGO, TEAM);
        // 01:00 is first at 06:00Z; 02:00 CST is 08:00Z: the 01:00 shift lasts two hours.
        List<Shift> back = fall.shifts(at("2026-11-01T05:00:00Z"), at("2026-11-01T09:00:00Z"));
        assertThat(back).extracting(Shift::person).containsExactly("ana", "ben", "chloe");
        assertThat(lengths(back)).containsExactly(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(1));
    }

    @Test
    void aMonthlyRotationFromThe31stHandsOffOnTheLastDayOfShorterMonths() {
        Rotation monthly = new Rotation("monthly", Rotation.Kind.MONTHLY, 1, LocalDateTime.parse("2026-01-31T10:00"), ZoneId.of("UTC"), TEAM);
        assertThat(monthly.localHandoff(1)).isEqualTo(LocalDateTime.parse("2026-02-28T10:00"));
        assertThat(monthly.localHandoff(2)).isEqualTo(LocalDateTime.parse("2026-03-31T10:00"));
        assertThat(monthly.personAt(at("2026-03-30T10:00:00Z"))).contains("ben");
        assertThat(monthly.shiftNumberAt(at("2036-01-01T00:00:00Z"))).hasValue(119);
    }

    @Test
    void findingAShiftYearsAfterTheStartIsArithmeticNotAWalk() {
        Rotation hourly = new Rotation("hourly", Rotation.Kind.HOURLY, 1, LocalDateTime.parse("2000-01-01T00:00"), CHICAGO, TEAM);
        Instant late = at("2400-01-01T00:00:00Z");
        long started = System.nanoTime();
        long k = hourly.shiftNumberAt(late).orElseThrow();
        assertThat(hourly.handoff(k)).isBeforeOrEqualTo(late);
        assertThat(hourly.handoff(k + 1)).isAfter(late);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }
}
