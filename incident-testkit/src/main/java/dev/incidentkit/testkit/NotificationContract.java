package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.DeadLetterNotFoundException;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.notify.DeliverySettings.StartPosition;
import dev.incidentkit.core.notify.NotifierStatus;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.Lease;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The notification dispatcher on a store: its {@link DeliveryStore} (leases and dead letters) and
 * what a manager with notifiers promises on it. Every routed event delivered once, in order, with
 * its CloudEvent id; routing by type, severity and service; a flaky notifier that ends with each
 * event delivered or dead-lettered and none delivered again after a success; a hanging notifier
 * that holds up neither commands nor other notifiers; a restart that goes on where the last
 * process stopped; dead letters listed and replayed; and, with two "processes" on one store, one
 * delivery of each event in total, and a takeover when the lease holder goes.
 *
 * <p>An adapter runs it by extending it:
 *
 * <pre>{@code
 * class PostgresNotificationTest extends NotificationContract {
 *     protected EventStore createStore() { return PostgresEventStore.create(freshSchema()); }
 *     protected EventStore sameStorage(EventStore store) { return PostgresEventStore.create(sameSchema()); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh, empty store from {@link #createStore()}, whose {@code deliveryStore()}
 * must be present. Each manager of a test stands for one process and runs on its own handle from
 * {@link #sameStorage(EventStore)}; the contract closes the handles and the store after the test.
 * Time that matters to the store (lease expiry, dead-letter instants) comes from a {@link
 * ManualClock}; the retry backoff is a few milliseconds, and nothing sleeps: tests wait for
 * conditions, each with a generous bound, and every test is bounded as a whole.
 *
 * @since 0.1.0
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
public abstract class NotificationContract {

    /** Where the clock stands when a test begins. */
    protected static final Instant START = Instant.parse("2025-08-23T14:00:00Z");

    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final CommandContext ALICE = CommandContext.as("alice");
    private static final CommandContext BOB = CommandContext.as("bob");

    private @Nullable EventStore store;
    private @Nullable ManualClock clock;
    private final List<IncidentManager> managers = new ArrayList<>();
    private final List<EventStore> handles = new ArrayList<>();
    private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();
    private final Object progress = new Object();

    /** Lets subclasses be instantiated by JUnit. */
    protected NotificationContract() {}

    /**
     * @return a new, empty store whose {@code deliveryStore()} is present; called once before each
     *     test, and closed after it
     */
    protected abstract EventStore createStore();

    /**
     * Opens the storage of {@code store} again, as a second process would: a new handle on the same
     * events, checkpoints, leases and dead letters. The default returns {@code store} itself, which
     * is right for a store whose {@code close()} does nothing (the memory store); the contract never
     * closes a handle before the test ends.
     *
     * @param store the test's store
     * @return a handle on the same storage
     */
    protected EventStore sameStorage(EventStore store) {
        return store;
    }

    /** Creates the store and the clock of one test. */
    @BeforeEach
    protected final void setUpNotificationContract() {
        store = createStore();
        clock = ManualClock.at(START);
        assertThat(store.deliveryStore()).as("a store under this contract keeps delivery state").isPresent();
    }

    /** Frees stuck notifiers, closes every manager, then every handle and the store. */
    @AfterEach
    protected final void tearDownNotificationContract() {
        for (CountDownLatch gate : gates) {
            gate.countDown();
        }
        for (int i = managers.size() - 1; i >= 0; i--) {
            managers.get(i).close();
        }
        managers.clear();
        for (EventStore handle : handles) {
            handle.close();
        }
        handles.clear();
        if (store != null) {
            store.close();
        }
        store = null;
    }

    // -----------------------------------------------------------------------------------------
    // The store's delivery state, directly
    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("DeliveryStore: leases")
    class Leases {

        private final Instant t0 = Instant.parse("2025-08-23T14:00:00.123456Z");
        private final Duration ttl = Duration.ofSeconds(30);

        @Test
        @DisplayName("a free lease is taken; another owner is refused until it lapses; the owner extends it")
        void takenRefusedExtendedLapsed() {
            DeliveryStore d = deliveries();
            assertThat(d.lease("slack")).isEmpty();
            assertThat(d.acquireLease("slack", "p1", t0, ttl)).isTrue();
            assertThat(d.lease("slack")).contains(new Lease("p1", t0.plus(ttl)));

            assertThat(d.acquireLease("slack", "p2", t0.plusSeconds(29), ttl)).isFalse();
            assertThat(d.lease("slack")).contains(new Lease("p1", t0.plus(ttl)));

            assertThat(d.acquireLease("slack", "p1", t0.plusSeconds(20), ttl)).isTrue();
            assertThat(d.lease("slack")).contains(new Lease("p1", t0.plusSeconds(50)));
            assertThat(d.acquireLease("slack", "p2", t0.plusSeconds(49), ttl)).isFalse();

            assertThat(d.acquireLease("slack", "p2", t0.plusSeconds(50), ttl)).as("lapsed at its expiry").isTrue();
            assertThat(d.lease("slack")).contains(new Lease("p2", t0.plusSeconds(80)));
            assertThat(d.acquireLease("slack", "p1", t0.plusSeconds(51), ttl)).isFalse();
        }

        @Test
        @DisplayName("only its owner releases a lease, and a released lease is free at once")
        void release() {
            DeliveryStore d = deliveries();
            d.acquireLease("slack", "p1", t0, ttl);
            d.releaseLease("slack", "p2");
            assertThat(d.lease("slack")).map(Lease::owner).contains("p1");
            d.releaseLease("slack", "p1");
            assertThat(d.lease("slack")).isEmpty();
            assertThat(d.acquireLease("slack", "p2", t0.plusSeconds(1), ttl)).isTrue();
            d.releaseLease("nobody-has-this", "p1");
            assertThat(d.lease("nobody-has-this")).isEmpty();
        }

        @Test
        @DisplayName("the leases of two notifiers are independent")
        void perNotifier() {
            DeliveryStore d = deliveries();
            assertThat(d.acquireLease("slack", "p1", t0, ttl)).isTrue();
            assertThat(d.acquireLease("pager", "p2", t0, ttl)).isTrue();
            assertThat(d.lease("slack")).map(Lease::owner).contains("p1");
            assertThat(d.lease("pager")).map(Lease::owner).contains("p2");
        }

        @Test
        @DisplayName("of many processes racing for a free lease, exactly one gets it")
        void race() throws Exception {
            DeliveryStore d = deliveries();
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int round = 0; round < 20; round++) {
                    String notifier = "race-" + round;
                    CyclicBarrier barrier = new CyclicBarrier(threads);
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (int i = 0; i < threads; i++) {
                        String owner = "p" + i;
                        Callable<Boolean> take = () -> {
                            barrier.await(AWAIT.toSeconds(), TimeUnit.SECONDS);
                            return d.acquireLease(notifier, owner, t0, ttl);
                        };
                        results.add(pool.submit(take));
                    }
                    int winners = 0;
                    String winner = "";
                    for (int i = 0; i < threads; i++) {
                        if (results.get(i).get(AWAIT.toSeconds(), TimeUnit.SECONDS)) {
                            winners++;
                            winner = "p" + i;
                        }
                    }
                    assertThat(winners).as("winners of round %d", round).isEqualTo(1);
                    assertThat(d.lease(notifier)).map(Lease::owner).contains(winner);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    @DisplayName("DeliveryStore: dead letters")
    class DeadLetters {

        private DeadLetter letter(String notifier, int n, int attempts) {
            return new DeadLetter(notifier, new UUID(0x0199_0000_0000_7000L, n), "INC-2025-00" + n, n,
                    EventTypes.NOTE_ADDED, attempts, "HTTP 503 for the " + attempts + ". time",
                    Instant.parse("2025-08-23T14:00:00.123456Z").plusSeconds(attempts));
        }

        @Test
        @DisplayName("are listed in the order they were added, each as written")
        void listed() {
            DeliveryStore d = deliveries();
            assertThat(d.deadLetters("slack")).isEmpty();
            d.addDeadLetter(letter("slack", 3, 1));
            d.addDeadLetter(letter("slack", 1, 1));
            d.addDeadLetter(letter("slack", 2, 8));
            assertThat(d.deadLetters("slack")).containsExactly(letter("slack", 3, 1), letter("slack", 1, 1),
                    letter("slack", 2, 8));
        }

        @Test
        @DisplayName("one with the same notifier and event replaces the old one, in its place")
        void replaced() {
            DeliveryStore d = deliveries();
            d.addDeadLetter(letter("slack", 1, 1));
            d.addDeadLetter(letter("slack", 2, 1));
            d.addDeadLetter(letter("slack", 3, 1));
            d.addDeadLetter(letter("slack", 2, 2));
            assertThat(d.deadLetters("slack")).containsExactly(letter("slack", 1, 1), letter("slack", 2, 2),
                    letter("slack", 3, 1));
        }

        @Test
        @DisplayName("are removed one by one, and each notifier has its own")
        void removedPerNotifier() {
            DeliveryStore d = deliveries();
            d.addDeadLetter(letter("slack", 1, 1));
            d.addDeadLetter(letter("pager", 1, 4));
            assertThat(d.removeDeadLetter("slack", letter("slack", 1, 1).eventId())).isTrue();
            assertThat(d.removeDeadLetter("slack", letter("slack", 1, 1).eventId())).isFalse();
            assertThat(d.removeDeadLetter("teams", letter("slack", 1, 1).eventId())).isFalse();
            assertThat(d.deadLetters("slack")).isEmpty();
            assertThat(d.deadLetters("pager")).containsExactly(letter("pager", 1, 4));
        }

        @Test
        @DisplayName("keep a long error and hostile text as written")
        void text() {
            DeliveryStore d = deliveries();
            String error = DeadLetter.truncate(Fixtures.HOSTILE_TITLE + "\n'; DROP TABLE dead_letters; --"
                    + "x".repeat(2_000));
            DeadLetter hostile = new DeadLetter("slack", UUID.randomUUID(), "INC-2025-001", 1, EventTypes.DECLARED, 8,
                    error, Instant.parse("2025-08-23T14:00:00.999999Z"));
            d.addDeadLetter(hostile);
            assertThat(d.deadLetters("slack")).containsExactly(hostile);
            assertThat(error).hasSize(DeadLetter.MAX_ERROR_LENGTH);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Delivery through a manager
    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("delivery")
    class Delivery {

        @Test
        @DisplayName("every event reaches the notifier once, in the store's order, with the event id as CloudEvent id")
        void everyEventOnceInOrder() {
            Recorder log = new Recorder("log");
            IncidentManager m = manager(process(false), "p1", fast().build(), b -> b.notifier(log));
            Fixtures.walkthrough(m, clock());
            Incident a = m.declare(Declare.of("Search is slow", Severity.SEV3, "search"), ALICE);
            Incident b = m.declare(Declare.of("Payments fail", Severity.SEV1, "payments"), BOB);
            for (int i = 0; i < 10; i++) {
                m.addNote(i % 2 == 0 ? a.id() : b.id(), "update " + i, ALICE);
            }
            awaitHandled(m, "log");

            List<StoredEvent> all = allEvents();
            assertThat(all).hasSize(20);
            assertThat(log.ids()).containsExactlyElementsOf(ids(all));
            for (int i = 0; i < all.size(); i++) {
                Notification n = log.received.get(i);
                StoredEvent e = all.get(i);
                assertThat(n.event().getId()).isEqualTo(e.record().eventId().toString());
                assertThat(n.type()).isEqualTo(e.record().type());
                assertThat(n.incidentId()).isEqualTo(e.incidentId());
                assertThat(n.event().getExtension("incidentversion")).isEqualTo((int) e.version());
            }
            assertThat(m.notifications().deadLetters("log")).isEmpty();
            assertThat(m.notifications().notifiers()).containsExactly("log");
        }

        @Test
        @DisplayName("a notification carries the incident as its event left it, the actor, the note and the link")
        void contents() {
            Recorder log = new Recorder("log");
            IncidentManager m = manager(process(false), "p1", fast().build(),
                    b -> b.notifier(log).incidentLinks(URI.create("https://status.example.com/incidents")));
            Fixtures.walkthrough(m, clock());
            awaitHandled(m, "log");

            assertThat(log.received).extracting(Notification::type).hasSize(8);
            Notification declared = log.received.get(0);
            assertThat(declared.incidentId()).isEqualTo(Fixtures.WALKTHROUGH_ID);
            assertThat(declared.title()).isEqualTo(Fixtures.WALKTHROUGH_TITLE);
            assertThat(declared.severity()).isEqualTo("SEV-2");
            assertThat(declared.status()).isEqualTo("open");
            assertThat(new String(declared.event().getData().toBytes(), StandardCharsets.UTF_8))
                    .as("the status in the event data").contains("\"status\":\"" + declared.status() + "\"");
            assertThat(declared.service()).isEqualTo("checkout");
            assertThat(declared.actor()).isEqualTo(Fixtures.WALKTHROUGH_ACTOR);
            assertThat(declared.note()).contains(Fixtures.WALKTHROUGH_DESCRIPTION);
            assertThat(declared.links()).containsExactly(URI.create("https://status.example.com/incidents/INC-2025-001"));

            Notification mitigated = log.received.get(5);
            assertThat(mitigated.type()).isEqualTo(EventTypes.MITIGATED);
            assertThat(mitigated.status()).isEqualTo("mitigated");
            assertThat(mitigated.note()).contains(Fixtures.WALKTHROUGH_MITIGATE_NOTE);

            Notification closed = log.received.get(7);
            assertThat(closed.status()).isEqualTo("closed");
            assertThat(closed.note()).as("closed without a note").isEmpty();
        }

        @Test
        @DisplayName("a new notifier starts at the head by default, or from the beginning when told to; a checkpoint wins")
        void startPositions() {
            IncidentManager writer = manager(process(false), "writer", fast().build(), b -> b);
            Incident inc = writer.declare(Declare.of("Old news", Severity.SEV2, "checkout"), ALICE);
            writer.addNote(inc.id(), "still old", ALICE);

            Recorder late = new Recorder("late");
            IncidentManager fromNow = manager(process(false), "p1", fast().build(), b -> b.notifier(late));
            assertThat(fromNow.notifications().status("late").checkpoint()).as("set when the manager is built")
                    .contains(store().head());
            fromNow.addNote(inc.id(), "new 1", ALICE);
            fromNow.addNote(inc.id(), "new 2", ALICE);
            awaitHandled(fromNow, "late");
            assertThat(late.received).extracting(n -> n.note().orElseThrow()).containsExactly("new 1", "new 2");
            assertThat(late.received.get(0).title()).as("the incident rebuilt from its stream").isEqualTo("Old news");
            fromNow.close();

            Recorder all = new Recorder("all");
            Recorder lateAgain = new Recorder("late");
            IncidentManager fromStart = manager(process(false), "p2",
                    fast().startPosition(StartPosition.FROM_BEGINNING).build(), b -> b.notifier(all).notifier(lateAgain));
            fromStart.addNote(inc.id(), "new 3", ALICE);
            awaitHandled(fromStart, "all");
            awaitHandled(fromStart, "late");
            assertThat(all.ids()).containsExactlyElementsOf(ids(allEvents()));
            assertThat(lateAgain.received).extracting(n -> n.note().orElseThrow()).containsExactly("new 3");
        }
    }

    @Nested
    @DisplayName("routing")
    class Routing {

        @Test
        @DisplayName("by type glob: a notifier gets the types its globs match, and the others everything")
        void byType() {
            Recorder pager = new Recorder("pager");
            Recorder log = new Recorder("log");
            IncidentManager m = manager(process(false), "p1", fast().build(),
                    b -> b.notifier(pager, Route.all().withTypes(EventTypes.DECLARED, "incident.res*")).notifier(log));
            Fixtures.walkthrough(m, clock());
            awaitHandled(m, "pager");
            awaitHandled(m, "log");
            assertThat(pager.received).extracting(Notification::type).containsExactly(EventTypes.DECLARED, EventTypes.RESOLVED);
            assertThat(log.ids()).containsExactlyElementsOf(ids(allEvents()));
        }

        @Test
        @DisplayName("by severity: SEV-2 or worse, after the event; a downgrade from a routed level is routed too")
        void bySeverity() {
            Recorder pager = new Recorder("pager");
            IncidentManager m = manager(process(false), "p1", fast().build(),
                    b -> b.notifier(pager, Route.all().withMinimumSeverity(Severity.SEV2)));
            Incident minor = m.declare(Declare.of("Typo on the about page", Severity.SEV3, "web"), ALICE);
            m.addNote(minor.id(), "minor 1", ALICE);
            m.escalate(minor.id(), Severity.SEV1, "it is the checkout page", ALICE);
            m.addNote(minor.id(), "major 1", ALICE);
            m.downgrade(minor.id(), Severity.SEV3, "fixed the worst", ALICE);
            m.addNote(minor.id(), "minor 2", ALICE);
            m.declare(Declare.of("Checkout down", Severity.SEV2, "checkout"), BOB);
            m.declare(Declare.of("Cosmetic", Severity.SEV4, "web"), BOB);
            awaitHandled(m, "pager");
            assertThat(pager.received).extracting(n -> n.type() + " " + n.severity()).containsExactly(
                    "incident.severity_changed SEV-1", "incident.note_added SEV-1", "incident.severity_changed SEV-3",
                    "incident.declared SEV-2");
        }

        @Test
        @DisplayName("by service: the primary one or a correlated one")
        void byService() {
            Recorder payments = new Recorder("payments-team");
            IncidentManager m = manager(process(false), "p1", fast().build(),
                    b -> b.notifier(payments, Route.all().withServices("payments")));
            Incident checkout = m.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), ALICE);
            m.addNote(checkout.id(), "before", ALICE);
            m.correlateService(checkout.id(), "payments", "the card API times out", ALICE);
            m.addNote(checkout.id(), "after", ALICE);
            Incident pay = m.declare(Declare.of("Refunds stuck", Severity.SEV3, "payments"), BOB);
            m.declare(Declare.of("Search slow", Severity.SEV3, "search"), BOB);
            awaitHandled(m, "payments-team");
            assertThat(payments.received).extracting(n -> n.incidentId() + " " + n.type()).containsExactly(
                    checkout.id() + " incident.service_correlated", checkout.id() + " incident.note_added",
                    pay.id() + " incident.declared");
        }
    }

    @Nested
    @DisplayName("failures")
    class Failures {

        @Test
        @DisplayName("a flaky notifier ends with every event delivered or dead-lettered, none delivered again after a success")
        void flaky() {
            Flaky flaky = new Flaky("flaky", new Random(20250823L));
            int maxAttempts = 4;
            IncidentManager m = manager(process(false), "p1", fast().maxAttempts(maxAttempts).build(), b -> b.notifier(flaky));
            List<String> incidents = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                incidents.add(m.declare(Declare.of("Flaky " + i, Severity.SEV2, "checkout"), ALICE).id());
            }
            for (int round = 0; round < 4; round++) {
                for (String id : incidents) {
                    m.addNote(id, "round " + round, BOB);
                }
            }
            awaitHandled(m, "flaky");

            List<String> all = ids(allEvents());
            Map<String, DeadLetter> dead = new HashMap<>();
            for (DeadLetter d : m.notifications().deadLetters("flaky")) {
                dead.put(d.eventId().toString(), d);
            }
            assertThat(flaky.outcomes.keySet()).containsExactlyInAnyOrderElementsOf(all);
            int retriedThenDelivered = 0;
            for (String id : all) {
                List<String> calls = flaky.outcomes.get(id);
                if (calls.contains("delivered")) {
                    assertThat(calls).as("calls for %s", id).containsOnlyOnce("delivered").endsWith("delivered");
                    assertThat(dead).as("dead letters").doesNotContainKey(id);
                    retriedThenDelivered += calls.size() > 1 ? 1 : 0;
                } else {
                    assertThat(dead).as("dead letters").containsKey(id);
                    assertThat(dead.get(id).attempts()).isEqualTo(calls.size());
                    assertThat(calls.get(calls.size() - 1).equals("failed") || calls.size() == maxAttempts)
                            .as("dead-lettered after %s", calls).isTrue();
                }
            }
            assertThat(dead.keySet()).isSubsetOf(all);
            // The seed makes the run exercise each path; a different seed might not.
            assertThat(retriedThenDelivered).as("events delivered after a retry").isPositive();
            assertThat(dead.values()).anySatisfy(d -> assertThat(d.lastError()).startsWith("failed for good"));
            assertThat(dead.values()).anySatisfy(d -> assertThat(d.attempts()).isEqualTo(maxAttempts));
            assertThat(m.notifications().status("flaky").deadLetters()).isEqualTo(dead.size());
        }

        @Test
        @DisplayName("a notification that failed for good is a dead letter at once, and a replay delivers it")
        void deadLettersAndReplay() {
            Switchable pager = new Switchable("pager");
            IncidentManager m = manager(process(false), "p1", fast().build(), b -> b.notifier(pager));
            Incident first = m.declare(Declare.of("One", Severity.SEV1, "checkout"), ALICE);
            Incident second = m.declare(Declare.of("Two", Severity.SEV2, "checkout"), ALICE);
            awaitHandled(m, "pager");

            List<DeadLetter> dead = m.notifications().deadLetters("pager");
            List<StoredEvent> all = allEvents();
            assertThat(dead).extracting(DeadLetter::eventId).containsExactly(all.get(0).record().eventId(),
                    all.get(1).record().eventId());
            DeadLetter one = dead.get(0);
            assertThat(one.notifier()).isEqualTo("pager");
            assertThat(one.incidentId()).isEqualTo(first.id());
            assertThat(one.version()).isEqualTo(1);
            assertThat(one.type()).isEqualTo(EventTypes.DECLARED);
            assertThat(one.attempts()).isEqualTo(1);
            assertThat(one.lastError()).isEqualTo("failed for good: HTTP 400 invalid routing key");
            assertThat(one.failedAt()).isEqualTo(START);

            clock().advance(Duration.ofMinutes(1));
            DeliveryResult stillBroken = m.notifications().replay("pager", one.eventId());
            assertThat(stillBroken).isEqualTo(DeliveryResult.failed("HTTP 400 invalid routing key"));
            assertThat(m.notifications().deadLetters("pager").get(0)).satisfies(d -> {
                assertThat(d.attempts()).isEqualTo(2);
                assertThat(d.failedAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
            });

            pager.healthy.set(true);
            assertThat(m.notifications().replay("pager", one.eventId())).isEqualTo(DeliveryResult.delivered());
            assertThat(pager.delivered).extracting(Notification::id).containsExactly(one.eventId().toString());
            assertThat(pager.delivered.get(0).title()).isEqualTo("One");
            assertThat(m.notifications().deadLetters("pager")).extracting(DeadLetter::incidentId).containsExactly(second.id());
            assertThat(m.notifications().status("pager").deadLetters()).isEqualTo(1);

            assertThatThrownBy(() -> m.notifications().replay("pager", one.eventId()))
                    .isInstanceOf(DeadLetterNotFoundException.class).hasMessageContaining(one.eventId().toString());
            assertThatThrownBy(() -> m.notifications().replay("teams", one.eventId()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teams");
        }

        @Test
        @DisplayName("transient failures are retried up to the maximum, then the notification is a dead letter")
        void retriesThenDeadLetter() {
            AtomicInteger calls = new AtomicInteger();
            Notifier down = new Named("down", n -> {
                int call = calls.incrementAndGet();
                if (call % 2 == 0) {
                    throw new IllegalStateException("connection refused");
                }
                return DeliveryResult.retryLater("HTTP 503", Duration.ofMillis(1));
            });
            IncidentManager m = manager(process(false), "p1", fast().maxAttempts(5).build(), b -> b.notifier(down));
            m.declare(Declare.of("Down", Severity.SEV2, "checkout"), ALICE);
            awaitHandled(m, "down");
            assertThat(calls).hasValue(5);
            DeadLetter d = m.notifications().deadLetters("down").get(0);
            assertThat(d.attempts()).isEqualTo(5);
            assertThat(d.lastError()).isEqualTo("HTTP 503");
        }

        @Test
        @DisplayName("a hanging notifier holds up neither commands nor another notifier, and is called once at a time")
        void hanging() {
            Hanging stuck = new Hanging("stuck");
            Recorder chat = new Recorder("chat");
            IncidentManager m = manager(process(false), "p1",
                    fast().callTimeout(Duration.ofMillis(300)).maxAttempts(1).build(),
                    b -> b.notifier(stuck).notifier(chat));
            Incident inc = m.declare(Declare.of("Stuck", Severity.SEV1, "checkout"), ALICE);
            await("the stuck notifier is called", () -> stuck.entered.getCount() == 0);

            for (int i = 0; i < 40; i++) {
                m.addNote(inc.id(), "while it hangs " + i, BOB);
            }
            assertThat(m.get(inc.id()).version()).isEqualTo(41);
            awaitHandled(m, "chat");
            assertThat(chat.ids()).containsExactlyElementsOf(ids(allEvents()));

            List<String> firstTwo = ids(allEvents()).subList(0, 2);
            await("the stuck notifier's first two events are dead letters", () ->
                    m.notifications().deadLetters("stuck").size() >= 2);
            List<DeadLetter> dead = m.notifications().deadLetters("stuck");
            assertThat(dead.get(0).eventId().toString()).isEqualTo(firstTwo.get(0));
            assertThat(dead.get(0).lastError()).contains("no answer within PT0.3S");
            assertThat(dead.get(1).eventId().toString()).isEqualTo(firstTwo.get(1));
            assertThat(dead.get(1).lastError()).contains("has not returned");
            assertThat(stuck.calls).as("no second call while the first hangs").hasValue(1);
            assertThat(stuck.returned).as("the first call still hangs").hasValue(0);

            m.close();
            assertThat(stuck.returned).as("close did not wait for the hanging call").hasValue(0);
            assertThatThrownBy(() -> m.notifications().replay("stuck", dead.get(0).eventId()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Nested
    @DisplayName("a notifier that throws, and close")
    class HealthAndClose {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"NoSuchMethodError", "RuntimeException", "StackOverflowError"})
        @DisplayName("whatever it throws is a failed attempt: retried, dead-lettered, in its status, logged once per change of health")
        void throwsOnEveryCall(String kind) {
            String name = "broken-" + kind.toLowerCase(java.util.Locale.ROOT);
            AtomicBoolean healthy = new AtomicBoolean();
            AtomicInteger calls = new AtomicInteger();
            Notifier broken = new Named(name, n -> {
                calls.incrementAndGet();
                if (healthy.get()) {
                    return DeliveryResult.delivered();
                }
                switch (kind) {
                    case "NoSuchMethodError":
                        // What a Jackson mismatch throws from inside a notifier.
                        throw new NoSuchMethodError("'com.fasterxml.jackson.core.JsonGenerator "
                                + "com.fasterxml.jackson.core.JsonGenerator.writeStartObject(java.lang.Object, int)'");
                    case "RuntimeException":
                        throw new IllegalStateException("connection reset");
                    default:
                        return DeliveryResult.retryLater("unreachable: " + recurse(0));
                }
            });
            try (CapturedLog log = CapturedLog.start()) {
                IncidentManager m = manager(process(false), "p1", fast().maxAttempts(3).build(), b -> b.notifier(broken));
                m.declare(Declare.of("One", Severity.SEV2, "checkout"), ALICE);
                m.declare(Declare.of("Two", Severity.SEV2, "checkout"), ALICE);
                // Conditions of their own, not only the checkpoint: a store's head may lag a commit a little.
                await("two dead letters", () -> m.notifications().deadLetters(name).size() == 2);
                awaitHandled(m, name);

                assertThat(calls).as("three attempts per event").hasValue(6);
                List<DeadLetter> dead = m.notifications().deadLetters(name);
                assertThat(dead).extracting(DeadLetter::eventId).containsExactlyElementsOf(
                        allEvents().stream().map(e -> e.record().eventId()).collect(Collectors.toList()));
                assertThat(dead).allSatisfy(d -> {
                    assertThat(d.attempts()).isEqualTo(3);
                    assertThat(d.lastError()).contains("threw").contains(kind.equals("RuntimeException")
                            ? "IllegalStateException" : kind);
                });
                NotifierStatus failing = m.notifications().status(name);
                assertThat(failing.checkpoint()).contains(store().head());
                assertThat(failing.health()).isEqualTo(NotifierStatus.Health.FAILING);
                assertThat(failing.stalled()).isTrue();
                assertThat(failing.failedAttempts()).isEqualTo(6);
                assertThat(failing.deadLetters()).isEqualTo(2);
                assertThat(failing.lastFailure()).hasValueSatisfying(f -> {
                    assertThat(f.at()).isEqualTo(START);
                    assertThat(f.error()).isEqualTo(dead.get(1).lastError());
                });
                assertThat(log.warningsAndErrors("Notifier " + name + " "))
                        .as("one line for the change to failing, none per attempt or dead letter")
                        .singleElement().asString().contains("is failing").contains(kind.equals("RuntimeException")
                                ? "IllegalStateException" : kind);

                healthy.set(true);
                clock().advance(Duration.ofMinutes(1));
                m.declare(Declare.of("Three", Severity.SEV2, "checkout"), ALICE);
                await("recovered", () -> m.notifications().status(name).health() == NotifierStatus.Health.HEALTHY);
                awaitHandled(m, name);
                NotifierStatus recovered = m.notifications().status(name);
                assertThat(calls).hasValue(7);
                assertThat(recovered.health()).isEqualTo(NotifierStatus.Health.HEALTHY);
                assertThat(recovered.failedAttempts()).isEqualTo(6);
                assertThat(recovered.lastFailure()).isEqualTo(failing.lastFailure());
                assertThat(log.warningsAndErrors("Notifier " + name + " ")).as("recovery is logged at INFO").hasSize(1);

                healthy.set(false);
                m.declare(Declare.of("Four", Severity.SEV2, "checkout"), ALICE);
                await("a third dead letter", () -> m.notifications().deadLetters(name).size() == 3);
                assertThat(m.notifications().status(name).health()).isEqualTo(NotifierStatus.Health.FAILING);
                assertThat(m.notifications().status(name).lastFailure()).map(NotifierStatus.Failure::at)
                        .contains(START.plus(Duration.ofMinutes(1)));
                assertThat(log.warningsAndErrors("Notifier " + name + " ")).as("failing again: one more line").hasSize(2);
            }
        }

        @Test
        @DisplayName("an error thrown in the worker's own loop is logged once and shown, and delivery goes on")
        void errorInTheLoop() {
            Recorder log = new Recorder("chat");
            ForwardingStore s = process(false);
            try (CapturedLog captured = CapturedLog.start()) {
                s.failingReads.set(3);
                IncidentManager m = manager(s, "p1", fast().build(), b -> b.notifier(log));
                m.declare(Declare.of("Unreadable for a while", Severity.SEV2, "checkout"), ALICE);
                await("delivered, and healthy again", () -> log.received.size() == 1 && s.failingReads.get() == 0
                        && m.notifications().status("chat").health() == NotifierStatus.Health.HEALTHY);
                awaitHandled(m, "chat");

                assertThat(log.ids()).containsExactlyElementsOf(ids(allEvents()));
                NotifierStatus status = m.notifications().status("chat");
                assertThat(status.health()).isEqualTo(NotifierStatus.Health.HEALTHY);
                assertThat(status.failedAttempts()).isEqualTo(3);
                assertThat(status.lastFailure()).map(NotifierStatus.Failure::error)
                        .contains("java.lang.NoSuchMethodError: the log cannot be read");
                assertThat(captured.warningsAndErrors("Notifier chat ")).singleElement().asString()
                        .contains("is failing").contains("NoSuchMethodError");
            }
        }

        @Test
        @DisplayName("close delivers what is pending first, and says nothing was left")
        void closeDrains() throws InterruptedException {
            CountDownLatch inFirstCall = new CountDownLatch(1);
            CountDownLatch go = gate();
            List<String> delivered = new CopyOnWriteArrayList<>();
            Notifier slow = new Named("slow", n -> {
                if (delivered.isEmpty()) {
                    inFirstCall.countDown();
                    awaitUninterruptibly(go);
                }
                delivered.add(n.id());
                return DeliveryResult.delivered();
            });
            IncidentManager m = manager(process(false), "p1", fast().build(), b -> b.notifier(slow));
            for (int i = 0; i < 4; i++) {
                m.declare(Declare.of("Pending " + i, Severity.SEV2, "checkout"), ALICE);
            }
            await("the first delivery is in progress", () -> inFirstCall.getCount() == 0);
            closeWhileHeld(m, go);

            assertThat(delivered).as("all four delivered before close returned").containsExactlyElementsOf(ids(allEvents()));
            NotifierStatus after = m.notifications().status("slow");
            assertThat(after.health()).isEqualTo(NotifierStatus.Health.CLOSED);
            assertThat(after.stalled()).as("a normal close is no stall").isFalse();
            assertThat(after.undeliveredAtClose()).hasValue(0);
            assertThat(after.checkpoint()).contains(store().head());
            assertThat(after.lease()).as("released").isEmpty();
        }

        @Test
        @DisplayName("close gives up on a notifier that never answers, bounded by the call timeout, and says what it left")
        void closeWithAHangingNotifier() {
            Hanging stuck = new Hanging("stuck");
            // A drain timeout the test would never outlast: the failed attempt ends the drain, not the clock.
            IncidentManager m = manager(process(false), "p1",
                    fast().callTimeout(Duration.ofMillis(300)).drainTimeout(Duration.ofHours(1)).build(),
                    b -> b.notifier(stuck));
            try (CapturedLog log = CapturedLog.start()) {
                for (int i = 0; i < 4; i++) {
                    m.declare(Declare.of("Never told " + i, Severity.SEV2, "checkout"), ALICE);
                }
                await("the stuck notifier is called", () -> stuck.entered.getCount() == 0);
                m.close();

                assertThat(stuck.returned).as("close did not wait for the hanging call").hasValue(0);
                NotifierStatus after = m.notifications().status("stuck");
                assertThat(after.health()).isEqualTo(NotifierStatus.Health.CLOSED);
                assertThat(after.stalled()).isFalse();
                assertThat(after.undeliveredAtClose()).hasValue(4);
                assertThat(after.deadLetters()).isZero();
                assertThat(after.lastFailure()).map(NotifierStatus.Failure::error).hasValueSatisfying(
                        e -> assertThat(e).contains("no answer within PT0.3S"));
                assertThat(log.warningsAndErrors("Notifier stuck ")).hasSize(2).last().asString()
                        .contains("closed with 4 notification(s) undelivered").contains("JDBC store");
            }
        }
    }

    @Nested
    @DisplayName("close, when a notifier failed or is slow to close")
    class CloseBounds {

        @Test
        @DisplayName("a notifier that failed once gets one fresh attempt at close, without its backoff: all four delivered")
        void closeRetriesAFailingNotifier() {
            AtomicInteger calls = new AtomicInteger();
            List<String> delivered = new CopyOnWriteArrayList<>();
            Notifier once = new Named("once", n -> {
                if (calls.incrementAndGet() == 1) {
                    return DeliveryResult.retryLater("HTTP 503");
                }
                delivered.add(n.id());
                return DeliveryResult.delivered();
            });
            IncidentManager m = failingWithPending(process(false), once, 4);
            m.close();

            assertThat(delivered).as("all four delivered before close returned").containsExactlyElementsOf(ids(allEvents()));
            assertThat(calls).as("one failed attempt, then one each").hasValue(5);
            NotifierStatus after = m.notifications().status("once");
            assertThat(after.undeliveredAtClose()).hasValue(0);
            assertThat(after.failedAttempts()).isEqualTo(1);
            assertThat(after.checkpoint()).contains(store().head());
            assertThat(after.health()).isEqualTo(NotifierStatus.Health.CLOSED);
        }

        @Test
        @DisplayName("a notifier that fails its fresh attempt at close is left, and what it left is counted")
        void closeGivesUpAfterOneFreshAttempt() {
            AtomicInteger calls = new AtomicInteger();
            Notifier down = new Named("down", n -> {
                calls.incrementAndGet();
                return DeliveryResult.retryLater("HTTP 503");
            });
            IncidentManager m = failingWithPending(process(false), down, 4);
            m.close();

            assertThat(calls).as("the first attempt and one at close").hasValue(2);
            NotifierStatus after = m.notifications().status("down");
            assertThat(after.undeliveredAtClose()).hasValue(4);
            assertThat(after.failedAttempts()).isEqualTo(2);
            assertThat(after.deadLetters()).isZero();
        }

        @Test
        @DisplayName("the notifiers are closed side by side: two whose close() waits for the other's both close in time")
        void closedSideBySide() {
            CyclicBarrier both = new CyclicBarrier(2);
            AtomicInteger closed = new AtomicInteger();
            Runnable meetTheOther = () -> {
                try {
                    both.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
                    closed.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException("the other notifier did not close meanwhile", e);
                }
            };
            Notifier a = new Named("a", n -> DeliveryResult.delivered(), meetTheOther);
            Notifier b = new Named("b", n -> DeliveryResult.delivered(), meetTheOther);
            IncidentManager m = manager(process(false), "p1", fast().callTimeout(Duration.ofSeconds(1)).build(),
                    k -> k.notifier(a).notifier(b));
            m.declare(Declare.of("Two channels", Severity.SEV2, "checkout"), ALICE);
            try (CapturedLog log = CapturedLog.start()) {
                m.close();
                assertThat(log.warningsAndErrors("did not close within")).as("neither close() was given up on").isEmpty();
            }
            assertThat(closed).hasValue(2);
        }

        /**
         * @return a manager with {@code notifier}, {@code pending} declarations made, once the
         *     notifier failed its first attempt; its backoff is one the test never outlasts, so only
         *     close cuts it short
         */
        private IncidentManager failingWithPending(ForwardingStore s, Notifier notifier, int pending) {
            IncidentManager m = manager(s, "p1", fast().backoffBase(Duration.ofHours(1)).backoffCap(Duration.ofHours(1))
                    .build(), b -> b.notifier(notifier));
            for (int i = 0; i < pending; i++) {
                m.declare(Declare.of("Pending " + i, Severity.SEV2, "checkout"), ALICE);
            }
            await("the first attempt failed", () ->
                    m.notifications().status(notifier.name()).health() == NotifierStatus.Health.FAILING);
            return m;
        }

        @Test
        @DisplayName("counting what is left at close stops after a second, and says it counted part")
        void countBoundedByTime() {
            Notifier down = new Named("down", n -> DeliveryResult.retryLater("HTTP 503"));
            ForwardingStore s = process(false);
            IncidentManager m = failingWithPending(s, down, 40);
            // A slow store: each read of the log takes two seconds of the manager's clock.
            s.beforeReadAll = () -> clock().advance(Duration.ofSeconds(2));
            try (CapturedLog log = CapturedLog.start()) {
                m.close();
                assertThat(m.notifications().status("down").undeliveredAtClose()).as("one batch of 16, then time is up")
                        .hasValue(16);
                assertThat(log.warningsAndErrors("Notifier down ")).last().asString()
                        .contains("closed with at least 16 notification(s) undelivered");
            }
        }
    }

    /** Recurses until the stack overflows: a real {@link StackOverflowError}, not a thrown one. */
    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Nested
    @DisplayName("restarts")
    class Restarts {

        @Test
        @DisplayName("closed mid-stream and started again, a notifier gets every event exactly once in all")
        void cleanRestart() throws InterruptedException {
            CountDownLatch atEleven = new CountDownLatch(1);
            CountDownLatch go = gate();
            List<String> before = new CopyOnWriteArrayList<>();
            Notifier first = new Named("log", n -> {
                before.add(n.id());
                if (before.size() == 11) {
                    atEleven.countDown();
                    awaitUninterruptibly(go);
                }
                return DeliveryResult.delivered();
            });
            // No drain: the close stops after the call in hand, as a crash would.
            IncidentManager a = manager(process(false), "p1", fast().drainTimeout(Duration.ZERO).build(),
                    b -> b.notifier(first));
            for (int i = 0; i < 3; i++) {
                Incident inc = a.declare(Declare.of("Restart " + i, Severity.SEV2, "checkout"), ALICE);
                for (int j = 0; j < 9; j++) {
                    a.addNote(inc.id(), "note " + j, ALICE);
                }
            }
            await("the 11th delivery is in progress", () -> atEleven.getCount() == 0);
            closeWhileHeld(a, go);
            assertThat(before).as("stopped after the call in hand").hasSize(11);

            Recorder second = new Recorder("log");
            IncidentManager b2 = manager(process(false), "p2", fast().build(), b -> b.notifier(second));
            awaitHandled(b2, "log");
            List<String> all = ids(allEvents());
            assertThat(all).hasSize(30);
            List<String> together = new ArrayList<>(before);
            together.addAll(second.ids());
            assertThat(together).containsExactlyElementsOf(all);
        }
    }

    @Nested
    @DisplayName("several processes on one store")
    class Processes {

        @Test
        @DisplayName("two processes with the same notifier deliver each event once in total; a clean close hands over at once")
        void twoProcesses() {
            List<Notification> delivered = new CopyOnWriteArrayList<>();
            ForwardingStore storeA = process(false);
            ForwardingStore storeB = process(false);
            IncidentManager a = manager(storeA, "process-a", fast().build(), b -> b.notifier(new Recorder("pager", delivered)));
            IncidentManager b = manager(storeB, "process-b", fast().build(), x -> x.notifier(new Recorder("pager", delivered)));
            for (int i = 0; i < 10; i++) {
                IncidentManager declarer = i % 2 == 0 ? a : b;
                IncidentManager noter = i % 2 == 0 ? b : a;
                Incident inc = declarer.declare(Declare.of("Shared " + i, Severity.SEV2, "checkout"), ALICE);
                noter.addNote(inc.id(), "from the other process", BOB);
            }
            awaitHandled(a, "pager");
            assertThat(ids(delivered)).containsExactlyElementsOf(ids(allEvents()));

            NotifierStatus fromA = a.notifications().status("pager");
            assertThat(b.notifications().status("pager")).isEqualTo(fromA);
            String holder = fromA.leaseOwner().orElseThrow();
            assertThat(holder).isIn("process-a", "process-b");
            IncidentManager holding = holder.equals("process-a") ? a : b;
            IncidentManager waiting = holding == a ? b : a;
            assertThat((holding == a ? storeB : storeA).refusedLeases).as("the other process was refused").hasPositiveValue();

            holding.close();
            Incident later = waiting.declare(Declare.of("After the handover", Severity.SEV2, "checkout"), ALICE);
            waiting.addNote(later.id(), "still once", ALICE);
            awaitHandled(waiting, "pager");
            assertThat(ids(delivered)).containsExactlyElementsOf(ids(allEvents()));
            assertThat(waiting.notifications().status("pager").leaseOwner()).contains(waiting.notifications().processId());
        }

        @Test
        @DisplayName("when the holder dies without releasing its lease, the other process takes over once it lapses")
        void takeoverAfterTheTtl() {
            List<Notification> delivered = new CopyOnWriteArrayList<>();
            ForwardingStore dying = process(true);
            ForwardingStore survivor = process(false);
            Duration ttl = Duration.ofSeconds(30);
            IncidentManager a = manager(dying, "process-a", fast().leaseTtl(ttl).build(),
                    x -> x.notifier(new Recorder("pager", delivered)));
            IncidentManager b = manager(survivor, "process-b", fast().leaseTtl(ttl).build(),
                    x -> x.notifier(new Recorder("pager", delivered)));
            assertThat(a.notifications().status("pager").leaseOwner()).contains("process-a");

            Incident inc = a.declare(Declare.of("Before the crash", Severity.SEV2, "checkout"), ALICE);
            a.addNote(inc.id(), "one", ALICE);
            awaitHandled(a, "pager");
            a.close();

            b.addNote(inc.id(), "two", BOB);
            b.addNote(inc.id(), "three", BOB);
            int refused = survivor.refusedLeases.get();
            await("process-b keeps asking for the lease", () -> survivor.refusedLeases.get() >= refused + 3);
            assertThat(delivered).as("nothing delivered while the lease of the dead process holds").hasSize(2);
            assertThat(b.notifications().status("pager").leaseOwner()).contains("process-a");

            clock().advance(ttl);
            awaitHandled(b, "pager");
            assertThat(ids(delivered)).containsExactlyElementsOf(ids(allEvents()));
            assertThat(b.notifications().status("pager").leaseOwner()).contains("process-b");
        }
    }

    // -----------------------------------------------------------------------------------------
    // Plumbing
    // -----------------------------------------------------------------------------------------

    /** @return the store of the running test */
    protected final EventStore store() {
        if (store == null) {
            throw new IllegalStateException("no test is running");
        }
        return store;
    }

    /** @return the clock of the running test's managers */
    protected final ManualClock clock() {
        if (clock == null) {
            throw new IllegalStateException("no test is running");
        }
        return clock;
    }

    private DeliveryStore deliveries() {
        return store().deliveryStore().orElseThrow();
    }

    /** Settings for tests: millisecond backoff, quick polls, a generous call timeout. */
    private static DeliverySettings.Builder fast() {
        return DeliverySettings.custom().callTimeout(Duration.ofSeconds(10)).maxAttempts(4)
                .backoffBase(Duration.ofMillis(1)).backoffCap(Duration.ofMillis(4)).leaseTtl(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).batchSize(16);
    }

    /** A process's view of the storage: its own handle, behind a wrapper that counts refused leases. */
    private ForwardingStore process(boolean diesWithoutRelease) {
        EventStore handle = sameStorage(store());
        if (handle != store) {
            handles.add(handle);
        }
        return new ForwardingStore(handle, diesWithoutRelease);
    }

    private IncidentManager manager(ForwardingStore s, String processId, DeliverySettings settings,
            UnaryOperator<IncidentKit.Builder> notifiers) {
        IncidentManager m = notifiers.apply(IncidentKit.builder().store(s).clock(clock()).processId(processId)
                .deliverySettings(settings)).build();
        managers.add(m);
        return m;
    }

    private CountDownLatch gate() {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        return gate;
    }

    private List<StoredEvent> allEvents() {
        return store().readAll(LogPosition.START, 100_000);
    }

    private static List<String> ids(List<?> events) {
        return events.stream().map(e -> e instanceof Notification ? ((Notification) e).id()
                : ((StoredEvent) e).record().eventId().toString()).collect(Collectors.toList());
    }

    /**
     * Closes {@code m} on another thread and, once that thread waits for the workers, opens {@code
     * go}, which holds a call in progress; returns when close has returned.
     */
    private void closeWhileHeld(IncidentManager m, CountDownLatch go) throws InterruptedException {
        Thread closer = new Thread(m::close, "contract-closer");
        closer.start();
        await("close() waits for the worker", () -> closer.getState() == Thread.State.TIMED_WAITING
                || closer.getState() == Thread.State.WAITING);
        go.countDown();
        closer.join(AWAIT.toMillis());
        assertThat(closer.isAlive()).as("close() returned").isFalse();
    }

    /** Waits until the notifier's checkpoint is the store's head: every event delivered, dead-lettered or skipped. */
    private void awaitHandled(IncidentManager m, String notifier) {
        await(notifier + " has handled every event", () ->
                m.notifications().status(notifier).checkpoint().equals(Optional.of(store().head())));
    }

    /** Waits for a condition: woken by every notifier call, and checking at least every 10 ms for the rest. */
    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        synchronized (progress) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("waited " + AWAIT + " for: " + what);
                }
                try {
                    progress.wait(Math.max(1, Math.min(10, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted while waiting for: " + what);
                }
            }
        }
    }

    private void ping() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers with a function; runs an action on close. */
    private final class Named implements Notifier {
        private final String name;
        private final java.util.function.Function<Notification, DeliveryResult> answer;
        private final Runnable onClose;

        Named(String name, java.util.function.Function<Notification, DeliveryResult> answer) {
            this(name, answer, () -> {});
        }

        Named(String name, java.util.function.Function<Notification, DeliveryResult> answer, Runnable onClose) {
            this.name = name;
            this.answer = answer;
            this.onClose = onClose;
        }

        @Override
        public void close() {
            onClose.run();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            try {
                return answer.apply(notification);
            } finally {
                ping();
            }
        }
    }

    /** Delivers and keeps what it received, possibly in a list shared with other processes' notifiers. */
    private final class Recorder implements Notifier {
        private final String name;
        final List<Notification> received;

        Recorder(String name) {
            this(name, new CopyOnWriteArrayList<>());
        }

        Recorder(String name, List<Notification> received) {
            this.name = name;
            this.received = received;
        }

        List<String> ids() {
            return NotificationContract.ids(received);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            received.add(notification);
            ping();
            return DeliveryResult.delivered();
        }
    }

    /** Fails at random, from a seed: retry later (with and without a delay), an exception, failed for good, or delivered. */
    private final class Flaky implements Notifier {
        private final String name;
        private final Random random;
        final Map<String, List<String>> outcomes = new ConcurrentHashMap<>();

        Flaky(String name, Random random) {
            this.name = name;
            this.random = random;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            double r = random.nextDouble();
            String outcome = r < 0.25 ? "retry" : r < 0.35 ? "retry-after" : r < 0.47 ? "throw" : r < 0.52 ? "failed" : "delivered";
            outcomes.computeIfAbsent(notification.id(), id -> new CopyOnWriteArrayList<>()).add(outcome);
            ping();
            switch (outcome) {
                case "retry":
                    return DeliveryResult.retryLater("HTTP 503");
                case "retry-after":
                    return DeliveryResult.retryLater("HTTP 429", Duration.ofMillis(2));
                case "throw":
                    throw new IllegalStateException("connection reset");
                case "failed":
                    return DeliveryResult.failed("HTTP 404 no such channel");
                default:
                    return DeliveryResult.delivered();
            }
        }
    }

    /** Fails for good until it is switched to healthy; keeps what it delivered. */
    private final class Switchable implements Notifier {
        private final String name;
        final AtomicBoolean healthy = new AtomicBoolean();
        final List<Notification> delivered = new CopyOnWriteArrayList<>();

        Switchable(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            try {
                if (!healthy.get()) {
                    return DeliveryResult.failed("HTTP 400 invalid routing key");
                }
                delivered.add(notification);
                return DeliveryResult.delivered();
            } finally {
                ping();
            }
        }
    }

    /** Blocks on its first call, deaf to interrupts, until the test ends. */
    private final class Hanging implements Notifier {
        private final String name;
        private final CountDownLatch release = gate();
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger returned = new AtomicInteger();

        Hanging(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            calls.incrementAndGet();
            entered.countDown();
            ping();
            awaitUninterruptibly(release);
            returned.incrementAndGet();
            return DeliveryResult.delivered();
        }
    }
}
