package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.spi.EscalationStore.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EscalationStoreContract}: many claimers, each step taken once. */
abstract class EscalationConcurrencyTests extends EscalationHarness {

    private static final int THREADS = 6;
    private static final int INCIDENTS = 60;
    private static final int STEPS = 3;

    @Test
    @DisplayName("claimers racing over many due escalations: every step is claimed and completed exactly once")
    void eachStepOnce() throws Exception {
        for (int i = 1; i <= INCIDENTS; i++) {
            escalations.start(running(incident(i), 0));
        }
        ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();
        ConcurrentHashMap<String, Integer> lostCompletes = new ConcurrentHashMap<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String owner = "process-" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    // Every step is due at once, so now moves on by the steps alone: each level
                    // is due 1 s after the previous, and each claimer looks far enough ahead.
                    for (int round = 0; round < STEPS * 4; round++) {
                        for (Claim c : escalations.claimDue(at(STEPS), owner, TTL, 7)) {
                            String step = c.escalation().incidentId() + "@" + c.escalation().level();
                            if (c.escalation().level() > STEPS) {
                                escalations.release(c);
                                continue;
                            }
                            if (escalations.complete(c, paged(c.escalation(), 1, "alice"))) {
                                completed.add(step);
                            } else {
                                lostCompletes.merge(step, 1, Integer::sum);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        // Finish what the racers left, on one thread.
        for (List<Claim> cs = escalations.claimDue(at(STEPS), "finisher", TTL, 1000); !cs.isEmpty();
                cs = escalations.claimDue(at(STEPS), "finisher", TTL, 1000)) {
            boolean any = false;
            for (Claim c : cs) {
                if (c.escalation().level() <= STEPS) {
                    any = true;
                    assertThat(escalations.complete(c, paged(c.escalation(), 1, "alice"))).isTrue();
                    completed.add(c.escalation().incidentId() + "@" + c.escalation().level());
                }
            }
            if (!any) {
                break;
            }
        }

        assertThat(lostCompletes).as("no claim lapsed within the test, so none may lose its complete").isEmpty();
        assertThat(completed).doesNotHaveDuplicates().hasSize(INCIDENTS * STEPS);
        for (int i = 1; i <= INCIDENTS; i++) {
            assertThat(escalations.find(incident(i)).orElseThrow().level()).isEqualTo(STEPS + 1);
        }
    }
}
