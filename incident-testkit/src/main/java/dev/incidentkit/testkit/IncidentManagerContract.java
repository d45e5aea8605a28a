package dev.incidentkit.testkit;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.CommandResult;
import dev.incidentkit.core.CommandType;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.Lifecycle;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.Subscription;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.VerificationResult;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link EventStore} must give an {@link IncidentManager}: the walkthrough of
 * the user guide end to end, incident ids, back-dating, command ids, rejected commands, the
 * lifecycle, severity changes, concurrent writers, the fold, the hash chain and subscriptions, all
 * through the public API.
 *
 * <p>An adapter runs it by extending it and giving a fresh, empty store per test:
 *
 * <pre>{@code
 * class PostgresIncidentManagerTest extends IncidentManagerContract {
 *     @Override
 *     protected EventStore createStore() {
 *         return PostgresEventStore.builder(dataSource).build();
 *     }
 * }
 * }</pre>
 *
 * <p>Each test builds one manager on the store, {@code IncidentKit.builder().store(store)
 * .clock(clock)}, whose time comes only from a {@link ManualClock}; the manager, and with it the
 * store, is closed after the test. Nothing here sleeps: concurrent tests line their threads up at
 * a barrier in front of the store's {@code append} and {@code nextIncidentNumber}, so that their
 * commands collide every time, and subscription tests wait for events with a generous timeout.
 *
 * @since 0.1.0
 */
public abstract class IncidentManagerContract {

    /** Where the clock stands when a test begins: half an hour before the walkthrough. */
    protected static final Instant START = Instant.parse("2025-08-23T14:00:00Z");

    private static final long AWAIT_SECONDS = 10;
    private static final Pattern ID = Pattern.compile("INC-(\\d{4})-(\\d{3,})");
    private static final CommandContext ALICE = CommandContext.as("alice");
    private static final CommandContext BOB = CommandContext.as("bob");
    private static final Declare CHECKOUT = Declare.of("Checkout latency", Severity.SEV2, "checkout");

    private @Nullable EventStore store;
    private @Nullable ManualClock clock;
    private @Nullable IncidentManager manager;

    /** Lets subclasses be instantiated by JUnit. */
    protected IncidentManagerContract() {}

    /**
     * @return a new, empty store; called once before each test. The contract closes it after the
     *     test, through the manager built on it.
     */
    protected abstract EventStore createStore();

    /**
     * Adjusts the builder of every test's manager before the test's own settings, for a store
     * that needs it, such as a shorter {@code pollInterval}. It must keep the store and the clock.
     *
     * @param builder a builder with the store and the clock
     * @return the builder to use; this one unchanged by default
     */
    protected IncidentKit.Builder configure(IncidentKit.Builder builder) {
        return builder;
    }

    /** Creates the store and the clock of one test. */
    @BeforeEach
    protected final void setUpContract() {
        store = createStore();
        clock = ManualClock.at(START);
        manager = null;
    }

    /** Closes the test's manager, which closes its store, or the store alone if no manager was built. */
    @AfterEach
    protected final void tearDownContract() {
        if (manager != null) {
            manager.close();
        } else if (store != null) {
            store.close();
        }
        manager = null;
        store = null;
    }

    /** @return the store of the running test */
    protected final EventStore store() {
        if (store == null) {
            throw new IllegalStateException("no test is running");
        }
        return store;
    }

    /** @return the clock of the running test's manager */
    protected final ManualClock clock() {
        if (clock == null) {
            throw new IllegalStateException("no test is running");
        }
        return clock;
    }

    /** @return the running test's manager, built with the defaults on first use */
    protected final IncidentManager manager() {
        return manager != null ? manager : manager(b -> b);
    }

    /**
     * Builds the running test's manager with settings of its own.
     *
     * @param settings changes to the builder, which already has the store and the clock
     * @return the manager, closed after the test
     * @throws IllegalStateException if the test already has a manager
     */
    protected final IncidentManager manager(UnaryOperator<IncidentKit.Builder> settings) {
        if (manager != null) {
            throw new IllegalStateException("this test already built its manager");
        }
        manager = settings.apply(configure(IncidentKit.builder().store(store()).clock(clock()))).build();
        return manager;
    }

    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("the walkthrough of the user guide")
    class Walkthrough {

