package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.EventRecord;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EventStoreContract}: command ids. */
abstract class StoreCommandIdsTests extends StoreHarness {

    @Test
    @DisplayName("findCommand names the incident and the last version of the command's batch")
    void findCommand() {
        appendNext("INC-2025-001", 2, "req-1");
        appendNext("INC-2025-001", 3, "req-2");
        appendNext("INC-2025-001", 1);
        appendNext("INC-2025-002", 1, "req-3");

        assertThat(store.findCommand("req-1")).contains(new CommandRecord("req-1", "INC-2025-001", 2));
        assertThat(store.findCommand("req-2")).contains(new CommandRecord("req-2", "INC-2025-001", 5));
        assertThat(store.findCommand("req-3")).contains(new CommandRecord("req-3", "INC-2025-002", 1));
    }

    @Test
    @DisplayName("an unknown command id is not found")
    void unknown() {
        assertThat(store.findCommand("req-1")).isEmpty();
        appendNext("INC-2025-001", 1, "req-1");

        assertThat(store.findCommand("req-2")).isEmpty();
        assertThat(store.findCommand("req-")).as("no prefix match").isEmpty();
    }

    @Test
    @DisplayName("a command id used again on the same incident is a duplicate command, and nothing is written")
    void reusedOnSameStream() {
        appendNext("INC-2025-001", 2, "req-1");
        Snapshot before = snapshot();

        DuplicateCommandException duplicate = catchThrowableOfType(DuplicateCommandException.class,
                () -> appendNext("INC-2025-001", 1, "req-1"));

        assertThat(duplicate).as("DuplicateCommandException").isNotNull();
        assertThat(duplicate.commandId()).isEqualTo("req-1");
        assertNothingWritten(before, "INC-2025-001");
        assertThat(store.findCommand("req-1")).contains(new CommandRecord("req-1", "INC-2025-001", 2));
    }

    @Test
    @DisplayName("a command id used again on another incident is a duplicate command, and nothing is written")
    void reusedOnOtherStream() {
        appendNext("INC-2025-001", 1, "req-1");
        Snapshot before = snapshot();

        assertThatThrownBy(() -> appendNext("INC-2025-002", 1, "req-1"))
                .isInstanceOf(DuplicateCommandException.class);
        assertNothingWritten(before, "INC-2025-001", "INC-2025-002");
        assertThat(store.findCommand("req-1")).contains(new CommandRecord("req-1", "INC-2025-001", 1));
    }

    @Test
    @DisplayName("a refused append does not keep its command id")
    void refusedAppendKeepsNoCommandId() {
        appendNext("INC-2025-001", 2);
        List<EventRecord> stale = chain("INC-2025-001", 1, "f".repeat(64), List.of(note(2).command("req-1")));
        assertThatThrownBy(() -> append("INC-2025-001", 1, stale))
                .isInstanceOf(ConcurrencyConflictException.class);

        assertThat(store.findCommand("req-1")).isEmpty();
        appendNext("INC-2025-001", 1, "req-1");
        assertThat(store.findCommand("req-1")).contains(new CommandRecord("req-1", "INC-2025-001", 3));
    }
}
