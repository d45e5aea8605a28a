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
 * incident as each left it, and as a notification. The workers read the same events at about the
 * same time, so that each event is decoded, folded and turned into a CloudEvent by the first of
 * them only. A fixed array of slots, each holding the last event prepared whose position hashes to
 * it: a worker that falls far behind simply misses and prepares the event itself. Lock-free;
 * entries are immutable but for the notification, which is built once by whichever worker needs it
 * first (two racing workers may both build it; either result is the same).
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

    private int index(LogPosition position) {
        long h = position.position() * 31 + position.commit();
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
