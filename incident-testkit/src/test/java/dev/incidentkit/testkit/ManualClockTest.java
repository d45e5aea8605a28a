package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    private static final Instant T = Instant.parse("2025-08-23T14:30:00Z");

    @Test
    void standsStillUntilMoved() {
        ManualClock clock = ManualClock.at(T);

        assertThat(clock.instant()).isEqualTo(T);
        assertThat(clock.millis()).isEqualTo(T.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.advance(Duration.ofMinutes(2))).isEqualTo(T.plusSeconds(120));
        assertThat(clock.instant()).isEqualTo(T.plusSeconds(120));
        assertThat(clock.set(T.minusSeconds(60))).isEqualTo(T.minusSeconds(60));
        assertThat(clock.instant()).isEqualTo(T.minusSeconds(60));
    }

    @Test
    void refusesToAdvanceBackwards() {
        ManualClock clock = ManualClock.at(T);

        assertThatThrownBy(() -> clock.advance(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set(");
        assertThat(clock.instant()).isEqualTo(T);
    }

    @Test
    void aZonedCopyMovesWithTheOriginal() {
        ManualClock clock = ManualClock.at(T);
        ManualClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofHours(1));

        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isEqualTo(T.plusSeconds(3600));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }
}
