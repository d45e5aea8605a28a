package dev.incidentkit.core.notify;

import dev.incidentkit.core.spi.Lease;
import dev.incidentkit.core.spi.LogPosition;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where one notifier stands: its checkpoint, lease and dead letters as the store has them, and
 * the health of its delivery in this process.
 *
 * @param notifier the notifier's name
 * @param checkpoint the position of the last event it has handled (delivered, dead-lettered or
 *     not routed to it), if it has started
 * @param lease the delivery lease as stored, lapsed or not, if any process holds or held it
 * @param deadLetters how many dead letters it has
 * @param health how its delivery goes in this process; a process that does not hold the lease
 *     makes no attempts, and reports {@link Health#HEALTHY} unless it failed before
 * @param failedAttempts how many attempts failed in this process since the manager was built,
 *     replays included: calls that threw, timed out or did not answer delivered, and errors of
 *     the delivery loop itself (a store that cannot be read, say)
 * @param lastFailure the last of those failures, if any; kept after a recovery
 * @param undeliveredAtClose after {@code close()}: how many notifications routed to it were left
 *     undelivered after its checkpoint (a lower bound when more than 100,000 events were left, or
 *     when counting them took over a second).
 *     Empty while the manager runs, and when another process held the notifier's lease at close
 *     (those events are that process's to deliver)
 * @since 0.1.0
 */
public record NotifierStatus(
        String notifier,
        Optional<LogPosition> checkpoint,
        Optional<Lease> lease,
        int deadLetters,
        Health health,
        long failedAttempts,
        Optional<Failure> lastFailure,
        OptionalLong undeliveredAtClose) {

    /**
     * How a notifier's delivery goes in this process.
     *
     * @since 0.1.0
     */
    public enum Health {
        /** Its last attempt delivered, or it has made none yet: its checkpoint moves. */
        HEALTHY,
        /**
         * Its last attempt failed (see {@link #lastFailure()}): it is stalled on one event, which
         * it retries with backoff until it is delivered or, after {@link
         * DeliverySettings#maxAttempts()}, becomes a dead letter.
         */
        FAILING,
        /**
         * An error the JVM may not survive (an {@link OutOfMemoryError}, see {@link
         * #lastFailure()}) ended its thread: it delivers nothing more in this process, although
         * the manager runs. Its lease then lapses, and another process may take over. It stays
         * STOPPED after {@code close()}.
         */
        STOPPED,
        /**
         * The manager was closed (from the moment {@code close()} began): it delivers nothing
         * more in this process, as asked, whether it was healthy or failing then. Not a fault;
         * {@link #undeliveredAtClose()} says what it left.
         */
        CLOSED
    }

    /**
     * A failed attempt or delivery error.
     *
     * @param at when it happened, from the manager's clock
     * @param error what happened: the result's reason, or the class and message of what was thrown
     * @since 0.1.0
     */
    public record Failure(Instant at, String error) {

        /** Checks that no component is null. */
        public Failure {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(error, "error");
        }
    }

    /** Checks that no component is null. */
    public NotifierStatus {
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(undeliveredAtClose, "undeliveredAtClose");
    }

    /** @return the process named in the lease, if any */
    public Optional<String> leaseOwner() {
        return lease.map(Lease::owner);
    }

    /**
     * @return whether its delivery does not move although the manager runs: it is {@link
     *     Health#FAILING}, or {@link Health#STOPPED} by a fatal error; false when it is {@link
     *     Health#HEALTHY} and after a normal close ({@link Health#CLOSED})
     */
    public boolean stalled() {
        return health == Health.FAILING || health == Health.STOPPED;
    }
}
