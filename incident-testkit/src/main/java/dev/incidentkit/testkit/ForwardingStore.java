package dev.incidentkit.testkit;

import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.Lease;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process's view of a shared store, for the lease tests: it forwards everything, counts the
 * lease attempts that failed, can act as a process that dies, whose lease is never released, can
 * fail the next reads of the log with an error, and can run something before each read.
 */
final class ForwardingStore implements EventStore, DeliveryStore {

    private final EventStore events;
    private final DeliveryStore deliveries;
    private final boolean dropsRelease;
    final AtomicInteger refusedLeases = new AtomicInteger();
    /** How many of the next {@link #readAll} calls throw {@link #readError}. */
    final AtomicInteger failingReads = new AtomicInteger();
    volatile Error readError = new NoSuchMethodError("the log cannot be read");
    /** Runs before every {@link #readAll}: a slow store, say, that moves a clock. */
    volatile Runnable beforeReadAll = () -> {};

    ForwardingStore(EventStore store, boolean dropsRelease) {
        this.events = store;
        this.deliveries = store.deliveryStore().orElseThrow();
        this.dropsRelease = dropsRelease;
    }

    @Override
    public AppendResult append(String incidentId, long expectedVersion, List<EventRecord> batch) {
        return events.append(incidentId, expectedVersion, batch);
    }

    @Override
    public List<StoredEvent> readStream(String incidentId, long afterVersion) {
        return events.readStream(incidentId, afterVersion);
    }

    @Override
    public List<StoredEvent> readAll(LogPosition after, int limit) {
        beforeReadAll.run();
        if (failingReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw readError;
        }
        return events.readAll(after, limit);
    }

    @Override
    public LogPosition head() {
        return events.head();
    }

    @Override
    public long nextIncidentNumber(int year) {
        return events.nextIncidentNumber(year);
    }

    @Override
    public Optional<CommandRecord> findCommand(String commandId) {
        return events.findCommand(commandId);
    }

    @Override
    public Optional<LogPosition> checkpoint(String name) {
        return events.checkpoint(name);
    }

    @Override
    public void saveCheckpoint(String name, LogPosition position) {
        events.saveCheckpoint(name, position);
    }

    @Override
    public Optional<DeliveryStore> deliveryStore() {
        return Optional.of(this);
    }

    @Override
    public boolean acquireLease(String notifier, String owner, Instant now, Duration ttl) {
        boolean got = deliveries.acquireLease(notifier, owner, now, ttl);
        if (!got) {
            refusedLeases.incrementAndGet();
        }
        return got;
    }

    @Override
    public void releaseLease(String notifier, String owner) {
        if (!dropsRelease) {
            deliveries.releaseLease(notifier, owner);
        }
    }

    @Override
    public Optional<Lease> lease(String notifier) {
        return deliveries.lease(notifier);
    }

    @Override
    public void addDeadLetter(DeadLetter deadLetter) {
        deliveries.addDeadLetter(deadLetter);
    }

    @Override
    public List<DeadLetter> deadLetters(String notifier) {
        return deliveries.deadLetters(notifier);
    }

    @Override
    public boolean removeDeadLetter(String notifier, UUID eventId) {
        return deliveries.removeDeadLetter(notifier, eventId);
    }

    /** Leaves the shared store open: the contract closes it once, after the test. */
    @Override
    public void close() {}
}
