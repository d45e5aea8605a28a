package dev.incidentkit.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    private final Redactor redactor = Redactor.emailsAndTokens();

    @Test
    void noneChangesNothing() {
        String text = "alice@example.com ghp_abcdefghijklmnopqrstuvwxyz0123456789";
        assertThat(Redactor.none().redact(text)).isSameAs(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mail alice@example.com now | mail [redacted-email] now",
            "Ping first.last+oncall@ops.example.co.uk, please | Ping [redacted-email], please",
            "slack xoxb-123456789012-abcdefghijklmnop leaked | slack [redacted-token] leaked",
            "gh ghp_abcdefghijklmnopqrstuvwxyz0123456789 | gh [redacted-token]",
            "pat github_pat_11ABCDEFG0abcdefghijklmnop_xyz | pat [redacted-token]",
            "gitlab glpat-abcdefghij0123456789 | gitlab [redacted-token]",
            "stripe sk_live_abcdefghij0123 | stripe [redacted-token]",
            "aws AKIAIOSFODNN7EXAMPLE key | aws [redacted-token] key",
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sflKxwRJSMeKKF2QT4fwpM | jwt [redacted-token]",
            "sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 | sha [redacted-token]",
            "key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY end | key [redacted-token] end",
            "password=hunter2 and more | password=[redacted] and more",
            "api_key: abc123, next | api_key: [redacted], next",
            "Authorization: Bearer abc.def.ghi | Authorization: Bearer [redacted]",
            "token=s3cr3t;x | token=[redacted];x"})
    void masksEmailsAndTokens(String text, String redacted) {
        assertThat(redactor.redact(text)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Checkout latency on INC-2025-001",
            "checkout-service-v2-canary rolled back",
            "event 7c1f6f3e-1d7a-4c1e-9a55-0d2b9f0f4a11 replayed",
            "internationalization-considerations",
            "the token expired at 14:30",
            "p99 above 5 s on /api/v1/orders/search",
            "@here is not an address"})
    void leavesOrdinaryTextAlone(String text) {
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void chainsRedactors() {
        Redactor chained = redactor.andThen(text -> text.replace("Project Falcon", "[codename]"));

        assertThat(chained.redact("Project Falcon down, ask bob@example.com"))
                .isEqualTo("[codename] down, ask [redacted-email]");
        assertThatThrownBy(() -> redactor.andThen(null)).isInstanceOf(NullPointerException.class);
    }
}
