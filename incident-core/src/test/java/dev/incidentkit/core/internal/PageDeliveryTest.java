package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.internal.NotificationSettings.RoutedNotifier;
import dev.incidentkit.core.internal.NotifierRetryTest.RecordingWaiter;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.notify.DeliverySettings.StartPosition;
import dev.incidentkit.core.notify.NotifierStatus;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.notify.spi.Recipient;
import dev.incidentkit.testkit.CapturedLog;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pages through the dispatcher: a page goes to the notifier that takes one of its channels,
 * addressed from the contact book, whatever that notifier's route; the other notifiers hear of it
 * through their routes; and a page whose every channel is dead is told to the {@link PageFailures},
 * from the path that made the last dead letter.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class PageDeliveryTest {

    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
    private static final long AWAIT_SECONDS = 30;
    private static final Route NOT_PAGES = Route.all().withTypes("incident.declared");

    private final SimpleEventStore store = new SimpleEventStore();
    private final ManualClock clock = ManualClock.at(START);
    private final IncidentManager writer = IncidentKit.builder().store(store).clock(clock).build();
    private final List<NotificationDispatcher> dispatchers = new ArrayList<>();
    private final Map<String, String> book = new ConcurrentHashMap<>();
    private final List<Undeliverable> undeliverable = new CopyOnWriteArrayList<>();
    private final Object progress = new Object();

    /** One call of {@link PageFailures#undeliverable}. */
    record Undeliverable(String incidentId, IncidentEvent.Paged page, UUID eventId, String reasons, String thread) {}

    @AfterEach
    void close() {
        dispatchers.forEach(NotificationDispatcher::close);
        writer.close();
    }

    @Test
    void aPageReachesTheNotifierOfItsFirstChannelWithARecipientWhateverItsRouteAndTheOthersThroughTheirRoutes() {
        book.put("alice/slack", "U024BE7LH");
        book.put("alice/webhook", "https://hooks.example.com/alice");
        Person slack = new Person("slack", Set.of("slack"), NOT_PAGES);
        Person hook = new Person("hook", Set.of("webhook"), NOT_PAGES);
        Person channel = new Person("ops-channel", Set.of(), Route.all());
        Person quiet = new Person("quiet", Set.of("sms"), NOT_PAGES);
        NotificationDispatcher d = start(slack, hook, channel, quiet);

        String id = declare();
        UUID page = page(id, "sms", "slack", "webhook");
        awaitHandled(d);

        assertThat(slack.pages()).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo(page.toString());
            assertThat(n.recipient()).contains(new Recipient("alice", "slack", "U024BE7LH"));
            assertThat(n.incidentId()).isEqualTo(id);
        });
        assertThat(hook.pages()).singleElement().satisfies(n ->
                assertThat(n.recipient()).contains(new Recipient("alice", "webhook", "https://hooks.example.com/alice")));
        assertThat(channel.pages()).as("news for the channel, through its route").singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEmpty());
        assertThat(quiet.pages()).as("sms: no address, but its route does not take pages either").isEmpty();
        assertThat(d.deadLetters("quiet")).singleElement().satisfies(letter -> {
            assertThat(letter.eventId()).isEqualTo(page);
            assertThat(letter.attempts()).isZero();
            assertThat(letter.lastError()).contains("no sms address for alice");
        });
        assertThat(undeliverable).as("slack and webhook are alive").isEmpty();
        assertThat(d.contactKinds()).containsExactlyInAnyOrder("slack", "webhook", "sms");
    }

    @Test
    void aNotifierWhoseKindsMatchNoChannelGetsThePageThroughItsRouteWithoutARecipient() {
        book.put("alice/slack", "U024BE7LH");
        Person slack = new Person("slack", Set.of("slack"), Route.all());
        NotificationDispatcher d = start(slack);

        page(declare(), "email");
        awaitHandled(d);

        assertThat(slack.pages()).singleElement().satisfies(n -> assertThat(n.recipient()).isEmpty());
        assertThat(d.deadLetters("slack")).isEmpty();
        assertThat(undeliverable).isEmpty();
    }

    @Test
    void aPersonWithoutAnAddressOfTheKindIsADeadLetterAtOnceCountedLoggedOnceAndUndeliverable() {
        Person pager = new Person("pager", Set.of("pagerduty"), Route.all());
        List<String> warnings;
        NotificationDispatcher d;
        String id;
        UUID page;
        try (CapturedLog log = CapturedLog.start()) {
            d = start(pager);
            id = declare();
            page = page(id, "pagerduty");
            awaitHandled(d);
            await("the page is told undeliverable", () -> !undeliverable.isEmpty());
            warnings = log.warningsAndErrors("Notifier pager");
        }

        assertThat(pager.pages()).as("the notifier is never called with a page it cannot address").isEmpty();
        DeadLetter letter = d.deadLetters("pager").get(0);
        assertThat(letter.eventId()).isEqualTo(page);
        assertThat(letter.attempts()).isZero();
        assertThat(letter.lastError()).isEqualTo(
                "the contact book has no pagerduty address for alice: this channel of the page failed for good");
        assertThat(warnings).as("logged once at WARN").singleElement().asString().contains("WARN")
                .contains("no pagerduty address for alice");

        NotifierStatus status = d.status("pager");
        assertThat(status.failedAttempts()).isEqualTo(1);
        assertThat(status.lastFailure()).map(NotifierStatus.Failure::error).hasValueSatisfying(
                e -> assertThat(e).contains("no pagerduty address for alice"));
        assertThat(status.health()).as("the notifier itself works").isEqualTo(NotifierStatus.Health.HEALTHY);
        assertThat(status.deadLetters()).isEqualTo(1);

        assertThat(undeliverable).singleElement().satisfies(u -> {
            assertThat(u.incidentId()).isEqualTo(id);
            assertThat(u.eventId()).isEqualTo(page);
            assertThat(u.page().person()).isEqualTo("alice");
            assertThat(u.reasons()).isEqualTo("pagerduty: notifier pager gave up: " + letter.lastError());
            assertThat(u.thread()).startsWith("incidentkit-notifier-pager");
        });
    }

    @Test
    void oneChannelDeadAndOneDeliveredIsNotUndeliverable() {
        book.put("alice/slack", "U024BE7LH");
        book.put("alice/pagerduty", "R0UT1NG");
        Person pager = new Person("pager", Set.of("pagerduty"), NOT_PAGES,
                n -> n.recipient().isPresent() ? DeliveryResult.failed("HTTP 400 invalid routing key")
                        : DeliveryResult.delivered());
        Person slack = new Person("slack", Set.of("slack"), NOT_PAGES);
        NotificationDispatcher d = start(pager, slack);

        UUID page = page(declare(), "pagerduty", "slack");
        awaitHandled(d);

        assertThat(d.deadLetters("pager")).extracting(DeadLetter::eventId).containsExactly(page);
        assertThat(slack.pages()).hasSize(1);
        assertThat(undeliverable).isEmpty();
        assertThat(d.pageFailureErrors()).isZero();
    }

    @Test
    void everyChannelDeadIsUndeliverableOnceFromThePathOfTheLastDeadLetter() {
        book.put("alice/slack", "U024BE7LH");
        book.put("alice/pagerduty", "R0UT1NG");
        Person pager = new Person("pager", Set.of("pagerduty"), NOT_PAGES,
                n -> n.recipient().isPresent() ? DeliveryResult.failed("HTTP 400 invalid routing key")
                        : DeliveryResult.delivered());
        CountDownLatch pagerDone = new CountDownLatch(1);
        // Slack fails only once the pager is done with the page, so that the order is known: the
        // pager sees slack alive, slack then sees both dead.
        Person slack = new Person("slack", Set.of("slack"), NOT_PAGES, n -> {
            if (n.recipient().isEmpty()) {
                return DeliveryResult.delivered();
            }
            try {
                assertThat(pagerDone.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DeliveryResult.failed("HTTP 404 user_not_found");
        });
        NotificationDispatcher d = start(pager, slack);

        String id = declare();
        UUID page = page(id, "slack", "sms", "pagerduty");
        await("the pager handled the page", () -> handled(d, "pager"));
        assertThat(undeliverable).as("slack is still on its way").isEmpty();
        pagerDone.countDown();
        awaitHandled(d);
        await("the page is told undeliverable", () -> !undeliverable.isEmpty());

        assertThat(undeliverable).singleElement().satisfies(u -> {
            assertThat(u.eventId()).isEqualTo(page);
            assertThat(u.incidentId()).isEqualTo(id);
            assertThat(u.thread()).startsWith("incidentkit-notifier-slack");
            assertThat(u.reasons()).isEqualTo("slack: notifier slack gave up: failed for good: HTTP 404 user_not_found; "
                    + "sms: no notifier reaches sms; "
                    + "pagerduty: notifier pager gave up: failed for good: HTTP 400 invalid routing key");
        });
    }

    @Test
    void aPageThatRunsOutOfAttemptsIsUndeliverableToo() {
        book.put("alice/pagerduty", "R0UT1NG");
        Person pager = new Person("pager", Set.of("pagerduty"), NOT_PAGES,
                n -> n.recipient().isPresent() ? DeliveryResult.retryLater("HTTP 503") : DeliveryResult.delivered());
        NotificationDispatcher d = start(settings().maxAttempts(3).build(), pager);

        UUID page = page(declare(), "pagerduty");
        awaitHandled(d);
        await("the page is told undeliverable", () -> !undeliverable.isEmpty());

        assertThat(pager.pages()).hasSize(3);
        assertThat(d.deadLetters("pager")).singleElement().satisfies(l -> assertThat(l.attempts()).isEqualTo(3));
        assertThat(undeliverable).singleElement().satisfies(u -> {
            assertThat(u.eventId()).isEqualTo(page);
            assertThat(u.reasons()).isEqualTo("pagerduty: notifier pager gave up: HTTP 503");
        });
    }

    @Test
    void whatTheCallbackThrowsIsCountedAndLoggedAndTheNotifierGoesOn() {
        Person pager = new Person("pager", Set.of("pagerduty"), Route.all());
        List<String> warnings;
        List<String> lines;
        NotificationDispatcher d;
        try (CapturedLog log = CapturedLog.start()) {
            d = start(settings().build(), (incidentId, page, eventId, reasons) -> {
                throw new IllegalStateException("escalation store down");
            }, pager);
            String id = declare();
            page(id, "pagerduty");
            await("the callback failed", () -> d.pageFailureErrors() == 1);
            writer.addNote(id, "after the page", CommandContext.as("bob"));
            awaitHandled(d);
            warnings = log.warningsAndErrors("Telling the escalation");
            lines = log.lines();
        }

        assertThat(d.pageFailureErrors()).isEqualTo(1);
        assertThat(warnings).singleElement().asString().contains("WARN").contains("undeliverable");
        assertThat(lines.get(lines.indexOf(warnings.get(0)) + 1))
                .startsWith("java.lang.IllegalStateException: escalation store down");
        assertThat(pager.received).extracting(Notification::type)
                .containsExactly("incident.declared", "incident.note_added");
        assertThat(d.status("pager").health()).isEqualTo(NotifierStatus.Health.HEALTHY);
    }

    @Test
    void aKindNamedTwiceBelongsToTheFirstRegisteredAndTheSecondHearsThroughItsRoute() {
        book.put("alice/slack", "U024BE7LH");
        Person first = new Person("slack-oncall", Set.of("slack"), NOT_PAGES);
        Person second = new Person("slack-eng", Set.of("slack"), Route.all());
        NotificationDispatcher d = start(first, second);

        page(declare(), "slack");
        awaitHandled(d);

        assertThat(first.pages()).singleElement().satisfies(n -> assertThat(n.recipient()).isPresent());
        assertThat(second.pages()).singleElement().satisfies(n -> assertThat(n.recipient()).isEmpty());
        assertThat(d.contactKinds()).containsExactly("slack");
    }

    @Test
    void aReplayAddressesThePageFromTheBookAsItIsNowAndTellsNoOne() {
        Person pager = new Person("pager", Set.of("pagerduty"), NOT_PAGES);
        NotificationDispatcher d = start(pager);
        UUID page = page(declare(), "pagerduty");
        awaitHandled(d);
        await("the page is told undeliverable", () -> !undeliverable.isEmpty());

        assertThat(d.replay("pager", page)).isEqualTo(DeliveryResult.failed(
                "the contact book has no pagerduty address for alice: this channel of the page failed for good"));
        book.put("alice/pagerduty", "R0UT1NG");
        assertThat(d.replay("pager", page)).isEqualTo(DeliveryResult.delivered());

        assertThat(pager.pages()).singleElement().satisfies(n ->
                assertThat(n.recipient()).contains(new Recipient("alice", "pagerduty", "R0UT1NG")));
        assertThat(d.deadLetters("pager")).isEmpty();
        assertThat(undeliverable).as("once, from the worker; never from a replay").hasSize(1);
    }

    @Test
    void aContactKindOfAnotherFormIsRefusedWhenTheDispatcherIsBuilt() {
        Person bad = new Person("bad", Set.of("Slack"), Route.all());
        assertThatThrownBy(() -> start(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notifier bad").hasMessageContaining("'Slack'");
    }

    // ----------------------------------------------------------------------------------------

    /** A notifier that reaches people by some kinds, keeps what it receives and answers with a function. */
    final class Person implements Notifier {
        final String name;
        final Set<String> kinds;
        final Route route;
        final Function<Notification, DeliveryResult> answer;
        final List<Notification> received = new CopyOnWriteArrayList<>();

        Person(String name, Set<String> kinds, Route route) {
            this(name, kinds, route, n -> DeliveryResult.delivered());
        }

        Person(String name, Set<String> kinds, Route route, Function<Notification, DeliveryResult> answer) {
            this.name = name;
            this.kinds = kinds;
            this.route = route;
            this.answer = answer;
        }

        List<Notification> pages() {
            return received.stream().filter(n -> n.type().equals(EventTypes.PAGED)).toList();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> contactKinds() {
            return kinds;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            received.add(notification);
            try {
                return answer.apply(notification);
            } finally {
                ping();
            }
        }
    }

    private NotificationDispatcher start(Person... notifiers) {
        return start(settings().build(), notifiers);
    }

    private NotificationDispatcher start(DeliverySettings settings, Person... notifiers) {
        return start(settings, (incidentId, page, eventId, reasons) -> {
            undeliverable.add(new Undeliverable(incidentId, page, eventId, reasons, Thread.currentThread().getName()));
            ping();
        }, notifiers);
    }

    private NotificationDispatcher start(DeliverySettings settings, PageFailures failures, Person... notifiers) {
        List<RoutedNotifier> routed = new ArrayList<>();
        for (Person p : notifiers) {
            routed.add(new RoutedNotifier(p, p.route));
        }
        NotificationSettings n = new NotificationSettings(routed, settings, Optional.empty(), "test",
                name -> new RecordingWaiter(x -> {}));
        NotificationDispatcher d = new NotificationDispatcher(store, CloudEventCodec.forApplication("test"), clock, n,
                (person, kind) -> Optional.ofNullable(book.get(person + "/" + kind)), failures);
        dispatchers.add(d);
        d.start();
        return d;
    }

    private static DeliverySettings.Builder settings() {
        return DeliverySettings.custom().leaseTtl(Duration.ofHours(1)).pollInterval(Duration.ofMillis(20))
                .startPosition(StartPosition.FROM_BEGINNING);
    }

    private String declare() {
        return writer.declare(Declare.of("Payments API error rate above 5%", Severity.SEV1, "payments"),
                CommandContext.as("alice")).id();
    }

    /** Records a page of alice to {@code channels}; @return its event id */
    private UUID page(String incidentId, String... channels) {
        writer.execute(incidentId, new Command.RecordPage("alice", 1, 1, "payments",
                "level 1 of policy Payments", List.of(channels)), CommandContext.as("escalation"));
        List<StoredEvent> stream = store.readStream(incidentId, 0);
        StoredEvent last = stream.get(stream.size() - 1);
        assertThat(last.record().type()).isEqualTo(EventTypes.PAGED);
        dispatchers.forEach(NotificationDispatcher::wake);
        return last.record().eventId();
    }

    private boolean handled(NotificationDispatcher d, String notifier) {
        LogPosition head = store.head();
        return d.status(notifier).checkpoint().equals(Optional.of(head));
    }

    /** Waits until every notifier of {@code d} has handled every event: delivered, dead-lettered or skipped. */
    private void awaitHandled(NotificationDispatcher d) {
        await("every notifier has handled every event", () -> d.notifiers().stream().allMatch(n -> handled(d, n)));
    }

    private void ping() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Waits for a condition: woken by every notifier call, and checking at least every 10 ms. */
    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        synchronized (progress) {
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as("waited %d s for: %s", AWAIT_SECONDS, what).isLessThan(deadline);
                try {
                    progress.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for: " + what, e);
                }
            }
        }
    }
}
