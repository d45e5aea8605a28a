package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.spi.AlertStore.GroupDecision;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link AlertStoreContract}: group, groupIncident, groupDeclared and releaseGroup. */
abstract class AlertGroupsTests extends AlertHarness {

    private static final Instant NEVER_STALE = Instant.EPOCH;
    private static final String KEY = "source:alertmanager:{}:{alertname=\"HighLatency\"}";

    private GroupDecision group(String key, Instant now, String newClaimId) {
        return alerts.group(key, now, NEVER_STALE, newClaimId, now.plus(CLAIM));
    }

    @Test
    @DisplayName("the first alert of a group claims it under the new claim id")
    void firstClaims() {
        assertThat(group(KEY, T0, "claim-1")).isEqualTo(new GroupDecision.Claimed("claim-1"));
        assertThat(alerts.groupIncident(KEY, NEVER_STALE)).isEmpty();
    }

    @Test
    @DisplayName("while the claim holds (until its end, inclusive) the others wait")
    void othersWait() {
        group(KEY, T0, "claim-1");

        assertThat(group(KEY, at(1), "claim-2")).isEqualTo(new GroupDecision.Wait());
        assertThat(alerts.group(KEY, T0.plus(CLAIM), NEVER_STALE, "claim-3", at(90))).isEqualTo(new GroupDecision.Wait());
    }

    @Test
    @DisplayName("a claim that ended is taken over under the stored claim id, for a new span")
    void takeoverKeepsClaimId() {
        group(KEY, T0, "claim-1");

        assertThat(group(KEY, at(31), "claim-2")).isEqualTo(new GroupDecision.Claimed("claim-1"));
        // Claimed again until 61 s: the others wait again.
        assertThat(group(KEY, at(61), "claim-3")).isEqualTo(new GroupDecision.Wait());
        assertThat(group(KEY, at(62), "claim-4")).isEqualTo(new GroupDecision.Claimed("claim-1"));
        // The dead claimant's declaration still counts: the claim id is the same.
        assertThat(alerts.groupDeclared(KEY, "claim-1", "INC-2025-001")).isTrue();
        assertThat(group(KEY, at(63), "claim-5")).isEqualTo(new GroupDecision.Join("INC-2025-001"));
    }

    @Test
    @DisplayName("a declared group is joined, its last alert moved to now")
    void declaredIsJoined() {
        group(KEY, T0, "claim-1");
        assertThat(alerts.groupDeclared(KEY, "claim-1", "INC-2025-001")).isTrue();

        assertThat(alerts.groupIncident(KEY, NEVER_STALE)).contains("INC-2025-001");
        assertThat(alerts.group(KEY, at(100), T0, "claim-2", at(130)))
                .isEqualTo(new GroupDecision.Join("INC-2025-001"));
        // Its last alert is now 100 s: not stale before 100 s, stale before 101 s.
        assertThat(alerts.groupIncident(KEY, at(100))).contains("INC-2025-001");
        assertThat(alerts.groupIncident(KEY, at(101))).isEmpty();
    }

    @Test
    @DisplayName("a group whose last alert came before staleBefore is started again under the new claim id")
    void staleStartsAgain() {
        group(KEY, T0, "claim-1");
        alerts.groupDeclared(KEY, "claim-1", "INC-2025-001");

        // Last alert at T0 exactly: not stale before T0.
        assertThat(alerts.group(KEY, at(10), T0, "claim-2", at(40))).isEqualTo(new GroupDecision.Join("INC-2025-001"));
        assertThat(alerts.group(KEY, at(400), at(11), "claim-3", at(430))).isEqualTo(new GroupDecision.Claimed("claim-3"));
        assertThat(alerts.groupIncident(KEY, NEVER_STALE)).isEmpty();
        assertThat(alerts.group(KEY, at(401), NEVER_STALE, "claim-4", at(431))).isEqualTo(new GroupDecision.Wait());
        assertThat(alerts.groupDeclared(KEY, "claim-1", "INC-2025-001")).isFalse();
        assertThat(alerts.groupDeclared(KEY, "claim-3", "INC-2025-002")).isTrue();
        assertThat(alerts.groupIncident(KEY, NEVER_STALE)).contains("INC-2025-002");
    }

