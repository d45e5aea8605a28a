package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wake-up signal: one fire wakes every parked reader, through the chain; none waits for its timeout. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class AppendSignalTest {

    /** Far longer than the test may take: a reader that returns was woken, not timed out. */
    private static final long PARK_MILLIS = 600_000;

    @Test
    void oneFireWakesEveryParkedReader() throws InterruptedException {
        AppendSignal signal = new AppendSignal();
        int readers = 6;
        CountDownLatch woken = new CountDownLatch(readers);
        AtomicLong seenAfter = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            Thread t = new Thread(() -> {
                try {
                    long now = 0;
                    while (now == 0) {
                        now = signal.awaitAfter(0, PARK_MILLIS);
                    }
                    seenAfter.accumulateAndGet(now, Math::max);
                    woken.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "reader-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            while (t.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
        }
        signal.fire();
        assertThat(woken.await(30, TimeUnit.SECONDS)).as("every reader woken by one fire").isTrue();
        assertThat(seenAfter.get()).isEqualTo(1);
    }

    @Test
    void aReaderThatIsBehindDoesNotWaitAtAll() throws InterruptedException {
        AppendSignal signal = new AppendSignal();
        signal.fire();
        signal.fire();
        assertThat(signal.awaitAfter(1, PARK_MILLIS)).isEqualTo(2);
        assertThat(signal.count()).isEqualTo(2);
    }

    @Test
    void aWaitEndsAtItsTimeoutWithoutAFire() throws InterruptedException {
        AppendSignal signal = new AppendSignal();
        long now = signal.awaitAfter(0, 1);
        assertThat(now).isZero();
    }
}
