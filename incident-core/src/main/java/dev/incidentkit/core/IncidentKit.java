package dev.incidentkit.core;

import dev.incidentkit.core.access.Authorizer;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.internal.DefaultIncidentManager;
import dev.incidentkit.core.internal.ManagerSettings;
import dev.incidentkit.core.internal.NotificationSettings;
import dev.incidentkit.core.internal.NotificationSettings.RoutedNotifier;
import dev.incidentkit.core.internal.NotifierNames;
import dev.incidentkit.core.internal.Waiter;
import dev.incidentkit.core.notify.ContactBook;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.notify.NotifierDiscovery;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.core.sla.SlaPolicy;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.notify.spi.Notifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

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

    /**
     * @return a builder with the defaults: system UTC clock, {@code INC} ids, one minute of clock
     *     skew, declarations back-dated by at most 366 days
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures an {@link IncidentManager}. Each setter checks its argument at once and throws
     * {@link IllegalArgumentException} naming the bad value; {@link #build()} checks the whole.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{0,15}");
        private static final Duration DEFAULT_MAX_BACKDATING = Duration.ofDays(366);

        private Optional<EventStore> store = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneOffset.UTC;
        private String idPrefix = "INC";
        private Duration maxClockSkew = Duration.ofMinutes(1);
        private Duration maxBackdating = DEFAULT_MAX_BACKDATING;
        private Lifecycle lifecycle = Lifecycle.standard();
        private CloudEventCodec codec = CloudEventCodec.forApplication("incidentkit");
        private int conflictRetries = 5;
        private int snapshotCacheSize = 10_000;
        private Duration pollInterval = Duration.ofMillis(500);
        private SlaPolicy slaPolicy = SlaPolicy.ofDefaults();
        private Authorizer authorizer = Authorizer.allowAll();

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
         * @throws IllegalArgumentException if it is not 1 to 16 upper-case letters or digits
         *     starting with a letter
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
         * @throws IllegalArgumentException if {@code skew} is negative
         */
        public Builder maxClockSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("maxClockSkew must not be negative: " + skew);
            }
            this.maxClockSkew = skew;
            return this;
        }

        /**
         * How far back a declaration may be dated: its {@code occurredAt}, {@code detectedAt} and
         * {@code impactStartedAt} must lie within this much before now, or the declaration is
         * rejected with a {@link ValidationException} (so that a mistyped year does not create
         * {@code INC-1970-001}). The other commands on an incident may not be dated before its
         * declaration, so this bounds them too. 366 days by default: an incident is written down
         * within a year of happening; older history is brought in by {@link
         * dev.incidentkit.core.export.Imports}, which keeps the events' times, or by a manager
         * built with a larger limit.
         *
         * @param max the limit, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is not positive
         * @since 0.1.0
         */
        public Builder maxBackdating(Duration max) {
            if (max.isNegative() || max.isZero()) {
                throw new IllegalArgumentException("maxBackdating must be positive: " + max);
            }
            this.maxBackdating = max;
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
         * @throws IllegalArgumentException if the name does not match {@code [a-z0-9][a-z0-9._-]{0,62}}
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
         * @throws IllegalArgumentException if {@code retries} is negative
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
         * @throws IllegalArgumentException if {@code size} is negative
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
         * @throws IllegalArgumentException if {@code interval} is not positive
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
         *     {@link dev.incidentkit.core.sla.SlaMonitor} on it use; {@link SlaPolicy#ofDefaults()} by default
         * @return this builder
         * @since 0.1.0
         */
        public Builder slaPolicy(SlaPolicy policy) {
            this.slaPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param authorizer who may declare and run which commands, asked before every one of
         *     them; {@link Authorizer#allowAll()} by default (see {@link
         *     dev.incidentkit.core.access.RoleBasedAuthorizer})
         * @return this builder
         * @since 0.2.0
         */
        public Builder authorizer(Authorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * @return the manager; with notifiers, its notifier threads already running
         * @throws IllegalStateException if no store was given, or there are notifiers and the
         *     store keeps no delivery state ({@link EventStore#deliveryStore()} is empty)
         */
        public IncidentManager build() {
            EventStore s = store.orElseThrow(() -> new IllegalStateException("an IncidentManager needs a store: call store(...)"));
            return new DefaultIncidentManager(new ManagerSettings(s, clock, zone, idPrefix, maxClockSkew, maxBackdating, lifecycle, codec,
                    conflictRetries, snapshotCacheSize, pollInterval, slaPolicy, authorizer, notificationSettings(s), contacts));
        }

        // ------------------------------------------------------------------------------------
        // Notifications
        // ------------------------------------------------------------------------------------

        private static final Pattern PROCESS_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

        private final List<RoutedNotifier> notifiers = new ArrayList<>();
        private Optional<ClassLoader> discoveryLoader = Optional.empty();
        private DeliverySettings deliverySettings = DeliverySettings.ofDefaults();
        private Optional<URI> incidentLinks = Optional.empty();
        private Optional<String> processId = Optional.empty();
        private ContactBook contacts = ContactBook.nobody();

        /**
         * Registers a notifier for every event ({@link Route#all()}).
         *
         * <p>Registering a notifier is asking for its thread: the manager that {@link #build()}
         * returns delivers to each notifier on a daemon thread of its own ({@code
         * incidentkit-notifier-<name>}; one watchdog thread per manager keeps the call timeout and
         * replaces a worker thread stuck in a call), and stops them, and closes the notifiers, in
         * {@link IncidentManager#close()}. A manager without notifiers starts no thread. The notifier's {@link Notifier#name()} keys its
         * checkpoint and dead letters in the store: keep it stable across restarts.
         *
         * @param notifier the notifier; the manager closes it
         * @return this builder
         * @throws IllegalArgumentException if its name does not match {@code
         *     [a-z0-9][a-z0-9._-]{0,62}} or another notifier has it
         * @since 0.1.0
         */
        public Builder notifier(Notifier notifier) {
            return notifier(notifier, Route.all());
        }

        /**
         * Sets where pages find their person's address: a page ({@code incident.paged}) goes to
         * the notifier that takes one of its channels ({@link Notifier#contactKinds()}), addressed
         * by this book. Without one, such a page reaches nobody: a dead letter, and the escalation
         * goes on. {@code OnCallConfig.contacts(config)} is the book of an on-call configuration.
         *
         * @param book the people's addresses, asked at every page
         * @return this builder
         * @since 0.4.0
         */
        public Builder contacts(ContactBook book) {
            this.contacts = Objects.requireNonNull(book, "book");
            return this;
        }

        /**
         * Registers a notifier for the events of a route. See {@link #notifier(Notifier)}.
         *
         * @param notifier the notifier; the manager closes it
         * @param route which events it receives
         * @return this builder
         * @throws IllegalArgumentException if its name does not match {@code
         *     [a-z0-9][a-z0-9._-]{0,62}} or another notifier has it
         * @since 0.1.0
         */
        public Builder notifier(Notifier notifier, Route route) {
            Objects.requireNonNull(notifier, "notifier");
            Objects.requireNonNull(route, "route");
            String name = NotifierNames.check(notifier.name());
            for (RoutedNotifier r : notifiers) {
                if (r.notifier().name().equals(name)) {
                    throw new IllegalArgumentException("a notifier named " + name + " is registered already; names must be unique");
                }
            }
            notifiers.add(new RoutedNotifier(notifier, route));
            return this;
        }

        /**
         * Adds, when the manager is built, the notifiers that {@link java.util.ServiceLoader}
         * finds through the thread's context class loader (else IncidentKit's own), each for
         * every event. A plugin that fails to load is logged and skipped; one whose name is
         * malformed or taken by an explicitly registered notifier is logged, closed and skipped.
         *
         * @return this builder
         * @see NotifierDiscovery
         * @since 0.1.0
         */
        public Builder discoverNotifiers() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return discoverNotifiers(context != null ? context : IncidentKit.class.getClassLoader());
        }

        /**
         * As {@link #discoverNotifiers()}, through a class loader of your choice.
         *
         * @param loader where to look for notifier plugins
         * @return this builder
         * @since 0.1.0
         */
        public Builder discoverNotifiers(ClassLoader loader) {
            this.discoveryLoader = Optional.of(Objects.requireNonNull(loader, "loader"));
            return this;
        }

        /**
         * @param settings timeouts, retries, lease and polling of every notifier; {@link
         *     DeliverySettings#ofDefaults()} by default
         * @return this builder
         * @since 0.1.0
         */
        public Builder deliverySettings(DeliverySettings settings) {
            this.deliverySettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * @param base where incidents are shown, such as {@code https://status.example.com/incidents/}:
         *     each notification links to the base, a {@code /} (unless it ends with {@code /} or
         *     {@code =}) and the incident id. No link by default
         * @return this builder
         * @throws IllegalArgumentException if {@code base} is not an absolute URI
         * @since 0.1.0
         */
        public Builder incidentLinks(URI base) {
            Objects.requireNonNull(base, "base");
            if (!base.isAbsolute()) {
                throw new IllegalArgumentException("incidentLinks must be an absolute URI: " + base);
            }
            this.incidentLinks = Optional.of(base);
            return this;
        }

        /**
         * @param id the name this process takes delivery leases under: unique among the processes
         *     sharing a store, 1 to 200 printable ASCII characters without spaces. By default the
         *     host name, the process id and a random suffix
         * @return this builder
         * @throws IllegalArgumentException if {@code id} is not 1 to 200 printable ASCII
         *     characters without spaces
         * @since 0.1.0
         */
        public Builder processId(String id) {
            if (id == null || !PROCESS_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("processId must be 1 to 200 printable ASCII characters without spaces: " + id);
            }
            this.processId = Optional.of(id);
            return this;
        }

        private NotificationSettings notificationSettings(EventStore s) {
            List<RoutedNotifier> all = new ArrayList<>(notifiers);
            discoveryLoader.ifPresent(loader -> addDiscovered(all, NotifierDiscovery.discover(loader)));
            if (all.isEmpty()) {
                return NotificationSettings.none();
            }
            if (s.deliveryStore().isEmpty()) {
                throw new IllegalStateException("notifiers need a store that keeps delivery state (leases and dead "
                        + "letters), and " + s.getClass().getName() + " keeps none: use a store whose deliveryStore() "
                        + "is present, such as InMemoryEventStore or the JDBC store, or register no notifier");
            }
            return new NotificationSettings(all, deliverySettings, incidentLinks, processId.orElseGet(Builder::defaultProcessId),
                    name -> Waiter.monitor());
        }

        private static void addDiscovered(List<RoutedNotifier> all, List<Notifier> found) {
            for (Notifier n : found) {
                String name;
                try {
                    name = NotifierNames.check(n.name());
                } catch (RuntimeException | LinkageError e) {
                    skip(n, "its name is not valid: " + e);
                    continue;
                }
                if (all.stream().anyMatch(r -> r.notifier().name().equals(name))) {
                    skip(n, "a notifier named " + name + " is registered already");
                    continue;
                }
                all.add(new RoutedNotifier(n, Route.all()));
            }
        }

        private static void skip(Notifier n, String why) {
            LoggerFactory.getLogger(IncidentKit.class).warn("Discovered notifier {} is skipped: {}", n.getClass().getName(), why);
            try {
                n.close();
            } catch (RuntimeException | LinkageError e) {
                LoggerFactory.getLogger(IncidentKit.class).warn("Closing skipped notifier {} failed", n.getClass().getName(), e);
            }
        }

        private static String defaultProcessId() {
            String host = System.getenv("HOSTNAME");
            if (host == null || host.isBlank()) {
                host = System.getenv("COMPUTERNAME");
            }
            if (host == null || host.isBlank()) {
                try {
                    host = InetAddress.getLocalHost().getHostName();
                } catch (IOException | RuntimeException e) {
                    host = "localhost";
                }
            }
            String suffix = Long.toHexString(new SecureRandom().nextLong() & 0xffff_ffffL);
            String id = (host.replaceAll("[^\\x21-\\x7e]", "_") + ":" + ProcessHandle.current().pid() + ":" + suffix);
            return id.length() <= 200 ? id : id.substring(id.length() - 200);
        }
    }
}
