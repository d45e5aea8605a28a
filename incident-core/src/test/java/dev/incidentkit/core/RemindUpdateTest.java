package dev.incidentkit.core;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.format.EventDataFormat;
import dev.incidentkit.core.sla.SlaStatus;
import dev.incidentkit.core.timeline.TimelineEntry;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reminder that an update is due ({@code incident.update_due}) through the manager: it names
 * the incident's commander when there is one, is taken only while the incident is active, and a
 * retry under the deadline's command id writes nothing.
 */
class RemindUpdateTest {

    static final Instant T0 = Instant.parse("2026-12-03T11:00:00Z");
    static final Instant DEADLINE = Instant.parse("2026-12-03T11:30:00Z");
    static final CommandContext MONITOR = as("sla-monitor");

    final ManualClock clock = ManualClock.at(T0);
    final IncidentManager manager = IncidentKit.builder().store(new SimpleEventStore()).clock(clock).build();

    String declare() {
        return manager.declare(Declare.of("Card payments failing for EU customers", Severity.SEV2, "checkout"), as("carol")).id();
    }

    static Command.RemindUpdate remind() {
        return new Command.RemindUpdate(DEADLINE, Duration.ofMinutes(30));
    }

    IncidentEvent.UpdateDue lastReminder(String id) {
        return (IncidentEvent.UpdateDue) manager.history(id).stream().filter(e -> e.type().equals(EventTypes.UPDATE_DUE))
                .reduce((a, b) -> b).orElseThrow().event();
    }

    @Test
    void withoutACommanderTheReminderNamesNobody() {
        String id = declare();
        Incident declared = manager.get(id);
        clock.advance(Duration.ofMinutes(25));
        SlaStatus slaBefore = manager.slaStatus(id);

        Incident after = manager.execute(id, remind(), MONITOR);

        assertThat(lastReminder(id)).isEqualTo(new IncidentEvent.UpdateDue(DEADLINE, Duration.ofMinutes(30), Optional.empty()));
        TimelineEntry entry = manager.timeline(id).get(1);
        assertThat(entry.headline()).isEqualTo("Update due by 11:30 UTC");
        assertThat(entry.text()).isEqualTo("Reminder: post an update by 11:30 UTC (one every 30m)");
        assertThat(entry.actor()).isEqualTo(Actor.of("sla-monitor"));
        // The snapshot keeps nothing of it and no SLA clock moves.
        assertThat(after.version()).isEqualTo(declared.version() + 1);
        assertThat(after.lastUpdateAt()).isEqualTo(declared.lastUpdateAt());
        assertThat(manager.slaStatus(id)).isEqualTo(slaBefore);
        assertThat(EventDataFormat.encode(lastReminder(id))).isEqualTo("{\"deadline\":\"2026-12-03T11:30:00Z\",\"target\":\"PT30M\"}");
    }

    @Test
    void theReminderNamesTheCommanderAssigned() {
        String id = declare();
        manager.assignRole(id, Role.TECH_LEAD, Actor.of("dave"), as("carol"));
        manager.assignRole(id, Role.COMMANDER, Actor.of("Zo\u00eb O'Brien"), as("carol"));

        manager.execute(id, remind(), MONITOR);

        assertThat(lastReminder(id).commander()).contains(Actor.of("Zo\u00eb O'Brien"));
        assertThat(manager.timeline(id).get(3).text())
                .isEqualTo("Reminder to Zo\u00eb O'Brien (commander): post an update by 11:30 UTC (one every 30m)");
    }

    @Test
    void theReminderNamesWhoeverHoldsTheRoleWhenItIsRecorded() {
        String id = declare();
        manager.acknowledge(id, "on it", Role.COMMANDER, as("bob"));
        manager.execute(id, remind(), MONITOR);
        assertThat(lastReminder(id).commander()).contains(Actor.of("bob"));

        manager.assignRole(id, Role.COMMANDER, Actor.of("alice"), as("bob"));
        manager.execute(id, new Command.RemindUpdate(DEADLINE.plus(Duration.ofMinutes(90)), Duration.ofMinutes(90)), MONITOR);
        assertThat(lastReminder(id).commander()).contains(Actor.of("alice"));
        assertThat(manager.timeline(id)).last().extracting(TimelineEntry::headline, TimelineEntry::text)
                .containsExactly("Update due by 13:00 UTC", "Reminder to alice (commander): post an update by 13:00 UTC (one every 1h30m)");
        // The earlier reminder still names bob: it tells who was reminded then.
        assertThat(manager.history(id)).filteredOn(e -> e.type().equals(EventTypes.UPDATE_DUE))
                .extracting(e -> ((IncidentEvent.UpdateDue) e.event()).commander().orElseThrow().name())
                .containsExactly("bob", "alice");
    }

