package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.EventRecord;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EventStoreContract}: expected version. */
abstract class StoreExpectedVersionTests extends StoreHarness {

    @ParameterizedTest(name = "expectedVersion {0} on a stream at version 3")
    @ValueSource(longs = {0, 1, 2, 4, 7})
    @DisplayName("a stale or future expected version is a conflict, and nothing is written")
    void wrongExpectedVersion(long expectedVersion) {
        appendNext("INC-2025-001", 3);
        Snapshot before = snapshot();
        String previousHash = expectedVersion == 0 ? HashChain.GENESIS : "f".repeat(64);
        List<EventRecord> batch = chain("INC-2025-001", expectedVersion, previousHash, List.of(note(1), note(2)));

        ConcurrencyConflictException conflict = catchThrowableOfType(ConcurrencyConflictException.class,
                () -> append("INC-2025-001", expectedVersion, batch));

        assertThat(conflict).as("ConcurrencyConflictException").isNotNull();
        assertThat(conflict.incidentId()).isEqualTo("INC-2025-001");
        assertThat(conflict.expectedVersion()).isEqualTo(expectedVersion);
        assertThat(conflict.actualVersion()).as("the stored version, or -1 if unknown").isIn(3L, -1L);
        assertNothingWritten(before, "INC-2025-001");
    }

    @Test
    @DisplayName("a stream that does not exist is at version 0")
    void missingStreamIsAtZero() {
        List<EventRecord> batch = chain("INC-2025-001", 1, "f".repeat(64), List.of(note(2)));

        assertThatThrownBy(() -> append("INC-2025-001", 1, batch))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertNothingWritten(snapshotOfEmptyStore(), "INC-2025-001");
    }

    @Test
    @DisplayName("the right expected version is accepted after a conflict")
    void acceptedAfterConflict() {
        appendNext("INC-2025-001", 2);
        List<EventRecord> stale = chain("INC-2025-001", 1, "f".repeat(64), List.of(note(2)));
        assertThatThrownBy(() -> append("INC-2025-001", 1, stale))
                .isInstanceOf(ConcurrencyConflictException.class);

        AppendResult result = appendNext("INC-2025-001", 1);

        assertThat(result.lastVersion()).isEqualTo(3);
        assertThat(versions(store.readStream("INC-2025-001", 0))).containsExactly(1L, 2L, 3L);
    }
}
