package dev.incidentkit.core.internal;

import dev.incidentkit.core.Subscription;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription that reads the store's global order on a thread of its own: woken by this
 * process's appends, and polling for other processes' ones. Reading from the store, not from a
 * queue fed by writers, is what keeps it in order and without gaps.
 */
final class PollingSubscription implements Subscription, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PollingSubscription.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int BATCH = 512;

    private final EventStore store;
    private final Consumer<RecordedEvent> listener;
    private final AppendSignal signal;
    private final long pollMillis;
    private final Runnable onClose;
    private final Thread thread;
    private volatile LogPosition position;
    private volatile boolean closed;

    PollingSubscription(EventStore store, LogPosition after, Consumer<RecordedEvent> listener, AppendSignal signal,
            Duration pollInterval, Runnable onClose) {
        this.store = store;
        this.listener = listener;
        this.signal = signal;
        this.pollMillis = Math.max(1, pollInterval.toMillis());
        this.onClose = onClose;
        this.position = after;
        this.thread = new Thread(this, "incidentkit-subscription-" + COUNTER.incrementAndGet());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        long seen = signal.count();
        try {
            while (!closed) {
                List<StoredEvent> batch = store.readAll(position, BATCH);
                for (StoredEvent stored : batch) {
                    if (closed) {
                        return;
                    }
                    deliver(stored);
                    position = stored.position();
                }
                if (batch.size() < BATCH) {
                    seen = signal.awaitAfter(seen, pollMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Subscription {} stopped: reading the store failed after position {}", thread.getName(), position, e);
        }
    }

    private void deliver(StoredEvent stored) {
        try {
            listener.accept(Events.decode(stored));
        } catch (RuntimeException e) {
            LOG.warn("Subscriber of {} failed on event {} of {}; going on with the next event",
                    thread.getName(), stored.record().eventId(), stored.incidentId(), e);
        }
    }

    @Override
    public LogPosition position() {
        return position;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Wake it rather than interrupt it: an interrupt can close a store's file channel (H2).
        signal.fire();
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onClose.run();
    }
}
