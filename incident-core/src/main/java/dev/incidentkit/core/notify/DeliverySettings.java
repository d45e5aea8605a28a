package dev.incidentkit.core.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher delivers to every notifier of a manager: the timeout of one call, how often
 * and how far apart it retries, the lease that keeps deliveries to one process at a time, how it
 * polls, and where a new notifier starts. Immutable; built with {@link #custom()} or {@link
 * #from(DeliverySettings)}.
 *
 * <pre>{@code
 * DeliverySettings settings = DeliverySettings.custom()
 *         .callTimeout(Duration.ofSeconds(5))
 *         .maxAttempts(10)
 *         .build();
 * }</pre>
 *
 * <p>Retries: after the {@code n}-th failed attempt the dispatcher waits a random time in {@code
 * [d/2, d]}, where {@code d = min(backoffCap, backoffBase * 2^(n-1))}, unless the notifier asked
 * for a delay ({@code DeliveryResult.retryLater(reason, delay)}), which is then waited as asked,
 * up to {@code backoffCap}. After {@code maxAttempts} attempts the notification becomes a
 * {@link DeadLetter}.
 *
 * <p>Close: {@code IncidentManager.close()} gives each notifier up to {@link #drainTimeout()} to
 * deliver what is pending, as long as it delivers. A notifier that was failing gets one fresh
 * attempt at once, without waiting out its backoff (unless it is still in a call made before
 * close); a notifier whose attempt fails during the drain stops there, and a call in progress at
 * the deadline is still bounded by {@link #callTimeout()}. Then all notifiers at once count what
 * they left (for at most a second), release their leases and are closed, each close bounded by
 * {@link #callTimeout()} too. So close returns within {@code drainTimeout + 2 × callTimeout +
 * 10 s}, however many notifiers there are and whatever they or the store do; with the defaults,
 * 40 s at most, and at once when nothing is pending. What is left is logged at WARN with its
 * count and shown by {@link NotifierStatus#undeliveredAtClose()}; it stays after the notifier's
 * checkpoint in the store, so a manager started later on the same storage (a JDBC store's, or
 * the same in-memory store object) delivers it.
 *
 * @since 0.1.0
 */
public final class DeliverySettings {

    /**
     * Where a notifier starts that has no stored checkpoint yet: the first time it is registered.
     *
     * @since 0.1.0
     */
    public enum StartPosition {
        /**
         * With the events recorded from now on: its checkpoint is set to the store's head when
         * the manager is built, so that a new channel is not flooded with history.
         */
        FROM_NOW,
        /** With every event in the store, oldest first. */
        FROM_BEGINNING
    }

    private static final DeliverySettings DEFAULTS = new Builder().build();

    private final Duration callTimeout;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffCap;
    private final Duration leaseTtl;
    private final Duration pollInterval;
    private final int batchSize;
    private final StartPosition startPosition;
    private final Duration drainTimeout;

    private DeliverySettings(Builder b) {
        this.callTimeout = b.callTimeout;
        this.maxAttempts = b.maxAttempts;
        this.backoffBase = b.backoffBase;
        this.backoffCap = b.backoffCap;
        this.leaseTtl = b.leaseTtl;
        this.pollInterval = b.pollInterval;
        this.batchSize = b.batchSize;
        this.startPosition = b.startPosition;
        this.drainTimeout = b.drainTimeout;
    }

    /**
     * @return the defaults: 10 s call timeout, 8 attempts, backoff from 1 s doubling up to 5 min,
     *     30 s lease, 500 ms polls, batches of 100 events, new notifiers {@link
     *     StartPosition#FROM_NOW}, 10 s to drain at close
     */
    public static DeliverySettings ofDefaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * @param base settings to start from
     * @return a builder holding {@code base}'s values
     */
    public static Builder from(DeliverySettings base) {
        return new Builder(base);
    }

    /** @return how long one call to a notifier may take before it counts as a transient failure */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** @return how many attempts a notification gets before it becomes a dead letter */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the backoff after the first failed attempt, before jitter */
    public Duration backoffBase() {
        return backoffBase;
    }

    /** @return the longest wait between two attempts */
    public Duration backoffCap() {
        return backoffCap;
    }

    /** @return how long a delivery lease lasts unless renewed; renewed every third of it */
    public Duration leaseTtl() {
        return leaseTtl;
    }

    /** @return how often a notifier looks for events of other processes, and retries a lease held elsewhere */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return how many events a notifier reads from the store at once: the bound of its backlog in memory */
    public int batchSize() {
        return batchSize;
    }

    /** @return where a notifier without a stored checkpoint starts */
    public StartPosition startPosition() {
        return startPosition;
    }

    /**
     * @return how long close lets a notifier deliver what is pending; zero lets it finish only the
     *     call in hand
     */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeliverySettings s)) {
            return false;
        }
        return maxAttempts == s.maxAttempts && batchSize == s.batchSize && callTimeout.equals(s.callTimeout)
                && backoffBase.equals(s.backoffBase) && backoffCap.equals(s.backoffCap) && leaseTtl.equals(s.leaseTtl)
                && pollInterval.equals(s.pollInterval) && startPosition == s.startPosition
                && drainTimeout.equals(s.drainTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(callTimeout, maxAttempts, backoffBase, backoffCap, leaseTtl, pollInterval, batchSize,
                startPosition, drainTimeout);
    }

    @Override
    public String toString() {
        return "DeliverySettings[callTimeout=" + callTimeout + ", maxAttempts=" + maxAttempts + ", backoffBase="
                + backoffBase + ", backoffCap=" + backoffCap + ", leaseTtl=" + leaseTtl + ", pollInterval="
                + pollInterval + ", batchSize=" + batchSize + ", startPosition=" + startPosition + ", drainTimeout=" + drainTimeout + "]";
    }

    /**
     * Builds {@link DeliverySettings}. Each setter checks its argument at once and throws {@link
     * IllegalArgumentException} naming the bad value; {@link #build()} checks the whole.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private Duration callTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 8;
        private Duration backoffBase = Duration.ofSeconds(1);
        private Duration backoffCap = Duration.ofMinutes(5);
        private Duration leaseTtl = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofMillis(500);
        private int batchSize = 100;
        private StartPosition startPosition = StartPosition.FROM_NOW;
        private Duration drainTimeout = Duration.ofSeconds(10);

        private Builder() {}

        private Builder(DeliverySettings base) {
            this.callTimeout = base.callTimeout;
            this.maxAttempts = base.maxAttempts;
            this.backoffBase = base.backoffBase;
            this.backoffCap = base.backoffCap;
            this.leaseTtl = base.leaseTtl;
            this.pollInterval = base.pollInterval;
            this.batchSize = base.batchSize;
            this.startPosition = base.startPosition;
            this.drainTimeout = base.drainTimeout;
        }

        /**
         * @param timeout how long one call may take, at least 1 ms; 10 s by default
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is shorter than 1 ms
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = atLeastOneMilli("callTimeout", timeout);
            return this;
        }

        /**
         * @param attempts attempts per notification before it becomes a dead letter, 1 to 1,000; 8 by default
         * @return this builder
         * @throws IllegalArgumentException if {@code attempts} is not 1 to 1,000
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 1_000) {
                throw new IllegalArgumentException("maxAttempts must be 1 to 1000: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * @param base the wait after the first failed attempt before jitter, at least 1 ms; 1 s by default
         * @return this builder
         * @throws IllegalArgumentException if {@code base} is shorter than 1 ms
         */
        public Builder backoffBase(Duration base) {
            this.backoffBase = atLeastOneMilli("backoffBase", base);
            return this;
        }

        /**
         * @param cap the longest wait between attempts, at least 1 ms; 5 min by default
         * @return this builder
         * @throws IllegalArgumentException if {@code cap} is shorter than 1 ms
         */
        public Builder backoffCap(Duration cap) {
            this.backoffCap = atLeastOneMilli("backoffCap", cap);
            return this;
        }

        /**
         * @param ttl how long a delivery lease lasts unless renewed, at least 1 s; 30 s by default.
         *     A process that stops without releasing its leases holds up its notifiers that long.
         * @return this builder
         * @throws IllegalArgumentException if {@code ttl} is shorter than 1 s
         */
        public Builder leaseTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "leaseTtl");
            if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("leaseTtl must be at least 1 s: " + ttl);
            }
            this.leaseTtl = ttl;
            return this;
        }

        /**
         * @param interval how often a notifier polls for other processes' events and for a lease
         *     held elsewhere, at least 1 ms; 500 ms by default. This process's own events wake it at once.
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is shorter than 1 ms
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = atLeastOneMilli("pollInterval", interval);
            return this;
        }

        /**
         * @param size events read from the store at once, 1 to 10,000; 100 by default
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is not 1 to 10,000
         */
        public Builder batchSize(int size) {
            if (size < 1 || size > 10_000) {
                throw new IllegalArgumentException("batchSize must be 1 to 10000: " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * @param position where a notifier without a stored checkpoint starts; {@link
         *     StartPosition#FROM_NOW} by default
         * @return this builder
         */
        public Builder startPosition(StartPosition position) {
            this.startPosition = Objects.requireNonNull(position, "startPosition");
            return this;
        }

        /**
         * @param timeout how long close lets each notifier deliver what is pending, zero or more;
         *     10 s by default. Zero stops each notifier after the call in hand, as a crash would
         *     (on a store that keeps checkpoints, the next manager delivers the rest)
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is negative
         */
        public Builder drainTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "drainTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("drainTimeout must not be negative: " + timeout);
            }
            this.drainTimeout = timeout;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException if {@code backoffBase} exceeds {@code backoffCap}, or
         *     {@code callTimeout} is not shorter than {@code leaseTtl} (a call would outlive the
         *     lease it was made under)
         */
        public DeliverySettings build() {
            if (backoffBase.compareTo(backoffCap) > 0) {
                throw new IllegalArgumentException("backoffBase (" + backoffBase + ") must not exceed backoffCap ("
                        + backoffCap + ")");
            }
            if (callTimeout.compareTo(leaseTtl) >= 0) {
                throw new IllegalArgumentException("callTimeout (" + callTimeout + ") must be shorter than leaseTtl ("
                        + leaseTtl + ")");
            }
            return new DeliverySettings(this);
        }

        private static Duration atLeastOneMilli(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException(name + " must be at least 1 ms: " + d);
            }
            return d;
        }
    }
}
