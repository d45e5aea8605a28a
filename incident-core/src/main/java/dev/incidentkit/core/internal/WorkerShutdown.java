package dev.incidentkit.core.internal;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.notify.NotifierStatus;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shuts a stopped notifier worker down and answers its status: at close it counts what is left
 * undelivered (bounded in events and time), releases the lease, closes the notifier and its call
 * threads, and keeps the last status, which {@link #status} answers from then on.
 */
final class WorkerShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierWorker.class);
    /** How many events close looks at to count what it leaves undelivered: a bound on its time. */
    private static final int COUNT_LIMIT = 100_000;
    /**
     * How long close spends counting what it leaves undelivered, past the first batch: a backlog
     * on a slow store must not hold close up. The count is then a lower bound. Measured in real
     * time and by the manager's clock, whichever runs out first: a test can drive it, and a host's
     * frozen clock does not lift the bound.
     */
    static final Duration COUNT_TIME = Duration.ofSeconds(1);

    private final String name;
    private final EventStore store;
    private final DeliveryStore deliveries;
    private final Clock clock;
    private final DeliverySettings settings;
    private final NotifierHealth health;
    private final DeliveryLease lease;
    private final NotifierCalls calls;
    private final Checkpoint checkpoint;
    private final EventPreparer preparer;
    private final RouteFilter route;
    private volatile @Nullable NotifierStatus finalStatus;

    WorkerShutdown(String name, EventStore store, DeliveryStore deliveries, Clock clock, DeliverySettings settings,
            NotifierHealth health, DeliveryLease lease, NotifierCalls calls, Checkpoint checkpoint, EventPreparer preparer,
            RouteFilter route) {
        this.name = name;
        this.store = store;
        this.deliveries = deliveries;
        this.clock = clock;
        this.settings = settings;
        this.health = health;
        this.lease = lease;
        this.calls = calls;
        this.checkpoint = checkpoint;
        this.preparer = preparer;
        this.route = route;
    }

    /** @return the status kept at shutdown, else the status read now */
    NotifierStatus status(boolean closed) {
        NotifierStatus s = finalStatus;
        return s != null ? s : status(closed, OptionalLong.empty());
    }

    private NotifierStatus status(boolean closed, OptionalLong undelivered) {
        return new NotifierStatus(name, checkpoint.stored(), deliveries.lease(name), deliveries.deadLetters(name).size(),
                health.health(closed), health.failedAttempts(), health.lastFailure(), undelivered);
    }

    /**
     * Counts what is left undelivered, releases the lease (if the worker stopped; else it is left
     * to lapse), closes the notifier (bounded by the call timeout) and the call threads, and keeps
     * the last status.
     */
    void shutDown(boolean stopped) {
        OptionalLong undelivered = OptionalLong.empty();
        try {
            if (lease.heldHere()) {
                undelivered = OptionalLong.of(reportUndelivered());
            }
        } catch (RuntimeException e) {
            LOG.warn("Notifier {}: could not count the notifications left undelivered at close", name, e);
        }
        if (stopped) {
            lease.release();
        } else {
            LOG.warn("Notifier {} did not stop in time; its lease is left to lapse", name);
        }
        calls.closeNotifier();
        calls.shutDown();
        try {
            finalStatus = status(true, undelivered);
        } catch (RuntimeException e) {
            LOG.warn("Notifier {}: could not read its last status at close; status() reads the store", name, e);
        }
    }

    /**
     * Counts without folding when the route takes every event; stops at {@link #COUNT_LIMIT}
     * events or after {@link #COUNT_TIME}, and then says "at least".
     *
     * @return how many routed notifications are left after the checkpoint, logged at WARN if any
     */
    private long reportUndelivered() {
        long startMillis = clock.millis();
        long startNanos = System.nanoTime();
        LogPosition from = checkpoint.stored().orElse(LogPosition.START);
        long count = 0;
        int seen = 0;
        boolean more = false;
        while (true) {
            List<StoredEvent> batch = store.readAll(from, settings.batchSize());
            if (batch.isEmpty()) {
                break;
            }
            if (seen >= COUNT_LIMIT || seen > 0 && (clock.millis() - startMillis >= COUNT_TIME.toMillis()
                    || System.nanoTime() - startNanos >= COUNT_TIME.toNanos())) {
                more = true;
                break;
            }
            for (StoredEvent e : batch) {
                seen++;
                count += route.everything() || routed(e) ? 1 : 0;
            }
            from = batch.get(batch.size() - 1).position();
        }
        if (count > 0 || more) {
            NotifierStatus.Failure last = health.lastFailure().orElse(null);
            LOG.warn("Notifier {} closed with {}{} notification(s) undelivered ({}). They stay after its checkpoint "
                    + "in the store: a manager started later on the same storage delivers them, as a JDBC store "
                    + "does after a restart; an in-memory store that is dropped loses them", name, more ? "at least " : "",
                    count, last != null && health.dead() ? "its worker stopped on " + last.error()
                            : last != null && health.failing() ? "it was failing: " + last.error()
                            : "not delivered within the drain timeout of " + settings.drainTimeout());
        }
        return count;
    }

    /** @return whether the route takes {@code e}; an event that cannot be read counts, as it would be a dead letter */
    private boolean routed(StoredEvent e) {
        try {
            IncidentCache.Entry entry = preparer.prepare(e);
            return route.takes(EventPreparer.event(entry, e), entry.incident());
        } catch (StoreException x) {
            throw x;
        } catch (RuntimeException x) {
            return true;
        }
    }
}
