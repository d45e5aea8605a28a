package dev.incidentkit.core.notify;

import dev.incidentkit.core.spi.Lease;
import dev.incidentkit.core.spi.LogPosition;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one notifier stands, as the store has it.
 *
 * @param notifier the notifier's name
 * @param checkpoint the position of the last event it has handled (delivered, dead-lettered or
 *     not routed to it), if it has started
 * @param lease the delivery lease as stored, lapsed or not, if any process holds or held it
 * @param deadLetters how many dead letters it has
 * @since 0.1.0
 */
public record NotifierStatus(String notifier, Optional<LogPosition> checkpoint, Optional<Lease> lease, int deadLetters) {

    /** Checks that no component is null. */
    public NotifierStatus {
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(lease, "lease");
    }

    /** @return the process named in the lease, if any */
    public Optional<String> leaseOwner() {
        return lease.map(Lease::owner);
    }
}
