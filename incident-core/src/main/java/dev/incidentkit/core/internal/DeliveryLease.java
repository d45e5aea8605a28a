package dev.incidentkit.core.internal;

import dev.incidentkit.core.spi.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a notifier's delivery lease, so that one process at a time delivers: taken when free,
 * renewed every third of its time to live, and the checkpoint saved before it can change hands
 * (or lapse during a long pause), so that a new holder redelivers nothing that was saved. Owned
 * by the active worker thread.
 */
final class DeliveryLease {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierWorker.class);

    /** What {@link #ensure()} found. */
    enum State {
        /** Held without a break. */
        HELD,
        /** Taken, or taken again after a lapse: the checkpoint must be read again, another process may have moved it. */
        TAKEN,
        /** Held by another process. */
        NOT_HELD
    }

    private final String name;
    private final String owner;
    private final DeliveryStore deliveries;
    private final Clock clock;
    private final Duration ttl;
    private final Duration renewEvery;
    private final Checkpoint checkpoint;
    private boolean holding;
    private Instant renewedAt = Instant.MIN;
    /** When the lease is next due for renewal, in the clock's milliseconds: the check before every call. */
    private long renewDueMillis = Long.MIN_VALUE;

    DeliveryLease(String name, String owner, DeliveryStore deliveries, Clock clock, Duration ttl, Checkpoint checkpoint) {
        this.name = name;
        this.owner = owner;
        this.deliveries = deliveries;
        this.clock = clock;
        this.ttl = ttl;
        this.renewEvery = ttl.dividedBy(3);
        this.checkpoint = checkpoint;
    }

    /** @return how often the lease is renewed: a third of its time to live */
    Duration renewEvery() {
        return renewEvery;
    }

    /**
     * Takes or renews the lease when due. Unless it was held without a break, the checkpoint is
     * forgotten, to be read again from the store.
     */
    State ensure() {
        if (holding && clock.millis() < renewDueMillis) {
            return State.HELD;
        }
        Instant now = Times.micros(clock.instant());
        if (holding && now.isBefore(renewedAt.plus(renewEvery))) {
            return State.HELD;
        }
        boolean lapsed = !holding || !now.isBefore(renewedAt.plus(ttl));
        // What was delivered under the lease is saved before it can change hands: after a lapse
        // too, since all up to this position was handled here, and forget() below loses it.
        checkpoint.saveProgress();
        if (deliveries.acquireLease(name, owner, now, ttl)) {
            renewedAt = now;
            renewDueMillis = now.plus(renewEvery).toEpochMilli();
            if (lapsed) {
                if (!holding) {
                    LOG.info("Notifier {}: process {} took the delivery lease", name, owner);
                }
                holding = true;
                checkpoint.forget();
                return State.TAKEN;
            }
            return State.HELD;
        }
        if (holding) {
            LOG.info("Notifier {}: process {} lost the delivery lease to another process", name, owner);
        }
        holding = false;
        checkpoint.forget();
        return State.NOT_HELD;
    }

    /** After a failure at start: whether the lease is held is unknown, so the next {@link #ensure()} asks the store. */
    void drop() {
        holding = false;
    }

    /** @return whether the store says this process holds the lease */
    boolean heldHere() {
        return deliveries.lease(name).map(l -> l.owner().equals(owner)).orElse(false);
    }

    /** Releases the lease at close; logged, not thrown, if the store fails: the lease then lapses. */
    void release() {
        try {
            deliveries.releaseLease(name, owner);
        } catch (RuntimeException e) {
            LOG.warn("Notifier {}: could not release the delivery lease; it lapses in {}", name, ttl, e);
        }
    }
}
