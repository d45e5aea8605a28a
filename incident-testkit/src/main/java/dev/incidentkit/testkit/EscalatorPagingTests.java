package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.oncall.EscalationLevel;
import dev.incidentkit.core.oncall.EscalationPolicy;
import dev.incidentkit.core.oncall.EscalationTick;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.core.spi.EventStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EscalatorContract}: who is paged, when, and when it stops. */
abstract class EscalatorPagingTests extends EscalatorHarness {

    @Test
    @DisplayName("a SEV-1 nobody acknowledges pages level 1, 2, 3 and 4 at their instants, repeats, and stops at the acknowledgment")
    void levelsRepeatAndStop() {
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");

        EscalationTick first = escalator.tick();
        assertThat(first.started()).isEqualTo(1);
        assertThat(first.pages()).isEqualTo(1);
        assertThat(first.nextDue()).contains(T0.plusSeconds(300));
        minutes(4);
        assertThat(escalator.tick().pages()).as("level 2 is not due before 5 min").isZero();
        for (long m2 : new long[] {5, 15, 30, 50, 55, 60, 70, 85}) {
            minutes(m2);
            escalator.tick();
        }

        // Level 5 (the office schedule, erin in business hours) follows the VP; round 2 begins
        // after it: 5 + 10 + 15 + 20 + 5 = 55 min.
        assertThat(pages(m, id)).containsExactly(
                "alice L1 R1 @0", "carol L2 R1 @5", "dave L3 R1 @15", "vp L4 R1 @30", "erin L5 R1 @50",
                "alice L1 R2 @55", "carol L2 R2 @60", "dave L3 R2 @70", "vp L4 R2 @85");
        await("every page delivered", () -> pager.pages().size() == 9);
        assertThat(pager.pages()).containsExactly("alice@pager.example", "carol@pager.example", "dave@pager.example",
                "vp@pager.example", "erin@pager.example", "alice@pager.example", "carol@pager.example",
                "dave@pager.example", "vp@pager.example");

        minutes(90);
        m.acknowledge(id, "on it", ALICE);
        minutes(105);
        EscalationTick after = escalator.tick();
        assertThat(after.stopped()).isEqualTo(1);
        assertThat(after.pages()).isZero();
        assertThat(after.nextDue()).isEmpty();
        assertThat(escalator.escalation(id).orElseThrow().status()).isEqualTo(Escalation.Status.ACKNOWLEDGED);
        assertThat(pages(m, id)).hasSize(9);
    }

    @Test
    @DisplayName("the last level of the last round ends the escalation")
    void exhausts() {
        config = payments(EscalationPolicy.Repeat.none(), EscalationLevel.IfNobody.SKIP);
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV2, "payments-api");

        for (long t : new long[] {0, 5, 15, 30, 35, 600}) {
            minutes(t);
            escalator.tick();
        }

        assertThat(pages(m, id)).containsExactly("alice L1 R1 @0", "carol L2 R1 @5", "dave L3 R1 @15", "erin L5 R1 @30");
        assertThat(escalator.escalation(id).orElseThrow().status()).isEqualTo(Escalation.Status.EXHAUSTED);
        assertThat(escalator.running(10)).isEmpty();
    }

    @Test
    @DisplayName("a SEV-4 declared at 03:00 on a Saturday pages at 09:00 on Monday, the next business hour")
    void businessHours() {
        clock.set(Instant.parse("2025-08-23T01:00:00Z"));
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV4, "payments-api");

        assertThat(escalator.tick().pages()).isZero();
        clock.set(Instant.parse("2025-08-25T06:59:59Z"));
        assertThat(escalator.tick().pages()).isZero();
        clock.set(Instant.parse("2025-08-25T07:00:00Z"));
        assertThat(escalator.tick().pages()).isEqualTo(1);

        assertThat(m.history(id).stream().filter(e -> e.type().equals("incident.paged")).findFirst().orElseThrow()
                .occurredAt()).isEqualTo(Instant.parse("2025-08-25T07:00:00Z"));
    }

    @Test
    @DisplayName("an incident of a service no policy covers is not escalated")
    void uncovered() {
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "search");

        EscalationTick tick = escalator.tick();

        assertThat(tick.started()).isZero();
        assertThat(escalator.escalation(id)).isEmpty();
        assertThat(pages(m, id)).isEmpty();
    }

    @Test
    @DisplayName("any move out of OPEN stops it: resolving an incident nobody acknowledged")
    void resolvedStops() {
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");
        escalator.tick();

        minutes(3);
        m.submit(id, new Command.Cancel("false alarm"), ALICE);
        minutes(5);
        EscalationTick tick = escalator.tick();

        assertThat(tick.stopped()).isEqualTo(1);
        assertThat(pages(m, id)).containsExactly("alice L1 R1 @0");
    }

    @Test
    @DisplayName("an escalator that ticks late pages the level due now, and says which steps it passed over")
    void catchesUp() {
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");
        escalator.tick();

        minutes(16);
        EscalationTick tick = escalator.tick();

        assertThat(tick.pages()).as("level 2 was missed: level 3 is due now").isEqualTo(1);
        assertThat(tick.missed()).isEqualTo(1);
        assertThat(pages(m, id)).containsExactly("alice L1 R1 @0", "dave L3 R1 @16");
        assertThat(notes(m, id)).singleElement().asString().contains("1 escalation step due since").contains("passed over");
        assertThat(escalator.escalation(id).orElseThrow().at()).isEqualTo(T0.plusSeconds(30 * 60));
        assertThat(tick.nextDue()).contains(T0.plusSeconds(30 * 60));
    }

    @Test
    @DisplayName("pages are recorded with their why, as the escalator's actor")
    void why() {
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");
        escalator.tick();
        minutes(5);
        escalator.tick();

        List<String> whys = m.history(id).stream().filter(e -> e.event() instanceof dev.incidentkit.core.event.IncidentEvent.Paged)
                .map(e -> e.actor().name() + ": " + ((dev.incidentkit.core.event.IncidentEvent.Paged) e.event()).why()).toList();
        assertThat(whys).hasSize(2);
        assertThat(whys.get(0)).startsWith("escalation: level 1 of policy Payments").contains("triggered");
        assertThat(whys.get(1)).startsWith("escalation: level 2 of policy Payments").contains("alice").contains("5 min");
    }

    @Test
    @DisplayName("after two days without an escalator, one page: the step due now, not every missed round")
    void longOutage() {
        config = payments(EscalationPolicy.Repeat.untilAcknowledged(), EscalationLevel.IfNobody.SKIP);
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");
        escalator.tick();

        clock.set(T0.plus(java.time.Duration.ofDays(2)));
        EscalationTick tick = escalator.tick();

        assertThat(tick.pages()).isEqualTo(1);
        assertThat(tick.missed()).isPositive();
        assertThat(pages(m, id)).hasSize(2);
        assertThat(tick.nextDue()).get().matches(at -> at.isAfter(clock.instant()));
    }

    @Test
    @DisplayName("an incident declared back-dated is escalated from when it was recorded")
    void backdated() {
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = m.declare(dev.incidentkit.core.Declare.of("Checkout failed overnight", Severity.SEV1, "payments-api"),
                ALICE.at(T0.minus(java.time.Duration.ofDays(2)))).id();

        EscalationTick tick = escalator.tick();

        assertThat(tick.pages()).isEqualTo(1);
        assertThat(pages(m, id)).containsExactly("alice L1 R1 @0");
        assertThat(escalator.escalation(id).orElseThrow().triggeredAt()).isEqualTo(T0);
    }
}
