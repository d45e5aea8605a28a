package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.DuplicateEventException;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EventStoreContract}: argument checks. */
abstract class StoreArgumentChecksTests extends StoreHarness {

    @Test
    @DisplayName("an empty batch is refused")
    void emptyBatch() {
        // Any summary will do: the batch is refused first.
        var summary = Fixtures.placeholderSummary(next("INC-2025-001", 1));
        assertThatThrownBy(() -> store.append("INC-2025-001", 0, List.of(), summary))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.head()).isEqualTo(LogPosition.START);
    }

    @Test
    @DisplayName("a batch holding an event of another incident is refused, and nothing is written")
    void anotherIncident() {
        appendNext("INC-2025-002", 1);
        Snapshot before = snapshot();
        List<EventRecord> batch = new ArrayList<>(next("INC-2025-001", 1));
        batch.addAll(chain("INC-2025-002", 1, HashChain.GENESIS, List.of(note(2))));

        assertThatThrownBy(() -> append("INC-2025-001", 0, batch))
                .isInstanceOf(IllegalArgumentException.class);
        assertNothingWritten(before, "INC-2025-001", "INC-2025-002");
    }

    @Test
    @DisplayName("a batch of another incident altogether is refused, and nothing is written")
    void wrongIncident() {
        List<EventRecord> batch = next("INC-2025-002", 2);

        assertThatThrownBy(() -> append("INC-2025-001", 0, batch))
                .isInstanceOf(IllegalArgumentException.class);
        assertNothingWritten(snapshotOfEmptyStore(), "INC-2025-001", "INC-2025-002");
    }

    @Test
    @DisplayName("a batch not numbered from expectedVersion + 1 is refused, and nothing is written")
    void notNumberedFromExpectedVersion() {
        appendNext("INC-2025-001", 2);
        Snapshot before = snapshot();
        String hash = lastHash("INC-2025-001");

        assertThatThrownBy(() -> append("INC-2025-001", 2, chain("INC-2025-001", 3, hash, List.of(note(4)))))
                .as("starts too high").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> append("INC-2025-001", 2, chain("INC-2025-001", 1, hash, List.of(note(2)))))
                .as("starts too low").isInstanceOf(IllegalArgumentException.class);
        assertNothingWritten(before, "INC-2025-001");
    }

    @Test
    @DisplayName("a batch with a gap in its versions is refused, and nothing is written")
    void gapInBatch() {
        List<EventRecord> gapless = next("INC-2025-001", 3);
        List<EventRecord> withGap = List.of(gapless.get(0), gapless.get(2));

        assertThatThrownBy(() -> append("INC-2025-001", 0, withGap))
                .isInstanceOf(IllegalArgumentException.class);
        assertNothingWritten(snapshotOfEmptyStore(), "INC-2025-001");
    }

    @Test
    @DisplayName("a batch that names one event id twice is refused, and nothing is written")
    void eventIdTwiceInBatch() {
        List<EventRecord> batch = next("INC-2025-001", 2);
        EventRecord second = batch.get(1);
        EventRecord sameIdAsFirst = new EventRecord(batch.get(0).eventId(), second.incidentId(), second.version(),
                second.type(), second.schemaVersion(), second.occurredAt(), second.recordedAt(), second.actor(),
                second.commandId(), second.data(), second.prevHash(), second.hash());

        // The SPI names no exception for this case; either refusal keeps event ids unique.
        assertThatThrownBy(() -> append("INC-2025-001", 0, List.of(batch.get(0), sameIdAsFirst)))
                .isInstanceOfAny(IllegalArgumentException.class, DuplicateEventException.class);
        assertNothingWritten(snapshotOfEmptyStore(), "INC-2025-001");
    }
}
