package dev.incidentkit.benchmarks.oncall;

import dev.incidentkit.core.oncall.OnCall;
import dev.incidentkit.core.oncall.Schedule;
import dev.incidentkit.core.oncall.Shift;
import dev.incidentkit.testkit.ScheduleFixtures;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A year of final shifts of {@link ScheduleFixtures#year()} (three layers, eight people, twenty
 * overrides, rotations started ten years before), beside a baseline of as many {@link
 * ZonedDateTime#plusWeeks} steps as the year has shifts, in the same run: the ratio is the cost of
 * one final shift in steps of the JDK's own wall-clock arithmetic.
 *
 * <ul>
 *   <li>{@link #shiftsOverAYear}: {@link OnCall#shifts} over 2030 (the rotations' shifts, their
 *       restriction windows, the overrides, merged).</li>
 *   <li>{@link #baselinePlusWeeks}: a {@code ZonedDateTime} in the schedule's zone stepped a week
 *       at a time, once per shift the year has.</li>
 * </ul>
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ShiftsBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ShiftsBenchmark {

    Schedule schedule;
    Instant from;
    Instant to;
    ZonedDateTime start;
    int steps;

    /** Builds the schedule and counts its year's shifts, the baseline's number of steps. */
    @Setup
    public void setUp() {
        schedule = ScheduleFixtures.year();
        from = ScheduleFixtures.YEAR_FROM;
        to = ScheduleFixtures.YEAR_TO;
        start = from.atZone(ScheduleFixtures.ZONE);
        steps = OnCall.shifts(schedule, from, to).size();
        if (steps < 500) {
            throw new IllegalStateException("unexpected year: " + steps + " shifts");
        }
    }

    /** @return a year of final shifts */
    @Benchmark
    public List<Shift> shiftsOverAYear() {
        return OnCall.shifts(schedule, from, to);
    }

    /** @return the last of as many weekly steps as the year has shifts */
    @Benchmark
    public ZonedDateTime baselinePlusWeeks() {
        ZonedDateTime z = start;
        for (int i = 0; i < steps; i++) {
            z = z.plusWeeks(1);
        }
        return z;
    }
}
