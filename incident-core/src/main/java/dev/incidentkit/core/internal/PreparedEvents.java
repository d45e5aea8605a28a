package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.Notification;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The recent events of the store as the notifiers of one manager need them: decoded, with the
 * incident as each left it, and as a notification. The command that wrote an event puts it here
 * as it commits, since it holds the typed event and the folded incident already; the workers then
 * neither decode nor fold. An event that is not here (written by another process, or by a command
 * that wrote several events) is prepared by the first worker that reads it, for the others. A fixed
 * ring of slots indexed by global position: a worker that falls more than the ring behind simply
 * misses and prepares the event itself. Lock-free; entries are immutable but for the notification,
 * which is built once by whichever worker needs it first (two racing workers may both build it;
 * either result is the same).
 */
final class PreparedEvents {

    /** One event, prepared. */
    static final class Prepared {
        final StoredEvent stored;
        final RecordedEvent event;
        final Incident incident;
        private volatile @Nullable Notification notification;

        Prepared(StoredEvent stored, RecordedEvent event, Incident incident) {
            this.stored = stored;
            this.event = event;
            this.incident = incident;
        }

        Notification notification(Function<Prepared, Notification> build) {
            Notification n = notification;
            if (n == null) {
                n = build.apply(this);
                notification = n;
            }
            return n;
        }
    }

    private final AtomicReferenceArray<@Nullable Prepared> slots;
    private final int mask;

    /** @param capacity slots, rounded up to a power of two */
    PreparedEvents(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /** @return the event prepared by a worker, if it is still there */
    @Nullable Prepared get(StoredEvent stored) {
        Prepared p = slots.get(index(stored.position()));
        if (p != null && p.stored.position().equals(stored.position())
                && p.stored.record().eventId().equals(stored.record().eventId())) {
            return p;
        }
        return null;
    }

    void put(Prepared p) {
        slots.set(index(p.stored.position()), p);
    }

    /**
     * Positions are store-wide event numbers, consecutive or nearly so: as an index they fill the
     * ring evenly. (A hash that mixed in the commit order put a memory store's events, whose
     * commit equals their position, in one slot of 32.)
     */
    private int index(LogPosition position) {
        return (int) position.position() & mask;
    }
}
