package dev.incidentkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The state machine of DESIGN §2, written out here as the reference and compared with {@link
 * Lifecycle} for every status and every command.
 */
class LifecycleTest {

    /**
     * One row per status, one column per command. A status name is where the command leads,
     * {@code ok} means allowed without a status change, {@code -} means rejected. EDITS stands for
     * add-note, change-severity, correlate-service, assign-role, add-action-item and
     * update-postmortem. RECORD_SLA_BREACH (the SLA monitor's command) is allowed everywhere: a
     * breach is a fact about the past that a monitor may notice only after the incident moved on.
     * So is RESOLVE_ALERT: it records what a monitoring system said. ATTACH_ALERT only while the
     * incident is active: a later alert starts a new incident. RECORD_PAGE only while it is active
     * too: a page may race the acknowledgment, but a resolved incident pages nobody. POST_PUBLIC_UPDATE
     * is an edit (taken wherever the edits are: customers hear that an incident is resolved after it
     * is); REMIND_UPDATE only while the incident is active, as the update cadence runs only then.
     */
    private static final String TABLE = String.join("\n",
            "from          | ACKNOWLEDGE  | INVESTIGATE   | IDENTIFY   | MITIGATE  | RESOLVE  | CLOSE  | REOPEN        | CANCEL   | MARK_DUPLICATE | EDITS | COMPLETE_ACTION_ITEM | RECORD_SLA_BREACH | ATTACH_ALERT | RESOLVE_ALERT | RECORD_PAGE | POST_PUBLIC_UPDATE | REMIND_UPDATE",
            "OPEN          | ACKNOWLEDGED | INVESTIGATING | IDENTIFIED | MITIGATED | RESOLVED | -      | -             | CANCELED | DUPLICATE      | ok    | ok | ok | ok | ok | ok | ok | ok",
            "ACKNOWLEDGED  | -            | INVESTIGATING | IDENTIFIED | MITIGATED | RESOLVED | -      | -             | CANCELED | DUPLICATE      | ok    | ok | ok | ok | ok | ok | ok | ok",
            "INVESTIGATING | -            | -             | IDENTIFIED | MITIGATED | RESOLVED | -      | -             | CANCELED | DUPLICATE      | ok    | ok | ok | ok | ok | ok | ok | ok",
            "IDENTIFIED    | -            | INVESTIGATING | -          | MITIGATED | RESOLVED | -      | -             | -        | DUPLICATE      | ok    | ok | ok | ok | ok | ok | ok | ok",
            "MITIGATED     | -            | INVESTIGATING | IDENTIFIED | -         | RESOLVED | -      | -             | -        | DUPLICATE      | ok    | ok | ok | ok | ok | ok | ok | ok",
            "RESOLVED      | -            | -             | -          | -         | -        | CLOSED | INVESTIGATING | -        | DUPLICATE      | ok    | ok | ok | -  | ok | - | ok | -",
            "CLOSED        | -            | -             | -          | -         | -        | -      | INVESTIGATING | -        | -              | -     | ok | ok | -  | ok | - | -  | -",
            "CANCELED      | -            | -             | -          | -         | -        | -      | INVESTIGATING | -        | -              | -     | ok | ok | -  | ok | - | -  | -",
            "DUPLICATE     | -            | -             | -          | -         | -        | -      | INVESTIGATING | -        | -              | -     | ok | ok | -  | ok | - | -  | -");

    private static final Set<CommandType> EDITS = EnumSet.of(CommandType.ADD_NOTE, CommandType.CHANGE_SEVERITY,
            CommandType.CORRELATE_SERVICE, CommandType.ASSIGN_ROLE, CommandType.ADD_ACTION_ITEM,
            CommandType.UPDATE_POSTMORTEM);

    /** What the table says: empty when rejected, the target (or the status itself when unchanged) when allowed. */
    private record Expected(boolean allowed, Optional<Status> target) {}

    private static Map<Status, Map<CommandType, Expected>> reference() {
        String[] lines = TABLE.split("\n");
        String[] header = cells(lines[0]);
        Map<Status, Map<CommandType, Expected>> table = new EnumMap<>(Status.class);
        for (int row = 1; row < lines.length; row++) {
            String[] cells = cells(lines[row]);
            Status from = Status.valueOf(cells[0]);
            Map<CommandType, Expected> byCommand = new EnumMap<>(CommandType.class);
            for (int col = 1; col < cells.length; col++) {
                Expected expected = cells[col].equals("-") ? new Expected(false, Optional.empty())
                        : cells[col].equals("ok") ? new Expected(true, Optional.empty())
                        : new Expected(true, Optional.of(Status.valueOf(cells[col])));
                List<CommandType> commands = header[col].equals("EDITS") ? List.copyOf(EDITS) : List.of(CommandType.valueOf(header[col]));
                for (CommandType c : commands) {
                    byCommand.put(c, expected);
                }
            }
            table.put(from, byCommand);
        }
        return table;
    }

