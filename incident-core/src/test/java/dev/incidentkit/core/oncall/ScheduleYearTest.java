package dev.incidentkit.core.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.testkit.ScheduleFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The size the benchmark measures ({@code ShiftsBenchmark}): a year of {@link
 * ScheduleFixtures#year()}, three layers, eight people and twenty overrides, asked about years
 * after its rotations started.
 */
class ScheduleYearTest {

    private static final Instant FROM = ScheduleFixtures.YEAR_FROM;
    private static final Instant TO = ScheduleFixtures.YEAR_TO;

    /** The timeout only detects a walk from the rotations' start or worse; it is no speed limit. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aYearOfThreeLayersAndTwentyOverrides() {
        Schedule s = ScheduleFixtures.year();
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
