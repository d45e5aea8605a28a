package dev.incidentkit.core.internal;

import dev.incidentkit.core.notify.NotifierStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of one notifier ({@link NotifierStatus.Health}), counted and logged once per change,
 * not per attempt: at WARN (ERROR for an {@link Error}) with what was thrown when it starts
 * failing, at INFO when it recovers, at ERROR when a fatal error stops its worker.
 *
 * <p>The flags are written only on a change, so that a delivery reads one volatile field. The
 * spell's count and start are guarded by a lock, since a replay (on the host's thread) fails
 * attempts too; {@link #loopFailing} belongs to the active worker thread.
 */
final class NotifierHealth {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierWorker.class);

    private final String name;
    private final Clock clock;
    private volatile boolean failing;
    private volatile boolean dead;
    private volatile NotifierStatus.@Nullable Failure lastFailure;
    private final AtomicLong failedAttempts = new AtomicLong();
    private final Object lock = new Object();
    private long spellFailures;
    private Instant spellStart = Instant.MIN;
    /** Failing because a step of the loop threw, not an attempt: the next clean round recovers. */
    private boolean loopFailing;

    NotifierHealth(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    /** A fatal error wins over close: a host must see that delivery stopped on a fault. */
    NotifierStatus.Health health(boolean closed) {
        return dead ? NotifierStatus.Health.STOPPED
                : closed ? NotifierStatus.Health.CLOSED
                : failing ? NotifierStatus.Health.FAILING : NotifierStatus.Health.HEALTHY;
    }

    boolean failing() {
        return failing;
    }

    boolean dead() {
        return dead;
    }

    /** @return whether the notifier fails because of its loop, not its attempts: a clean round recovers it */
    boolean loopFailing() {
        return loopFailing;
    }

    Optional<NotifierStatus.Failure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    long failedAttempts() {
        return failedAttempts.get();
    }

    /** An attempt did not deliver: counted, and logged once if the notifier was healthy. */
    void attemptFailed(String what, String error, @Nullable Throwable t) {
        loopFailing = false;
        failed(what, error, t);
    }

    /** A step of the loop threw (the store, say): counted, and logged once if the notifier was healthy. */
    void loopFailed(String what, Throwable e) {
        boolean wasFailing = failing;
        failed(what, e.toString(), e);
        loopFailing = loopFailing || !wasFailing;
    }

    /** Counts a failure and logs it once per change of health; from the worker or a replay. */
    void failed(String what, String error, @Nullable Throwable t) {
        Instant now = Times.micros(clock.instant());
        synchronized (lock) {
            failedAttempts.incrementAndGet();
            lastFailure = new NotifierStatus.Failure(now, error);
            if (failing) {
                spellFailures++;
                LOG.debug("Notifier {}: {}", name, what, t);
                return;
            }
            spellFailures = 1;
            spellStart = now;
            failing = true;
        }
        String message = "Notifier {} is failing: {}. Logged again only when it recovers";
        if (t instanceof Error) {
            LOG.error(message, name, what, t);
        } else {
            LOG.warn(message, name, what, t);
        }
    }

    /**
     * A page whose person has no address of this notifier's kind: counted and shown as the last
     * failure, without logging (its dead letter is logged) or marking the notifier failing, since
     * the notifier itself works.
     */
    void unaddressed(String error) {
        failedAttempts.incrementAndGet();
        lastFailure = new NotifierStatus.Failure(Times.micros(clock.instant()), error);
    }

    void recovered(String how) {
        long failures;
        Instant since;
        synchronized (lock) {
            failing = false;
            failures = spellFailures;
            since = spellStart;
        }
        loopFailing = false;
        LOG.info("Notifier {} recovered: {}, after {} failure(s) since {}", name, how, failures, since);
    }

    /** Shows {@code t}, an error the JVM may not survive, as the last failure, without counting an attempt. */
    void fatal(Throwable t) {
        lastFailure = new NotifierStatus.Failure(Times.micros(clock.instant()), t.toString());
    }

    /** Says once, at ERROR, that a fatal error ends the worker; its status says STOPPED. */
    void died(Throwable e, Duration leaseTtl) {
        fatal(e);
        dead = true;
        LOG.error("Notifier {} stops delivering in this process: {} may have left the JVM unable to go on; its lease "
                + "lapses within {}, then another process may take over", name, e, leaseTtl, e);
    }
}
