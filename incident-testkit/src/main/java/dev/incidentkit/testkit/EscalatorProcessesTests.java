package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.oncall.EscalationTick;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.core.spi.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EscalatorContract}: processes sharing a store, restarts, and failures. */
abstract class EscalatorProcessesTests extends EscalatorHarness {

    @Test
    @DisplayName("three processes ticking together at every instant page each step once")
    void eachStepOnce() throws Exception {
        int processes = 3;
        List<IncidentManager> managers = new ArrayList<>();
        List<Escalator> escalators = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            EventStore s = process();
            IncidentManager m = manager(s);
            managers.add(m);
            escalators.add(escalator(m, s, "process-" + i));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(declare(managers.get(i % processes), Severity.SEV1, "payments-api"));
        }
        CyclicBarrier start = new CyclicBarrier(processes);
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        try {
            for (long t : new long[] {0, 5, 15, 30}) {
                minutes(t);
                List<Future<EscalationTick>> ticks = new ArrayList<>();
                for (Escalator e : escalators) {
                    ticks.add(pool.submit(() -> {
                        start.await();
                        return e.tick();
                    }));
                }
                int pages = 0;
                for (Future<EscalationTick> f : ticks) {
                    pages += f.get(1, TimeUnit.MINUTES).pages();
                }
                assertThat(pages).as("pages at minute " + t).isEqualTo(ids.size());
            }
        } finally {
            pool.shutdownNow();
        }

        for (String id : ids) {
            assertThat(pages(managers.get(0), id)).containsExactly("alice L1 R1 @0", "carol L2 R1 @5", "dave L3 R1 @15", "vp L4 R1 @30");
        }
        await("every page delivered once", () -> pager.pages().size() == 4 * ids.size());
    }

    @Test
    @DisplayName("a process that dies after paging, before storing the step: another takes the step over once the claim lapses, and pages nobody twice")
    void takeover() {
        AtomicBoolean dies = new AtomicBoolean(true);
        EventStore dying = new ForwardingStore(process()) {
            @Override
            public Optional<EscalationStore> escalationStore() {
                EscalationStore real = super.escalationStore().orElseThrow();
                return Optional.of(new ForwardingEscalations(real) {
                    @Override
                    public boolean complete(Claim claim, Escalation next) {
                        if (dies.get()) {
                            throw new StoreException("the process died");
                        }
                        return super.complete(claim, next);
                    }
                });
            }
        };
        IncidentManager a = manager(dying);
        Escalator first = escalator(a, dying, "process-a");
        EventStore store = process();
        IncidentManager b = manager(store);
        Escalator second = escalator(b, store, "process-b");
        String id = declare(a, Severity.SEV1, "payments-api");

        EscalationTick died = first.tick();
        first.close();
        clock.set(T0.plusSeconds(59));
        EscalationTick held = second.tick();
        clock.set(T0.plusSeconds(60));
        EscalationTick taken = second.tick();
        minutes(5);
        EscalationTick next = second.tick();

        assertThat(died.failed()).isEqualTo(1);
        assertThat(first.status().failures()).isEqualTo(1);
        assertThat(first.status().lastFailure()).get().asString().contains("the process died");
        assertThat(held.pages()).as("the claim holds for its minute").isZero();
        assertThat(taken.pages()).isEqualTo(1);
        assertThat(next.pages()).isEqualTo(1);
        assertThat(pages(b, id)).containsExactly("alice L1 R1 @0", "carol L2 R1 @5");
    }

    @Test
    @DisplayName("a restarted escalator goes on where the last one stopped, starting nothing twice")
    void restart() {
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator before = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");
        before.tick();
        before.close();

        EventStore again = process();
        IncidentManager m2 = manager(again);
        Escalator after = escalator(m2, again, "p2");
        minutes(5);
        EscalationTick tick = after.tick();

        assertThat(tick.started()).isZero();
        assertThat(tick.pages()).isEqualTo(1);
        assertThat(pages(m2, id)).containsExactly("alice L1 R1 @0", "carol L2 R1 @5");
    }

    @Test
    @DisplayName("an escalation whose policy is gone from the configuration ends, loudly")
    void policyGone() {
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");
        escalator.tick();

        config = OnCallConfig.of(config.schedules().values(), List.of(), config.people().values(), Map.of());
        minutes(5);
        EscalationTick tick = escalator.tick();

        assertThat(tick.failed()).isEqualTo(1);
        assertThat(escalator.escalation(id).orElseThrow().status()).isEqualTo(Escalation.Status.EXHAUSTED);
        assertThat(notes(m, id)).singleElement().asString().contains("policy payments is no longer configured");
        assertThat(escalator.status().failures()).isEqualTo(1);
    }

    @Test
    @DisplayName("a step that throws is counted and taken again once its claim lapses")
    void failingStep() {
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");
        escalator.tick();
        OnCallConfig good = config;

        config = null; // the supplier answers null: the step throws
        minutes(5);
        EscalationTick failed = escalator.tick();
        config = good;
        clock.set(T0.plus(Duration.ofMinutes(5)).plusSeconds(30));
        EscalationTick held = escalator.tick();
        clock.set(T0.plus(Duration.ofMinutes(6)));
        EscalationTick retried = escalator.tick();

        assertThat(failed.failed()).isEqualTo(1);
        assertThat(escalator.status().failures()).isEqualTo(1);
        assertThat(escalator.status().lastFailureAt()).contains(T0.plus(Duration.ofMinutes(5)));
        assertThat(held.pages()).isZero();
        assertThat(retried.pages()).isEqualTo(1);
        assertThat(pages(m, id)).containsExactly("alice L1 R1 @0", "carol L2 R1 @6");
    }

    @Test
    @DisplayName("a new escalator starts from now: incidents declared before it are not escalated")
    void startsFromNow() {
        EventStore store = process();
        IncidentManager m = manager(store);
        String old = declare(m, Severity.SEV1, "payments-api");
        Escalator escalator = escalator(m, store, "p1");
        escalator.tick();
        String fresh = declare(m, Severity.SEV1, "payments-api");

        EscalationTick tick = escalator.tick();

        assertThat(escalator.escalation(old)).isEmpty();
        assertThat(tick.started()).isEqualTo(1);
        assertThat(pages(m, fresh)).hasSize(1);
    }

    /** Forwards every call to another escalation store. */
    static class ForwardingEscalations implements EscalationStore {
        private final EscalationStore s;

        ForwardingEscalations(EscalationStore s) {
            this.s = s;
        }

        @Override
        public boolean start(Escalation e) {
            return s.start(e);
        }

        @Override
        public Optional<Escalation> find(String incidentId) {
            return s.find(incidentId);
        }

        @Override
        public List<Escalation> running(int limit) {
            return s.running(limit);
        }

        @Override
        public List<Claim> claimDue(Instant now, String owner, Duration ttl, int limit) {
            return s.claimDue(now, owner, ttl, limit);
        }

        @Override
        public boolean complete(Claim claim, Escalation next) {
            return s.complete(claim, next);
        }

        @Override
        public void release(Claim claim) {
            s.release(claim);
        }

        @Override
        public boolean acknowledge(String incidentId, Instant when) {
            return s.acknowledge(incidentId, when);
        }

        @Override
        public boolean hurry(String incidentId, int round, int level, Instant when) {
            return s.hurry(incidentId, round, level, when);
        }

        @Override
        public Optional<Instant> nextDue() {
            return s.nextDue();
        }
    }
}
