package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The backoff between delivery attempts: a pure function, checked for all inputs. */
class BackoffProperties {

    @Property
    void everyDelayLiesBetweenHalfTheCeilingAndTheCeiling(
            @ForAll @IntRange(min = 1, max = 200) int failedAttempts,
            @ForAll @LongRange(min = 1, max = 60_000) long baseMillis,
            @ForAll @LongRange(min = 0, max = 3_600_000) long extraCapMillis,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Duration base = Duration.ofMillis(baseMillis);
        Duration cap = base.plusMillis(extraCapMillis);
        Duration d = Backoff.ceiling(failedAttempts, base, cap);
        Duration delay = Backoff.delay(failedAttempts, base, cap, Optional.empty(), random);
        assertThat(delay).isBetween(d.dividedBy(2), d);
        assertThat(d).isLessThanOrEqualTo(cap);
    }

    @Property
    void theCeilingDoublesFromTheBaseUntilTheCap(
            @ForAll @IntRange(min = 1, max = 100) int failedAttempts,
            @ForAll @LongRange(min = 1, max = 10_000) long baseMillis,
            @ForAll @LongRange(min = 0, max = 3_600_000) long extraCapMillis) {
        Duration base = Duration.ofMillis(baseMillis);
        Duration cap = base.plusMillis(extraCapMillis);
        Duration now = Backoff.ceiling(failedAttempts, base, cap);
        Duration next = Backoff.ceiling(failedAttempts + 1, base, cap);
        if (failedAttempts == 1) {
            assertThat(now).isEqualTo(base);
        }
        if (next.compareTo(cap) < 0) {
            assertThat(next).isEqualTo(now.multipliedBy(2));
        } else {
            assertThat(next).isEqualTo(cap);
            assertThat(now.multipliedBy(2)).isGreaterThanOrEqualTo(cap);
        }
    }

    @Property
    void aDelayTheNotifierAskedForIsHonouredUpToTheCap(
            @ForAll @IntRange(min = 1, max = 50) int failedAttempts,
            @ForAll @LongRange(min = 0, max = 7_200_000) long requestedMillis,
            @ForAll @LongRange(min = 1, max = 3_600_000) long capMillis,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Duration cap = Duration.ofMillis(capMillis);
        Duration requested = Duration.ofMillis(requestedMillis);
        Duration delay = Backoff.delay(failedAttempts, Duration.ofMillis(1), cap, Optional.of(requested), random);
        assertThat(delay).isEqualTo(requested.compareTo(cap) <= 0 ? requested : cap);
    }

    @Property
    void hugeAttemptCountsAndDurationsSaturateAtTheCap(
            @ForAll @IntRange(min = 60, max = Integer.MAX_VALUE) int failedAttempts,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Duration cap = Duration.ofDays(365 * 400L);
        assertThat(Backoff.ceiling(failedAttempts, Duration.ofSeconds(1), cap)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(Backoff.delay(failedAttempts, Duration.ofSeconds(1), Duration.ofMinutes(5), Optional.empty(), random))
                .isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
    }

    @Test
    void theDefaultsGiveTheDocumentedSequence() {
        Duration base = Duration.ofSeconds(1);
        Duration cap = Duration.ofMinutes(5);
        assertThat(Backoff.ceiling(1, base, cap)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.ceiling(2, base, cap)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.ceiling(7, base, cap)).isEqualTo(Duration.ofSeconds(64));
        assertThat(Backoff.ceiling(9, base, cap)).isEqualTo(Duration.ofSeconds(256));
        assertThat(Backoff.ceiling(10, base, cap)).isEqualTo(cap);
        assertThat(Backoff.delay(3, base, cap, Optional.empty(), 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.delay(3, base, cap, Optional.empty(), 0.999_999_999)).isBetween(Duration.ofMillis(3_999), Duration.ofSeconds(4));
    }

    @Test
    void rejectsWhatCannotBeABackoff() {
        assertThatThrownBy(() -> Backoff.ceiling(0, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failedAttempts");
        assertThatThrownBy(() -> Backoff.delay(1, Duration.ofSeconds(1), Duration.ofSeconds(2), Optional.empty(), 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("random");
    }
}