    private static String[] cells(String line) {
        String[] cells = line.split("\\|");
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    @Test
    void theReferenceCoversEveryStatusAndEveryCommand() {
        Map<Status, Map<CommandType, Expected>> table = reference();
        assertThat(table).containsOnlyKeys(Status.values());
        table.values().forEach(row -> assertThat(row).containsOnlyKeys(CommandType.values()));
    }

    @Test
    void standardLifecycleIsTheTableOfTheDesign() {
        List<String> differences = differences(Lifecycle.standard(), reference());
        assertThat(differences).isEmpty();
        assertThat(Lifecycle.standard().reopensClosed()).isTrue();
    }

    @Test
    void withoutReopeningClosedDiffersOnlyInReopeningAClosedIncident() {
        Map<Status, Map<CommandType, Expected>> table = reference();
        table.get(Status.CLOSED).put(CommandType.REOPEN, new Expected(false, Optional.empty()));
        assertThat(differences(Lifecycle.withoutReopeningClosed(), table)).isEmpty();
        assertThat(Lifecycle.withoutReopeningClosed().reopensClosed()).isFalse();
        // Canceled and duplicate incidents are not closed ones: they still reopen.
        assertThat(Lifecycle.withoutReopeningClosed().target(Status.CANCELED, CommandType.REOPEN)).contains(Status.INVESTIGATING);
        assertThat(Lifecycle.withoutReopeningClosed().target(Status.DUPLICATE, CommandType.REOPEN)).contains(Status.INVESTIGATING);
    }

    private static List<String> differences(Lifecycle lifecycle, Map<Status, Map<CommandType, Expected>> table) {
        List<String> out = new ArrayList<>();
        for (Status from : Status.values()) {
            for (CommandType command : CommandType.values()) {
                Expected expected = table.get(from).get(command);
                boolean allows = lifecycle.allows(from, command);
                Optional<Status> target = lifecycle.target(from, command);
                boolean inAllowedSet = lifecycle.allowed(from).contains(command);
                if (allows != expected.allowed() || inAllowedSet != expected.allowed() || !target.equals(expected.target())) {
                    out.add(from + " x " + command + ": expected " + expected + " but allows=" + allows
                            + ", in allowed()=" + inAllowedSet + ", target=" + target);
                }
                Throwable thrown = null;
                try {
                    lifecycle.check("INC-2025-001", from, command);
                } catch (Throwable t) {
                    thrown = t;
                }
                if (expected.allowed() != (thrown == null)) {
                    out.add(from + " x " + command + ": check threw " + thrown);
                }
                if (thrown != null && !(thrown instanceof IllegalTransitionException)) {
                    out.add(from + " x " + command + ": check threw " + thrown.getClass().getName());
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void allowedListsCommandsInDeclarationOrderAndIsUnmodifiable(Status status) {
        Set<CommandType> allowed = Lifecycle.standard().allowed(status);
        List<CommandType> inOrder = new ArrayList<>(allowed);
        List<CommandType> sorted = new ArrayList<>(allowed);
        sorted.sort(null);
        assertThat(inOrder).isEqualTo(sorted);
        assertThatThrownBy(() -> allowed.add(CommandType.CLOSE)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectionNamesTheIncidentTheStatusAndTheAllowedCommands() {
        assertThatThrownBy(() -> Lifecycle.standard().check("INC-2025-007", Status.OPEN, CommandType.CLOSE))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.incidentId()).isEqualTo("INC-2025-007");
                    assertThat(e.status()).isEqualTo(Status.OPEN);
                    assertThat(e.command()).isEqualTo(CommandType.CLOSE);
                    assertThat(e.allowed()).isEqualTo(Lifecycle.standard().allowed(Status.OPEN));
                    assertThat(e.getMessage())
                            .contains("close", "INC-2025-007", "OPEN")
                            .contains("acknowledge", "investigate", "identify", "mitigate", "resolve", "cancel",
                                    "mark-duplicate", "add-note", "change-severity", "correlate-service", "assign-role",
                                    "add-action-item", "complete-action-item", "update-postmortem")
                            .doesNotContain("reopen");
                });
    }

    @Test
    void rejectionInAClosedIncidentListsOnlyWhatIsLeft() {
        assertThatThrownBy(() -> Lifecycle.standard().check("INC-2025-008", Status.CLOSED, CommandType.ADD_NOTE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("CLOSED")
                .hasMessageContaining("reopen, complete-action-item")
                .hasMessageNotContaining(" resolve,")
                .hasMessageNotContaining(" resolve.");
        assertThatThrownBy(() -> Lifecycle.withoutReopeningClosed().check("INC-2025-008", Status.CLOSED, CommandType.REOPEN))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("Cannot reopen incident INC-2025-008")
                .hasMessageContaining("allowed in CLOSED: complete-action-item, record-sla-breach, resolve-alert.");
    }

    @Test
    void everyRejectionMessageNamesItsStatusAndEachAllowedVerb() {
        for (Status status : Status.values()) {
            for (CommandType command : CommandType.values()) {
                if (Lifecycle.standard().allows(status, command)) {
                    assertThatCode(() -> Lifecycle.standard().check("X-1", status, command)).doesNotThrowAnyException();
                    continue;
                }
                IllegalTransitionException e = null;
                try {
                    Lifecycle.standard().check("X-1", status, command);
                } catch (IllegalTransitionException thrown) {
                    e = thrown;
                }
                assertThat(e).as("%s x %s", status, command).isNotNull();
                assertThat(e.getMessage()).contains("it is " + status, command.verb());
                for (CommandType a : Lifecycle.standard().allowed(status)) {
                    assertThat(e.getMessage()).contains(a.verb());
                }
            }
        }
    }
}
