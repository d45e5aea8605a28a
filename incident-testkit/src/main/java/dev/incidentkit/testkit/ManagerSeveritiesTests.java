package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.ValidationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link IncidentManagerContract}: severity changes. */
abstract class ManagerSeveritiesTests extends ManagerHarness {

    @Test
    @DisplayName("escalate goes only to a more severe level")
    void escalate() {
        String id = manager().declare(CHECKOUT, ALICE).id();

        ValidationException e = assertRejected(ValidationException.class,
                () -> manager().escalate(id, Severity.SEV3, "", ALICE));
        Incident escalated = manager().escalate(id, Severity.SEV1, "spreading", ALICE);

        assertThat(e.field()).isEqualTo("severity");
        IncidentAssert.assertThat(escalated).hasSeverity(Severity.SEV1).hasVersion(2);
        assertThat(manager().timeline(id).get(1).headline()).isEqualTo("Escalated from SEV-2 to SEV-1");
    }

    @Test
    @DisplayName("downgrade goes only to a less severe level")
    void downgrade() {
        String id = manager().declare(CHECKOUT, ALICE).id();

        ValidationException e = assertRejected(ValidationException.class,
                () -> manager().downgrade(id, Severity.SEV1, "", ALICE));
        Incident downgraded = manager().downgrade(id, Severity.SEV4, "cosmetic", ALICE);

        assertThat(e.field()).isEqualTo("severity");
        IncidentAssert.assertThat(downgraded).hasSeverity(Severity.SEV4).hasVersion(2);
    }

    @Test
    @DisplayName("changing to the current severity is a no-op")
    void sameSeverity() {
        String id = manager().declare(CHECKOUT, ALICE).id();

        Incident escalated = assertNothingWritten(() -> manager().escalate(id, Severity.SEV2, "", ALICE));
        Incident downgraded = assertNothingWritten(() -> manager().downgrade(id, Severity.SEV2, "", ALICE));

        IncidentAssert.assertThat(escalated).hasSeverity(Severity.SEV2).hasVersion(1);
        IncidentAssert.assertThat(downgraded).hasSeverity(Severity.SEV2).hasVersion(1);
    }
}
