package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.spi.EscalationStore.Claim;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EscalationStoreContract}: complete, release, acknowledge and hurry. */
abstract class EscalationSteppingTests extends EscalationHarness {

    private Claim claimOne(long dueAfter) {
        escalations.start(running(incident(1), dueAfter));
        return escalations.claimDue(at(dueAfter), "p1", TTL, 10).get(0);
    }

    @Test
    @DisplayName("complete stores the next state and frees the claim: due again at its own time")
    void complete() {
        Claim c = claimOne(0);
        Escalation next = paged(c.escalation(), 300, "alice", "bob");

        assertThat(escalations.complete(c, next)).isTrue();

        assertThat(escalations.find(incident(1))).contains(next);
        assertThat(escalations.claimDue(at(299), "p2", TTL, 10)).isEmpty();
        assertThat(escalations.claimDue(at(300), "p2", TTL, 10)).extracting(Claim::escalation).containsExactly(next);
    }

    @Test
    @DisplayName("a claim completes once: its second complete writes nothing")
    void completeOnce() {
        Claim c = claimOne(0);
        Escalation next = paged(c.escalation(), 300, "alice");
        escalations.complete(c, next);

        assertThat(escalations.complete(c, paged(next, 300, "bob"))).isFalse();
        assertThat(escalations.find(incident(1))).contains(next);
    }

    @Test
    @DisplayName("complete of another incident's state is refused")
    void completeOtherIncident() {
        Claim c = claimOne(0);

        assertThatThrownBy(() -> escalations.complete(c, running(incident(2), 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(incident(2));
    }

    @Test
    @DisplayName("an exhausted escalation is no longer running nor claimable")
    void exhausted() {
        Claim c = claimOne(0);
        Escalation e = c.escalation();
        Escalation done = new Escalation(e.policyId(), e.incidentId(), e.severity(), e.triggeredAt(), 1, 1, e.at(),
                Escalation.Status.EXHAUSTED, 1, java.util.List.of("alice"));

        assertThat(escalations.complete(c, done)).isTrue();

        assertThat(escalations.running(10)).isEmpty();
        assertThat(escalations.claimDue(at(10_000), "p1", TTL, 10)).isEmpty();
        assertThat(escalations.find(incident(1))).contains(done);
    }

    @Test
    @DisplayName("release frees a claim at once; a stale release does nothing")
    void release() {
        Claim c = claimOne(0);
        escalations.release(c);

        Claim again = escalations.claimDue(at(1), "p2", TTL, 10).get(0);
        escalations.release(c);

        assertThat(escalations.claimDue(at(2), "p3", TTL, 10)).isEmpty();
        assertThat(escalations.complete(again, paged(again.escalation(), 60, "alice"))).isTrue();
    }

    @Test
    @DisplayName("acknowledge stops a running escalation, and a claim held on it can no longer complete")
    void acknowledge() {
        Claim c = claimOne(0);

        assertThat(escalations.acknowledge(incident(1), at(20))).isTrue();
        assertThat(escalations.acknowledge(incident(1), at(25))).isFalse();
        assertThat(escalations.acknowledge(incident(9), at(25))).isFalse();

        assertThat(escalations.complete(c, paged(c.escalation(), 60, "alice"))).isFalse();
        Escalation stored = escalations.find(incident(1)).orElseThrow();
        assertThat(stored.status()).isEqualTo(Escalation.Status.ACKNOWLEDGED);
        assertThat(stored.at()).isEqualTo(at(20));
        assertThat(escalations.claimDue(at(1_000), "p2", TTL, 10)).isEmpty();
    }

    @Test
    @DisplayName("hurry brings the named step forward, and only that step of a running escalation")
    void hurry() {
        Claim c = claimOne(0);
        Escalation next = paged(c.escalation(), 300, "alice"); // round 1, level 2, due at 300
        escalations.complete(c, next);

        assertThat(escalations.hurry(incident(1), 1, 1, at(10))).as("a step already taken").isFalse();
        assertThat(escalations.hurry(incident(1), 2, 2, at(10))).as("another round").isFalse();
        assertThat(escalations.hurry(incident(1), 1, 2, at(400))).as("later than it is due").isFalse();
        assertThat(escalations.find(incident(1))).contains(next);

        assertThat(escalations.hurry(incident(1), 1, 2, at(10))).isTrue();
        assertThat(escalations.find(incident(1)).orElseThrow().at()).isEqualTo(at(10));
        assertThat(escalations.claimDue(at(10), "p2", TTL, 10)).hasSize(1);

        escalations.acknowledge(incident(1), at(11));
        assertThat(escalations.hurry(incident(1), 1, 2, at(11))).as("acknowledged").isFalse();
    }
}
