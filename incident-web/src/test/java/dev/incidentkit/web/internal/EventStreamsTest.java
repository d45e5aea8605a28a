package dev.incidentkit.web.internal;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventStreamsTest {

    static final Pattern ID = Pattern.compile("^id: (\\S+)$", Pattern.MULTILINE);

    final IncidentManager incidents = IncidentKit.builder().store(new SimpleEventStore())
            .clock(ManualClock.at(Instant.parse("2025-08-23T14:30:00Z"))).pollInterval(Duration.ofMillis(20)).build();
    final EventStreams streams = new EventStreams(incidents, 2, Duration.ofHours(1));

    @AfterEach
    void close() {
        streams.close();
        incidents.close();
    }

    /** Collects frames; can be told to fail, as a client that went away does. */
    static final class Frames implements EventStreams.Sink {
        final StringBuilder text = new StringBuilder();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile boolean gone;
        private final List<CountDownLatch> waits = new ArrayList<>();

        @Override
        public synchronized void write(String frames) throws IOException {
            if (gone) {
                throw new IOException("Broken pipe");
            }
            text.append(frames);
            waits.forEach(CountDownLatch::countDown);
            notifyAll();
        }

        @Override
        public void end() {
            ended.countDown();
        }

        /** @return how many keep-alive comments it has, waiting up to 10 s for at least {@code atLeast} */
        synchronized int keepAlives(int atLeast) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                int n = text.toString().split(": keep-alive\n\n", -1).length - 1;
                long left = deadline - System.nanoTime();
                if (n >= atLeast || left <= 0) {
                    return n;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized List<String> ids(int atLeast) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                List<String> ids = new ArrayList<>();
                Matcher m = ID.matcher(text);
                while (m.find()) {
                    ids.add(m.group(1));
                }
                long left = deadline - System.nanoTime();
                if (ids.size() >= atLeast || left <= 0) {
                    return ids;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    @Test
    void aStreamSendsOldEventsThenLiveOnesEachWithItsPosition() throws Exception {
        String id = incidents.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("alice")).id();
        Frames frames = new Frames();
        assertThat(streams.open(LogPosition.START, frames)).isTrue();
        incidents.acknowledge(id, "on it", as("bob"));

        List<String> ids = frames.ids(2);
        assertThat(ids).hasSize(2);
        assertThat(frames.text.toString()).startsWith("retry: 2000\n\n")
                .contains("\"type\":\"incident.declared\"", "\"type\":\"incident.acknowledged\"");
        assertThat(ids).containsExactlyElementsOf(incidents.events(LogPosition.START, 10).stream()
                .map(e -> e.position().toString()).toList());
    }

    @Test
    void aClientResumingAfterAPositionMissesNothingAndSeesNothingTwice() throws Exception {
        String id = incidents.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("alice")).id();
        incidents.acknowledge(id, "on it", as("bob"));
        incidents.addNote(id, "looking at the pool", as("bob"));
        LogPosition first = incidents.events(LogPosition.START, 1).get(0).position();

        Frames frames = new Frames();
        streams.open(first, frames);
        List<String> ids = frames.ids(2);

        assertThat(ids).containsExactlyElementsOf(incidents.events(first, 10).stream()
                .map(e -> e.position().toString()).toList());
    }

    @Test
    void aClientThatWentAwayIsEndedAndFreesItsPlace() throws Exception {
        Frames gone = new Frames();
        streams.open(LogPosition.START, gone);
        Frames other = new Frames();
        streams.open(LogPosition.START, other);
        assertThat(streams.open(LogPosition.START, new Frames())).as("over the cap").isFalse();

        gone.gone = true;
        incidents.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("alice"));
        assertThat(gone.ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(other.ids(1)).hasSize(1);
        assertThat(streams.openStreams()).isEqualTo(1);
        assertThat(streams.open(LogPosition.START, new Frames())).isTrue();
    }

    @Test
    void closingEndsEveryStream() throws Exception {
        Frames frames = new Frames();
        streams.open(LogPosition.START, frames);
        streams.close();
        assertThat(frames.ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(streams.openStreams()).isZero();
    }

    @Test
    void aReservedPlaceCountsAgainstTheCapUntilOpenedOrReleased() throws Exception {
        var first = streams.reserve();
        var second = streams.reserve();
        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(streams.reserve()).as("both places taken, no stream open yet").isEmpty();
        assertThat(streams.full()).isTrue();

        second.get().release();
        second.get().release();
        Frames frames = new Frames();
        assertThat(streams.open(LogPosition.START, frames)).as("the released place").isTrue();
        assertThat(streams.reserve()).isEmpty();
        assertThat(first.get().open(LogPosition.START, new Frames(), () -> true)).isTrue();
        first.get().release();
        assertThat(streams.openStreams()).isEqualTo(2);
        assertThat(streams.reserve()).as("releasing an opened place frees nothing").isEmpty();
    }

    @Test
    void aPlaceOpenedAfterCloseIsRefusedAndNotCounted() {
        var place = streams.reserve().orElseThrow();
        streams.close();

        assertThat(place.open(LogPosition.START, new Frames(), () -> true)).isFalse();
        assertThat(streams.openStreams()).isZero();
        assertThat(streams.full()).isFalse();
    }

    @Test
    void aClientThatStopsReadingDoesNotHoldUpTheHeartbeatsOfOthers() throws Exception {
        EventStreams beating = new EventStreams(incidents, 2, Duration.ofMillis(20));
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A client whose socket buffers are full: a write blocks until Jetty's idle timeout fails it.
        EventStreams.Sink stalled = new EventStreams.Sink() {
            @Override
            public void write(String frames) throws IOException {
                if (frames.startsWith(":")) {
                    stuck.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException();
                    }
                }
            }

            @Override
            public void end() {}
        };
        try {
            Frames healthy = new Frames();
            assertThat(beating.open(LogPosition.START, stalled)).isTrue();
            assertThat(beating.open(LogPosition.START, healthy)).isTrue();
            assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
            int before = healthy.keepAlives(0);

            assertThat(healthy.keepAlives(before + 3)).as("heartbeats while another client is stuck")
                    .isGreaterThanOrEqualTo(before + 3);
        } finally {
            release.countDown();
            beating.close();
        }
    }

    @Test
    void aStreamWhoseCallerMayNoLongerReadEndsBeforeItsNextFrame() throws Exception {
        String id = incidents.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("alice")).id();
        java.util.concurrent.atomic.AtomicBoolean allowed = new java.util.concurrent.atomic.AtomicBoolean(true);
        Frames frames = new Frames();
        assertThat(streams.reserve().orElseThrow().open(LogPosition.START, frames, allowed::get)).isTrue();
        assertThat(frames.ids(1)).hasSize(1);

        allowed.set(false);
        incidents.acknowledge(id, "on it", as("bob"));

        assertThat(frames.ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(frames.ids(1)).hasSize(1);
        assertThat(frames.text.toString()).doesNotContain("incident.acknowledged");
        assertThat(streams.openStreams()).isZero();
    }
}
