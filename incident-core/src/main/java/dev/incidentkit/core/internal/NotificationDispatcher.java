package dev.incidentkit.core.internal;

import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.notify.ContactBook;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.notify.Notifications;
import dev.incidentkit.core.notify.NotifierStatus;
import dev.incidentkit.core.notify.UndeliverablePage;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.notify.spi.DeliveryResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification dispatcher of one manager: a {@link NotifierWorker} per notifier, each with a
 * thread of its own, started by {@link #start()} and stopped by {@link #close()}. Commands never
 * wait for it: they only fire the manager's {@link AppendSignal}, which wakes the workers.
 */
public final class NotificationDispatcher implements Notifications, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    /**
     * Slots of the incident cache's ring for the workers: room for about 35 ms of commands run
     * flat out on one core, which the workers fall behind by in a garbage collector's pause. (A
     * ring of 4,096 made them miss, decode and fold events themselves, fall further behind and
     * halve the command rate.)
     */
    private static final int RECENT_INCIDENTS = 16_384;
    /**
     * What close allows past {@code drainTimeout + 2 × callTimeout}: the watchdog's period (up to
     * a second) and its stop, store calls, counting what is left ({@link WorkerShutdown#COUNT_TIME})
     * and the call threads' end (up to a second). The bound {@link DeliverySettings} states.
     */
    static final Duration CLOSE_SLACK = Duration.ofSeconds(10);

    private final Map<String, NotifierWorker> workers = new LinkedHashMap<>();
    private final String processId;
    private final Duration drainTimeout;
    private final Duration callTimeout;
    private final AppendSignal signal;
    private final Watchdog watchdog;
    private final Pages pages;
    private final List<Consumer<UndeliverablePage>> pageListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * A dispatcher with a wake-up signal of its own, for hosts and tests that write through
     * another manager: it finds their events by polling, or at once after {@link #wake()}.
     *
     * @throws IllegalStateException if there are notifiers and the store keeps no delivery state
     */
    public NotificationDispatcher(EventStore store, CloudEventCodec codec, Clock clock, NotificationSettings settings) {
        this(store, codec, clock, settings, ContactBook.nobody(), PageFailures.ignore());
    }

    /**
     * As {@link #NotificationDispatcher(EventStore, CloudEventCodec, Clock, NotificationSettings)},
     * with pages: each page ({@code incident.paged}) goes to the notifier that takes one of its
     * channels ({@link dev.incidentkit.notify.spi.Notifier#contactKinds()}) addressed from {@code
     * book}, and {@code failures} hears of a page that reaches none of its channels.
     *
     * @throws IllegalStateException if there are notifiers and the store keeps no delivery state
     * @throws IllegalArgumentException if a notifier names a contact kind of another form
     */
    public NotificationDispatcher(EventStore store, CloudEventCodec codec, Clock clock, NotificationSettings settings,
            ContactBook book, PageFailures failures) {
        this(store, codec, clock, settings, new AppendSignal(), cacheFor(settings, 0), book, failures);
    }

    /**
     * @param cache the incident cache of the manager whose commands fill it, made by {@link #cacheFor}
     * @param book where pages find their person's address
     * @param failures told of a page that reaches none of its channels
     */
    NotificationDispatcher(EventStore store, CloudEventCodec codec, Clock clock, NotificationSettings settings,
            AppendSignal signal, IncidentCache cache, ContactBook book, PageFailures failures) {
        Objects.requireNonNull(store, "store");
        this.pages = new Pages(book, (incidentId, page, eventId, reasons) -> {
            failures.undeliverable(incidentId, page, eventId, reasons);
            tell(new UndeliverablePage(incidentId, eventId, page, reasons));
        });
        this.signal = signal;
        this.processId = settings.processId();
        this.drainTimeout = settings.delivery().drainTimeout();
        this.callTimeout = settings.delivery().callTimeout();
        this.watchdog = new Watchdog(settings.delivery().callTimeout());
        if (settings.notifiers().isEmpty()) {
            return;
        }
        DeliveryStore deliveries = store.deliveryStore().orElseThrow(() -> new IllegalStateException(
                "notifiers need a store that keeps delivery state (leases and dead letters); "
                        + store.getClass().getName() + " returns none from deliveryStore()"));
        pages.deliveries(deliveries);
        NotificationFactory factory = new NotificationFactory(codec, settings.incidentLinks());
        for (NotificationSettings.RoutedNotifier r : settings.notifiers()) {
            String name = NotifierNames.check(r.notifier().name());
            if (workers.containsKey(name)) {
                throw new IllegalArgumentException("two notifiers are named " + name + "; names must be unique");
            }
            // Before any worker starts, so that its thread sees every owner (Thread.start orders it).
            pages.register(name, r.notifier().contactKinds());
            workers.put(name, new NotifierWorker(r.notifier(), r.route(), store, deliveries, clock, settings.delivery(),
                    processId, settings.waiters().apply(name), signal, cache, factory, pages));
        }
    }

    /**
     * Takes the free leases, sets the checkpoints of notifiers that never ran, and starts a
     * thread per notifier. On a failure, stops what it started and rethrows.
     */
    public void start() {
        try {
            for (NotifierWorker w : workers.values()) {
                w.initialize();
            }
            for (NotifierWorker w : workers.values()) {
                w.start();
            }
            if (!workers.isEmpty()) {
                watchdog.start();
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * The incident cache for a manager with these notifiers: the newest version of up to {@code
     * newestCapacity} incidents for its commands, and, with notifiers, a ring for the workers with
     * room for a lag of a few batches at least (a worker further behind folds events itself).
     */
    static IncidentCache cacheFor(NotificationSettings settings, int newestCapacity) {
        int workers = settings.notifiers().size();
        return new IncidentCache(newestCapacity,
                workers == 0 ? 0 : Math.max(RECENT_INCIDENTS, 4 * settings.delivery().batchSize()), workers);
    }

    /** Wakes every notifier to look for new events now. */
    public void wake() {
        signal.fire();
    }

    @Override
    public void addUndeliverablePageListener(Consumer<UndeliverablePage> listener) {
        pageListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeUndeliverablePageListener(Consumer<UndeliverablePage> listener) {
        pageListeners.remove(listener);
    }

    /** Tells every listener, even after one threw; then throws the first failure, which {@link Pages} counts. */
    private void tell(UndeliverablePage page) {
        RuntimeException first = null;
        for (Consumer<UndeliverablePage> l : pageListeners) {
            try {
                l.accept(page);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * The contact-method kinds this dispatcher's notifiers reach people at: a person with no
     * address of any of these kinds cannot be paged. Fixed when the dispatcher is built.
     *
     * @return the union of the notifiers' {@link dev.incidentkit.notify.spi.Notifier#contactKinds()}
     */
    @Override
    public Set<String> contactKinds() {
        return pages.kinds();
    }

    /** @return how many times the {@link PageFailures} threw, since the dispatcher was built */
    public long pageFailureErrors() {
        return pages.callbackErrors();
    }

    @Override
    public List<String> notifiers() {
        return List.copyOf(workers.keySet());
    }

    @Override
    public List<DeadLetter> deadLetters(String notifier) {
        return worker(notifier).deadLetters();
    }

    @Override
    public DeliveryResult replay(String notifier, UUID eventId) {
        Objects.requireNonNull(eventId, "eventId");
        NotifierWorker w = worker(notifier);
        if (closed) {
            throw new IllegalStateException("the manager is closed: notifier " + notifier + " replays nothing");
        }
        return w.replay(eventId);
    }

    @Override
    public NotifierStatus status(String notifier) {
        return worker(notifier).status();
    }

    @Override
    public String processId() {
        return processId;
    }

    private NotifierWorker worker(String notifier) {
        NotifierWorker w = workers.get(notifier);
        if (w == null) {
            throw new IllegalArgumentException("no notifier named " + notifier + "; this manager has "
                    + (workers.isEmpty() ? "none" : String.join(", ", workers.keySet())));
        }
        return w;
    }

    /**
     * Stops every notifier, after a drain: each delivers what is pending until it has caught up
     * with the store, fails an attempt made after close, or reaches the drain timeout ({@link
     * DeliverySettings#drainTimeout()}), a call in progress then still bounded by the call timeout;
     * a notifier that was failing gets one fresh attempt first. Then, all at once, each counts
     * what it left undelivered (logged at WARN, and in {@link
     * NotifierStatus#undeliveredAtClose()}, which {@link #status} answers from then on),
     * releases its lease and is closed, bounded by the call timeout. Returns within {@code
     * drainTimeout + 2 × callTimeout + 10 s}, whatever the number of notifiers, their backlog or
     * the store do. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (workers.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        long drainUntil = start + drainTimeout.toNanos();
        long closeBy = drainUntil + callTimeout.multipliedBy(2).plus(CLOSE_SLACK).toNanos();
        for (NotifierWorker w : workers.values()) {
            w.requestStop(drainUntil);
        }
        signal.fire();
        // Past the drain: the call in hand (its successor makes no new one), the watchdog's
        // period and the store; half the slack, the rest is for shutting down.
        long stopBy = drainUntil + callTimeout.plus(CLOSE_SLACK.dividedBy(2)).toNanos();
        List<Boolean> stopped = new ArrayList<>(workers.size());
        for (NotifierWorker w : workers.values()) {
            stopped.add(w.awaitStop(Duration.ofNanos(Math.max(1_000_000, stopBy - System.nanoTime()))));
        }
        // Only now: while the workers stop, the watchdog still frees one stuck in a call.
        watchdog.stop();
        // In parallel: each may wait a call timeout for its notifier's close().
        List<Thread> shutdowns = new ArrayList<>(workers.size());
        int i = 0;
        for (NotifierWorker w : workers.values()) {
            boolean s = stopped.get(i++);
            Thread t = new Thread(() -> {
                try {
                    w.shutDown(s);
                } catch (RuntimeException | Error e) {
                    LOG.error("Notifier {} failed to shut down",
                            w.name(), e);
                }
            }, "incidentkit-notifier-" + w.name() + "-shutdown");
            t.setDaemon(true);
            t.start();
            shutdowns.add(t);
        }
        try {
            for (Thread t : shutdowns) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(closeBy - System.nanoTime())));
                if (t.isAlive()) {
                    LOG.warn("{} did not end within the close "
                            + "bound of {} past the drain timeout; left to end on its own", t.getName(),
                            callTimeout.multipliedBy(2).plus(CLOSE_SLACK));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Keeps the call timeout of every worker: a tenth of the timeout apart (5 ms to 1 s), it asks
     * each worker whether its call in progress is overdue. One thread for all notifiers; idle, it
     * wakes once a second with the default timeout.
     */
    private final class Watchdog implements Runnable {
        private final long periodMillis;
        private final Thread thread;
        private boolean stopped;

        Watchdog(Duration callTimeout) {
            this.periodMillis = Math.max(5, Math.min(1_000, callTimeout.toMillis() / 10));
            this.thread = new Thread(this, "incidentkit-notifier-watchdog");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            while (true) {
                synchronized (this) {
                    if (stopped) {
                        return;
                    }
                    try {
                        wait(periodMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (stopped) {
                        return;
                    }
                }
                long now = System.nanoTime();
                for (NotifierWorker w : workers.values()) {
                    try {
                        w.checkTimeout(now);
                    } catch (RuntimeException | Error e) {
                        // Logged, never fatal to the watchdog: without it a hanging call would hold its notifier for good.
                        // (An OutOfMemoryError here is most often "unable to create native thread", which passes.)
                        LOG.error("The notifier watchdog could not replace a stuck worker of {}", w.name(), e);
                    }
                }
            }
        }

        void stop() {
            synchronized (this) {
                stopped = true;
                notifyAll();
            }
            if (thread.isAlive() && Thread.currentThread() != thread) {
                try {
                    thread.join(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
