package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.CommandResult;
import dev.incidentkit.core.CommandType;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link IncidentManagerContract}: command ids and safe retries. */
abstract class ManagerCommandIdsTests extends ManagerHarness {

    @Test
    @DisplayName("a repeated declare returns the first incident and writes nothing")
    void repeatedDeclare() {
        Incident first = manager().declare(CHECKOUT, ALICE.commandId("declare-1"));
        clock().advance(Duration.ofMinutes(5));

        Incident again = assertNothingWritten(() -> manager().declare(CHECKOUT, ALICE.commandId("declare-1")));

        assertThat(again).isEqualTo(first);
        assertThat(manager().list()).containsExactly(first);
        assertThat(manager().history(first.id()).get(0).commandId()).contains("declare-1");
        assertThat(manager().declare(CHECKOUT, ALICE).id()).as("the retry used no incident number").isEqualTo("INC-2025-002");
    }

    @Test
    @DisplayName("a repeated command returns its first result and writes nothing, even after later commands")
    void repeatedCommand() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        clock().advance(Duration.ofMinutes(1));
        Incident first = manager().addNote(id, "first", ALICE.commandId("note-1"));
        clock().advance(Duration.ofMinutes(1));
        manager().addNote(id, "second", ALICE);

        Incident again = assertNothingWritten(() -> manager().addNote(id, "first", ALICE.commandId("note-1")));

