package dev.incidentkit.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What events answer for themselves beyond their data: the comment a notification shows, what they move. */
class IncidentEventTest {

    private static final Instant T = Instant.parse("2025-08-23T14:30:00Z");

    @Test
    void theCommentIsTheTimelineTextExceptForADeclarationWhoseDescriptionItIs() {
        IncidentEvent.Declared declared = new IncidentEvent.Declared("INC-2025-001", "Title", Severity.SEV2, "checkout",
                Status.OPEN, "The description", T, T, false);
        assertThat(declared.timelineText()).isEqualTo("Title");
        assertThat(declared.comment()).contains("The description");
        assertThat(new IncidentEvent.Declared("INC-2025-001", "Title", Severity.SEV2, "checkout", Status.OPEN, "", T, T,
                false).comment()).isEmpty();
        assertThat(new IncidentEvent.NoteAdded("Found it").comment()).contains("Found it");
        assertThat(new IncidentEvent.Canceled("False alarm").comment()).contains("False alarm");
        assertThat(new IncidentEvent.ActionItemAdded(1, "Add an index", Optional.empty(), Optional.empty()).comment())
                .contains("Add an index");
        assertThat(new IncidentEvent.StatusChanged(Status.INVESTIGATING, Status.MITIGATED, "").comment()).isEmpty();
        assertThat(new IncidentEvent.RoleAssigned(Role.COMMANDER, Actor.of("a")).comment()).isEmpty();
        assertThat(new IncidentEvent.PostmortemUpdated(new PostmortemUpdate(Optional.of("s"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())).comment()).isEmpty();
    }

    @Test
    void aDeclarationStartsTheSlaClocksAndANoteMovesOnlyThem() {
        IncidentEvent note = new IncidentEvent.NoteAdded("n");
        assertThat(note.movesSlaClock()).isTrue();
        assertThat(note.movesStatus()).isFalse();
        IncidentEvent declared = new IncidentEvent.Declared("INC-2025-001", "Title", Severity.SEV2, "checkout",
                Status.OPEN, "", T, T, false);
        assertThat(declared.movesSlaClock()).isTrue();
        assertThat(declared.movesStatus()).isTrue();
        IncidentEvent role = new IncidentEvent.RoleAssigned(Role.COMMANDER, Actor.of("a"));
        assertThat(role.movesSlaClock()).isFalse();
        assertThat(role.movesStatus()).isFalse();
        assertThat(new IncidentEvent.Canceled("r").movesStatus()).isTrue();
    }
}
