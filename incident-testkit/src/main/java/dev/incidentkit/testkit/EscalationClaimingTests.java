package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.spi.EscalationStore.Claim;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EscalationStoreContract}: claimDue. */
abstract class EscalationClaimingTests extends EscalationHarness {

    @Test
    @DisplayName("only running escalations due at now are claimed, soonest first, up to the limit")
    void dueOnly() {
        escalations.start(running(incident(1), 30));
        escalations.start(running(incident(2), 10));
        escalations.start(running(incident(3), 10));
        escalations.start(running(incident(4), 31));
        escalations.start(running(incident(5), 0));
        escalations.acknowledge(incident(5), at(0));

        List<Claim> claims = escalations.claimDue(at(30), "p1", TTL, 2);

        assertThat(claims).extracting(c -> c.escalation().incidentId()).containsExactly(incident(2), incident(3));
        assertThat(escalations.claimDue(at(30), "p1", TTL, 10)).extracting(c -> c.escalation().incidentId())
                .containsExactly(incident(1));
        assertThat(escalations.claimDue(at(30), "p2", TTL, 10)).isEmpty();
    }

    @Test
    @DisplayName("a claim names its owner, lapses at now + ttl, and carries the escalation as stored")
    void claimShape() {
        Escalation e = running(incident(1), 0);
        escalations.start(e);

        Claim c = escalations.claimDue(at(5), "process-1", TTL, 10).get(0);

        assertThat(c.escalation()).isEqualTo(e);
        assertThat(c.owner()).isEqualTo("process-1");
        assertThat(c.until()).isEqualTo(at(5).plus(TTL));
    }

    @Test
    @DisplayName("a held claim keeps others off until it lapses; then another takes it with a new token")
    void lapse() {
        escalations.start(running(incident(1), 0));
        Claim first = escalations.claimDue(at(0), "p1", TTL, 10).get(0);

        assertThat(escalations.claimDue(at(29), "p2", TTL, 10)).isEmpty();
        List<Claim> taken = escalations.claimDue(at(30), "p2", TTL, 10);

        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).owner()).isEqualTo("p2");
        assertThat(taken.get(0).token()).isNotEqualTo(first.token());
        assertThat(escalations.complete(first, paged(first.escalation(), 60, "alice"))).isFalse();
        assertThat(escalations.find(incident(1))).contains(first.escalation());
    }

    @Test
    @DisplayName("bad arguments are refused by name, and nothing is claimed")
    void badArguments() {
        escalations.start(running(incident(1), 0));

        assertThatThrownBy(() -> escalations.claimDue(at(0), "p1", Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> escalations.claimDue(at(0), "p1", TTL, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> escalations.claimDue(at(0), "two\nlines", TTL, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner");
        assertThat(escalations.claimDue(at(0), "p1", TTL, 1)).hasSize(1);
    }
}