        @Test
        @DisplayName("moves OPEN, ACKNOWLEDGED, MITIGATED, RESOLVED, CLOSED, one version per command")
        void statusesAfterEachStep() {
            List<Incident> steps = Fixtures.walkthroughSteps(manager(), clock());

            assertThat(steps).extracting(Incident::status).containsExactly(Status.OPEN, Status.ACKNOWLEDGED,
                    Status.ACKNOWLEDGED, Status.ACKNOWLEDGED, Status.ACKNOWLEDGED, Status.MITIGATED, Status.RESOLVED,
                    Status.CLOSED);
            assertThat(steps).extracting(Incident::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(steps).extracting(Incident::notesCount).containsExactly(0, 0, 1, 2, 3, 3, 3, 3);
            assertThat(manager().get(Fixtures.WALKTHROUGH_ID)).isEqualTo(steps.get(steps.size() - 1));
        }

        @Test
        @DisplayName("keeps the milestones: 17 minutes from declaration to mitigation")
        void milestones() {
            Incident done = Fixtures.walkthrough(manager(), clock());

            IncidentAssert.assertThat(done)
                    .hasId("INC-2025-001")
                    .hasTitle(Fixtures.WALKTHROUGH_TITLE)
                    .hasSeverity(Severity.SEV2)
                    .hasService("checkout")
                    .hasStatus(Status.CLOSED)
                    .hasNotesCount(3)
                    .hasVersion(8)
                    .wasDeclaredAt(Instant.parse("2025-08-23T14:30:00Z"))
                    .wasAcknowledgedAt(Instant.parse("2025-08-23T14:32:00Z"))
                    .wasAcknowledgedBy(Fixtures.WALKTHROUGH_ACTOR)
                    .wasMitigatedAt(Instant.parse("2025-08-23T14:47:00Z"))
                    .wasResolvedAt(Instant.parse("2025-08-23T15:15:00Z"))
                    .wasClosedAt(Fixtures.WALKTHROUGH_CLOSED_AT);
            assertThat(done.description()).isEqualTo(Fixtures.WALKTHROUGH_DESCRIPTION);
            assertThat(done.declaredBy()).isEqualTo(Actor.of(Fixtures.WALKTHROUGH_ACTOR));
            assertThat(done.acknowledgement()).hasValueSatisfying(a -> assertThat(a.note()).isEqualTo(Fixtures.WALKTHROUGH_ACK_NOTE));
            assertThat(done.milestones().detectedAt()).isEqualTo(done.milestones().declaredAt());
            assertThat(done.milestones().identifiedAt()).isEmpty();
            assertThat(Duration.between(done.milestones().declaredAt(), done.milestones().mitigatedAt().orElseThrow()))
                    .isEqualTo(Duration.ofMinutes(17));
            assertThat(done.lastUpdateAt()).isEqualTo(Fixtures.WALKTHROUGH_CLOSED_AT);
        }

        @Test
        @DisplayName("reads back as the walkthrough's timeline, in order, word for word")
        void timeline() {
            String id = Fixtures.walkthrough(manager(), clock()).id();
            String user = Fixtures.WALKTHROUGH_ACTOR;

            List<TimelineEntry> timeline = manager().timeline(id);

            assertThat(timeline).extracting(e -> List.of(e.at().toString(), e.type(), e.headline(), e.text()))
                    .containsExactly(
                            List.of("2025-08-23T14:30:00Z", EventTypes.DECLARED, "Incident declared (SEV-2)",
                                    "Checkout service experiencing high database latency"),
                            List.of("2025-08-23T14:32:00Z", EventTypes.ACKNOWLEDGED, "Acknowledged by " + user,
                                    "Investigating database performance metrics"),
                            List.of("2025-08-23T14:35:00Z", EventTypes.NOTE_ADDED, "Update from " + user,
                                    "Found slow query in orders table. Query execution time: 8.2s avg"),
                            List.of("2025-08-23T14:42:00Z", EventTypes.NOTE_ADDED, "Update from " + user,
                                    "Applied database index to orders.created_at. Testing performance"),
                            List.of("2025-08-23T14:45:00Z", EventTypes.NOTE_ADDED, "Update from " + user,
                                    "Database performance improved. Response time now <500ms. Monitoring"),
                            List.of("2025-08-23T14:47:00Z", EventTypes.MITIGATED, "Incident mitigated",
                                    "Applied database optimization. Performance restored, monitoring for stability"),
                            List.of("2025-08-23T15:15:00Z", EventTypes.RESOLVED, "Incident resolved",
                                    "Database performance stable for 30+ minutes. Customer reports ceased. Issue resolved."),
                            List.of("2025-08-23T15:15:00Z", EventTypes.CLOSED, "Incident closed", ""));
            assertThat(timeline).extracting(TimelineEntry::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(timeline).extracting(TimelineEntry::actor).containsOnly(Actor.of(user));
        }

        @Test
        @DisplayName("stores every event with its actor, occurredAt and recordedAt from the clock")
        void envelopes() {
            String id = Fixtures.walkthrough(manager(), clock()).id();

            List<RecordedEvent> history = manager().history(id);

            assertThat(history).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(history).extracting(RecordedEvent::incidentId).containsOnly(id);
            assertThat(history).extracting(RecordedEvent::actor).containsOnly(Actor.of(Fixtures.WALKTHROUGH_ACTOR));
            assertThat(history).allSatisfy(e -> assertThat(e.recordedAt()).isEqualTo(e.occurredAt()));
            assertThat(history).extracting(RecordedEvent::eventId).doesNotHaveDuplicates();
            assertThat(history).extracting(RecordedEvent::position).isSortedAccordingTo(Comparator.naturalOrder())
                    .doesNotHaveDuplicates();
        }

        @Test
        @DisplayName("writes the walkthrough's incident.declared CloudEvent")
        void declaredCloudEvent() throws Exception {
            IncidentManager m = manager(b -> b.application("cli"));
            String id = Fixtures.walkthrough(m, clock()).id();
            RecordedEvent first = m.history(id).get(0);

            JsonNode json = new ObjectMapper().readTree(m.cloudEvents().serialize(first.stored()));

            assertThat(json.path("specversion").asText()).isEqualTo("1.0");
            assertThat(json.path("type").asText()).isEqualTo("incident.declared");
            assertThat(json.path("source").asText()).isEqualTo("incident-management/cli");
            assertThat(json.path("id").asText()).isEqualTo(first.eventId().toString());
            assertThat(json.path("time").asText()).isEqualTo("2025-08-23T14:30:00Z");
            assertThat(json.path("subject").asText()).isEqualTo("INC-2025-001");
            assertThat(json.path("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(json.path("actor").asText()).isEqualTo(Fixtures.WALKTHROUGH_ACTOR);
            JsonNode data = json.path("data");
            assertThat(data.isObject()).as("data is a JSON object, not a string or base64: %s", json).isTrue();
            assertThat(data.path("incident_id").asText()).isEqualTo("INC-2025-001");
            assertThat(data.path("title").asText()).isEqualTo("Checkout service experiencing high database latency");
            assertThat(data.path("severity").asText()).isEqualTo("SEV-2");
            assertThat(data.path("service").asText()).isEqualTo("checkout");
            assertThat(data.path("status").asText()).isEqualTo("open");
            assertThat(data.path("description").asText()).isEqualTo(Fixtures.WALKTHROUGH_DESCRIPTION);
        }

        @Test
        @DisplayName("verifies intact")
        void verifies() {
            String id = Fixtures.walkthrough(manager(), clock()).id();

            VerificationResult result = manager().verify(id);

            assertThat(result.isIntact()).as("verify: %s", result).isTrue();
            assertThat(result.eventsChecked()).isEqualTo(8);
            assertThat(result.incidentId()).isEqualTo(id);
        }
    }

    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("incident ids")
    class Ids {

        @Test
        @DisplayName("are INC-<year>-<sequence of at least 3 digits>, counting from 001")
        void format() {
            Incident first = manager().declare(CHECKOUT, ALICE);
            Incident second = manager().declare(CHECKOUT, ALICE);

            assertThat(first.id()).isEqualTo("INC-2025-001").matches(ID);
            assertThat(second.id()).isEqualTo("INC-2025-002");
            assertThat(manager().list()).extracting(Incident::id).containsExactly("INC-2025-001", "INC-2025-002");
        }

        @Test
        @DisplayName("take the year of the declaration, each year counting from 001")
        void sequencePerYear() {
            clock().set(Instant.parse("2026-01-01T00:00:30Z"));
            IncidentManager m = manager();

            String lateIn2025 = m.declare(CHECKOUT, ALICE.at(Instant.parse("2025-12-31T23:59:00Z"))).id();
            String firstOf2026 = m.declare(CHECKOUT, ALICE).id();
            String alsoIn2025 = m.declare(CHECKOUT, ALICE.at(Instant.parse("2025-12-31T23:59:30Z"))).id();
            String secondOf2026 = m.declare(CHECKOUT, ALICE).id();
            // Within the default 366 days of back-dating.
            String in2024 = m.declare(CHECKOUT, ALICE.at(Instant.parse("2024-12-31T12:00:00Z"))).id();

            assertThat(List.of(lateIn2025, firstOf2026, alsoIn2025, secondOf2026, in2024))
                    .containsExactly("INC-2025-001", "INC-2026-001", "INC-2025-002", "INC-2026-002", "INC-2024-001");
        }

        @Test
        @DisplayName("are unique when 8 threads declare 50 incidents each at once")
        void uniqueUnderConcurrentDeclares() throws Exception {
            RaceGate gate = new RaceGate(store());
            IncidentManager m = manager(b -> b.store(gate));
            int threads = 8;
            int each = 50;

            List<List<String>> perThread = concurrently(gate, threads, each,
                    (t, i) -> m.declare(Declare.of("Thread " + t + " incident " + i, Severity.SEV3, "checkout"),
                            CommandContext.as("thread-" + t)).id());

            List<String> ids = perThread.stream().flatMap(List::stream).collect(Collectors.toList());
            assertThat(ids).hasSize(threads * each).doesNotHaveDuplicates().allMatch(id -> ID.matcher(id).matches());
            assertThat(ids).extracting(IncidentManagerContract::sequence).allMatch(n -> n >= 1);
            List<Incident> all = m.list();
            assertThat(all).hasSize(threads * each);
            assertThat(all).extracting(Incident::id).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(all).allSatisfy(i -> IncidentAssert.assertThat(i).hasVersion(1).hasStatus(Status.OPEN));
        }
    }

    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("back-dating")
    class BackDating {

        @Test
        @DisplayName("a declaration may be back-dated")
        void backDatedDeclaration() {
            Instant earlier = START.minus(Duration.ofHours(3));

            Incident incident = manager().declare(CHECKOUT, ALICE.at(earlier));

            IncidentAssert.assertThat(incident).wasDeclaredAt(earlier);
            RecordedEvent declared = manager().history(incident.id()).get(0);
            assertThat(declared.occurredAt()).isEqualTo(earlier);
            assertThat(declared.recordedAt()).isEqualTo(START);
        }

        @Test
        @DisplayName("a command may be back-dated, but not before the declaration")
        void notBeforeDeclaration() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            clock().advance(Duration.ofMinutes(10));

            Incident acked = manager().acknowledge(id, "", ALICE.at(START.plusSeconds(60)));
            IncidentAssert.assertThat(acked).wasAcknowledgedAt(START.plusSeconds(60));

            ValidationException e = assertRejected(ValidationException.class,
                    () -> manager().addNote(id, "too early", ALICE.at(START.minusNanos(1000))));
            assertThat(e.field()).isEqualTo("occurredAt");
        }

        @Test
        @DisplayName("a status change may not be dated before the latest status change; a note may")
        void statusChangesInOrder() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            clock().advance(Duration.ofMinutes(30));
            manager().acknowledge(id, "", ALICE.at(START.plus(Duration.ofMinutes(5))));

            ValidationException e = assertRejected(ValidationException.class,
                    () -> manager().mitigate(id, "rolled back", BOB.at(START.plus(Duration.ofMinutes(4)))));
            manager().addNote(id, "written down afterwards", BOB.at(START.plus(Duration.ofMinutes(4))));
            Incident mitigated = manager().mitigate(id, "rolled back", BOB.at(START.plus(Duration.ofMinutes(5))));

            assertThat(e.field()).isEqualTo("occurredAt");
            assertThat(e.getMessage()).contains("latest status change", "2025-08-23T14:05:00Z");
            IncidentAssert.assertThat(mitigated).hasStatus(Status.MITIGATED).wasMitigatedAt(START.plus(Duration.ofMinutes(5)));
        }

        @Test
        @DisplayName("after a reopen, a status change may not be dated before the reopen, also when the incident is read afresh")
        void statusChangesInOrderAfterReopen() {
            IncidentManager m = manager(b -> b.snapshotCacheSize(0));
            String id = m.declare(CHECKOUT, ALICE).id();
            clock().advance(Duration.ofMinutes(60));
            m.resolve(id, "", ALICE.at(START.plus(Duration.ofMinutes(10))));
            m.reopen(id, "it is back", ALICE.at(START.plus(Duration.ofMinutes(40))));

            ValidationException e = assertRejected(ValidationException.class,
                    () -> m.resolve(id, "", ALICE.at(START.plus(Duration.ofMinutes(30)))));
            ValidationException cancel = assertRejected(ValidationException.class,
                    () -> m.cancel(id, "no impact", ALICE.at(START.plus(Duration.ofMinutes(39)))));

            assertThat(e.field()).isEqualTo("occurredAt");
            assertThat(cancel.field()).isEqualTo("occurredAt");
            IncidentAssert.assertThat(m.resolve(id, "", ALICE)).wasResolvedAt(START.plus(Duration.ofMinutes(60)));
        }

        @Test
        @DisplayName("a declaration, its detection and its impact start may lie at most 366 days back by default")
        void backdatingLimit() {
            Instant limit = START.minus(Duration.ofDays(366));

            ValidationException epoch = assertRejected(ValidationException.class,
                    () -> manager().declare(CHECKOUT, ALICE.at(Instant.EPOCH)));
            ValidationException detected = assertRejected(ValidationException.class,
                    () -> manager().declare(CHECKOUT.detectedAt(limit.minusSeconds(1)), ALICE));
            ValidationException impact = assertRejected(ValidationException.class,
                    () -> manager().declare(CHECKOUT.impactStartedAt(limit.minusSeconds(1)), ALICE));
            Incident oldest = manager().declare(CHECKOUT.impactStartedAt(limit), ALICE.at(limit));

            assertThat(epoch.field()).isEqualTo("occurredAt");
            assertThat(epoch.getMessage()).contains("366 days", "1970-01-01T00:00:00Z");
            assertThat(detected.field()).isEqualTo("detectedAt");
            assertThat(impact.field()).isEqualTo("impactStartedAt");
            assertThat(oldest.id()).isEqualTo("INC-2024-001");
            assertThat(manager().list()).extracting(Incident::id).containsExactly("INC-2024-001");
        }

        @Test
        @DisplayName("a back-dating limit of one's own applies, and must be positive")
        void customBackdatingLimit() {
            IncidentManager m = manager(b -> b.maxBackdating(Duration.ofHours(1)));

            ValidationException e = assertRejected(ValidationException.class,
                    () -> m.declare(CHECKOUT, ALICE.at(START.minus(Duration.ofMinutes(61)))));

            assertThat(e.getMessage()).contains("1 hour");
            IncidentAssert.assertThat(m.declare(CHECKOUT, ALICE.at(START.minus(Duration.ofHours(1)))))
                    .wasDeclaredAt(START.minus(Duration.ofHours(1)));
            assertThat(catchThrowable(() -> IncidentKit.builder().maxBackdating(Duration.ZERO)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("an action item may not be due before the day it is added")
        void actionItemDueDate() {
            String id = manager().declare(CHECKOUT, ALICE.at(START.minus(Duration.ofDays(2)))).id();
            LocalDate today = LocalDate.of(2025, 8, 23);

            ValidationException e = assertRejected(ValidationException.class, () -> manager().addActionItem(id,
                    "Add an index", Optional.empty(), Optional.of(today.minusDays(1)), ALICE));
            Incident added = manager().addActionItem(id, "Add an index", Optional.empty(), Optional.of(today), ALICE);
            Incident backDated = manager().addActionItem(id, "Review the alerts", Optional.empty(),
                    Optional.of(today.minusDays(1)), ALICE.at(START.minus(Duration.ofDays(1))));

            assertThat(e.field()).isEqualTo("due");
            assertThat(e.getMessage()).contains("2025-08-23");
            assertThat(added.actionItems()).hasSize(1);
            assertThat(backDated.actionItems()).extracting(i -> i.due()).containsExactly(Optional.of(today),
                    Optional.of(today.minusDays(1)));
        }

        @Test
        @DisplayName("later than now plus the allowed skew (one minute by default) is rejected")
        void notInTheFuture() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            Instant tooLate = START.plus(Duration.ofMinutes(1)).plusNanos(1000);

            ValidationException onCommand = assertRejected(ValidationException.class,
                    () -> manager().addNote(id, "from the future", ALICE.at(tooLate)));
            ValidationException onDeclare = assertRejected(ValidationException.class,
                    () -> manager().declare(CHECKOUT, ALICE.at(tooLate)));

            assertThat(onCommand.field()).isEqualTo("occurredAt");
            assertThat(onDeclare.field()).isEqualTo("occurredAt");
            assertThat(manager().list()).extracting(Incident::id).containsExactly(id);
        }

        @Test
        @DisplayName("within the skew is accepted")
        void withinSkew() {
            Instant edge = START.plus(Duration.ofMinutes(1));

            Incident incident = manager().declare(CHECKOUT, ALICE.at(edge));
            Incident noted = manager().addNote(incident.id(), "a clock a bit ahead", ALICE.at(edge));

            IncidentAssert.assertThat(incident).wasDeclaredAt(edge);
            assertThat(manager().history(noted.id())).extracting(RecordedEvent::occurredAt).containsExactly(edge, edge);
        }

        @Test
        @DisplayName("a skew of one's own applies")
        void customSkew() {
            IncidentManager m = manager(b -> b.maxClockSkew(Duration.ZERO));

            ValidationException e = assertRejected(ValidationException.class,
                    () -> m.declare(CHECKOUT, ALICE.at(START.plusMillis(1))));

            assertThat(e.field()).isEqualTo("occurredAt");
            IncidentAssert.assertThat(m.declare(CHECKOUT, ALICE.at(START))).wasDeclaredAt(START);
        }

        @Test
        @DisplayName("the timeline orders back-dated events by when they happened, the history by version")
        void timelineOrder() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            clock().advance(Duration.ofMinutes(30));
            manager().acknowledge(id, "late ack", ALICE);
            manager().addNote(id, "written down afterwards", BOB.at(START.plus(Duration.ofMinutes(10))));

            assertThat(manager().timeline(id)).extracting(TimelineEntry::text)
                    .containsExactly("Checkout latency", "written down afterwards", "late ack");
            assertThat(manager().timeline(id)).extracting(TimelineEntry::version).containsExactly(1L, 3L, 2L);
            assertThat(manager().history(id)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
            assertThat(manager().verify(id).isIntact()).isTrue();
        }

        @Test
        @DisplayName("instants are kept to the microsecond")
        void truncatedToMicros() {
            clock().set(Instant.parse("2025-08-23T14:30:00.123456789Z"));

            Incident incident = manager().declare(CHECKOUT, ALICE);
            manager().addNote(incident.id(), "back-dated", ALICE.at(Instant.parse("2025-08-23T14:30:00.123456999Z")));
            manager().addNote(incident.id(), "now", ALICE);

            IncidentAssert.assertThat(incident).wasDeclaredAt(Instant.parse("2025-08-23T14:30:00.123456Z"));
            List<RecordedEvent> history = manager().history(incident.id());
            assertThat(history).extracting(RecordedEvent::occurredAt).containsOnly(Instant.parse("2025-08-23T14:30:00.123456Z"));
            assertThat(history).extracting(RecordedEvent::recordedAt).containsOnly(Instant.parse("2025-08-23T14:30:00.123456Z"));
            assertThat(Incident.replay(history).milestones().declaredAt()).isEqualTo(Instant.parse("2025-08-23T14:30:00.123456Z"));
        }
    }

    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("command ids and safe retries")
    class CommandIds {

        @Test
        @DisplayName("a repeated declare returns the first incident and writes nothing")
        void repeatedDeclare() {
            Incident first = manager().declare(CHECKOUT, ALICE.commandId("declare-1"));
            clock().advance(Duration.ofMinutes(5));

            Incident again = assertNothingWritten(() -> manager().declare(CHECKOUT, ALICE.commandId("declare-1")));

            assertThat(again).isEqualTo(first);
            assertThat(manager().list()).containsExactly(first);
            assertThat(manager().history(first.id()).get(0).commandId()).contains("declare-1");
            assertThat(manager().declare(CHECKOUT, ALICE).id()).as("the retry used no incident number").isEqualTo("INC-2025-002");
        }

        @Test
        @DisplayName("a repeated command returns its first result and writes nothing, even after later commands")
        void repeatedCommand() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            clock().advance(Duration.ofMinutes(1));
            Incident first = manager().addNote(id, "first", ALICE.commandId("note-1"));
            clock().advance(Duration.ofMinutes(1));
            manager().addNote(id, "second", ALICE);

            Incident again = assertNothingWritten(() -> manager().addNote(id, "first", ALICE.commandId("note-1")));

            assertThat(again).isEqualTo(first);
            IncidentAssert.assertThat(again).hasVersion(2).hasNotesCount(1);
            assertThat(manager().history(id)).hasSize(3);
            assertThat(manager().history(id).get(1).commandId()).contains("note-1");
            IncidentAssert.assertThat(manager().get(id)).hasVersion(3).hasNotesCount(2);
        }

        @Test
        @DisplayName("a command id used on another incident is rejected")
        void commandIdOfAnotherIncident() {
            String a = manager().declare(CHECKOUT, ALICE.commandId("declare-a")).id();
            String b = manager().declare(CHECKOUT, ALICE).id();
            manager().addNote(a, "on a", ALICE.commandId("shared"));

            ValidationException onNote = assertRejected(ValidationException.class,
                    () -> manager().addNote(b, "on b", ALICE.commandId("shared")));
            ValidationException onDeclareId = assertRejected(ValidationException.class,
                    () -> manager().addNote(b, "on b", ALICE.commandId("declare-a")));

            assertThat(onNote.field()).isEqualTo("commandId");
            assertThat(onDeclareId.field()).isEqualTo("commandId");
            IncidentAssert.assertThat(manager().get(b)).hasVersion(1);
        }

        @Test
        @DisplayName("a declare with the command id of a command on an existing incident is rejected")
        void declareWithCommandIdOfACommand() {
            String a = manager().declare(CHECKOUT, ALICE).id();
            manager().addNote(a, "on a", ALICE.commandId("note-on-a"));

            ValidationException e = assertRejected(ValidationException.class,
                    () -> manager().declare(CHECKOUT, ALICE.commandId("note-on-a")));

            assertThat(e.field()).isEqualTo("commandId");
            assertThat(e.getMessage()).contains(a);
        }

        @Test
        @DisplayName("acknowledging twice by the same actor with the same note is a no-op")
        void acknowledgeTwice() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            Incident first = manager().acknowledge(id, "on it", ALICE);
            clock().advance(Duration.ofMinutes(1));

            Incident again = assertNothingWritten(() -> manager().acknowledge(id, "on it", ALICE));
            manager().investigate(id, "digging", ALICE);
            Incident afterMore = assertNothingWritten(() -> manager().acknowledge(id, "on it", ALICE));

            assertThat(again).isEqualTo(first);
            IncidentAssert.assertThat(again).hasVersion(2).wasAcknowledgedAt(START);
            IncidentAssert.assertThat(afterMore).hasVersion(3).hasStatus(Status.INVESTIGATING);
        }

        @Test
        @DisplayName("acknowledging again by another actor, or with another note, is an illegal transition")
        void acknowledgeByAnother() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            manager().acknowledge(id, "on it", ALICE);

            IllegalTransitionException byBob = assertRejected(IllegalTransitionException.class,
                    () -> manager().acknowledge(id, "on it", BOB));
            IllegalTransitionException otherNote = assertRejected(IllegalTransitionException.class,
                    () -> manager().acknowledge(id, "still on it", ALICE));

            assertThat(byBob.status()).isEqualTo(Status.ACKNOWLEDGED);
            assertThat(byBob.command()).isEqualTo(CommandType.ACKNOWLEDGE);
            assertThat(otherNote.status()).isEqualTo(Status.ACKNOWLEDGED);
            IncidentAssert.assertThat(manager().get(id)).wasAcknowledgedBy("alice").hasVersion(2);
        }

        @Test
        @DisplayName("another responder acknowledging with a role joins: the role and the note are recorded, the status and the first acknowledgment stay")
        void joinWithRole() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            manager().acknowledge(id, "on it", ALICE);
            clock().advance(Duration.ofMinutes(3));

            Incident joined = manager().acknowledge(id, "looking at the database", Role.TECH_LEAD, BOB);

            IncidentAssert.assertThat(joined).hasStatus(Status.ACKNOWLEDGED).wasAcknowledgedBy("alice")
                    .wasAcknowledgedAt(START).hasVersion(4).hasNotesCount(1);
            assertThat(joined.role(Role.TECH_LEAD)).contains(Actor.of("bob"));
            List<RecordedEvent> history = manager().history(id);
            assertThat(history).extracting(RecordedEvent::type).containsExactly(EventTypes.DECLARED,
                    EventTypes.ACKNOWLEDGED, EventTypes.ROLE_ASSIGNED, EventTypes.NOTE_ADDED);
            assertThat(history.subList(2, 4)).extracting(e -> e.actor().name()).containsOnly("bob");
            assertThat(manager().timeline(id)).extracting(TimelineEntry::text).contains("looking at the database");
            assertThat(manager().get(id)).isEqualTo(joined);
        }

