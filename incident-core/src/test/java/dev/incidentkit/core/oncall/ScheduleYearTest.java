package dev.incidentkit.core.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The size the benchmark measures (benchmarks' {@code ShiftsBenchmark} builds the same schedule):
 * a year of a schedule of three layers, eight people and twenty overrides, asked about years after
 * its rotations started.
 */
class ScheduleYearTest {

    static final ZoneId ZONE = ZoneId.of("America/Chicago");
    static final List<String> PEOPLE = List.of("ana", "ben", "chloe", "dev", "erin", "femi", "gus", "hana");
    static final Instant FROM = Instant.parse("2030-01-01T06:00:00Z");
    static final Instant TO = Instant.parse("2031-01-01T06:00:00Z");

    static Schedule yearSchedule() {
        LocalDateTime start = LocalDateTime.parse("2020-01-06T09:00");
        Schedule.Builder b = Schedule.builder("payments", "Payments", ZONE)
                .layer(Layer.of(new Rotation("primary", Rotation.Kind.WEEKLY, 1, start, ZONE, PEOPLE)))
                .layer(Layer.of(new Rotation("daytime", Rotation.Kind.DAILY, 1, start, ZONE, PEOPLE.subList(0, 4)),
                        Restriction.onDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0))))
                .layer(Layer.of(new Rotation("nights", Rotation.Kind.HOURLY, 12, start.plusHours(12), ZONE, PEOPLE.subList(4, 8)),
                        Restriction.daily(LocalTime.of(22, 0), LocalTime.of(6, 0))));
        for (int i = 0; i < 20; i++) {
            Instant at = FROM.plus(Duration.ofDays(17L * i + 3));
            String person = PEOPLE.get(i % 8);
            b.override(switch (i % 3) {
                case 0 -> ScheduleOverride.replace(person, PEOPLE.get((i + 3) % 8), at, at.plus(Duration.ofDays(2)));
                case 1 -> ScheduleOverride.add(person, at, at.plus(Duration.ofHours(8)));
                default -> ScheduleOverride.remove(person, at, at.plus(Duration.ofHours(30)));
            });
        }
        return b.build();
    }

    /** The timeout only detects a walk from the rotations' start or worse; it is no speed limit. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aYearOfThreeLayersAndTwentyOverrides() {
        Schedule s = yearSchedule();
        List<Shift> shifts = OnCall.shifts(s, FROM, TO);
        for (int i = 0; i < 20; i++) {
            shifts = OnCall.shifts(s, FROM, TO);
        }
        // Every weekday's business hours and every night break the primary's week.
        assertThat(shifts.size()).isBetween(52 + 2 * 261 + 365, 5_000);
        assertThat(shifts.get(0).start()).isEqualTo(FROM);
        assertThat(shifts).allSatisfy(sh -> assertThat(OnCall.whoIsOnCall(s, sh.start())).contains(sh.person()));
        long covered = shifts.stream().filter(sh -> sh.origin().kind() == Shift.Origin.Kind.LAYER)
                .mapToLong(sh -> Duration.between(sh.start(), sh.end()).toMinutes()).sum();
        assertThat(Duration.ofMinutes(covered)).as("layers cover the year but where removals leave nobody")
                .isGreaterThan(Duration.between(FROM, TO).minusDays(20));
    }
}
