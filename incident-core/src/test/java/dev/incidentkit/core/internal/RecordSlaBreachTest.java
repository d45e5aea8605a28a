package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandType;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Lifecycle;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordSlaBreachTest {

    static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");
    static final Actor MONITOR = Actor.of("sla-monitor");
    final Decider decider = new Decider(Lifecycle.standard());

    static Incident incident(IncidentEvent... later) {
        List<RecordedEvent> events = new ArrayList<>();
        add(events, new IncidentEvent.Declared("INC-2025-001", "t", Severity.SEV1, "checkout", Status.OPEN, "", T0, T0, false));
        for (IncidentEvent e : later) {
            add(events, e);
        }
        return IncidentFold.replay(events);
    }

    static void add(List<RecordedEvent> events, IncidentEvent e) {
        long v = events.size() + 1;
        EventRecord r = new EventRecord(UUID.randomUUID(), "INC-2025-001", v, e.type(), 1, T0, T0, "alice",
                Optional.empty(), EventData.encode(e), "", "");
        events.add(new RecordedEvent(new StoredEvent(LogPosition.of(v), r), e));
    }

    @Test
    void producesTheBreachEvent() {
        Command.RecordSlaBreach c = new Command.RecordSlaBreach(SlaKind.ACK, Duration.ofMinutes(15), T0.plusSeconds(900));

        assertThat(decider.decide(incident(), c, MONITOR, id -> Optional.empty()))
                .containsExactly(new IncidentEvent.SlaBreached(SlaKind.ACK, Duration.ofMinutes(15), T0.plusSeconds(900)));
    }

    @Test
    void theSameClockAndDeadlineAgainIsANoOpWhateverTheTarget() {
        Incident breached = incident(new IncidentEvent.SlaBreached(SlaKind.ACK, Duration.ofMinutes(15), T0.plusSeconds(900)));

        assertThat(breached.slaBreaches()).containsExactly(new SlaBreach(SlaKind.ACK, Duration.ofMinutes(15), T0.plusSeconds(900), T0));
        assertThat(decider.decide(breached, new Command.RecordSlaBreach(SlaKind.ACK, Duration.ofMinutes(15), T0.plusSeconds(900)),
                MONITOR, id -> Optional.empty())).isEmpty();
        assertThat(decider.decide(breached, new Command.RecordSlaBreach(SlaKind.ACK, Duration.ofMinutes(30), T0.plusSeconds(900)),
                MONITOR, id -> Optional.empty())).isEmpty();
        // Another clock, or another deadline of the same clock, is another breach.
        assertThat(decider.decide(breached, new Command.RecordSlaBreach(SlaKind.UPDATE, Duration.ofMinutes(15), T0.plusSeconds(900)),
                MONITOR, id -> Optional.empty())).hasSize(1);
        assertThat(decider.decide(breached, new Command.RecordSlaBreach(SlaKind.ACK, Duration.ofMinutes(15), T0.plusSeconds(901)),
                MONITOR, id -> Optional.empty())).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void everyStatusTakesIt(Status status) {
        assertThat(Lifecycle.standard().allows(status, CommandType.RECORD_SLA_BREACH)).isTrue();
        assertThat(Lifecycle.withoutReopeningClosed().allows(status, CommandType.RECORD_SLA_BREACH)).isTrue();
    }

    @Test
    void aClosedIncidentStillTakesABreachItMissedWhileActive() {
        Incident closed = incident(new IncidentEvent.StatusChanged(Status.OPEN, Status.RESOLVED, ""),
                new IncidentEvent.StatusChanged(Status.RESOLVED, Status.CLOSED, ""));

        assertThat(decider.decide(closed, new Command.RecordSlaBreach(SlaKind.ACK, Duration.ofMinutes(15), T0.plusSeconds(900)),
                MONITOR, id -> Optional.empty())).hasSize(1);
    }

    @Test
    void badFieldsAreRejected() {
        assertThatThrownBy(() -> Decider.validate(new Command.RecordSlaBreach(SlaKind.ACK, Duration.ZERO, T0)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("target");
        assertThatThrownBy(() -> Decider.validate(new Command.RecordSlaBreach(SlaKind.ACK, Duration.ofMinutes(-1), T0)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Decider.validate(new Command.RecordSlaBreach(SlaKind.ACK, Duration.ofMinutes(1), Instant.parse("1969-12-31T00:00:00Z"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("deadline");
        assertThatThrownBy(() -> decider.decide(incident(), new Command.RecordSlaBreach(SlaKind.ACK, Duration.ofMinutes(1), T0),
                MONITOR, id -> Optional.empty()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("after the detection");
    }

    @Test
    void theCommandTypeHasAVerb() {
        assertThat(new Command.RecordSlaBreach(SlaKind.RESOLVE, Duration.ofHours(1), T0).type().verb()).isEqualTo("record-sla-breach");
    }
}