        @Test
        @DisplayName("the first responder acknowledging again with a role takes it; repeating that writes nothing")
        void firstResponderTakesRole() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            manager().acknowledge(id, "on it", ALICE);

            Incident commander = manager().acknowledge(id, "on it", Role.COMMANDER, ALICE);
            Incident again = assertNothingWritten(() -> manager().acknowledge(id, "on it", Role.COMMANDER, ALICE));
            Incident withAnotherNote = assertNothingWritten(
                    () -> manager().acknowledge(id, "still on it", Role.COMMANDER, ALICE));

            assertThat(commander.role(Role.COMMANDER)).contains(Actor.of("alice"));
            assertThat(manager().history(id)).extracting(RecordedEvent::type).containsExactly(EventTypes.DECLARED,
                    EventTypes.ACKNOWLEDGED, EventTypes.ROLE_ASSIGNED);
            assertThat(again).isEqualTo(commander);
            assertThat(withAnotherNote).isEqualTo(commander);
        }

        @Test
        @DisplayName("joining with a role works in every active status, acknowledged or not, and is refused once resolved")
        void joinInEveryActiveStatus() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            manager().investigate(id, "", ALICE);

            assertRejected(IllegalTransitionException.class, () -> manager().acknowledge(id, "", BOB));
            Incident investigating = manager().acknowledge(id, "", Role.COMMANDER, BOB);
            manager().identify(id, "", ALICE);
            Incident identified = manager().acknowledge(id, "", Role.COMMS_LEAD, CommandContext.as("carol"));
            manager().mitigate(id, "", ALICE);
            Incident mitigated = manager().acknowledge(id, "", Role.TECH_LEAD, CommandContext.as("dave"));
            manager().resolve(id, "", ALICE);
            IllegalTransitionException resolved = assertRejected(IllegalTransitionException.class,
                    () -> manager().acknowledge(id, "", Role.TECH_LEAD, CommandContext.as("erin")));