    @Test
    void aRetryUnderTheDeadlinesCommandIdWritesNothing() {
        String id = declare();
        CommandContext once = MONITOR.commandId("update-due:" + id + ":" + DEADLINE);
        Incident first = manager.execute(id, remind(), once);

        assertThat(manager.execute(id, remind(), once)).isEqualTo(first);
        assertThat(manager.history(id)).extracting(RecordedEvent::type).containsExactly(EventTypes.DECLARED, EventTypes.UPDATE_DUE);
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void exactlyTheActiveStatusesTakeAReminder(Status status) {
        assertThat(Lifecycle.standard().allows(status, CommandType.REMIND_UPDATE)).isEqualTo(status.isActive());
        assertThat(Lifecycle.withoutReopeningClosed().allows(status, CommandType.REMIND_UPDATE)).isEqualTo(status.isActive());
    }

    @Test
    void aResolvedIncidentIsRemindedOfNothing() {
        String id = declare();
        manager.mitigate(id, "rolled back", as("carol"));
        assertThat(manager.execute(id, remind(), MONITOR).status()).isEqualTo(Status.MITIGATED);
        manager.resolve(id, "stable", as("carol"));

        assertThatThrownBy(() -> manager.execute(id, remind(), MONITOR))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageStartingWith("Cannot remind-update incident " + id + ": it is RESOLVED;");
        assertThat(manager.history(id)).filteredOn(e -> e.type().equals(EventTypes.UPDATE_DUE)).hasSize(1);
    }

    @Test
    void eachFieldRuleNamesItsFieldAndWritesNothing() {
        String id = declare();
        assertField(id, new Command.RemindUpdate(DEADLINE, Duration.ZERO), "target");
        assertField(id, new Command.RemindUpdate(DEADLINE, Duration.ofMinutes(-30)), "target");
        assertField(id, new Command.RemindUpdate(DEADLINE, Duration.ofNanos(-1)), "target");
        assertField(id, new Command.RemindUpdate(Instant.parse("1969-12-31T23:59:59Z"), Duration.ofMinutes(30)), "deadline");
        assertField(id, new Command.RemindUpdate(Instant.parse("+10000-01-01T00:00:00Z"), Duration.ofMinutes(30)), "deadline");
        assertThat(manager.history(id)).hasSize(1);
        assertThat(manager.execute(id, new Command.RemindUpdate(DEADLINE, Duration.ofNanos(1)), MONITOR).version()).isEqualTo(2);
    }

    private void assertField(String id, Command command, String field) {
        assertThatThrownBy(() -> manager.execute(id, command, MONITOR))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void theDataIsWrittenAndReadBackWithTheCommanderOrWithout() {
        IncidentEvent.UpdateDue toZoe = new IncidentEvent.UpdateDue(Instant.parse("2026-12-03T12:58:00.125Z"),
                Duration.ofMinutes(90), Optional.of(Actor.of("Zo\u00eb")));
        String json = EventDataFormat.encode(toZoe);
        assertThat(json).isEqualTo("{\"deadline\":\"2026-12-03T12:58:00.125Z\",\"target\":\"PT1H30M\",\"commander\":\"Zo\u00eb\"}");
        assertThat(EventDataFormat.decode(EventTypes.UPDATE_DUE, 1, json)).isEqualTo(toZoe);
        IncidentEvent.UpdateDue toNobody = new IncidentEvent.UpdateDue(toZoe.deadline(), toZoe.target(), Optional.empty());
        assertThat(EventDataFormat.decode(EventTypes.UPDATE_DUE, 1,
                "{\"deadline\":\"2026-12-03T12:58:00.125Z\",\"target\":\"PT1H30M\",\"commander\":null}")).isEqualTo(toNobody);
    }

    /** What the reader refuses it names by its field in the data, as the other readers do. */
    @Test
    void theReaderNamesTheFieldThatIsWrong() {
        String ok = "\"deadline\":\"2026-12-03T11:30:00Z\",\"target\":\"PT30M\"";
        assertData(ok.replace("\"deadline\":\"2026-12-03T11:30:00Z\",", ""), "data.deadline");
        assertData(ok.replace("2026-12-03T11:30:00Z", "half past eleven"), "data.deadline");
        assertData(ok.replace("\"PT30M\"", "30"), "data.target");
        assertData(ok.replace("PT30M", "30 minutes"), "data.target");
        assertData(ok + ",\"commander\":[\"carol\"]", "data.commander");
        assertData(ok + ",\"commander\":\"\"", "data.commander");
        assertData(ok + ",\"commander\":\"carol\\nbob\"", "data.commander");
        assertData(ok + ",\"commander\":\"" + "c".repeat(201) + "\"", "data.commander");
    }

    private static void assertData(String fields, String field) {
        assertThatThrownBy(() -> EventDataFormat.decode(EventTypes.UPDATE_DUE, 1, "{" + fields + "}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
