package dev.incidentkit.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineQueueTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void takingWhatIsDueLooksOnlyAtTheDueEntriesOfAHundredThousand() {
        DeadlineQueue q = new DeadlineQueue();
        for (int i = 0; i < 100_000; i++) {
            q.schedule("INC-" + i, T0.plusSeconds(i));
        }

        // Due strictly before T0 + 100 s: the first hundred.
        assertThat(q.pollDue(T0.plusSeconds(100))).hasSize(100).startsWith("INC-0", "INC-1").endsWith("INC-99");
        assertThat(q.examined()).isEqualTo(100);
        assertThat(q.pollDue(T0.plusSeconds(100))).isEmpty();
        assertThat(q.examined()).isEqualTo(100);
        assertThat(q.size()).isEqualTo(99_900);
    }

    @Test
    void aMovedEntryIsDroppedWhenItsOldPlaceComesUp() {
        DeadlineQueue q = new DeadlineQueue();
        q.schedule("a", T0.plusSeconds(1));
        q.schedule("b", T0.plusSeconds(2));
        q.schedule("a", T0.plusSeconds(10));

        assertThat(q.pollDue(T0.plusSeconds(5))).containsExactly("b");
        assertThat(q.examined()).isEqualTo(2);
        assertThat(q.pollDue(T0.plusSeconds(11))).containsExactly("a");
    }

    @Test
    void rescheduledOrRemovedEntriesDoNotPileUp() {
        DeadlineQueue q = new DeadlineQueue();
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 100; i++) {
                q.schedule("INC-" + i, T0.plusSeconds(round * 1000L + i));
            }
        }
        for (int i = 0; i < 50; i++) {
            q.remove("INC-" + i);
        }

        assertThat(q.size()).isEqualTo(50);
        assertThat(q.heapSize()).isLessThanOrEqualTo(2 * 100 + 1024 + 1);
        assertThat(q.pollDue(T0.plusSeconds(1_000_000))).hasSize(50).startsWith("INC-50");
    }

    @Test
    void schedulingTheSameInstantAgainAddsNothing() {
        DeadlineQueue q = new DeadlineQueue();
        q.schedule("a", T0);
        q.schedule("a", T0);

        assertThat(q.heapSize()).isEqualTo(1);
    }
}
