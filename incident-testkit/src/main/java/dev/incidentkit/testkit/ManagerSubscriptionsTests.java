package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Subscription;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.LogPosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link IncidentManagerContract}: subscriptions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ManagerSubscriptionsTests extends ManagerHarness {

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
