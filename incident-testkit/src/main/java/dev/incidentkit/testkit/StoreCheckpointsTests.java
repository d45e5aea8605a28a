package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.spi.LogPosition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EventStoreContract}: checkpoints. */
abstract class StoreCheckpointsTests extends StoreHarness {

    @Test
    @DisplayName("a reader that never saved has no checkpoint")
    void emptyByDefault() {
        assertThat(store.checkpoint("notifier:slack")).isEmpty();
    }

    @Test
    @DisplayName("a saved checkpoint is loaded as saved, commit and position alike")
    void saveAndLoad() {
        store.saveCheckpoint("notifier:slack", new LogPosition(4_000_000_000L, 17));

        assertThat(store.checkpoint("notifier:slack")).contains(new LogPosition(4_000_000_000L, 17));
    }

    @Test
    @DisplayName("the last save wins, even when it moves back")
    void lastSaveWins() {
        store.saveCheckpoint("notifier:slack", LogPosition.of(5));
        store.saveCheckpoint("notifier:slack", LogPosition.of(9));
        assertThat(store.checkpoint("notifier:slack")).contains(LogPosition.of(9));

        store.saveCheckpoint("notifier:slack", LogPosition.of(3));

        assertThat(store.checkpoint("notifier:slack")).contains(LogPosition.of(3));
    }

    @Test
    @DisplayName("readers' checkpoints are independent")
    void independentNames() {
        store.saveCheckpoint("notifier:slack", LogPosition.of(5));
        store.saveCheckpoint("notifier:email", LogPosition.of(8));
        store.saveCheckpoint("notifier:slack", LogPosition.of(6));

        assertThat(store.checkpoint("notifier:slack")).contains(LogPosition.of(6));
        assertThat(store.checkpoint("notifier:email")).contains(LogPosition.of(8));
        assertThat(store.checkpoint("notifier:")).isEmpty();
        assertThat(store.checkpoint("notifier:pagerduty")).isEmpty();
    }
}
