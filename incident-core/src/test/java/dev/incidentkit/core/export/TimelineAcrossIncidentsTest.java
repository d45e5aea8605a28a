package dev.incidentkit.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import dev.incidentkit.core.timeline.TimelineQuery;
import dev.incidentkit.testkit.SimpleEventStore;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeline queries over the histories a manager returns, within one incident and across all of them. */
class TimelineAcrossIncidentsTest {

    private final IncidentManager incidents = ExportFixtures.manager(new SimpleEventStore());
    private final String walkthrough = ExportFixtures.walkthrough(incidents);
    private final String hostile = ExportFixtures.hostile(incidents);
    private final String search = ExportFixtures.longIncident(incidents, 20, ExportFixtures.at(200));

    @AfterEach
    void close() {
        incidents.close();
    }

    private List<List<RecordedEvent>> allHistories() {
        return incidents.list().stream().map(Incident::id).map(incidents::history).collect(Collectors.toList());
    }

    @Test
    void theManagersTimelineIsTheUnfilteredQuery() {
        for (String id : List.of(walkthrough, hostile, search)) {
            List<RecordedEvent> history = incidents.history(id);
            assertThat(incidents.timeline(id)).isEqualTo(TimelineQuery.all().select(history)).isEqualTo(Timeline.of(history));
        }
    }

    @Test
    void notesOfOneResponderAcrossIncidents() {
        List<TimelineEntry> notes = TimelineQuery.all().types("incident.note_added").actor(ExportFixtures.BOB)
                .selectFromHistories(allHistories());

        assertThat(notes).extracting(TimelineEntry::incidentId).containsOnly(walkthrough, search);
        assertThat(notes.stream().filter(e -> e.incidentId().equals(walkthrough))).hasSize(3);
        assertThat(notes.stream().filter(e -> e.incidentId().equals(search))).hasSize(10);
        assertThat(notes).isSortedAccordingTo(Timeline.ORDER);
    }

    @Test
    void everythingThatHappenedOnCheckoutInAWindow() {
        List<TimelineEntry> checkout = TimelineQuery.all().types("incident.*").service("checkout")
                .between(ExportFixtures.at(17), ExportFixtures.at(64)).selectFromHistories(allHistories());

        assertThat(checkout).extracting(e -> e.incidentId() + " " + e.type()).containsExactly(
                walkthrough + " incident.mitigated",
                walkthrough + " incident.resolved",
                walkthrough + " incident.postmortem_updated",
                walkthrough + " incident.action_item_added",
                walkthrough + " incident.action_item_added",
                walkthrough + " incident.action_item_added",
                walkthrough + " incident.action_item_completed",
                walkthrough + " incident.closed",
                hostile + " incident.declared",
                hostile + " incident.acknowledged",
                hostile + " incident.note_added",
                hostile + " incident.service_correlated",
                hostile + " incident.role_assigned");
    }
}
