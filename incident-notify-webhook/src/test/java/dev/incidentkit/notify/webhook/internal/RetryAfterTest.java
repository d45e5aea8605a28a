package dev.incidentkit.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-03-01T14:31:00Z");

    @Test
    void readsSeconds() {
        assertThat(RetryAfter.parse("30", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("9999999999", NOW)).contains(Duration.ofSeconds(9_999_999_999L));
    }

    @Test
    void readsAnHttpDateAgainstTheClock() {
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 14:32:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 14:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "-5", "1.5", "soon", "99999999999", "2025-03-01T14:32:30Z", "Sat, 01 Mar 2025"})
    void ignoresWhatItCannotRead(String value) {
        assertThat(RetryAfter.parse(value, NOW)).isEmpty();
    }
}
