package dev.incidentkit.notify.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one delivery attempt: {@link Delivered}, {@link RetryLater} or {@link Failed}.
 *
 * @since 0.1.0
 */
public sealed interface DeliveryResult {

    /** The destination accepted the notification. */
    record Delivered() implements DeliveryResult {
        // One for all: a notifier returns it for nearly every notification.
        private static final Delivered INSTANCE = new Delivered();
    }

    /**
     * A transient failure (a timeout, a 5xx or 429 answer): the dispatcher tries again, after
     * {@code delay} when the destination said how long to wait, else after its own backoff.
     *
     * @param reason why this attempt failed, for logs and the dead-letter list
     * @param delay how long the destination asked to wait, if it said
     */
    record RetryLater(String reason, Optional<Duration> delay) implements DeliveryResult {
        /** Checks the components. */
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(delay, "delay");
            delay.ifPresent(d -> {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("delay must not be negative: " + d);
                }
            });
        }
    }

    /**
     * A failure that no retry can fix (a 4xx answer other than 429, a malformed destination):
     * the notification goes to the dead-letter list at once.
     *
     * @param reason why the notification cannot be delivered
     */
    record Failed(String reason) implements DeliveryResult {
        /** Checks the component. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** @return the result of a successful delivery */
    static DeliveryResult delivered() {
        return Delivered.INSTANCE;
    }

    /**
     * @param reason why this attempt failed
     * @return a transient failure, retried after the dispatcher's backoff
     */
    static DeliveryResult retryLater(String reason) {
        return new RetryLater(reason, Optional.empty());
    }

    /**
     * @param reason why this attempt failed
     * @param delay how long the destination asked to wait (a {@code Retry-After} header)
     * @return a transient failure, retried after {@code delay}
     */
    static DeliveryResult retryLater(String reason, Duration delay) {
        return new RetryLater(reason, Optional.of(delay));
    }

    /**
     * @param reason why the notification cannot be delivered
     * @return a permanent failure
     */
    static DeliveryResult failed(String reason) {
        return new Failed(reason);
    }
}
