package dev.incidentkit.core.internal;

import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one notification with retries: attempts through the {@link NotifierCalls}, a jittered
 * backoff between them (renewing the lease on the way), and a dead letter after a permanent
 * failure or the last attempt; each failed attempt counts in the {@link NotifierHealth}. Owned by
 * the active worker thread.
 *
 * <p>Close cuts a wait short for one fresh attempt: one earlier failure (a single 503) must not
 * cost what is pending when the endpoint is back. A notifier still in a call that began before
 * close gets none: it has had its chance, and close must not wait a second call timeout for it.
 * An attempt that fails after close ends the drain.
 */
final class DeliveryAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierWorker.class);

    /** What became of one event. */
    enum Outcome {
        /** Delivered, dead-lettered, or not routed here: the checkpoint moves past it. */
        HANDLED,
        /** The lease went to another process: drop the event, re-read the checkpoint when it comes back. */
        LEASE_LOST,
        /** The worker is stopping: leave the event for the next run. */
        CLOSED
    }

    /** Told of each dead letter that follows attempts (not of one made without any). */
    @FunctionalInterface
    interface DeadLetterListener {
        void deadLettered(Notification n, StoredEvent stored);
    }

    private final String name;
    private final DeadLetterListener listener;
    private final NotifierCalls calls;
    private final DeliveryLease lease;
    private final Drain drain;
    private final NotifierHealth health;
    private final DeliveryStore deliveries;
    private final DeliverySettings settings;
    private final Waiter waiter;
    private final Clock clock;
    private final SplittableRandom random = new SplittableRandom();
    /** The calls of the active worker thread; a new thread brings its own. */
    private NotifierCalls.@Nullable Call call;
    /** Whether the last call began after close was asked for. */
    private boolean callAfterClose;

    DeliveryAttempts(String name, NotifierCalls calls, DeliveryLease lease, Drain drain, NotifierHealth health,
            DeliveryStore deliveries, DeliverySettings settings, Waiter waiter, Clock clock, DeadLetterListener listener) {
        this.name = name;
        this.listener = listener;
        this.calls = calls;
        this.lease = lease;
        this.drain = drain;
        this.health = health;
        this.deliveries = deliveries;
        this.settings = settings;
        this.waiter = waiter;
        this.clock = clock;
    }

    /** Called by each new worker thread before its first call, with the call it reuses. */
    void onThread(NotifierCalls.Call threadCall) {
        this.call = threadCall;
    }

    /**
     * Delivers with retries, from attempt {@code first}; {@code done} is that attempt's result
     * when it was made already (by a thread that was abandoned in it).
     */
    Outcome deliver(Notification n, StoredEvent stored, int first, @Nullable DeliveryResult done)
            throws InterruptedException {
        EventRecord record = stored.record();
        DeliveryResult made = done;
        for (int attempt = first; ; attempt++) {
            DeliveryResult result;
            @Nullable Throwable thrown = null;
            if (made != null) {
                result = made;
                made = null;
            } else {
                if (lease.ensure() != DeliveryLease.State.HELD) {
                    LOG.info("Notifier {} lost its lease while delivering event {}; another process goes on", name,
                            record.eventId());
                    return Outcome.LEASE_LOST;
                }
                boolean afterClose = drain.requested();
                if (!calls.acquire(!afterClose)) {
                    if (afterClose) {
                        drain.end();
                        return Outcome.CLOSED;
                    }
                    result = calls.busy();
                } else {
                    callAfterClose = afterClose;
                    NotifierCalls.Call c = Objects.requireNonNull(call).of(n, stored, attempt);
                    result = calls.call(c);
                    thrown = c.thrown();
                }
            }
            if (result instanceof DeliveryResult.Delivered) {
                if (health.failing()) {
                    health.recovered("delivered event " + record.eventId());
                }
                return Outcome.HANDLED;
            }
            attemptFailed(record, attempt, result, thrown);
            if (result instanceof DeliveryResult.Failed || attempt >= settings.maxAttempts()) {
                deadLetter(record, attempt, describe(result), null);
                listener.deadLettered(n, stored);
                return Outcome.HANDLED;
            }
            if (drain.stopping()) {
                return Outcome.CLOSED;
            }
            // Neither delivered nor failed, so a retry.
            DeliveryResult.RetryLater later = (DeliveryResult.RetryLater) result;
            Duration delay = Backoff.delay(attempt, settings.backoffBase(), settings.backoffCap(), later.delay(),
                    random.nextDouble());
            LOG.debug("Notifier {}: attempt {} of event {} failed ({}); next in {}", name, attempt, record.eventId(),
                    later.reason(), delay);
            Outcome waited = pause(delay);
            if (waited != null) {
                return waited;
            }
            if (drain.stopping()) {
                return Outcome.CLOSED;
            }
        }
    }

    /**
     * Waits {@code delay}, renewing the lease on the way; close cuts the wait short, for the one
     * fresh attempt a failing notifier gets at close.
     *
     * @return null when the wait is over (or cut short by close), else why it ended early
     */
    private @Nullable Outcome pause(Duration delay) throws InterruptedException {
        Duration renewEvery = lease.renewEvery();
        Duration left = delay;
        while (true) {
            Duration slice = left.compareTo(renewEvery) > 0 ? renewEvery : left;
            if (!waiter.await(slice)) {
                return null;
            }
            left = left.minus(slice);
            if (left.isZero() || left.isNegative()) {
                return null;
            }
            if (lease.ensure() != DeliveryLease.State.HELD) {
                return Outcome.LEASE_LOST;
            }
        }
    }

    /** An attempt did not deliver: counted, and logged once if the notifier was healthy. */
    private void attemptFailed(EventRecord record, int attempt, DeliveryResult result, @Nullable Throwable t) {
        if (drain.requested() && callAfterClose) {
            drain.end();
        }
        String next = result instanceof DeliveryResult.Failed ? "the event is a dead letter at once"
                : "it retries with backoff, and after " + settings.maxAttempts() + " attempts an event becomes a dead letter";
        health.attemptFailed("attempt " + attempt + " of event " + record.eventId() + " (" + record.incidentId()
                + " version " + record.version() + ", " + record.type() + ") failed: " + describe(result) + "; " + next,
                describe(result), t);
    }

    /**
     * Makes a dead letter. Logged at INFO after failed attempts, which the health WARN announced
     * already; at WARN (with {@code cause}) for an event that never reached the notifier.
     */
    void deadLetter(EventRecord record, int attempts, String error, @Nullable Throwable cause) {
        DeadLetter letter = new DeadLetter(name, record.eventId(), record.incidentId(), record.version(), record.type(),
                attempts, DeadLetter.truncate(error), Times.micros(clock.instant()));
        deliveries.addDeadLetter(letter);
        String message = "Notifier {} gave up on event {} ({} version {}, {}) after {} attempt(s): {}";
        if (attempts > 0) {
            LOG.info(message, name, record.eventId(), record.incidentId(), record.version(), record.type(), attempts,
                    letter.lastError());
        } else {
            LOG.warn(message, name, record.eventId(), record.incidentId(), record.version(), record.type(), attempts,
                    letter.lastError(), cause);
        }
    }

    static String describe(DeliveryResult result) {
        if (result instanceof DeliveryResult.Failed f) {
            return "failed for good: " + f.reason();
        }
        if (result instanceof DeliveryResult.RetryLater r) {
            return r.reason();
        }
        return "delivered";
    }
}
