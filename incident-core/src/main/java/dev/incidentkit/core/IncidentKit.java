package dev.incidentkit.core;

import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.internal.DefaultIncidentManager;
import dev.incidentkit.core.internal.ManagerSettings;
import dev.incidentkit.core.sla.SlaPolicy;
import dev.incidentkit.core.spi.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Entry point: builds an {@link IncidentManager}.
 *
 * <pre>{@code
 * IncidentManager incidents = IncidentKit.builder()
 *         .store(new InMemoryEventStore())
 *         .clock(Clock.systemUTC())
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class IncidentKit {

    private IncidentKit() {}

    /** @return a builder with the defaults: system UTC clock, {@code INC} ids, one minute of clock skew */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures an {@link IncidentManager}. Each setter checks its argument at once and throws
     * {@link IllegalArgumentException} naming the bad value; {@link #build()} checks the whole.
     */
    public static final class Builder {

        private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{0,15}");

        private Optional<EventStore> store = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneOffset.UTC;
        private String idPrefix = "INC";
        private Duration maxClockSkew = Duration.ofMinutes(1);
        private Lifecycle lifecycle = Lifecycle.standard();
        private CloudEventCodec codec = CloudEventCodec.forApplication("incidentkit");
        private int conflictRetries = 5;
        private int snapshotCacheSize = 10_000;
        private Duration pollInterval = Duration.ofMillis(500);
        private SlaPolicy slaPolicy = SlaPolicy.defaults();

        private Builder() {}

        /**
         * @param store where events are kept; required
         * @return this builder
         */
        public Builder store(EventStore store) {
            this.store = Optional.of(Objects.requireNonNull(store, "store"));
            return this;
        }

        /**
         * @param clock where every instant comes from, event times included
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param zone the zone whose calendar year numbers incidents; UTC by default
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * @param prefix the prefix of incident ids, upper-case letters and digits, such as {@code INC}
         * @return this builder
         */
        public Builder idPrefix(String prefix) {
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("idPrefix must be 1 to 16 upper-case letters or digits, starting with a letter: " + prefix);
            }
            this.idPrefix = prefix;
            return this;
        }

        /**
         * @param skew how far in the future a back-dated {@code occurredAt} may lie, to allow for
         *     clocks of other machines; one minute by default
         * @return this builder
         */
        public Builder maxClockSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("maxClockSkew must not be negative: " + skew);
            }
            this.maxClockSkew = skew;
            return this;
        }

        /**
         * @param lifecycle the state machine, {@link Lifecycle#standard()} by default
         * @return this builder
         */
        public Builder lifecycle(Lifecycle lifecycle) {
            this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
            return this;
        }

        /**
         * @param application names the CloudEvents source {@code incident-management/<application>};
         *     {@code incidentkit} by default
         * @return this builder
         */
        public Builder application(String application) {
            try {
                this.codec = CloudEventCodec.forApplication(application);
            } catch (ValidationException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return this;
        }

        /**
         * @param codec the codec for CloudEvents, for a source of your own
         * @return this builder
         */
        public Builder cloudEvents(CloudEventCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * @param retries how often a command that lost a race is decided again on the new state
         *     before its {@link ConcurrencyConflictException} gets through; 5 by default
         * @return this builder
         */
        public Builder conflictRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("conflictRetries must not be negative: " + retries);
            }
            this.conflictRetries = retries;
            return this;
        }

        /**
         * @param size how many incident snapshots to keep in memory between commands; 10,000 by
         *     default, 0 to rebuild every incident from the store each time
         * @return this builder
         */
        public Builder snapshotCacheSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("snapshotCacheSize must not be negative: " + size);
            }
            this.snapshotCacheSize = size;
            return this;
        }

        /**
         * @param interval how often a subscription looks for events written by other processes;
         *     events of this process wake it at once. 500 ms by default
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive: " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * @param policy the SLA targets the manager's {@link IncidentManager#slaStatus} and an
         *     {@link dev.incidentkit.core.sla.SlaMonitor} on it use; {@link SlaPolicy#defaults()} by default
         * @return this builder
         * @since 0.1.0
         */
        public Builder slaPolicy(SlaPolicy policy) {
            this.slaPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @return the manager
         * @throws IllegalStateException if no store was given
         */
        public IncidentManager build() {
            EventStore s = store.orElseThrow(() -> new IllegalStateException("an IncidentManager needs a store: call store(...)"));
            return new DefaultIncidentManager(new ManagerSettings(s, clock, zone, idPrefix, maxClockSkew, lifecycle, codec,
                    conflictRetries, snapshotCacheSize, pollInterval, slaPolicy));
        }
    }
}
