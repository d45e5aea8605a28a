package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.Notification;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
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
        private static final AtomicIntegerFieldUpdater<Prepared> PENDING =
                AtomicIntegerFieldUpdater.newUpdater(Prepared.class, "pending");

        final StoredEvent stored;
        final RecordedEvent event;
        final Incident incident;
        private volatile @Nullable Notification notification;
        /** Workers that have yet to pass the event; the last one takes it out of its ring. */
        private volatile int pending;

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

    /** Filled by the commands of this process: the newest events. */
    private final AtomicReferenceArray<@Nullable Prepared> committed;
    /**
     * Filled by workers that missed: events written elsewhere, or too long ago to be in {@code
     * committed}. Apart, so that a worker far behind never overwrites the newest events the others
     * are about to need; workers behind together still prepare each event once. None with one
     * worker: it has nobody to prepare events for.
     */
    private final @Nullable AtomicReferenceArray<@Nullable Prepared> prepared;
    private final int mask;
    private final int workers;

    /**
     * @param capacity slots of each ring, rounded up to a power of two
     * @param workers the workers that read the events: an entry leaves its ring once they all
     *     passed it, so that the rings hold only the events in flight while the workers keep up
     */
    PreparedEvents(int capacity, int workers) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        this.committed = new AtomicReferenceArray<>(size);
        this.prepared = workers > 1 ? new AtomicReferenceArray<>(size) : null;
        this.mask = size - 1;
        this.workers = workers;
    }

    /** @return the event as a command or a worker prepared it, if it is still there */
    @Nullable Prepared get(StoredEvent stored) {
        int i = index(stored.position());
        Prepared p = committed.get(i);
        if (p != null && same(p, stored)) {
            return p;
        }
        if (prepared == null) {
            return null;
        }
        p = prepared.get(i);
        return p != null && same(p, stored) ? p : null;
    }

    private static boolean same(Prepared p, StoredEvent stored) {
        return p.stored.position().equals(stored.position())
                && p.stored.record().eventId().equals(stored.record().eventId());
    }

    /**
     * Called by a command that appended the event. A release store, not a volatile one: the
     * command's append signal, fired next, is the fence that publishes it to the workers it wakes.
     */
    void committed(Prepared p) {
        p.pending = workers;
        committed.setRelease(index(p.stored.position()), p);
    }

    /** Called by a worker that prepared an event it did not find, for the other workers. */
    void prepared(Prepared p) {
        if (prepared != null) {
            p.pending = workers;
            prepared.setRelease(index(p.stored.position()), p);
        }
    }

    /**
     * Called by a worker that is done with the event. The last of them clears its slot: held
     * until the slot's next turn, an entry (the event's data, the incident, the notification)
     * would keep the ring's worth of events alive however slowly they come. A worker that never
     * passes (one without its lease) leaves its entries to be overwritten, which bounds them.
     */
    void passed(Prepared p) {
        if (Prepared.PENDING.decrementAndGet(p) == 0) {
            int i = index(p.stored.position());
            if (!committed.compareAndSet(i, p, null) && prepared != null) {
                prepared.compareAndSet(i, p, null);
            }
        }
    }

    /**
     * Positions are store-wide event numbers, consecutive or nearly so: as an index they fill a
     * ring evenly. (A hash that mixed in the commit order put a memory store's events, whose
     * commit equals their position, in one slot of 32.)
     */
    private int index(LogPosition position) {
        return (int) position.position() & mask;
    }
}
