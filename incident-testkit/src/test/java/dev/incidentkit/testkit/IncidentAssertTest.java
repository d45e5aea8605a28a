package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Acknowledgement;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Postmortem;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentAssertTest {

    private static final Instant DECLARED = Instant.parse("2025-08-23T14:30:00Z");
    private static final Instant ACKED = Instant.parse("2025-08-23T14:32:00Z");
    private static final Instant MITIGATED = Instant.parse("2025-08-23T14:47:00Z");

    private static Incident mitigated() {
        return new Incident("INC-2025-001", "Checkout latency", "", Severity.SEV2, Status.MITIGATED, "checkout",
                List.of(), Map.of(), false, Actor.of("alice"),
                new Milestones(DECLARED, DECLARED, DECLARED, Optional.of(ACKED), Optional.empty(), Optional.of(MITIGATED),
                        Optional.empty(), Optional.empty()),
                Optional.of(new Acknowledgement(Actor.of("bob"), ACKED, "on it")), MITIGATED, 3, List.of(),
                Postmortem.EMPTY, List.of(), 0, Optional.empty(), Optional.empty(), 6);
    }

    @Test
    void passesOnWhatTheIncidentIs() {
        IncidentAssert.assertThat(mitigated())
                .hasId("INC-2025-001")
                .hasTitle("Checkout latency")
                .hasStatus(Status.MITIGATED)
                .hasSeverity(Severity.SEV2)
                .hasService("checkout")
                .hasVersion(6)
                .hasNotesCount(3)
                .wasDeclaredAt(DECLARED)
                .wasAcknowledgedAt(ACKED)
                .wasAcknowledgedBy("bob")
                .wasMitigatedAt(MITIGATED)
                .wasNotResolved();
    }

    @Test
    void failsNamingTheIncidentAndTheField() {
        Incident incident = mitigated();

        assertThatThrownBy(() -> IncidentAssert.assertThat(incident).hasStatus(Status.RESOLVED))
                .isInstanceOf(AssertionError.class).hasMessageContaining("INC-2025-001").hasMessageContaining("status")
                .hasMessageContaining("RESOLVED").hasMessageContaining("MITIGATED");
        assertThatThrownBy(() -> IncidentAssert.assertThat(incident).hasVersion(5))
                .isInstanceOf(AssertionError.class).hasMessageContaining("version");
        assertThatThrownBy(() -> IncidentAssert.assertThat(incident).wasAcknowledgedAt(DECLARED))
                .isInstanceOf(AssertionError.class).hasMessageContaining("acknowledgedAt").hasMessageContaining(ACKED.toString());
        assertThatThrownBy(() -> IncidentAssert.assertThat(incident).wasNotAcknowledged())
                .isInstanceOf(AssertionError.class).hasMessageContaining("acknowledgedAt");
        assertThatThrownBy(() -> IncidentAssert.assertThat(incident).wasResolvedAt(MITIGATED))
                .isInstanceOf(AssertionError.class).hasMessageContaining("resolvedAt").hasMessageContaining("none");
        assertThatThrownBy(() -> IncidentAssert.assertThat(incident).wasAcknowledgedBy("alice"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("bob");
        assertThatThrownBy(() -> IncidentAssert.assertThat(incident).isDuplicateOf("INC-2025-002"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("status");
        assertThatThrownBy(() -> IncidentAssert.assertThat(null).hasStatus(Status.OPEN))
                .isInstanceOf(AssertionError.class);
    }
}
