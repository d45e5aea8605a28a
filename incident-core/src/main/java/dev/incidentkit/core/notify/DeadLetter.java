package dev.incidentkit.core.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A notification that was not delivered: it failed for good, ran out of attempts, or its event
 * could not be read. The dispatcher went on with the next event; {@link Notifications#replay}
 * tries this one again.
 *
 * @param notifier the notifier's name
 * @param eventId the event, also the notification's CloudEvent id
 * @param incidentId the incident
 * @param version the event's version within the incident
 * @param type the event's CloudEvents type
 * @param attempts how many delivery attempts were made, replays included; 0 when the event
 *     could not be turned into a notification
 * @param lastError why the last attempt failed
 * @param failedAt when the last attempt failed
 * @since 0.1.0
 */
public record DeadLetter(
        String notifier,
        UUID eventId,
        String incidentId,
        long version,
        String type,
        int attempts,
        String lastError,
        Instant failedAt) {

    /** The longest {@code lastError} kept: a longer one is cut, so that every store can keep it. */
    public static final int MAX_ERROR_LENGTH = 1_000;

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code version} is below 1, {@code attempts} negative
     *     or {@code lastError} longer than {@link #MAX_ERROR_LENGTH}
     */
    public DeadLetter {
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(failedAt, "failedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        if (lastError.length() > MAX_ERROR_LENGTH) {
            throw new IllegalArgumentException("lastError must be at most " + MAX_ERROR_LENGTH + " characters, not "
                    + lastError.length());
        }
    }

    /**
     * @param error why it failed, cut to {@link #MAX_ERROR_LENGTH} characters
     * @return {@code error} as a {@code lastError} can hold it
     */
    public static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    /**
     * @param error why the new attempt failed
     * @param at when
     * @return this dead letter after one more failed attempt
     */
    public DeadLetter withFailedAttempt(String error, Instant at) {
        return new DeadLetter(notifier, eventId, incidentId, version, type, attempts + 1, truncate(error), at);
    }
}
