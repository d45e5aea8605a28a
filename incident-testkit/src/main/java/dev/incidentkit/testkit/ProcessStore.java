package dev.incidentkit.testkit;

import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process's view of a shared store, for the notification contract: it counts the lease
 * attempts that failed, can act as a process that dies, whose lease is never released, can fail
 * the next reads of the log with an error, and can run something before each read.
 */
final class ProcessStore extends ForwardingStore {

    private final boolean dropsRelease;
    final AtomicInteger refusedLeases = new AtomicInteger();
    /** How many of the next {@link #readAll} calls throw {@link #readError}. */
    final AtomicInteger failingReads = new AtomicInteger();
    volatile Error readError = new NoSuchMethodError("the log cannot be read");
    /** Runs before every {@link #readAll}: a slow store, say, that moves a clock. */
    volatile Runnable beforeReadAll = () -> {};

    ProcessStore(EventStore store, boolean dropsRelease) {
        super(store);
        this.dropsRelease = dropsRelease;
    }

    @Override
    public List<StoredEvent> readAll(LogPosition after, int limit) {
        beforeReadAll.run();
        if (failingReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw readError;
        }
        return super.readAll(after, limit);
    }

    @Override
    public boolean acquireLease(String notifier, String owner, Instant now, Duration ttl) {
        boolean got = super.acquireLease(notifier, owner, now, ttl);
        if (!got) {
            refusedLeases.incrementAndGet();
        }
        return got;
    }

    @Override
    public void releaseLease(String notifier, String owner) {
        if (!dropsRelease) {
            super.releaseLease(notifier, owner);
        }
    }

    /** Leaves the shared store open: the contract closes it once, after the test. */
    @Override
    public void close() {}
}
