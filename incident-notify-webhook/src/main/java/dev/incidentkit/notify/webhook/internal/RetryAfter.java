package dev.incidentkit.notify.webhook.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
public final class RetryAfter {

    // Ten digits of seconds is over 300 years: anything longer is not a delay anyone meant.
    private static final int MAX_DIGITS = 10;

    private RetryAfter() {}

    /**
     * @param value the header's value
     * @param now the current instant, to turn a date into a delay
     * @return the delay it asks for (zero for a date in the past), or empty when the value is neither
     *     form
     */
    public static Optional<Duration> parse(String value, Instant now) {
        String v = value.strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return v.length() > MAX_DIGITS ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
