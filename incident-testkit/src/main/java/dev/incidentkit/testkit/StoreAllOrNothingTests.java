package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.DuplicateEventException;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EventStoreContract}: a batch is all or nothing. */
abstract class StoreAllOrNothingTests extends StoreHarness {

    @Test
    @DisplayName("a batch whose second event reuses a stored event id stores none of its events")
    void storedEventIdInBatch() {
        AppendResult other = appendNext("INC-2025-002", 1);
        Snapshot before = snapshot();
        List<EventRecord> fresh = next("INC-2025-001", 3);
        EventRecord second = fresh.get(1);
        EventRecord reused = new EventRecord(other.events().get(0).record().eventId(), second.incidentId(),
                second.version(), second.type(), second.schemaVersion(), second.occurredAt(), second.recordedAt(),
                second.actor(), second.commandId(), second.data(), second.prevHash(), second.hash());

        assertThatThrownBy(() -> append("INC-2025-001", 0, List.of(fresh.get(0), reused, fresh.get(2))))
                .isInstanceOf(DuplicateEventException.class);
        assertNothingWritten(before, "INC-2025-001", "INC-2025-002");
    }

    @Test
    @DisplayName("a batch whose last event carries a used command id stores none of its events")
    void usedCommandIdInBatch() {
        appendNext("INC-2025-002", 1, "req-1");
        appendNext("INC-2025-001", 1);
        Snapshot before = snapshot();
        String hash = lastHash("INC-2025-001");
        List<EventRecord> batch = chain("INC-2025-001", 1, hash, List.of(note(2), note(3), note(4).command("req-1")));

        assertThatThrownBy(() -> append("INC-2025-001", 1, batch))
                .isInstanceOf(DuplicateCommandException.class);
        assertNothingWritten(before, "INC-2025-001", "INC-2025-002");
        assertThat(store.findCommand("req-1")).contains(new CommandRecord("req-1", "INC-2025-002", 1));
    }

    @Test
    @DisplayName("a refused batch leaves the stream ready for the next append")
    void streamUsableAfterRefusal() {
        AppendResult first = appendNext("INC-2025-001", 2, "req-1");
        assertThatThrownBy(() -> appendNext("INC-2025-001", 3, "req-1"))
                .isInstanceOf(DuplicateCommandException.class);

        AppendResult next = appendNext("INC-2025-001", 2, "req-2");

        assertThat(versions(next.events())).containsExactly(3L, 4L);
        assertThat(next.events().get(0).position()).isGreaterThan(first.events().get(1).position());
        assertThat(versions(store.readStream("INC-2025-001", 0))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(store.readAll(LogPosition.START, 100)).hasSize(4);
    }
}
