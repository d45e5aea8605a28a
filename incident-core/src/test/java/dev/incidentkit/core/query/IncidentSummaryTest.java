package dev.incidentkit.core.query;

import static dev.incidentkit.core.query.Summaries.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.IncidentEvent.Acknowledged;
import dev.incidentkit.core.event.IncidentEvent.Declared;
import dev.incidentkit.core.event.IncidentEvent.NoteAdded;
import dev.incidentkit.core.event.IncidentEvent.RoleAssigned;
import dev.incidentkit.core.internal.Events;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.internal.IncidentFold;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A summary is the fold of its stream, stamped with when its last event was recorded. */
class IncidentSummaryTest {

    private static final String ID = "INC-2025-007";
    private static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");

    @Test
    void theSummaryOfAStreamIsItsFoldAtTheLastRecordingTime() {
        List<StoredEvent> stream = new ArrayList<>();
        append(stream, new Declared(ID, "Checkout ΟΔΟΣ", Severity.SEV2, "checkout", Status.OPEN, "", T0, T0, false),
                T0, T0);
        append(stream, new Acknowledged("on it", Optional.of(Role.COMMANDER)), T0.plusSeconds(60), T0.plusSeconds(60));
        // Back-dated: it happened before it was recorded, and the summary follows the recording.
        append(stream, new NoteAdded("DB failover"), T0.plusSeconds(90), T0.plusSeconds(600));

        IncidentSummary s = IncidentSummary.of(stream);

        assertThat(s.incident()).isEqualTo(IncidentFold.replay(Events.decode(stream)));
        assertThat(s.lastChangedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(s.id()).isEqualTo(ID);
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.commander()).contains("alice");
        assertThat(s).isEqualTo(IncidentSummary.of(List.copyOf(stream)));
    }

    @Test
    void aStreamThatIsNoWholeHistoryIsRefused() {
        assertThatThrownBy(() -> IncidentSummary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        List<StoredEvent> stream = new ArrayList<>();
        append(stream, new Declared(ID, "Checkout", Severity.SEV2, "checkout", Status.OPEN, "", T0, T0, false), T0, T0);
        append(stream, new NoteAdded("x"), T0, T0);
        assertThatThrownBy(() -> IncidentSummary.of(stream.subList(1, 2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventThatCannotBeReadIsAValidationError() {
        List<StoredEvent> stream = new ArrayList<>();
        append(stream, new Declared(ID, "Checkout", Severity.SEV2, "checkout", Status.OPEN, "", T0, T0, false), T0, T0);
        EventRecord r = stream.get(0).record();
        StoredEvent broken = new StoredEvent(stream.get(0).position(), new EventRecord(r.eventId(), r.incidentId(),
                r.version(), r.type(), r.schemaVersion(), r.occurredAt(), r.recordedAt(), r.actor(), r.commandId(),
                "{\"title\":1}", r.prevHash(), r.hash()));
        assertThatThrownBy(() -> IncidentSummary.of(List.of(broken))).isInstanceOf(ValidationException.class);
    }

    @Test
    void theTitleKeyFoldsCaseInEveryScript() {
        assertThat(summary("a").title("Slow DB: Ünïcödé ΟΔΟΣ Σ Платежи 😀").build().titleKey())
                .isEqualTo("slow db: ünïcödé οδοσ σ платежи 😀");
        assertThat(summary("b").title("ς").build().titleKey()).isEqualTo("σ");
        assertThat(summary("c").title("x").build().titleKey()).isEqualTo(IncidentQuery.all().titleContains("X")
                .titleKey().orElseThrow());
    }

    @Test
    void theRoleHoldersAreEveryoneWithARoleOnceAndSorted() {
        IncidentSummary s = summary("a").role(Role.TECH_LEAD, "carol").role(Role.COMMANDER, "bob")
                .role(Role.COMMS_LEAD, "carol").build();

        assertThat(s.roleHolders()).containsExactly("bob", "carol");
        assertThat(s.commander()).contains("bob");
        assertThat(summary("b").role(Role.TECH_LEAD, "carol").build().commander()).isEmpty();
        assertThat(summary("c").build().roleHolders()).isEmpty();
    }

    @Test
    void aRoleReassignedLeavesOnlyItsNewHolder() {
        List<StoredEvent> stream = new ArrayList<>();
        append(stream, new Declared(ID, "Checkout", Severity.SEV2, "checkout", Status.OPEN, "", T0, T0, false), T0, T0);
        append(stream, new RoleAssigned(Role.COMMANDER, Actor.of("bob")), T0, T0);
        append(stream, new RoleAssigned(Role.COMMANDER, Actor.of("dave")), T0, T0);

        IncidentSummary s = IncidentSummary.of(stream);
        assertThat(s.roleHolders()).containsExactly("dave");
        assertThat(IncidentQuery.all().roleHolder("bob").matches(s)).isFalse();
    }

    private static void append(List<StoredEvent> stream, IncidentEvent event, Instant occurredAt, Instant recordedAt) {
        String prev = stream.isEmpty() ? HashChain.GENESIS : stream.get(stream.size() - 1).record().hash();
        EventRecord r = Events.records(ID, stream.size(), prev, List.of(event), occurredAt, recordedAt, Actor.of("alice"),
                Optional.empty()).get(0);
        stream.add(new StoredEvent(LogPosition.of(stream.size() + 1L), r));
    }
}
