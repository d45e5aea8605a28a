package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.oncall.Escalation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EscalationStoreContract}: start, find, running and nextDue. */
abstract class EscalationStartingTests extends EscalationHarness {

    @Test
    @DisplayName("an escalation comes back exactly as it was started")
    void roundTrip() {
        Escalation e = new Escalation("policy \"ü\" <x>", "INC-2025-001", Severity.SEV3, T0, 3, 2, at(3600),
                Escalation.Status.RUNNING, 1, List.of("alice", "bob o'brien", "chloe"));

        assertThat(escalations.start(e)).isTrue();

        assertThat(escalations.find("INC-2025-001")).contains(e);
        assertThat(escalations.find("INC-2025-002")).isEmpty();
    }

    @Test
    @DisplayName("an incident is escalated once: a second start is a no-op, even after it ended")
    void startsOnce() {
        Escalation first = running("INC-2025-001", 0);
        escalations.start(first);

        assertThat(escalations.start(running("INC-2025-001", 60))).isFalse();
        assertThat(escalations.find("INC-2025-001")).contains(first);

        escalations.acknowledge("INC-2025-001", at(10));
        assertThat(escalations.start(running("INC-2025-001", 0))).isFalse();
        assertThat(escalations.find("INC-2025-001").orElseThrow().status()).isEqualTo(Escalation.Status.ACKNOWLEDGED);
    }

    @Test
    @DisplayName("instants are kept to the microsecond, finer parts dropped")
    void microseconds() {
        Instant fine = T0.plusNanos(999);
        escalations.start(new Escalation("p", "INC-2025-001", Severity.SEV1, fine, 1, 1, fine.plusSeconds(5),
                Escalation.Status.RUNNING, 0, List.of()));

        Escalation stored = escalations.find("INC-2025-001").orElseThrow();
        assertThat(stored.triggeredAt()).isEqualTo(T0);
        assertThat(stored.at()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    @DisplayName("running lists the running ones soonest due first, then by incident, up to the limit")
    void running() {
        escalations.start(running(incident(3), 20));
        escalations.start(running(incident(2), 10));
        escalations.start(running(incident(1), 20));
        escalations.start(running(incident(4), 5));
        escalations.acknowledge(incident(4), at(1));

        assertThat(escalations.running(10)).extracting(Escalation::incidentId)
                .containsExactly(incident(2), incident(1), incident(3));
        assertThat(escalations.running(2)).extracting(Escalation::incidentId).containsExactly(incident(2), incident(1));
    }

    @Test
    @DisplayName("nextDue is the soonest claimable instant of a running escalation, or empty")
    void nextDue() {
        assertThat(escalations.nextDue()).isEmpty();

        escalations.start(running(incident(1), 60));
        escalations.start(running(incident(2), 10));
        assertThat(escalations.nextDue()).contains(at(10));

        // Claimed at 10 for 30 s: claimable again at 40, before the other at 60.
        assertThat(escalations.claimDue(at(10), "p1", TTL, 10)).hasSize(1);
        assertThat(escalations.nextDue()).contains(at(40));

        escalations.acknowledge(incident(2), at(11));
        assertThat(escalations.nextDue()).contains(at(60));
        escalations.acknowledge(incident(1), at(12));
        assertThat(escalations.nextDue()).isEmpty();
    }
}
