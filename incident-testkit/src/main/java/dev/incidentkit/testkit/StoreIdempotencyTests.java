package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.DuplicateEventException;
import dev.incidentkit.core.internal.Events;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.EventRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EventStoreContract}: idempotency. */
abstract class StoreIdempotencyTests extends StoreHarness {

    @Test
    @DisplayName("appending the very same events again writes nothing and returns the first result")
    void sameEventsAgain() {
        List<EventRecord> batch = next("INC-2025-001", 3);
        AppendResult first = append("INC-2025-001", 0, batch);
        Snapshot before = snapshot();

        AppendResult again = append("INC-2025-001", 0, batch);

        assertThat(again.alreadyStored()).isTrue();
        assertThat(again.events()).isEqualTo(first.events());
        assertNothingWritten(before, "INC-2025-001");
    }

    @Test
    @DisplayName("a retry is recognized after the stream has moved on")
    void retryAfterStreamMoved() {
        List<EventRecord> batch = next("INC-2025-001", 2);
        AppendResult first = append("INC-2025-001", 0, batch);
        appendNext("INC-2025-001", 1);
        appendNext("INC-2025-002", 1);
        Snapshot before = snapshot();

        AppendResult again = append("INC-2025-001", 0, batch);

        assertThat(again.alreadyStored()).isTrue();
        assertThat(again.events()).isEqualTo(first.events());
        assertNothingWritten(before, "INC-2025-001", "INC-2025-002");
    }

    @Test
    @DisplayName("a retry of a batch with a command id is recognized, not refused as a duplicate command")
    void retryWithCommandId() {
        List<EventRecord> batch = next("INC-2025-001", 2, "req-1");
        AppendResult first = append("INC-2025-001", 0, batch);
        Snapshot before = snapshot();

        AppendResult again = append("INC-2025-001", 0, batch);

        assertThat(again.alreadyStored()).isTrue();
        assertThat(again.events()).isEqualTo(first.events());
        assertNothingWritten(before, "INC-2025-001");
    }

    @Test
    @DisplayName("a stored event id with other content is a duplicate event, and nothing is written")
    void sameIdOtherContent() {
        List<EventRecord> batch = next("INC-2025-001", 1);
        append("INC-2025-001", 0, batch);
        Snapshot before = snapshot();
        EventRecord stored = batch.get(0);
        EventRecord changed = new EventRecord(stored.eventId(), stored.incidentId(), stored.version(), stored.type(),
                stored.schemaVersion(), stored.occurredAt(), stored.recordedAt(), stored.actor(), stored.commandId(),
                "{\"note\":\"other content\"}", stored.prevHash(), "");
        EventRecord rehashed = Events.withHash(changed, HashChain.hash(changed));

        assertThatThrownBy(() -> append("INC-2025-001", 0, List.of(rehashed)))
                .isInstanceOf(DuplicateEventException.class);
        assertNothingWritten(before, "INC-2025-001");
    }

    @Test
    @DisplayName("a retry that differs after its first event is a duplicate event, and nothing is written")
    void retryDiffersLater() {
        List<EventRecord> batch = next("INC-2025-001", 2);
        append("INC-2025-001", 0, batch);
        Snapshot before = snapshot();
        List<EventRecord> longer = new ArrayList<>(batch);
        longer.addAll(chain("INC-2025-001", 2, batch.get(1).hash(), List.of(note(3))));

        assertThatThrownBy(() -> append("INC-2025-001", 0, longer))
                .isInstanceOf(DuplicateEventException.class);
        assertNothingWritten(before, "INC-2025-001");
    }
}