    @Test
    @DisplayName("groupIncident is empty for an unknown group, a claimed one, and a stale one; it claims nothing")
    void groupIncidentLooksOnly() {
        assertThat(alerts.groupIncident(KEY, NEVER_STALE)).isEmpty();
        assertThat(group(KEY, T0, "claim-1")).isEqualTo(new GroupDecision.Claimed("claim-1"));
        assertThat(alerts.groupIncident(KEY, NEVER_STALE)).isEmpty();
        alerts.groupDeclared(KEY, "claim-1", "INC-2025-001");
        assertThat(alerts.groupIncident(KEY, T0)).contains("INC-2025-001");
        assertThat(alerts.groupIncident(KEY, at(1))).isEmpty();
        assertThat(alerts.groupIncident("other", NEVER_STALE)).isEmpty();
        assertThat(group("other", T0, "claim-2")).isEqualTo(new GroupDecision.Claimed("claim-2"));
    }

    @Test
    @DisplayName("groupDeclared is false for a foreign claim id or an unknown group, and then changes nothing")
    void declaredNeedsTheClaim() {
        assertThat(alerts.groupDeclared(KEY, "claim-1", "INC-2025-001")).isFalse();
        assertThat(alerts.groupIncident(KEY, NEVER_STALE)).isEmpty();

        group(KEY, T0, "claim-1");
        assertThat(alerts.groupDeclared(KEY, "claim-2", "INC-2025-002")).isFalse();
        assertThat(alerts.groupIncident(KEY, NEVER_STALE)).isEmpty();
        assertThat(group(KEY, at(1), "claim-3")).isEqualTo(new GroupDecision.Wait());

        assertThat(alerts.groupDeclared(KEY, "claim-1", "INC-2025-001")).isTrue();
        assertThat(alerts.groupIncident(KEY, NEVER_STALE)).contains("INC-2025-001");
    }

    @Test
    @DisplayName("releaseGroup forgets a group only if its incident is still the one given")
    void release() {
        group(KEY, T0, "claim-1");
        alerts.releaseGroup(KEY, "INC-2025-001");
        assertThat(group(KEY, at(1), "claim-2")).as("an undeclared group is not released")
                .isEqualTo(new GroupDecision.Wait());

        alerts.groupDeclared(KEY, "claim-1", "INC-2025-001");
        alerts.releaseGroup(KEY, "INC-2025-999");
        assertThat(alerts.groupIncident(KEY, NEVER_STALE)).contains("INC-2025-001");

        alerts.releaseGroup(KEY, "INC-2025-001");
        assertThat(alerts.groupIncident(KEY, NEVER_STALE)).isEmpty();
        assertThat(group(KEY, at(2), "claim-3")).isEqualTo(new GroupDecision.Claimed("claim-3"));
        alerts.releaseGroup("no-such-group", "INC-2025-001");
    }

    @Test
    @DisplayName("groups are independent, and keys are compared exactly")
    void independentGroups() {
        assertThat(group("a", T0, "claim-a")).isEqualTo(new GroupDecision.Claimed("claim-a"));
        assertThat(group("A", T0, "claim-A")).isEqualTo(new GroupDecision.Claimed("claim-A"));
        assertThat(group("a ", T0, "claim-a2")).isEqualTo(new GroupDecision.Claimed("claim-a2"));
        alerts.groupDeclared("a", "claim-a", "INC-2025-001");
        assertThat(alerts.groupIncident("A", NEVER_STALE)).isEmpty();
        assertThat(alerts.groupIncident("a", NEVER_STALE)).contains("INC-2025-001");
    }
}
