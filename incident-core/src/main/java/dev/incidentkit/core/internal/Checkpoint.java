package dev.incidentkit.core.internal;

import dev.incidentkit.core.notify.DeliverySettings.StartPosition;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A notifier's position in the store: read from its stored checkpoint (or set by its start
 * position the first time), moved past each event handled, and saved only when asked.
 *
 * <p>The worker saves it after each batch, before each renewal of the lease and before it stops,
 * not after each event: a store write per event and notifier cost more than the delivery itself
 * (a transaction each on a JDBC store). The price is on a crash: the next process delivers again
 * what was delivered since the last save, under the same CloudEvent ids. Owned by the active
 * worker thread.
 */
final class Checkpoint {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierWorker.class);

    private final String notifier;
    private final String checkpointName;
    private final EventStore store;
    private final StartPosition start;
    private @Nullable LogPosition position;
    private boolean unsaved;

    Checkpoint(String notifier, EventStore store, StartPosition start) {
        this.notifier = notifier;
        this.checkpointName = NotifierNames.checkpoint(notifier);
        this.store = store;
        this.start = start;
    }

    /** @return the position the notifier has handled up to, read from the store if it was forgotten */
    LogPosition position() {
        LogPosition p = position;
        if (p != null) {
            return p;
        }
        Optional<LogPosition> stored = store.checkpoint(checkpointName);
        if (stored.isPresent()) {
            p = stored.get();
        } else if (start == StartPosition.FROM_NOW) {
            p = store.head();
            store.saveCheckpoint(checkpointName, p);
            LOG.info("Notifier {} starts with the events after {}, the store's head", notifier, p);
        } else {
            p = LogPosition.START;
            LOG.info("Notifier {} starts with the first event in the store", notifier);
        }
        position = p;
        return p;
    }

    /** @return the checkpoint as stored, without reading or setting the start position */
    Optional<LogPosition> stored() {
        return store.checkpoint(checkpointName);
    }

    /** Moves past an event handled, without saving. */
    void advance(LogPosition p) {
        position = p;
        unsaved = true;
    }

    void save(LogPosition p) {
        store.saveCheckpoint(checkpointName, p);
        position = p;
        unsaved = false;
    }

    /** Saves the position of the last event handled, if it moved since the last save. */
    void saveProgress() {
        LogPosition p = position;
        if (unsaved && p != null) {
            save(p);
        }
    }

    /**
     * After a failure in the middle of a batch: saves what was delivered before {@link #forget}
     * loses it, so that the retry does not deliver it again. The store may be what failed; then the
     * retry starts from the last checkpoint saved, as after a crash.
     */
    void saveProgressIfPossible() {
        try {
            saveProgress();
        } catch (RuntimeException e) {
            LOG.debug("Notifier {} could not save its checkpoint either", notifier, e);
        }
    }

    /** Forgets the position: the next {@link #position()} reads the stored one, which another process may have moved. */
    void forget() {
        position = null;
        unsaved = false;
    }
}