            IncidentAssert.assertThat(investigating).hasStatus(Status.INVESTIGATING).wasNotAcknowledged();
            assertThat(investigating.role(Role.COMMANDER)).contains(Actor.of("bob"));
            IncidentAssert.assertThat(identified).hasStatus(Status.IDENTIFIED);
            assertThat(identified.role(Role.COMMS_LEAD)).contains(Actor.of("carol"));
            IncidentAssert.assertThat(mitigated).hasStatus(Status.MITIGATED).wasNotAcknowledged();
            assertThat(mitigated.role(Role.TECH_LEAD)).contains(Actor.of("dave"));
            assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
        }

        @Test
        @DisplayName("submit tells what a command recorded: nothing for a retry, the first run's events for a repeated command id")
        void submitTellsWhatWasRecorded() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            CommandResult acked = manager().submit(id, new Command.Acknowledge("on it", Optional.empty()), ALICE);
            CommandResult retried = manager().submit(id, new Command.Acknowledge("on it", Optional.empty()), ALICE);
            CommandResult joined = manager().submit(id, new Command.Acknowledge("", Optional.of(Role.COMMANDER)),
                    BOB.commandId("join-1"));
            CommandResult repeated = manager().submit(id, new Command.Acknowledge("", Optional.of(Role.COMMANDER)),
                    BOB.commandId("join-1"));

            assertThat(acked.events()).extracting(RecordedEvent::type).containsExactly(EventTypes.ACKNOWLEDGED);
            assertThat(acked.recorded(EventTypes.ACKNOWLEDGED)).isTrue();
            assertThat(retried.changed()).isFalse();
            assertThat(retried.incident()).isEqualTo(acked.incident());
            assertThat(joined.events()).extracting(RecordedEvent::type).containsExactly(EventTypes.ROLE_ASSIGNED);
            assertThat(repeated.events()).extracting(RecordedEvent::version).containsExactly(3L);
            assertThat(repeated.incident()).isEqualTo(joined.incident());
            assertThat(manager().history(id)).hasSize(3);
        }
    }

    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("rejected commands write nothing")
    class Rejections {

        @Test
        @DisplayName("closing an OPEN incident names the status and the allowed commands")
        void closeWhileOpen() {
            String id = manager().declare(CHECKOUT, ALICE).id();

            IllegalTransitionException e = assertRejected(IllegalTransitionException.class,
                    () -> manager().closeIncident(id, "", ALICE));

            assertThat(e.incidentId()).isEqualTo(id);
            assertThat(e.status()).isEqualTo(Status.OPEN);
            assertThat(e.command()).isEqualTo(CommandType.CLOSE);
            assertThat(e.allowed()).contains(CommandType.ACKNOWLEDGE, CommandType.INVESTIGATE, CommandType.IDENTIFY,
                    CommandType.MITIGATE, CommandType.RESOLVE, CommandType.CANCEL, CommandType.ADD_NOTE)
                    .doesNotContain(CommandType.CLOSE, CommandType.REOPEN);
            assertThat(e.getMessage()).contains(id, "close", "OPEN", "acknowledge", "investigate", "identify", "mitigate",
                    "resolve", "cancel");
        }

        @Test
        @DisplayName("a blank, multi-line or too long title is rejected; 200 code points are accepted")
        void title() {
            assertThat(assertRejected(ValidationException.class,
                    () -> manager().declare(Declare.of("   ", Severity.SEV2, "checkout"), ALICE)).field()).isEqualTo("title");
            assertThat(assertRejected(ValidationException.class,
                    () -> manager().declare(Declare.of("", Severity.SEV2, "checkout"), ALICE)).field()).isEqualTo("title");
            assertThat(assertRejected(ValidationException.class,
                    () -> manager().declare(Declare.of("a".repeat(201), Severity.SEV2, "checkout"), ALICE)).field())
                    .isEqualTo("title");
            assertThat(assertRejected(ValidationException.class,
                    () -> manager().declare(Declare.of("🔥".repeat(201), Severity.SEV2, "checkout"), ALICE)).field())
                    .isEqualTo("title");
            assertThat(assertRejected(ValidationException.class,
                    () -> manager().declare(Declare.of("two\nlines", Severity.SEV2, "checkout"), ALICE)).field())
                    .isEqualTo("title");
            assertThat(assertRejected(ValidationException.class,
                    () -> manager().declare(Declare.of("a\ttab", Severity.SEV2, "checkout"), ALICE)).field())
                    .isEqualTo("title");

            Incident longest = manager().declare(Declare.of("a".repeat(200), Severity.SEV2, "checkout"), ALICE);
            Incident emoji = manager().declare(Declare.of("🔥".repeat(200), Severity.SEV2, "checkout"), ALICE);

            assertThat(longest.id()).as("rejected declarations used no incident number").isEqualTo("INC-2025-001");
            assertThat(manager().get(emoji.id()).title()).isEqualTo("🔥".repeat(200));
        }

        @Test
        @DisplayName("a service name outside [a-z0-9][a-z0-9._-]{0,62} is rejected")
        void service() {
            for (String bad : List.of("Checkout!", "Checkout", "", "-checkout", "check out", "a".repeat(64))) {
                ValidationException e = assertRejected(ValidationException.class,
                        () -> manager().declare(Declare.of("Checkout latency", Severity.SEV2, bad), ALICE));
                assertThat(e.field()).as("service %s", bad).isEqualTo("service");
            }
            String id = manager().declare(CHECKOUT, ALICE).id();
            ValidationException onCorrelate = assertRejected(ValidationException.class,
                    () -> manager().correlateService(id, "Payments!", "", ALICE));
            assertThat(onCorrelate.field()).isEqualTo("service");
            assertThat(manager().declare(Declare.of("x", Severity.SEV2, "a".repeat(63)), ALICE).service()).hasSize(63);
        }

        @Test
        @DisplayName("control characters are rejected, newline and tab in notes are kept")
        void controlCharacters() {
            ValidationException inDescription = assertRejected(ValidationException.class,
                    () -> manager().declare(CHECKOUT.description("bell\u0007"), ALICE));
            assertThat(inDescription.field()).isEqualTo("description");
            String id = manager().declare(CHECKOUT, ALICE).id();

            for (String bad : List.of("nul\u0000", "escape\u001b[31m", "del\u007f", "c1\u0085",
                    "line\u2028separator", "paragraph\u2029separator")) {
                ValidationException e = assertRejected(ValidationException.class, () -> manager().addNote(id, bad, ALICE));
                assertThat(e.field()).as("note %s", bad.codePoints().boxed().collect(Collectors.toList())).isEqualTo("note");
            }
            Incident noted = manager().addNote(id, "line one\n\tline two", ALICE);
            assertThat(manager().timeline(noted.id()).get(1).text()).isEqualTo("line one\n\tline two");
        }

        @Test
        @DisplayName("\\r\\n and a lone \\r in pasted text become \\n; a title stays one line")
        void lineBreaksNormalised() {
            Incident declared = manager().declare(CHECKOUT.description("one\r\ntwo\rthree"), ALICE);
            String id = declared.id();
            manager().acknowledge(id, "on it\r\n", ALICE);
            Incident retried = assertNothingWritten(() -> manager().acknowledge(id, "on it\n", ALICE));
            manager().addNote(id, "pasted\r\nfrom a ticket\r\n", ALICE);
            Incident written = manager().updatePostmortem(id, PostmortemUpdate.none().rootCause("a pool\r\ntoo small"), ALICE);
            ValidationException title = assertRejected(ValidationException.class,
                    () -> manager().declare(Declare.of("two\r\nlines", Severity.SEV2, "checkout"), ALICE));

            assertThat(declared.description()).isEqualTo("one\ntwo\nthree");
            IncidentAssert.assertThat(retried).hasVersion(2);
            assertThat(manager().timeline(id)).extracting(TimelineEntry::text).contains("on it\n", "pasted\nfrom a ticket\n");
            assertThat(written.postmortem().rootCause()).isEqualTo("a pool\ntoo small");
            assertThat(title.field()).isEqualTo("title");
            assertThat(manager().verify(id).isIntact()).isTrue();
        }

        @Test
        @DisplayName("a note over 10,000 characters or blank is rejected; 10,000 are accepted")
        void noteLength() {
            String id = manager().declare(CHECKOUT, ALICE).id();

            assertThat(assertRejected(ValidationException.class,
                    () -> manager().addNote(id, "n".repeat(10_001), ALICE)).field()).isEqualTo("note");
            assertThat(assertRejected(ValidationException.class,
                    () -> manager().addNote(id, " \n\t ", ALICE)).field()).isEqualTo("note");
            assertThat(assertRejected(ValidationException.class,
                    () -> manager().acknowledge(id, "n".repeat(10_001), ALICE)).field()).isEqualTo("note");
            assertThat(assertRejected(ValidationException.class,
                    () -> manager().declare(CHECKOUT.description("d".repeat(10_001)), ALICE)).field()).isEqualTo("description");

            Incident noted = manager().addNote(id, "n".repeat(10_000), ALICE);
            IncidentAssert.assertThat(noted).hasNotesCount(1).hasVersion(2);
        }

        @Test
        @DisplayName("a blank or too long actor is rejected before anything runs")
        void actor() {
            manager().declare(CHECKOUT, ALICE);

            for (String bad : List.of("", "   ", "a".repeat(201), "tab\tbed", "new\nline")) {
                ValidationException e = assertRejected(ValidationException.class,
                        () -> manager().declare(CHECKOUT, CommandContext.as(bad)));
                assertThat(e.field()).as("actor %s", bad).isEqualTo("actor");
            }
        }

        @Test
        @DisplayName("an unknown incident is not found, for commands and reads alike")
        void unknownIncident() {
            manager().declare(CHECKOUT, ALICE);
            String missing = "INC-2025-999";

            IncidentNotFoundException e = assertRejected(IncidentNotFoundException.class,
                    () -> manager().addNote(missing, "hello", ALICE));

            assertThat(e.incidentId()).isEqualTo(missing);
            assertThat(e.getMessage()).contains(missing);
            assertRejected(IncidentNotFoundException.class, () -> manager().acknowledge(missing, "", ALICE));
            assertRejected(IncidentNotFoundException.class, () -> manager().get(missing));
            assertRejected(IncidentNotFoundException.class, () -> manager().history(missing));
            assertRejected(IncidentNotFoundException.class, () -> manager().timeline(missing));
            assertRejected(IncidentNotFoundException.class, () -> manager().verify(missing));
            assertThat(manager().find(missing)).isEmpty();
        }
    }

    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("the lifecycle")
    class LifecycleTable {

        /**
         * The table of the design contract, written out again here rather than read from {@link
         * Lifecycle}, so that a change to either shows.
         */
        private Map<Status, Map<CommandType, Status>> expectedTable() {
            Map<Status, Map<CommandType, Status>> table = new EnumMap<>(Status.class);
            for (Status s : Status.values()) {
                table.put(s, new EnumMap<>(CommandType.class));
            }
            table.get(Status.OPEN).put(CommandType.ACKNOWLEDGE, Status.ACKNOWLEDGED);
            for (Status s : List.of(Status.OPEN, Status.ACKNOWLEDGED, Status.INVESTIGATING, Status.IDENTIFIED, Status.MITIGATED)) {
                if (s != Status.INVESTIGATING) {
                    table.get(s).put(CommandType.INVESTIGATE, Status.INVESTIGATING);
                }
                if (s != Status.IDENTIFIED) {
                    table.get(s).put(CommandType.IDENTIFY, Status.IDENTIFIED);
                }
                if (s != Status.MITIGATED) {
                    table.get(s).put(CommandType.MITIGATE, Status.MITIGATED);
                }
                table.get(s).put(CommandType.RESOLVE, Status.RESOLVED);
            }
            table.get(Status.RESOLVED).put(CommandType.CLOSE, Status.CLOSED);
            for (Status s : List.of(Status.RESOLVED, Status.CLOSED, Status.CANCELED, Status.DUPLICATE)) {
                table.get(s).put(CommandType.REOPEN, Status.INVESTIGATING);
            }
            for (Status s : List.of(Status.OPEN, Status.ACKNOWLEDGED, Status.INVESTIGATING)) {
                table.get(s).put(CommandType.CANCEL, Status.CANCELED);
            }
            for (Status s : Status.values()) {
                if (s != Status.CLOSED && s != Status.CANCELED && s != Status.DUPLICATE) {
                    table.get(s).put(CommandType.MARK_DUPLICATE, Status.DUPLICATE);
                }
            }
            return table;
        }

        private final List<CommandType> statusCommands = List.of(CommandType.ACKNOWLEDGE, CommandType.INVESTIGATE,
                CommandType.IDENTIFY, CommandType.MITIGATE, CommandType.RESOLVE, CommandType.CLOSE, CommandType.REOPEN,
                CommandType.CANCEL, CommandType.MARK_DUPLICATE);

        @Test
        @DisplayName("every status allows exactly the moves of the design table")
        void table() {
            String survivor = manager().declare(CHECKOUT, ALICE).id();
            Map<Status, Map<CommandType, Status>> expected = expectedTable();
            // Every cell is checked and every wrong one reported, rather than only the first.
            List<String> wrong = new ArrayList<>();

            for (Status from : Status.values()) {
                for (CommandType command : statusCommands) {
                    String id = incidentIn(from, survivor).id();
                    Optional<Status> to = Optional.ofNullable(expected.get(from).get(command));
                    String move = from + " --" + command.verb() + "--> ";
                    LogPosition head = store().head();
                    Throwable thrown = catchThrowable(() -> run(command, id, survivor));
                    if (to.isPresent()) {
                        if (thrown != null) {
                            wrong.add(move + to.get() + " expected, but " + thrown);
                        } else if (manager().get(id).status() != to.get()) {
                            wrong.add(move + to.get() + " expected, but " + manager().get(id).status());
                        }
                        continue;
                    }
                    if (!(thrown instanceof IllegalTransitionException)) {
                        wrong.add(move + "IllegalTransitionException expected, but "
                                + (thrown == null ? manager().get(id).status() : thrown));
                        continue;
                    }
                    IllegalTransitionException e = (IllegalTransitionException) thrown;
                    if (e.status() != from || e.command() != command) {
                        wrong.add(move + "rejection names " + e.status() + " and " + e.command());
                    }
                    if (!e.getMessage().contains(from.toString())) {
                        wrong.add(move + "message does not name " + from + ": " + e.getMessage());
                    }
                    for (CommandType legal : expected.get(from).keySet()) {
                        if (!e.getMessage().contains(legal.verb())) {
                            wrong.add(move + "message does not name the allowed " + legal.verb() + ": " + e.getMessage());
                        }
                    }
                    if (!store().head().equals(head)) {
                        wrong.add(move + "the rejection wrote to the store");
                    }
                }
            }

            assertThat(wrong).as("cells of the lifecycle table that are wrong").isEmpty();
        }

        @Test
        @DisplayName("terminal statuses take only a reopen and completing an action item")
        void terminalStatuses() {
            String survivor = manager().declare(CHECKOUT, ALICE).id();
            for (Status terminal : List.of(Status.CLOSED, Status.CANCELED, Status.DUPLICATE)) {
                String id = manager().declare(CHECKOUT, ALICE).id();
                manager().addActionItem(id, "Review the orders queries", Optional.empty(), Optional.empty(), ALICE);
                bringTo(id, terminal, survivor);

                List<ThrowingCallable> edits = List.of(
                        () -> manager().addNote(id, "late note", ALICE),
                        () -> manager().escalate(id, Severity.SEV1, "", ALICE),
                        () -> manager().downgrade(id, Severity.SEV3, "", ALICE),
                        () -> manager().correlateService(id, "payments", "", ALICE),
                        () -> manager().assignRole(id, Role.COMMANDER, Actor.of("bob"), ALICE),
                        () -> manager().addActionItem(id, "more", Optional.empty(), Optional.empty(), ALICE),
                        () -> manager().updatePostmortem(id, PostmortemUpdate.none().summary("s"), ALICE));
                for (ThrowingCallable edit : edits) {
                    IllegalTransitionException e = assertRejected(IllegalTransitionException.class, edit);
                    assertThat(e.status()).isEqualTo(terminal);
                }

                Incident done = manager().completeActionItem(id, 1, ALICE);
                IncidentAssert.assertThat(done).hasStatus(terminal);
                assertThat(done.actionItem(1)).hasValueSatisfying(item -> assertThat(item.isDone()).isTrue());
            }
        }

        @Test
        @DisplayName("a RESOLVED incident still takes notes and edits")
        void resolvedTakesEdits() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            manager().resolve(id, "fixed", ALICE);

            Incident noted = manager().addNote(id, "postmortem scheduled", ALICE);
            Incident correlated = manager().correlateService(id, "payments", "", ALICE);

            IncidentAssert.assertThat(noted).hasStatus(Status.RESOLVED).hasNotesCount(1);
            assertThat(correlated.services()).containsExactly("checkout", "payments");
        }

        @Test
        @DisplayName("a reopen leads back to INVESTIGATING and clears resolvedAt and closedAt")
        void reopen() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            clock().advance(Duration.ofMinutes(5));
            manager().mitigate(id, "", ALICE);
            clock().advance(Duration.ofMinutes(5));
            manager().resolve(id, "", ALICE);
            Instant resolvedAt = clock().instant();
            clock().advance(Duration.ofMinutes(5));
            IncidentAssert.assertThat(manager().closeIncident(id, "", ALICE)).wasResolvedAt(resolvedAt).wasClosedAt(clock().instant());
            clock().advance(Duration.ofMinutes(5));

            Incident reopened = manager().reopen(id, "it came back", BOB);

            IncidentAssert.assertThat(reopened).hasStatus(Status.INVESTIGATING).wasNotResolved()
                    .wasMitigatedAt(START.plus(Duration.ofMinutes(5)));
            assertThat(reopened.milestones().closedAt()).isEmpty();
            assertThat(reopened.reopenCount()).isEqualTo(1);
            assertThat(manager().timeline(id).get(4).headline()).isEqualTo("Incident reopened");
            assertThat(assertRejected(ValidationException.class, () -> manager().reopen(id, " ", ALICE)).field())
                    .isEqualTo("note");
        }

        @Test
        @DisplayName("Lifecycle.withoutReopeningClosed() keeps a closed incident closed")
        void withoutReopeningClosed() {
            IncidentManager m = manager(b -> b.lifecycle(Lifecycle.withoutReopeningClosed()));
            String closed = m.declare(CHECKOUT, ALICE).id();
            m.resolve(closed, "", ALICE);
            m.closeIncident(closed, "", ALICE);
            String resolved = m.declare(CHECKOUT, ALICE).id();
            m.resolve(resolved, "", ALICE);
            String canceled = m.declare(CHECKOUT, ALICE).id();
            m.cancel(canceled, "declared by mistake", ALICE);

            IllegalTransitionException e = assertRejected(IllegalTransitionException.class,
                    () -> m.reopen(closed, "it came back", ALICE));

            assertThat(e.status()).isEqualTo(Status.CLOSED);
            assertThat(e.command()).isEqualTo(CommandType.REOPEN);
            IncidentAssert.assertThat(m.reopen(resolved, "it came back", ALICE)).hasStatus(Status.INVESTIGATING);
            IncidentAssert.assertThat(m.reopen(canceled, "it was real", ALICE)).hasStatus(Status.INVESTIGATING);
        }

        @Test
        @DisplayName("a cancel keeps its reason, which must not be blank")
        void cancel() {
            String id = manager().declare(CHECKOUT, ALICE).id();

            assertThat(assertRejected(ValidationException.class, () -> manager().cancel(id, "", ALICE)).field())
                    .isEqualTo("reason");
            Incident canceled = manager().cancel(id, "No customer impact", ALICE);

            IncidentAssert.assertThat(canceled).hasStatus(Status.CANCELED).hasVersion(2);
            assertThat(canceled.cancelReason()).contains("No customer impact");
            assertThat(manager().reopen(id, "there was impact", ALICE).cancelReason()).isEmpty();
        }

        @Test
        @DisplayName("mark duplicate needs an existing survivor that is not a duplicate and not the incident itself")
        void markDuplicate() {
            String survivor = manager().declare(CHECKOUT, ALICE).id();
            String dup = manager().declare(CHECKOUT, BOB).id();
            String third = manager().declare(CHECKOUT, BOB).id();

            IncidentNotFoundException missing = assertRejected(IncidentNotFoundException.class,
                    () -> manager().markDuplicate(dup, "INC-2025-999", "", ALICE));
            assertThat(missing.incidentId()).isEqualTo("INC-2025-999");
            ValidationException self = assertRejected(ValidationException.class,
                    () -> manager().markDuplicate(dup, dup, "", ALICE));
            assertThat(self.field()).isEqualTo("duplicateOf");

            Incident marked = manager().markDuplicate(dup, survivor, "same root cause", ALICE);
            IncidentAssert.assertThat(marked).isDuplicateOf(survivor).hasVersion(2);

            IllegalTransitionException chained = assertRejected(IllegalTransitionException.class,
                    () -> manager().markDuplicate(third, dup, "", ALICE));
            assertThat(chained.getMessage()).contains(dup);

            Incident reopened = manager().reopen(dup, "not the same after all", ALICE);
            IncidentAssert.assertThat(reopened).hasStatus(Status.INVESTIGATING);
            assertThat(reopened.duplicateOf()).isEmpty();
        }

        @Test
        @DisplayName("resolving straight from OPEN leaves the skipped milestones empty")
        void skippingForward() {
            String id = manager().declare(CHECKOUT, ALICE).id();
            clock().advance(Duration.ofMinutes(20));

            Incident resolved = manager().resolve(id, "went away by itself", ALICE);

            IncidentAssert.assertThat(resolved).hasStatus(Status.RESOLVED).wasNotAcknowledged().wasNotMitigated()
                    .wasResolvedAt(START.plus(Duration.ofMinutes(20)));
            assertThat(resolved.acknowledgement()).isEmpty();
            assertThat(resolved.milestones().identifiedAt()).isEmpty();
            assertThat(Incident.replay(manager().history(id))).isEqualTo(resolved);
        }

        private Incident incidentIn(Status status, String survivor) {
            String id = manager().declare(CHECKOUT, ALICE).id();
            bringTo(id, status, survivor);
            Incident incident = manager().get(id);
            assertThat(incident.status()).as("set-up of an incident in %s", status).isEqualTo(status);
            return incident;
        }

        private void bringTo(String id, Status status, String survivor) {
            switch (status) {
                case OPEN:
                    break;
                case ACKNOWLEDGED:
                    manager().acknowledge(id, "", ALICE);
                    break;
                case INVESTIGATING:
                    manager().investigate(id, "", ALICE);
                    break;
                case IDENTIFIED:
                    manager().identify(id, "", ALICE);
                    break;
                case MITIGATED:
                    manager().mitigate(id, "", ALICE);
                    break;
                case RESOLVED:
                    manager().resolve(id, "", ALICE);
                    break;
                case CLOSED:
                    manager().resolve(id, "", ALICE);
                    manager().closeIncident(id, "", ALICE);
                    break;
                case CANCELED:
                    manager().cancel(id, "declared by mistake", ALICE);
                    break;
                case DUPLICATE:
                    manager().markDuplicate(id, survivor, "", ALICE);
                    break;
                default:
                    throw new IllegalArgumentException("no way to " + status);
            }
        }

        private Incident run(CommandType command, String id, String survivor) {
            switch (command) {
                case ACKNOWLEDGE:
                    // Bob, with a note of his own: never the no-op of a repeated acknowledgement.
                    return manager().acknowledge(id, "bob takes it", BOB);
                case INVESTIGATE:
                    return manager().investigate(id, "", BOB);
                case IDENTIFY:
                    return manager().identify(id, "", BOB);
                case MITIGATE:
                    return manager().mitigate(id, "", BOB);
                case RESOLVE:
                    return manager().resolve(id, "", BOB);
                case CLOSE:
                    return manager().closeIncident(id, "", BOB);
                case REOPEN:
                    return manager().reopen(id, "again", BOB);
                case CANCEL:
                    return manager().cancel(id, "mistake", BOB);
                case MARK_DUPLICATE:
                    return manager().markDuplicate(id, survivor, "", BOB);
                default:
                    throw new IllegalArgumentException("not a status change: " + command);
            }
        }
    }

    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("severity changes")
    class Severities {

        @Test
        @DisplayName("escalate goes only to a more severe level")
        void escalate() {
            String id = manager().declare(CHECKOUT, ALICE).id();

            ValidationException e = assertRejected(ValidationException.class,
                    () -> manager().escalate(id, Severity.SEV3, "", ALICE));
            Incident escalated = manager().escalate(id, Severity.SEV1, "spreading", ALICE);

            assertThat(e.field()).isEqualTo("severity");
            IncidentAssert.assertThat(escalated).hasSeverity(Severity.SEV1).hasVersion(2);
            assertThat(manager().timeline(id).get(1).headline()).isEqualTo("Escalated from SEV-2 to SEV-1");
        }

        @Test
        @DisplayName("downgrade goes only to a less severe level")
        void downgrade() {
            String id = manager().declare(CHECKOUT, ALICE).id();

            ValidationException e = assertRejected(ValidationException.class,
                    () -> manager().downgrade(id, Severity.SEV1, "", ALICE));
            Incident downgraded = manager().downgrade(id, Severity.SEV4, "cosmetic", ALICE);

            assertThat(e.field()).isEqualTo("severity");
            IncidentAssert.assertThat(downgraded).hasSeverity(Severity.SEV4).hasVersion(2);
        }

        @Test
        @DisplayName("changing to the current severity is a no-op")
        void sameSeverity() {
            String id = manager().declare(CHECKOUT, ALICE).id();

            Incident escalated = assertNothingWritten(() -> manager().escalate(id, Severity.SEV2, "", ALICE));
            Incident downgraded = assertNothingWritten(() -> manager().downgrade(id, Severity.SEV2, "", ALICE));

            IncidentAssert.assertThat(escalated).hasSeverity(Severity.SEV2).hasVersion(1);
            IncidentAssert.assertThat(downgraded).hasSeverity(Severity.SEV2).hasVersion(1);
        }
    }

    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("concurrent writers")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    class Concurrency {

        @Test
        @DisplayName("8 threads adding 25 notes each to one incident: all kept, versions gapless, chain intact")
        void concurrentNotes() throws Exception {
            int threads = 8;
            int each = 25;
            // Every lost race means another writer's append went through, so no command can lose
            // more races than there are notes: with this many retries none may give up.
            RaceGate gate = new RaceGate(store());
            IncidentManager m = manager(b -> b.store(gate).conflictRetries(threads * each));
            String id = m.declare(CHECKOUT, ALICE).id();

            List<List<Incident>> results = concurrently(gate, threads, each,
                    (t, i) -> m.addNote(id, "thread " + t + " note " + i, CommandContext.as("thread-" + t)));

            List<RecordedEvent> history = m.history(id);
            List<Long> versions = new ArrayList<>();
            for (long v = 1; v <= 1 + threads * each; v++) {
                versions.add(v);
            }
            assertThat(history).extracting(RecordedEvent::version).containsExactlyElementsOf(versions);
            Set<String> expectedNotes = new HashSet<>();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < each; i++) {
                    expectedNotes.add("thread " + t + " note " + i);
                }
            }
            assertThat(m.timeline(id).subList(1, history.size())).extracting(TimelineEntry::text)
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedNotes);
            IncidentAssert.assertThat(m.get(id)).hasNotesCount(threads * each).hasVersion(1 + threads * each);
            assertThat(results.stream().flatMap(List::stream).map(Incident::version))
                    .as("each command returned its own version").doesNotHaveDuplicates();
            for (List<Incident> mine : results) {
                assertThat(mine).extracting(Incident::version).as("one thread's versions").isSorted();
            }
            assertThat(gate.conflicts()).as("conflicts the store reported").isGreaterThanOrEqualTo(threads - 1);
            assertThat(m.verify(id).isIntact()).as("verify: %s", m.verify(id)).isTrue();
            assertThat(Incident.replay(history)).isEqualTo(m.get(id));
        }

        @Test
        @DisplayName("8 threads sending the same command id at once write it once and all get its result")
        void racingRetries() throws Exception {
            RaceGate gate = new RaceGate(store());
            IncidentManager m = manager(b -> b.store(gate));
            String id = m.declare(CHECKOUT, ALICE).id();

            List<Incident> results = concurrently(gate, 8, 1, (t, i) -> m.addNote(id, "exactly once", ALICE.commandId("retry-me")))
                    .stream().flatMap(List::stream).collect(Collectors.toList());

            assertThat(gate.conflicts()).as("conflicts the store reported").isPositive();
            assertThat(m.history(id)).hasSize(2);
            assertThat(results).allSatisfy(r -> IncidentAssert.assertThat(r).hasVersion(2).hasNotesCount(1));
            assertThat(new HashSet<>(results)).hasSize(1);
        }
    }

    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("the fold and the hash chain")
    class FoldAndChain {

        @Test
        @DisplayName("replaying the walkthrough's history gives what its last command returned")
        void walkthroughReplays() {
            Incident last = Fixtures.walkthrough(manager(), clock());

            assertThat(Incident.replay(manager().history(last.id()))).isEqualTo(last);
            assertThat(manager().get(last.id())).isEqualTo(last);
        }

        @Test
        @DisplayName("a long incident of 1,000 events replays, verifies and reads back in full")
        void longIncident() {
            Incident last = Fixtures.longIncident(manager(), clock(), 1_000);

            List<RecordedEvent> history = manager().history(last.id());
            assertThat(history).hasSize(1_000);
            assertThat(last.version()).isEqualTo(1_000);
            assertThat(Incident.replay(history)).isEqualTo(last);
            assertThat(manager().get(last.id())).isEqualTo(last);
            assertThat(manager().timeline(last.id())).hasSize(1_000);
            VerificationResult result = manager().verify(last.id());
            assertThat(result.isIntact()).as("verify: %s", result).isTrue();
            assertThat(result.eventsChecked()).isEqualTo(1_000);
        }

        @Test
        @DisplayName("hostile text is stored and read back exactly, and survives a CloudEvents round trip")
        void hostileText() {
            Incident last = Fixtures.hostile(manager(), clock());
            String id = last.id();

            IncidentAssert.assertThat(last).hasTitle(Fixtures.HOSTILE_TITLE).hasStatus(Status.MITIGATED)
                    .hasSeverity(Severity.SEV1).wasAcknowledgedBy(Fixtures.HOSTILE_ACTOR);
            assertThat(last.description()).isEqualTo(Fixtures.HOSTILE_DESCRIPTION);
            assertThat(manager().get(id)).isEqualTo(last);
            List<RecordedEvent> history = manager().history(id);
            assertThat(Incident.replay(history)).isEqualTo(last);
            List<String> texts = manager().timeline(id).stream().map(TimelineEntry::text).collect(Collectors.toList());
            assertThat(texts).containsSubsequence(Fixtures.HOSTILE_NOTES).contains(Fixtures.HOSTILE_TITLE,
                    Fixtures.HOSTILE_ACK_NOTE, Fixtures.HOSTILE_ACTION_ITEM, Fixtures.HOSTILE_PAYLOAD);
            assertThat(manager().verify(id).isIntact()).isTrue();

            CloudEventCodec codec = manager().cloudEvents();
            for (RecordedEvent e : history) {
                StoredEvent stored = e.stored();
                assertThat(codec.toRecord(codec.deserialize(codec.serialize(stored))))
                        .as("CloudEvents round trip of version %d", e.version()).isEqualTo(stored.record());
            }
        }
    }

    // -----------------------------------------------------------------------------------------

    @Nested
    @DisplayName("subscriptions")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    class Subscriptions {

        @Test
        @DisplayName("from the start: every event once, in global order, old ones then live ones")
        void fromStart() throws Exception {
            IncidentManager m = manager();
            String walkthrough = Fixtures.walkthrough(m, clock()).id();
            String hostile = Fixtures.hostile(m, clock()).id();
            BlockingQueue<RecordedEvent> seen = new LinkedBlockingQueue<>();

            Subscription subscription = m.subscribe(LogPosition.START, seen::add);
            try {
                m.addNote(hostile, "live one", ALICE);
                m.addNote(hostile, "live two", BOB);
                List<RecordedEvent> expected = new ArrayList<>(m.history(walkthrough));
                expected.addAll(m.history(hostile));
                expected.sort(Comparator.comparing(RecordedEvent::position));

                List<RecordedEvent> got = take(seen, expected.size());

                assertThat(got).extracting(RecordedEvent::eventId)
                        .containsExactlyElementsOf(expected.stream().map(RecordedEvent::eventId).collect(Collectors.toList()));
                assertThat(got).isEqualTo(expected);
                // Delivery is in order, so if the next event is the sentinel, nothing came twice.
                Incident sentinel = m.addNote(hostile, "sentinel", ALICE);
                RecordedEvent next = take(seen, 1).get(0);
                assertThat(List.of(next.incidentId(), next.version())).isEqualTo(List.of(hostile, sentinel.version()));
            } finally {
                subscription.close();
            }
        }

        @Test
        @DisplayName("from now: only later events")
        void fromNow() throws Exception {
            IncidentManager m = manager();
            Fixtures.walkthrough(m, clock());
            BlockingQueue<RecordedEvent> seen = new LinkedBlockingQueue<>();

            Subscription subscription = m.subscribe(seen::add);
            try {
                Incident later = m.declare(CHECKOUT, ALICE);
                m.acknowledge(later.id(), "", ALICE);

                List<RecordedEvent> got = take(seen, 2);

                assertThat(got).extracting(RecordedEvent::incidentId).containsOnly(later.id());
                assertThat(got).extracting(RecordedEvent::version).containsExactly(1L, 2L);
            } finally {
                subscription.close();
            }
        }

        @Test
        @DisplayName("sees every event of racing writers once, in global order")
        void concurrentWriters() throws Exception {
            RaceGate gate = new RaceGate(store());
            IncidentManager m = manager(b -> b.store(gate).conflictRetries(100));
            int threads = 4;
            int rounds = 10;
            String shared = m.declare(CHECKOUT, ALICE).id();
            BlockingQueue<RecordedEvent> seen = new LinkedBlockingQueue<>();
            Subscription subscription = m.subscribe(LogPosition.START, seen::add);
            try {
                // Each round a thread declares an incident of its own or notes on the shared one,
                // so that new streams and a contended one commit side by side.
                concurrently(gate, threads, rounds, (t, r) -> r % 2 == 0
                        ? m.declare(Declare.of("Thread " + t + " round " + r, Severity.SEV3, "checkout"), CommandContext.as("t" + t))
                        : m.addNote(shared, "thread " + t + " round " + r, CommandContext.as("t" + t)));
                List<RecordedEvent> expected = new ArrayList<>();
                for (Incident incident : m.list()) {
                    expected.addAll(m.history(incident.id()));
                }
                expected.sort(Comparator.comparing(RecordedEvent::position));
                assertThat(expected).hasSize(1 + threads * rounds);

                List<RecordedEvent> got = take(seen, expected.size());

                assertThat(got).extracting(RecordedEvent::eventId)
                        .containsExactlyElementsOf(expected.stream().map(RecordedEvent::eventId).collect(Collectors.toList()));
                Incident sentinel = m.addNote(shared, "sentinel", ALICE);
                RecordedEvent next = take(seen, 1).get(0);
                assertThat(List.of(next.incidentId(), next.version())).isEqualTo(List.of(shared, sentinel.version()));
            } finally {
                subscription.close();
            }
        }

        @Test
        @DisplayName("a listener that throws does not stop its subscription")
        void failingListener() throws Exception {
            IncidentManager m = manager();
            BlockingQueue<RecordedEvent> seen = new LinkedBlockingQueue<>();
            Subscription subscription = m.subscribe(e -> {
                seen.add(e);
                if (e.version() == 1) {
                    throw new IllegalStateException("a listener's own failure, thrown on purpose by the test");
                }
            });
            try {
                String id = m.declare(CHECKOUT, ALICE).id();
                m.addNote(id, "after the failure", ALICE);

                assertThat(take(seen, 2)).extracting(RecordedEvent::version).containsExactly(1L, 2L);
            } finally {
                subscription.close();
            }
        }

        @Test
        @DisplayName("closing a subscription stops its delivery")
        void closeStops() throws Exception {
            IncidentManager m = manager();
            BlockingQueue<RecordedEvent> closed = new LinkedBlockingQueue<>();
            BlockingQueue<RecordedEvent> control = new LinkedBlockingQueue<>();
            Subscription toClose = m.subscribe(closed::add);

            Subscription open = m.subscribe(control::add);
            try {
                String id = m.declare(CHECKOUT, ALICE).id();
                assertThat(take(closed, 1).get(0).incidentId()).isEqualTo(id);
                assertThat(take(control, 1).get(0).incidentId()).isEqualTo(id);

                toClose.close();
                toClose.close();
                // close() waits for the subscription's thread to end: its position is final now.
                LogPosition last = toClose.position();
                m.addNote(id, "after the close", ALICE);
                m.addNote(id, "and another", ALICE);

                assertThat(take(control, 2)).extracting(RecordedEvent::version).containsExactly(2L, 3L);
                assertThat(closed).as("events delivered after close()").isEmpty();
                assertThat(toClose.position()).isEqualTo(last);
            } finally {
                open.close();
            }
        }
    }

    // -----------------------------------------------------------------------------------------

    /**
     * Runs a command that must be rejected and checks that nothing was written: the store's head
     * and every incident are as before.
     */
    private <T extends Throwable> T assertRejected(Class<T> type, ThrowingCallable command) {
        LogPosition head = store().head();
        List<Incident> before = manager().list();
        Throwable thrown = catchThrowable(command);
        assertThat(thrown).as("the rejection").isInstanceOf(type);
        assertThat(store().head()).as("the store's head after a rejected command").isEqualTo(head);
        assertThat(manager().list()).as("the incidents after a rejected command").isEqualTo(before);
        return type.cast(thrown);
    }

    /** Runs a command that must succeed without writing: a no-op or a safe retry. */
    private Incident assertNothingWritten(Supplier<Incident> command) {
        LogPosition head = store().head();
        List<Incident> before = manager().list();
        Incident result = command.get();
        assertThat(store().head()).as("the store's head after a command that writes nothing").isEqualTo(head);
        assertThat(manager().list()).as("the incidents after a command that writes nothing").isEqualTo(before);
        return result;
    }

    /** Takes {@code n} events from a subscriber's queue, failing if they do not come in time. */
    private static List<RecordedEvent> take(BlockingQueue<RecordedEvent> queue, int n) throws InterruptedException {
        List<RecordedEvent> got = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RecordedEvent e = queue.poll(AWAIT_SECONDS, SECONDS);
            if (e == null) {
                fail("only %d of %d events were delivered within %d s: %s", i, n, AWAIT_SECONDS, got);
            }
            got.add(e);
        }
        return got;
    }

    /**
     * Runs {@code task} {@code rounds} times on each of {@code threads} threads that race through
     * {@code gate}: every call they make to the store's {@code append} or {@code
     * nextIncidentNumber} waits until each of them still running has made one, so that their
     * commands truly collide, each time, even on a machine with few cores.
     *
     * @return each thread's results, in thread order, each in round order
     */
    private static <T> List<List<T>> concurrently(RaceGate gate, int threads, int rounds, RoundTask<T> task)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        gate.open(threads);
        try {
            List<Future<List<T>>> futures = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    gate.enter();
                    try {
                        List<T> mine = new ArrayList<>(rounds);
                        for (int round = 0; round < rounds; round++) {
                            mine.add(task.run(thread, round));
                        }
                        return mine;
                    } finally {
                        gate.exit();
                    }
                }));
            }
            List<List<T>> results = new ArrayList<>(threads);
            for (Future<List<T>> f : futures) {
                results.add(f.get(60, SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            if (!pool.awaitTermination(AWAIT_SECONDS, SECONDS)) {
                fail("the test's threads did not stop within %d s", AWAIT_SECONDS);
            }
        }
    }

    /** One thread's command in one round of {@link #concurrently}. */
    @FunctionalInterface
    private interface RoundTask<T> {
        T run(int thread, int round);
    }

    /**
     * The store under test, with a barrier in front of {@code append} and {@code
     * nextIncidentNumber} for the racing threads of {@link #concurrently}: a {@link Phaser} whose
     * parties are the threads still racing, so that each call waits for one call of every other
     * racer and they all reach the store together. Other threads, and every other method, pass
     * straight through. It counts the conflicts the store reports, to show that the race was real.
     */
    private static final class RaceGate implements EventStore {

        private final EventStore store;
        private final ThreadLocal<Boolean> racing = ThreadLocal.withInitial(() -> false);
        private final AtomicInteger conflicts = new AtomicInteger();
        private volatile Phaser phaser = new Phaser();

        RaceGate(EventStore store) {
            this.store = store;
        }

        void open(int racers) {
            phaser = new Phaser(racers);
        }

        void enter() {
            racing.set(true);
        }

        void exit() {
            racing.set(false);
            phaser.arriveAndDeregister();
        }

        int conflicts() {
            return conflicts.get();
        }

        private void pass() {
            if (!racing.get()) {
                return;
            }
            Phaser p = phaser;
            try {
                p.awaitAdvanceInterruptibly(p.arrive(), AWAIT_SECONDS, SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the race gate", e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the other racers did not reach the store within " + AWAIT_SECONDS + " s", e);
            }
        }

        @Override
        public AppendResult append(String incidentId, long expectedVersion, List<EventRecord> events) {
            pass();
            try {
                return store.append(incidentId, expectedVersion, events);
            } catch (ConcurrencyConflictException e) {
                conflicts.incrementAndGet();
                throw e;
            }
        }

        @Override
        public long nextIncidentNumber(int year) {
            pass();
            return store.nextIncidentNumber(year);
        }

        @Override
        public List<StoredEvent> readStream(String incidentId, long afterVersion) {
            return store.readStream(incidentId, afterVersion);
        }

        @Override
        public List<StoredEvent> readAll(LogPosition after, int limit) {
            return store.readAll(after, limit);
        }

        @Override
        public LogPosition head() {
            return store.head();
        }

        @Override
        public Optional<CommandRecord> findCommand(String commandId) {
            return store.findCommand(commandId);
        }

        @Override
        public Optional<LogPosition> checkpoint(String name) {
            return store.checkpoint(name);
        }

        @Override
        public void saveCheckpoint(String name, LogPosition position) {
            store.saveCheckpoint(name, position);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private static int sequence(String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            throw new AssertionError("not an incident id: " + id);
        }
        return Integer.parseInt(m.group(2));
    }
}
