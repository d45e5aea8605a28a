package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link NotificationContract}: DeliveryStore: leases. */
abstract class NotificationLeasesTests extends NotificationHarness {

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
