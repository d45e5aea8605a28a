package dev.incidentkit.core.metrics;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Lifecycle;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.Decider;
import dev.incidentkit.core.internal.Events;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.internal.IncidentFold;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store-less event log for tests: commands decided by the real {@link Decider} on the real
 * {@link Lifecycle}, turned into chained records and {@link RecordedEvent}s with global positions,
 * and folded into snapshots. Instants are whatever the test says (back-dating included).
 */
final class EventLog {

    private static final Decider DECIDER = new Decider(Lifecycle.standard());

    private long position;
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, List<RecordedEvent>> histories = new HashMap<>();
    private final Map<String, String> lastHash = new HashMap<>();
    private final List<RecordedEvent> all = new ArrayList<>();

    Incident declare(String id, Declare declare, Instant at, String actor) {
        IncidentEvent.Declared event = Decider.declared(id, declare, at);
        append(id, List.of(event), at, actor);
        return incidents.get(id);
    }

    /** Runs a command; a rejected one throws and records nothing. */
    Incident run(String id, Command command, Instant at, String actor) {
        Decider.validate(command);
        List<IncidentEvent> events = DECIDER.decide(incidents.get(id), command, Actor.of(actor),
                other -> Optional.ofNullable(incidents.get(other)));
        append(id, events, at, actor);
        return incidents.get(id);
    }

    /** Records an event no command makes here, such as an SLA breach. */
    Incident record(String id, IncidentEvent event, Instant at, String actor) {
        append(id, List.of(event), at, actor);
        return incidents.get(id);
    }

    /** @return the new events */
    List<RecordedEvent> append(String id, List<IncidentEvent> events, Instant at, String actor) {
        if (events.isEmpty()) {
            return List.of();
        }
        Incident current = incidents.get(id);
        long version = current == null ? 0 : current.version();
        List<EventRecord> records = Events.records(id, version, lastHash.getOrDefault(id, HashChain.GENESIS), events,
                at, at, Actor.of(actor), Optional.empty());
        List<RecordedEvent> recorded = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            recorded.add(new RecordedEvent(new StoredEvent(LogPosition.of(++position), records.get(i)), events.get(i)));
        }
        lastHash.put(id, records.get(records.size() - 1).hash());
        histories.computeIfAbsent(id, k -> new ArrayList<>()).addAll(recorded);
        all.addAll(recorded);
        incidents.put(id, current == null ? IncidentFold.replay(recorded) : IncidentFold.apply(current, recorded));
        return recorded;
    }

    Incident incident(String id) {
        return incidents.get(id);
    }

    boolean has(String id) {
        return incidents.containsKey(id);
    }

    List<Incident> incidents() {
        return List.copyOf(incidents.values());
    }

    /** @return every incident replayed from its whole history, not folded step by step */
    List<Incident> replayed() {
        List<Incident> out = new ArrayList<>();
        for (String id : incidents.keySet()) {
            out.add(Incident.replay(histories.get(id)));
        }
        return out;
    }

    List<RecordedEvent> events() {
        return List.copyOf(all);
    }

    List<RecordedEvent> history(String id) {
        return List.copyOf(histories.get(id));
    }

    // Commands, short.

    static Command ack() {
        return new Command.Acknowledge("", Optional.empty());
    }

    static Command ack(Role role) {
        return new Command.Acknowledge("", Optional.of(role));
    }

    static Command status(Status to) {
        return new Command.ChangeStatus(to, "");
    }

    static Command reopen() {
        return new Command.Reopen("again");
    }

    static Command cancel() {
        return new Command.Cancel("declared by mistake");
    }

    static Command duplicateOf(String survivor) {
        return new Command.MarkDuplicate(survivor, "");
    }

    static Command note(String text) {
        return new Command.AddNote(text);
    }

    static Command severity(Severity to) {
        return new Command.ChangeSeverity(to, Command.ChangeSeverity.Direction.ANY, "");
    }

    static Command correlate(String service) {
        return new Command.CorrelateService(service, "");
    }

    static Command assign(Role role, String actor) {
        return new Command.AssignRole(role, Actor.of(actor));
    }

    static Command addItem(String text) {
        return new Command.AddActionItem(text, Optional.empty(), Optional.<LocalDate>empty());
    }

    static Command completeItem(int itemId) {
        return new Command.CompleteActionItem(itemId, "");
    }

    static IncidentEvent breach(SlaKind kind, Instant deadline) {
        return new IncidentEvent.SlaBreached(kind, Duration.ofMinutes(15), deadline);
    }
}
