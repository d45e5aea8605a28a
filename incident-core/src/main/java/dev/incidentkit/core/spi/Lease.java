package dev.incidentkit.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds the delivery lease of a notifier, and until when: see {@link
 * DeliveryStore#acquireLease}.
 *
 * @param owner the process that holds it, as it named itself
 * @param expiresAt when it lapses unless its owner extends it
 * @since 0.1.0
 */
public record Lease(String owner, Instant expiresAt) {

    /** Checks that no component is null. */
    public Lease {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * @param now the current instant
     * @return whether the lease still holds at {@code now}: it lapses at {@code expiresAt}
     */
    public boolean isHeldAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
