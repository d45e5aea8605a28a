package dev.incidentkit.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.EventArbitraries;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.IncidentEvent.ActionItemAdded;
import dev.incidentkit.core.event.IncidentEvent.ActionItemCompleted;
import dev.incidentkit.core.event.IncidentEvent.Declared;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Every incident reads back from its snapshot: the incidents are folds of random histories of
 * every event record, with hostile text, instants to the nanosecond and the edges of time.
 */
class SnapshotFormatProperties {

    /** One event after the declaration, who wrote it and when it happened. */
    record Step(IncidentEvent event, Actor actor, Instant at) {}

    @Property(tries = 250)
    void decodingTheEncodingGivesTheIncidentBack(@ForAll("incidents") Incident incident) {
        String snapshot = SnapshotFormat.encode(incident);

        assertThat(SnapshotFormat.decode(snapshot)).isEqualTo(incident);
        assertThat(snapshot).as("one line").doesNotContain("\n", "\r");
        assertThat(SnapshotFormat.encode(SnapshotFormat.decode(snapshot))).isEqualTo(snapshot);
        Statistics.label("status").collect(incident.status());
        Statistics.label("optional parts").collect(incident.acknowledgement().isPresent(),
                !incident.actionItems().isEmpty(), !incident.slaBreaches().isEmpty());
    }

    @Provide
    Arbitrary<Incident> incidents() {
        Arbitrary<Step> step = Combinators.combine(
                        EventArbitraries.anyEvent().filter(e -> !(e instanceof Declared)),
                        EventArbitraries.actor(), EventArbitraries.instant())
                .as(Step::new);
        return Combinators.combine(EventArbitraries.declared(), EventArbitraries.actor(), EventArbitraries.instant(),
                        step.list().ofMaxSize(25))
                .as(SnapshotFormatProperties::fold);
    }

    /** Folds the history; an action item completed is one the history added, as the decider ensures. */
    private static Incident fold(Declared declared, Actor declaredBy, Instant declaredAt, List<Step> steps) {
        List<RecordedEvent> history = new ArrayList<>();
        history.add(recorded(declared, declared, declaredBy, declaredAt, 1));
        int items = 0;
        for (Step s : steps) {
            IncidentEvent e = s.event();
            if (e instanceof ActionItemAdded) {
                items++;
            } else if (e instanceof ActionItemCompleted c) {
                if (items == 0) {
                    continue;
                }
                e = new ActionItemCompleted(1 + (c.itemId() - 1) % items, c.note());
            }
            history.add(recorded(declared, e, s.actor(), s.at(), history.size() + 1));
        }
        return Incident.replay(history);
    }

    private static RecordedEvent recorded(Declared declared, IncidentEvent event, Actor actor, Instant at, long version) {
        EventRecord r = new EventRecord(new UUID(0, version), declared.incidentId(), version, event.type(),
                IncidentEvent.SCHEMA_VERSION, at, at, actor.name(), Optional.empty(), "{}", "", "");
        return new RecordedEvent(new StoredEvent(LogPosition.of(version), r), event);
    }
}
