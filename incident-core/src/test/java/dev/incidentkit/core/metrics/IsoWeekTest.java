package dev.incidentkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IsoWeekTest {

    @Test
    void weeksAcrossYearBoundaries() {
        assertThat(IsoWeek.of(LocalDate.of(2024, 12, 29))).isEqualTo(new IsoWeek(2024, 52));
        assertThat(IsoWeek.of(LocalDate.of(2024, 12, 30))).isEqualTo(new IsoWeek(2025, 1));
        assertThat(IsoWeek.of(LocalDate.of(2021, 1, 3))).isEqualTo(new IsoWeek(2020, 53));
        assertThat(IsoWeek.of(LocalDate.of(2021, 1, 4))).isEqualTo(new IsoWeek(2021, 1));
        assertThat(new IsoWeek(2025, 1).monday()).isEqualTo(LocalDate.of(2024, 12, 30));
        assertThat(new IsoWeek(2020, 53).monday()).isEqualTo(LocalDate.of(2020, 12, 28));
    }

    @Test
    void orderAndText() {
        assertThat(new IsoWeek(2024, 52)).isLessThan(new IsoWeek(2025, 1));
        assertThat(new IsoWeek(2025, 2)).isGreaterThan(new IsoWeek(2025, 1));
        assertThat(new IsoWeek(2025, 1)).hasToString("2025-W01");
    }

    @Test
    void rejectsWeeksThatDoNotExist() {
        assertThatThrownBy(() -> new IsoWeek(2025, 53)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IsoWeek(2025, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new IsoWeek(2026, 53).week()).isEqualTo(53);
    }
}
