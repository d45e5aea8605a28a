package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.spi.DeliveryStore;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link NotificationContract}: DeliveryStore: dead letters. */
abstract class NotificationDeadLettersTests extends NotificationHarness {

    private DeadLetter letter(String notifier, int n, int attempts) {
        return new DeadLetter(notifier, new UUID(0x0199_0000_0000_7000L, n), "INC-2025-00" + n, n,
                EventTypes.NOTE_ADDED, attempts, "HTTP 503 for the " + attempts + ". time",
                Instant.parse("2025-08-23T14:00:00.123456Z").plusSeconds(attempts));
    }

    @Test
    @DisplayName("are listed in the order they were added, each as written")
    void listed() {
        DeliveryStore d = deliveries();
        assertThat(d.deadLetters("slack")).isEmpty();
        d.addDeadLetter(letter("slack", 3, 1));
        d.addDeadLetter(letter("slack", 1, 1));
        d.addDeadLetter(letter("slack", 2, 8));
        assertThat(d.deadLetters("slack")).containsExactly(letter("slack", 3, 1), letter("slack", 1, 1),
                letter("slack", 2, 8));
    }

    @Test
    @DisplayName("one with the same notifier and event replaces the old one, in its place")
    void replaced() {
        DeliveryStore d = deliveries();
        d.addDeadLetter(letter("slack", 1, 1));
        d.addDeadLetter(letter("slack", 2, 1));
        d.addDeadLetter(letter("slack", 3, 1));
        d.addDeadLetter(letter("slack", 2, 2));
        assertThat(d.deadLetters("slack")).containsExactly(letter("slack", 1, 1), letter("slack", 2, 2),
                letter("slack", 3, 1));
    }

    @Test
    @DisplayName("are removed one by one, and each notifier has its own")
    void removedPerNotifier() {
        DeliveryStore d = deliveries();
        d.addDeadLetter(letter("slack", 1, 1));
        d.addDeadLetter(letter("pager", 1, 4));
        assertThat(d.removeDeadLetter("slack", letter("slack", 1, 1).eventId())).isTrue();
        assertThat(d.removeDeadLetter("slack", letter("slack", 1, 1).eventId())).isFalse();
        assertThat(d.removeDeadLetter("teams", letter("slack", 1, 1).eventId())).isFalse();
        assertThat(d.deadLetters("slack")).isEmpty();
        assertThat(d.deadLetters("pager")).containsExactly(letter("pager", 1, 4));
    }

    @Test
    @DisplayName("keep a long error and hostile text as written")
    void text() {
        DeliveryStore d = deliveries();
        String error = DeadLetter.truncate(Fixtures.HOSTILE_TITLE + "\n'; DROP TABLE dead_letters; --"
                + "x".repeat(2_000));
        DeadLetter hostile = new DeadLetter("slack", UUID.randomUUID(), "INC-2025-001", 1, EventTypes.DECLARED, 8,
                error, Instant.parse("2025-08-23T14:00:00.999999Z"));
        d.addDeadLetter(hostile);
        assertThat(d.deadLetters("slack")).containsExactly(hostile);
        assertThat(error).hasSize(DeadLetter.MAX_ERROR_LENGTH);
    }
}
