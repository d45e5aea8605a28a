package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandType;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.Lifecycle;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.spi.LogPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link IncidentManagerContract}: the lifecycle. */
abstract class ManagerLifecycleTableTests extends ManagerHarness {

    /**
     * The table of the design contract, written out again here rather than read from {@link
     * Lifecycle}, so that a change to either shows.
     */
    private Map<Status, Map<CommandType, Status>> expectedTable() {
        Map<Status, Map<CommandType, Status>> table = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            table.put(s, new EnumMap<>(CommandType.class));
        }
        table.get(Status.OPEN).put(CommandType.ACKNOWLEDGE, Status.ACKNOWLEDGED);
        for (Status s : List.of(Status.OPEN, Status.ACKNOWLEDGED, Status.INVESTIGATING, Status.IDENTIFIED, Status.MITIGATED)) {
            if (s != Status.INVESTIGATING) {
                table.get(s).put(CommandType.INVESTIGATE, Status.INVESTIGATING);
            }
            if (s != Status.IDENTIFIED) {
                table.get(s).put(CommandType.IDENTIFY, Status.IDENTIFIED);
            }
            if (s != Status.MITIGATED) {
                table.get(s).put(CommandType.MITIGATE, Status.MITIGATED);
            }
            table.get(s).put(CommandType.RESOLVE, Status.RESOLVED);
        }
        table.get(Status.RESOLVED).put(CommandType.CLOSE, Status.CLOSED);
        for (Status s : List.of(Status.RESOLVED, Status.CLOSED, Status.CANCELED, Status.DUPLICATE)) {
            table.get(s).put(CommandType.REOPEN, Status.INVESTIGATING);
        }
        for (Status s : List.of(Status.OPEN, Status.ACKNOWLEDGED, Status.INVESTIGATING)) {
            table.get(s).put(CommandType.CANCEL, Status.CANCELED);
        }
        for (Status s : Status.values()) {
            if (s != Status.CLOSED && s != Status.CANCELED && s != Status.DUPLICATE) {
                table.get(s).put(CommandType.MARK_DUPLICATE, Status.DUPLICATE);
            }
        }
        return table;
    }

    private final List<CommandType> statusCommands = List.of(CommandType.ACKNOWLEDGE, CommandType.INVESTIGATE,
            CommandType.IDENTIFY, CommandType.MITIGATE, CommandType.RESOLVE, CommandType.CLOSE, CommandType.REOPEN,
            CommandType.CANCEL, CommandType.MARK_DUPLICATE);

    @Test
    @DisplayName("every status allows exactly the moves of the design table")
    void table() {
        String survivor = manager().declare(CHECKOUT, ALICE).id();
        Map<Status, Map<CommandType, Status>> expected = expectedTable();
        // Every cell is checked and every wrong one reported, rather than only the first.
        List<String> wrong = new ArrayList<>();

        for (Status from : Status.values()) {
            for (CommandType command : statusCommands) {
                String id = incidentIn(from, survivor).id();
                Optional<Status> to = Optional.ofNullable(expected.get(from).get(command));
                String move = from + " --" + command.verb() + "--> ";
                LogPosition head = store().head();
                Throwable thrown = catchThrowable(() -> run(command, id, survivor));
                if (to.isPresent()) {
                    if (thrown != null) {
                        wrong.add(move + to.get() + " expected, but " + thrown);
                    } else if (manager().get(id).status() != to.get()) {
                        wrong.add(move + to.get() + " expected, but " + manager().get(id).status());
                    }
                    continue;
                }
                if (!(thrown instanceof IllegalTransitionException)) {
                    wrong.add(move + "IllegalTransitionException expected, but "
                            + (thrown == null ? manager().get(id).status() : thrown));
                    continue;
                }
                IllegalTransitionException e = (IllegalTransitionException) thrown;
                if (e.status() != from || e.command() != command) {
                    wrong.add(move + "rejection names " + e.status() + " and " + e.command());
                }
                if (!e.getMessage().contains(from.toString())) {
                    wrong.add(move + "message does not name " + from + ": " + e.getMessage());
                }
                for (CommandType legal : expected.get(from).keySet()) {
                    if (!e.getMessage().contains(legal.verb())) {
                        wrong.add(move + "message does not name the allowed " + legal.verb() + ": " + e.getMessage());
                    }
                }
                if (!store().head().equals(head)) {
                    wrong.add(move + "the rejection wrote to the store");
                }
            }
        }

        assertThat(wrong).as("cells of the lifecycle table that are wrong").isEmpty();
    }

    @Test
    @DisplayName("terminal statuses take only a reopen and completing an action item")
    void terminalStatuses() {
        String survivor = manager().declare(CHECKOUT, ALICE).id();
        for (Status terminal : List.of(Status.CLOSED, Status.CANCELED, Status.DUPLICATE)) {
            String id = manager().declare(CHECKOUT, ALICE).id();
            manager().addActionItem(id, "Review the orders queries", Optional.empty(), Optional.empty(), ALICE);
            bringTo(id, terminal, survivor);

            List<ThrowingCallable> edits = List.of(
                    () -> manager().addNote(id, "late note", ALICE),
                    () -> manager().escalate(id, Severity.SEV1, "", ALICE),
                    () -> manager().downgrade(id, Severity.SEV3, "", ALICE),
                    () -> manager().correlateService(id, "payments", "", ALICE),
                    () -> manager().assignRole(id, Role.COMMANDER, Actor.of("bob"), ALICE),
                    () -> manager().addActionItem(id, "more", Optional.empty(), Optional.empty(), ALICE),
                    () -> manager().updatePostmortem(id, PostmortemUpdate.none().summary("s"), ALICE),
                    () -> manager().execute(id, new Command.PostPublicUpdate("Checkout issues", PublicStatus.RESOLVED,
                            ComponentStatus.OPERATIONAL, "Checkout works normally again."), ALICE),
                    () -> manager().execute(id, new Command.RemindUpdate(clock().instant().plus(Duration.ofMinutes(30)),
                            Duration.ofMinutes(30)), ALICE));
            for (ThrowingCallable edit : edits) {
                IllegalTransitionException e = assertRejected(IllegalTransitionException.class, edit);
                assertThat(e.status()).isEqualTo(terminal);
            }

            Incident done = manager().completeActionItem(id, 1, ALICE);
            IncidentAssert.assertThat(done).hasStatus(terminal);
            assertThat(done.actionItem(1)).hasValueSatisfying(item -> assertThat(item.isDone()).isTrue());
        }
    }

    @Test
    @DisplayName("a RESOLVED incident still takes notes and edits")
    void resolvedTakesEdits() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        manager().resolve(id, "fixed", ALICE);

        Incident noted = manager().addNote(id, "postmortem scheduled", ALICE);
        Incident correlated = manager().correlateService(id, "payments", "", ALICE);

        IncidentAssert.assertThat(noted).hasStatus(Status.RESOLVED).hasNotesCount(1);
        assertThat(correlated.services()).containsExactly("checkout", "payments");
    }

    @Test
    @DisplayName("a reopen leads back to INVESTIGATING and clears resolvedAt and closedAt")
    void reopen() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        clock().advance(Duration.ofMinutes(5));
        manager().mitigate(id, "", ALICE);
        clock().advance(Duration.ofMinutes(5));
        manager().resolve(id, "", ALICE);
        Instant resolvedAt = clock().instant();
        clock().advance(Duration.ofMinutes(5));
        IncidentAssert.assertThat(manager().closeIncident(id, "", ALICE)).wasResolvedAt(resolvedAt).wasClosedAt(clock().instant());
        clock().advance(Duration.ofMinutes(5));

        Incident reopened = manager().reopen(id, "it came back", BOB);

        IncidentAssert.assertThat(reopened).hasStatus(Status.INVESTIGATING).wasNotResolved()
                .wasMitigatedAt(START.plus(Duration.ofMinutes(5)));
        assertThat(reopened.milestones().closedAt()).isEmpty();
        assertThat(reopened.reopenCount()).isEqualTo(1);
        assertThat(manager().timeline(id).get(4).headline()).isEqualTo("Incident reopened");
        assertThat(assertRejected(ValidationException.class, () -> manager().reopen(id, " ", ALICE)).field())
                .isEqualTo("note");
    }

    @Test
    @DisplayName("Lifecycle.withoutReopeningClosed() keeps a closed incident closed")
    void withoutReopeningClosed() {
        IncidentManager m = manager(b -> b.lifecycle(Lifecycle.withoutReopeningClosed()));
        String closed = m.declare(CHECKOUT, ALICE).id();
        m.resolve(closed, "", ALICE);
        m.closeIncident(closed, "", ALICE);
        String resolved = m.declare(CHECKOUT, ALICE).id();
        m.resolve(resolved, "", ALICE);
        String canceled = m.declare(CHECKOUT, ALICE).id();
        m.cancel(canceled, "declared by mistake", ALICE);

        IllegalTransitionException e = assertRejected(IllegalTransitionException.class,
                () -> m.reopen(closed, "it came back", ALICE));

        assertThat(e.status()).isEqualTo(Status.CLOSED);
        assertThat(e.command()).isEqualTo(CommandType.REOPEN);
        IncidentAssert.assertThat(m.reopen(resolved, "it came back", ALICE)).hasStatus(Status.INVESTIGATING);
        IncidentAssert.assertThat(m.reopen(canceled, "it was real", ALICE)).hasStatus(Status.INVESTIGATING);
    }

    @Test
    @DisplayName("a cancel keeps its reason, which must not be blank")
    void cancel() {
        String id = manager().declare(CHECKOUT, ALICE).id();

        assertThat(assertRejected(ValidationException.class, () -> manager().cancel(id, "", ALICE)).field())
                .isEqualTo("reason");
        Incident canceled = manager().cancel(id, "No customer impact", ALICE);

        IncidentAssert.assertThat(canceled).hasStatus(Status.CANCELED).hasVersion(2);
        assertThat(canceled.cancelReason()).contains("No customer impact");
        assertThat(manager().reopen(id, "there was impact", ALICE).cancelReason()).isEmpty();
    }

    @Test
    @DisplayName("mark duplicate needs an existing survivor that is not a duplicate and not the incident itself")
    void markDuplicate() {
        String survivor = manager().declare(CHECKOUT, ALICE).id();
        String dup = manager().declare(CHECKOUT, BOB).id();
        String third = manager().declare(CHECKOUT, BOB).id();

        IncidentNotFoundException missing = assertRejected(IncidentNotFoundException.class,
                () -> manager().markDuplicate(dup, "INC-2025-999", "", ALICE));
        assertThat(missing.incidentId()).isEqualTo("INC-2025-999");
        ValidationException self = assertRejected(ValidationException.class,
                () -> manager().markDuplicate(dup, dup, "", ALICE));
        assertThat(self.field()).isEqualTo("duplicateOf");

        Incident marked = manager().markDuplicate(dup, survivor, "same root cause", ALICE);
        IncidentAssert.assertThat(marked).isDuplicateOf(survivor).hasVersion(2);

        IllegalTransitionException chained = assertRejected(IllegalTransitionException.class,
                () -> manager().markDuplicate(third, dup, "", ALICE));
        assertThat(chained.getMessage()).contains(dup);

        Incident reopened = manager().reopen(dup, "not the same after all", ALICE);
        IncidentAssert.assertThat(reopened).hasStatus(Status.INVESTIGATING);
        assertThat(reopened.duplicateOf()).isEmpty();
    }

    @Test
    @DisplayName("resolving straight from OPEN leaves the skipped milestones empty")
    void skippingForward() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        clock().advance(Duration.ofMinutes(20));

        Incident resolved = manager().resolve(id, "went away by itself", ALICE);

        IncidentAssert.assertThat(resolved).hasStatus(Status.RESOLVED).wasNotAcknowledged().wasNotMitigated()
                .wasResolvedAt(START.plus(Duration.ofMinutes(20)));
        assertThat(resolved.acknowledgement()).isEmpty();
        assertThat(resolved.milestones().identifiedAt()).isEmpty();
        assertThat(Incident.replay(manager().history(id))).isEqualTo(resolved);
    }

    private Incident incidentIn(Status status, String survivor) {
        String id = manager().declare(CHECKOUT, ALICE).id();
        bringTo(id, status, survivor);
        Incident incident = manager().get(id);
        assertThat(incident.status()).as("set-up of an incident in %s", status).isEqualTo(status);
        return incident;
    }

    private void bringTo(String id, Status status, String survivor) {
        switch (status) {
            case OPEN:
                break;
            case ACKNOWLEDGED:
                manager().acknowledge(id, "", ALICE);
                break;
            case INVESTIGATING:
                manager().investigate(id, "", ALICE);
                break;
            case IDENTIFIED:
                manager().identify(id, "", ALICE);
                break;
            case MITIGATED:
                manager().mitigate(id, "", ALICE);
                break;
            case RESOLVED:
                manager().resolve(id, "", ALICE);
                break;
            case CLOSED:
                manager().resolve(id, "", ALICE);
                manager().closeIncident(id, "", ALICE);
                break;
            case CANCELED:
                manager().cancel(id, "declared by mistake", ALICE);
                break;
            case DUPLICATE:
                manager().markDuplicate(id, survivor, "", ALICE);
                break;
            default:
                throw new IllegalArgumentException("no way to " + status);
        }
    }

    private Incident run(CommandType command, String id, String survivor) {
        switch (command) {
            case ACKNOWLEDGE:
                // Bob, with a note of his own: never the no-op of a repeated acknowledgement.
                return manager().acknowledge(id, "bob takes it", BOB);
            case INVESTIGATE:
                return manager().investigate(id, "", BOB);
            case IDENTIFY:
                return manager().identify(id, "", BOB);
            case MITIGATE:
                return manager().mitigate(id, "", BOB);
            case RESOLVE:
                return manager().resolve(id, "", BOB);
            case CLOSE:
                return manager().closeIncident(id, "", BOB);
            case REOPEN:
                return manager().reopen(id, "again", BOB);
            case CANCEL:
                return manager().cancel(id, "mistake", BOB);
            case MARK_DUPLICATE:
                return manager().markDuplicate(id, survivor, "", BOB);
            default:
                throw new IllegalArgumentException("not a status change: " + command);
        }
    }
}
