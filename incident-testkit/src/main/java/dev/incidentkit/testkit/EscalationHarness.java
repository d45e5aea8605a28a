package dev.incidentkit.testkit;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.spi.EscalationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every concern of {@link EscalationStoreContract} works with: the store, instants, escalations. */
@ExtendWith(ContractResolver.class)
abstract class EscalationHarness {

    /** Escalations start from here on: a fixed instant with microseconds. */
    static final Instant T0 = Instant.parse("2025-08-23T14:30:00.123456Z");

    /** How long a claim lasts in these tests. */
    static final Duration TTL = Duration.ofSeconds(30);

    EscalationStore escalations;

    @BeforeEach
    final void bindStore(EscalationStoreContract contract) {
        escalations = contract.escalations();
    }

    /** @return {@link #T0} plus that many seconds */
    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** @return a running escalation of that incident, at level 1 of round 1, due that many seconds after T0 */
    static Escalation running(String incidentId, long dueAfterSeconds) {
        return new Escalation("payments", incidentId, Severity.SEV1, T0, 1, 1, at(dueAfterSeconds),
                Escalation.Status.RUNNING, 0, List.of());
    }

    /** @return the state after paging level {@code e.level()}: the next level, due that many seconds later */
    static Escalation paged(Escalation e, long nextInSeconds, String... people) {
        return new Escalation(e.policyId(), e.incidentId(), e.severity(), e.triggeredAt(), e.round(), e.level() + 1,
                e.at().plusSeconds(nextInSeconds), Escalation.Status.RUNNING, e.level(), List.of(people));
    }

    static String incident(int n) {
        return String.format("INC-2025-%03d", n);
    }
}