        assertThat(again).isEqualTo(first);
        IncidentAssert.assertThat(again).hasVersion(2).hasNotesCount(1);
        assertThat(manager().history(id)).hasSize(3);
        assertThat(manager().history(id).get(1).commandId()).contains("note-1");
        IncidentAssert.assertThat(manager().get(id)).hasVersion(3).hasNotesCount(2);
    }

    @Test
    @DisplayName("a command id used on another incident is rejected")
    void commandIdOfAnotherIncident() {
        String a = manager().declare(CHECKOUT, ALICE.commandId("declare-a")).id();
        String b = manager().declare(CHECKOUT, ALICE).id();
        manager().addNote(a, "on a", ALICE.commandId("shared"));

        ValidationException onNote = assertRejected(ValidationException.class,
                () -> manager().addNote(b, "on b", ALICE.commandId("shared")));
        ValidationException onDeclareId = assertRejected(ValidationException.class,
                () -> manager().addNote(b, "on b", ALICE.commandId("declare-a")));

        assertThat(onNote.field()).isEqualTo("commandId");
        assertThat(onDeclareId.field()).isEqualTo("commandId");
        IncidentAssert.assertThat(manager().get(b)).hasVersion(1);
    }

    @Test
    @DisplayName("a declare with the command id of a command on an existing incident is rejected")
    void declareWithCommandIdOfACommand() {
        String a = manager().declare(CHECKOUT, ALICE).id();
        manager().addNote(a, "on a", ALICE.commandId("note-on-a"));

        ValidationException e = assertRejected(ValidationException.class,
                () -> manager().declare(CHECKOUT, ALICE.commandId("note-on-a")));

        assertThat(e.field()).isEqualTo("commandId");
        assertThat(e.getMessage()).contains(a);
    }

    @Test
    @DisplayName("acknowledging twice by the same actor with the same note is a no-op")
    void acknowledgeTwice() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        Incident first = manager().acknowledge(id, "on it", ALICE);
        clock().advance(Duration.ofMinutes(1));

        Incident again = assertNothingWritten(() -> manager().acknowledge(id, "on it", ALICE));
        manager().investigate(id, "digging", ALICE);
        Incident afterMore = assertNothingWritten(() -> manager().acknowledge(id, "on it", ALICE));

        assertThat(again).isEqualTo(first);
        IncidentAssert.assertThat(again).hasVersion(2).wasAcknowledgedAt(START);
        IncidentAssert.assertThat(afterMore).hasVersion(3).hasStatus(Status.INVESTIGATING);
    }

    @Test
    @DisplayName("acknowledging again by another actor, or with another note, is an illegal transition")
    void acknowledgeByAnother() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        manager().acknowledge(id, "on it", ALICE);

        IllegalTransitionException byBob = assertRejected(IllegalTransitionException.class,
                () -> manager().acknowledge(id, "on it", BOB));
        IllegalTransitionException otherNote = assertRejected(IllegalTransitionException.class,
                () -> manager().acknowledge(id, "still on it", ALICE));

        assertThat(byBob.status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(byBob.command()).isEqualTo(CommandType.ACKNOWLEDGE);
        assertThat(otherNote.status()).isEqualTo(Status.ACKNOWLEDGED);
        IncidentAssert.assertThat(manager().get(id)).wasAcknowledgedBy("alice").hasVersion(2);
    }

    @Test
    @DisplayName("another responder acknowledging with a role joins: the role and the note are recorded, the status and the first acknowledgment stay")
    void joinWithRole() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        manager().acknowledge(id, "on it", ALICE);
        clock().advance(Duration.ofMinutes(3));

        Incident joined = manager().acknowledge(id, "looking at the database", Role.TECH_LEAD, BOB);

        IncidentAssert.assertThat(joined).hasStatus(Status.ACKNOWLEDGED).wasAcknowledgedBy("alice")
                .wasAcknowledgedAt(START).hasVersion(4).hasNotesCount(1);
        assertThat(joined.role(Role.TECH_LEAD)).contains(Actor.of("bob"));
        List<RecordedEvent> history = manager().history(id);
        assertThat(history).extracting(RecordedEvent::type).containsExactly(EventTypes.DECLARED,
                EventTypes.ACKNOWLEDGED, EventTypes.ROLE_ASSIGNED, EventTypes.NOTE_ADDED);
        assertThat(history.subList(2, 4)).extracting(e -> e.actor().name()).containsOnly("bob");
        assertThat(manager().timeline(id)).extracting(TimelineEntry::text).contains("looking at the database");
        assertThat(manager().get(id)).isEqualTo(joined);
    }

    @Test
    @DisplayName("the first responder acknowledging again with a role takes it; repeating that writes nothing")
    void firstResponderTakesRole() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        manager().acknowledge(id, "on it", ALICE);

        Incident commander = manager().acknowledge(id, "on it", Role.COMMANDER, ALICE);
        Incident again = assertNothingWritten(() -> manager().acknowledge(id, "on it", Role.COMMANDER, ALICE));
        Incident withAnotherNote = assertNothingWritten(
                () -> manager().acknowledge(id, "still on it", Role.COMMANDER, ALICE));

        assertThat(commander.role(Role.COMMANDER)).contains(Actor.of("alice"));
        assertThat(manager().history(id)).extracting(RecordedEvent::type).containsExactly(EventTypes.DECLARED,
                EventTypes.ACKNOWLEDGED, EventTypes.ROLE_ASSIGNED);
        assertThat(again).isEqualTo(commander);
        assertThat(withAnotherNote).isEqualTo(commander);
    }

    @Test
    @DisplayName("joining with a role works in every active status, acknowledged or not, and is refused once resolved")
    void joinInEveryActiveStatus() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        manager().investigate(id, "", ALICE);

        assertRejected(IllegalTransitionException.class, () -> manager().acknowledge(id, "", BOB));
        Incident investigating = manager().acknowledge(id, "", Role.COMMANDER, BOB);
        manager().identify(id, "", ALICE);
        Incident identified = manager().acknowledge(id, "", Role.COMMS_LEAD, CommandContext.as("carol"));
        manager().mitigate(id, "", ALICE);
        Incident mitigated = manager().acknowledge(id, "", Role.TECH_LEAD, CommandContext.as("dave"));
        manager().resolve(id, "", ALICE);
        IllegalTransitionException resolved = assertRejected(IllegalTransitionException.class,
                () -> manager().acknowledge(id, "", Role.TECH_LEAD, CommandContext.as("erin")));

        IncidentAssert.assertThat(investigating).hasStatus(Status.INVESTIGATING).wasNotAcknowledged();
        assertThat(investigating.role(Role.COMMANDER)).contains(Actor.of("bob"));
        IncidentAssert.assertThat(identified).hasStatus(Status.IDENTIFIED);
        assertThat(identified.role(Role.COMMS_LEAD)).contains(Actor.of("carol"));
        IncidentAssert.assertThat(mitigated).hasStatus(Status.MITIGATED).wasNotAcknowledged();
        assertThat(mitigated.role(Role.TECH_LEAD)).contains(Actor.of("dave"));
        assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    @DisplayName("submit tells what a command recorded: nothing for a retry, the first run's events for a repeated command id")
    void submitTellsWhatWasRecorded() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        CommandResult acked = manager().submit(id, new Command.Acknowledge("on it", Optional.empty()), ALICE);
        CommandResult retried = manager().submit(id, new Command.Acknowledge("on it", Optional.empty()), ALICE);
        CommandResult joined = manager().submit(id, new Command.Acknowledge("", Optional.of(Role.COMMANDER)),
                BOB.commandId("join-1"));
        CommandResult repeated = manager().submit(id, new Command.Acknowledge("", Optional.of(Role.COMMANDER)),
                BOB.commandId("join-1"));

        assertThat(acked.events()).extracting(RecordedEvent::type).containsExactly(EventTypes.ACKNOWLEDGED);
        assertThat(acked.recorded(EventTypes.ACKNOWLEDGED)).isTrue();
        assertThat(retried.changed()).isFalse();
        assertThat(retried.incident()).isEqualTo(acked.incident());
        assertThat(joined.events()).extracting(RecordedEvent::type).containsExactly(EventTypes.ROLE_ASSIGNED);
        assertThat(repeated.events()).extracting(RecordedEvent::version).containsExactly(3L);
        assertThat(repeated.incident()).isEqualTo(joined.incident());
        assertThat(manager().history(id)).hasSize(3);
    }
}
