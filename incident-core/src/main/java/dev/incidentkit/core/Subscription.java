package dev.incidentkit.core;

import dev.incidentkit.core.spi.LogPosition;

/**
 * A live subscription to the events of every incident, opened by {@link IncidentManager#subscribe}.
 * Its listener runs on the subscription's own thread and sees every event once, in global order,
 * after it commits. Closing it stops that thread.
 *
 * @since 0.1.0
 */
public interface Subscription extends AutoCloseable {

    /** @return the position of the last event delivered to the listener */
    LogPosition position();

    /** Stops the subscription and waits for its thread to end. Idempotent. */
    @Override
    void close();
}
