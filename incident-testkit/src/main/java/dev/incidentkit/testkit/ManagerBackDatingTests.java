package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link IncidentManagerContract}: back-dating. */
abstract class ManagerBackDatingTests extends ManagerHarness {

    @Test
    @DisplayName("a declaration may be back-dated")
    void backDatedDeclaration() {
        Instant earlier = START.minus(Duration.ofHours(3));

        Incident incident = manager().declare(CHECKOUT, ALICE.at(earlier));

        IncidentAssert.assertThat(incident).wasDeclaredAt(earlier);
        RecordedEvent declared = manager().history(incident.id()).get(0);
        assertThat(declared.occurredAt()).isEqualTo(earlier);
        assertThat(declared.recordedAt()).isEqualTo(START);
    }

    @Test
    @DisplayName("a command may be back-dated, but not before the declaration")
    void notBeforeDeclaration() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        clock().advance(Duration.ofMinutes(10));

        Incident acked = manager().acknowledge(id, "", ALICE.at(START.plusSeconds(60)));
        IncidentAssert.assertThat(acked).wasAcknowledgedAt(START.plusSeconds(60));

        ValidationException e = assertRejected(ValidationException.class,
                () -> manager().addNote(id, "too early", ALICE.at(START.minusNanos(1000))));
        assertThat(e.field()).isEqualTo("occurredAt");
    }

    @Test
    @DisplayName("a status change may not be dated before the latest status change; a note may")
    void statusChangesInOrder() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        clock().advance(Duration.ofMinutes(30));
        manager().acknowledge(id, "", ALICE.at(START.plus(Duration.ofMinutes(5))));

        ValidationException e = assertRejected(ValidationException.class,
                () -> manager().mitigate(id, "rolled back", BOB.at(START.plus(Duration.ofMinutes(4)))));
        manager().addNote(id, "written down afterwards", BOB.at(START.plus(Duration.ofMinutes(4))));
        Incident mitigated = manager().mitigate(id, "rolled back", BOB.at(START.plus(Duration.ofMinutes(5))));

        assertThat(e.field()).isEqualTo("occurredAt");
        assertThat(e.getMessage()).contains("latest status change", "2025-08-23T14:05:00Z");
        IncidentAssert.assertThat(mitigated).hasStatus(Status.MITIGATED).wasMitigatedAt(START.plus(Duration.ofMinutes(5)));
    }

    @Test
    @DisplayName("after a reopen, a status change may not be dated before the reopen, also when the incident is read afresh")
    void statusChangesInOrderAfterReopen() {
        IncidentManager m = manager(b -> b.snapshotCacheSize(0));
        String id = m.declare(CHECKOUT, ALICE).id();
        clock().advance(Duration.ofMinutes(60));
        m.resolve(id, "", ALICE.at(START.plus(Duration.ofMinutes(10))));
        m.reopen(id, "it is back", ALICE.at(START.plus(Duration.ofMinutes(40))));

        ValidationException e = assertRejected(ValidationException.class,
                () -> m.resolve(id, "", ALICE.at(START.plus(Duration.ofMinutes(30)))));
        ValidationException cancel = assertRejected(ValidationException.class,
                () -> m.cancel(id, "no impact", ALICE.at(START.plus(Duration.ofMinutes(39)))));

        assertThat(e.field()).isEqualTo("occurredAt");
        assertThat(cancel.field()).isEqualTo("occurredAt");
        IncidentAssert.assertThat(m.resolve(id, "", ALICE)).wasResolvedAt(START.plus(Duration.ofMinutes(60)));
    }

    @Test
    @DisplayName("a declaration, its detection and its impact start may lie at most 366 days back by default")
    void backdatingLimit() {
        Instant limit = START.minus(Duration.ofDays(366));

        ValidationException epoch = assertRejected(ValidationException.class,
                () -> manager().declare(CHECKOUT, ALICE.at(Instant.EPOCH)));
        ValidationException detected = assertRejected(ValidationException.class,
                () -> manager().declare(CHECKOUT.detectedAt(limit.minusSeconds(1)), ALICE));
        ValidationException impact = assertRejected(ValidationException.class,
                () -> manager().declare(CHECKOUT.impactStartedAt(limit.minusSeconds(1)), ALICE));
        Incident oldest = manager().declare(CHECKOUT.impactStartedAt(limit), ALICE.at(limit));

        assertThat(epoch.field()).isEqualTo("occurredAt");
        assertThat(epoch.getMessage()).contains("366 days", "1970-01-01T00:00:00Z");
        assertThat(detected.field()).isEqualTo("detectedAt");
        assertThat(impact.field()).isEqualTo("impactStartedAt");
        assertThat(oldest.id()).isEqualTo("INC-2024-001");
        assertThat(manager().list()).extracting(Incident::id).containsExactly("INC-2024-001");
    }

    @Test
    @DisplayName("a back-dating limit of one's own applies, and must be positive")
    void customBackdatingLimit() {
        IncidentManager m = manager(b -> b.maxBackdating(Duration.ofHours(1)));

        ValidationException e = assertRejected(ValidationException.class,
                () -> m.declare(CHECKOUT, ALICE.at(START.minus(Duration.ofMinutes(61)))));

        assertThat(e.getMessage()).contains("1 hour");
        IncidentAssert.assertThat(m.declare(CHECKOUT, ALICE.at(START.minus(Duration.ofHours(1)))))
                .wasDeclaredAt(START.minus(Duration.ofHours(1)));
        assertThat(catchThrowable(() -> IncidentKit.builder().maxBackdating(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an action item may not be due before the day it is added")
    void actionItemDueDate() {
        String id = manager().declare(CHECKOUT, ALICE.at(START.minus(Duration.ofDays(2)))).id();
        LocalDate today = LocalDate.of(2025, 8, 23);

        ValidationException e = assertRejected(ValidationException.class, () -> manager().addActionItem(id,
                "Add an index", Optional.empty(), Optional.of(today.minusDays(1)), ALICE));
        Incident added = manager().addActionItem(id, "Add an index", Optional.empty(), Optional.of(today), ALICE);
        Incident backDated = manager().addActionItem(id, "Review the alerts", Optional.empty(),
                Optional.of(today.minusDays(1)), ALICE.at(START.minus(Duration.ofDays(1))));

        assertThat(e.field()).isEqualTo("due");
        assertThat(e.getMessage()).contains("2025-08-23");
        assertThat(added.actionItems()).hasSize(1);
        assertThat(backDated.actionItems()).extracting(i -> i.due()).containsExactly(Optional.of(today),
                Optional.of(today.minusDays(1)));
    }

    @Test
    @DisplayName("later than now plus the allowed skew (one minute by default) is rejected")
    void notInTheFuture() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        Instant tooLate = START.plus(Duration.ofMinutes(1)).plusNanos(1000);

        ValidationException onCommand = assertRejected(ValidationException.class,
                () -> manager().addNote(id, "from the future", ALICE.at(tooLate)));
        ValidationException onDeclare = assertRejected(ValidationException.class,
                () -> manager().declare(CHECKOUT, ALICE.at(tooLate)));

        assertThat(onCommand.field()).isEqualTo("occurredAt");
        assertThat(onDeclare.field()).isEqualTo("occurredAt");
        assertThat(manager().list()).extracting(Incident::id).containsExactly(id);
    }

    @Test
    @DisplayName("within the skew is accepted")
    void withinSkew() {
        Instant edge = START.plus(Duration.ofMinutes(1));

        Incident incident = manager().declare(CHECKOUT, ALICE.at(edge));
        Incident noted = manager().addNote(incident.id(), "a clock a bit ahead", ALICE.at(edge));

        IncidentAssert.assertThat(incident).wasDeclaredAt(edge);
        assertThat(manager().history(noted.id())).extracting(RecordedEvent::occurredAt).containsExactly(edge, edge);
    }

    @Test
    @DisplayName("a skew of one's own applies")
    void customSkew() {
        IncidentManager m = manager(b -> b.maxClockSkew(Duration.ZERO));

        ValidationException e = assertRejected(ValidationException.class,
                () -> m.declare(CHECKOUT, ALICE.at(START.plusMillis(1))));

        assertThat(e.field()).isEqualTo("occurredAt");
        IncidentAssert.assertThat(m.declare(CHECKOUT, ALICE.at(START))).wasDeclaredAt(START);
    }

    @Test
    @DisplayName("the timeline orders back-dated events by when they happened, the history by version")
    void timelineOrder() {
        String id = manager().declare(CHECKOUT, ALICE).id();
        clock().advance(Duration.ofMinutes(30));
        manager().acknowledge(id, "late ack", ALICE);
        manager().addNote(id, "written down afterwards", BOB.at(START.plus(Duration.ofMinutes(10))));

        assertThat(manager().timeline(id)).extracting(TimelineEntry::text)
                .containsExactly("Checkout latency", "written down afterwards", "late ack");
        assertThat(manager().timeline(id)).extracting(TimelineEntry::version).containsExactly(1L, 3L, 2L);
        assertThat(manager().history(id)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(manager().verify(id).isIntact()).isTrue();
    }

    @Test
    @DisplayName("instants are kept to the microsecond")
    void truncatedToMicros() {
        clock().set(Instant.parse("2025-08-23T14:30:00.123456789Z"));

        Incident incident = manager().declare(CHECKOUT, ALICE);
        manager().addNote(incident.id(), "back-dated", ALICE.at(Instant.parse("2025-08-23T14:30:00.123456999Z")));
        manager().addNote(incident.id(), "now", ALICE);

        IncidentAssert.assertThat(incident).wasDeclaredAt(Instant.parse("2025-08-23T14:30:00.123456Z"));
        List<RecordedEvent> history = manager().history(incident.id());
        assertThat(history).extracting(RecordedEvent::occurredAt).containsOnly(Instant.parse("2025-08-23T14:30:00.123456Z"));
        assertThat(history).extracting(RecordedEvent::recordedAt).containsOnly(Instant.parse("2025-08-23T14:30:00.123456Z"));
        assertThat(Incident.replay(history).milestones().declaredAt()).isEqualTo(Instant.parse("2025-08-23T14:30:00.123456Z"));
    }
}
