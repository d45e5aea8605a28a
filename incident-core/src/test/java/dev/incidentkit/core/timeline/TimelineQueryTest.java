package dev.incidentkit.core.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.TestHistory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TimelineQueryTest {

    private static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");

    /** Checkout: declared 14:30, ack 14:32, note 14:35, payments correlated 14:40, mitigated 14:47, note back-dated to 14:32. */
    private final List<RecordedEvent> checkout = TestHistory.declared("INC-2025-001", "Checkout latency", Severity.SEV2,
                    "checkout", "", T0, "alice", 0)
            .add(min(2), "bob", new IncidentEvent.Acknowledged("on it", Optional.empty()))
            .add(min(5), "bob", new IncidentEvent.NoteAdded("slow query"))
            .add(min(10), "carol", new IncidentEvent.ServiceCorrelated("payments", ""))
            .add(min(17), "bob", new IncidentEvent.StatusChanged(Status.ACKNOWLEDGED, Status.MITIGATED, "index added"))
            .add(min(2), "carol", new IncidentEvent.NoteAdded("late note about 14:32"))
            .events();
    /** Search: declared 14:35, note 14:40. */
    private final List<RecordedEvent> search = TestHistory.declared("INC-2025-002", "Search down", Severity.SEV3,
                    "search", "", min(5), "bob", 10)
            .add(min(10), "bob", new IncidentEvent.NoteAdded("restarting"))
            .events();

    @Test
    void theWholeTimelineIsInOccurrenceOrderWithTiesByVersion() {
        List<TimelineEntry> all = TimelineQuery.all().select(checkout);
        assertThat(all).extracting(TimelineEntry::version).containsExactly(1L, 2L, 6L, 3L, 4L, 5L);
        assertThat(all).isEqualTo(Timeline.of(checkout));
    }

    @Test
    void typeGlobsSelectByEventType() {
        assertThat(types(TimelineQuery.all().types("incident.note_added").select(checkout)))
                .containsExactly("incident.note_added", "incident.note_added");
        assertThat(TimelineQuery.all().types("incident.*").select(checkout)).hasSize(6);
        assertThat(types(TimelineQuery.all().types("*.mitigated", "incident.?cknowledged").select(checkout)))
                .containsExactly("incident.acknowledged", "incident.mitigated");
        assertThat(TimelineQuery.all().types("incident.").select(checkout)).isEmpty();
        assertThat(TimelineQuery.all().types("incident.note.added").select(checkout)).as("a dot is a dot").isEmpty();
    }

    @Test
    void theTimeRangeIncludesItsStartAndExcludesItsEnd() {
        assertThat(TimelineQuery.all().between(min(2), min(10)).select(checkout))
                .extracting(TimelineEntry::version).containsExactly(2L, 6L, 3L);
        assertThat(TimelineQuery.all().from(min(17)).select(checkout)).extracting(TimelineEntry::version).containsExactly(5L);
        assertThat(TimelineQuery.all().until(min(2)).select(checkout)).extracting(TimelineEntry::version).containsExactly(1L);
    }

    @Test
    void actorsAreAlternatives() {
        assertThat(TimelineQuery.all().actor("carol").select(checkout)).extracting(TimelineEntry::version)
                .containsExactly(6L, 4L);
        assertThat(TimelineQuery.all().actor("carol").actor("alice").select(checkout)).extracting(TimelineEntry::version)
                .containsExactly(1L, 6L, 4L);
    }

    @Test
    void aServiceSelectsEveryEventOfTheIncidentsItAffectsAcrossIncidents() {
        List<List<RecordedEvent>> histories = List.of(checkout, search);
        assertThat(TimelineQuery.all().service("payments").selectFromHistories(histories))
                .as("correlated at 14:40, yet the incident's earlier events belong to it too")
                .hasSize(6).allMatch(e -> e.incidentId().equals("INC-2025-001"));
        assertThat(TimelineQuery.all().service("search").selectFromHistories(histories))
                .extracting(TimelineEntry::incidentId).containsOnly("INC-2025-002").hasSize(2);
        assertThat(TimelineQuery.all().service("billing").selectFromHistories(histories)).isEmpty();
    }

    @Test
    void acrossIncidentsEntriesMergeInOccurrenceOrder() {
        List<TimelineEntry> notes = TimelineQuery.all().types("incident.note_added").actor("bob")
                .selectFromHistories(List.of(search, checkout));
        assertThat(notes).extracting(e -> e.incidentId() + "@" + e.at())
                .containsExactly("INC-2025-001@" + min(5), "INC-2025-002@" + min(10));
    }

    @Test
    void dimensionsCombine() {
        List<TimelineEntry> selected = TimelineQuery.all().types("incident.note_added", "incident.declared").from(min(5))
                .actor("bob").incident("INC-2025-002").selectFromHistories(List.of(checkout, search));
        assertThat(selected).extracting(e -> e.incidentId() + " v" + e.version())
                .containsExactly("INC-2025-002 v1", "INC-2025-002 v2");
    }

    @Test
    void badQueriesAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> TimelineQuery.all().types("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimelineQuery.all().types("incident notes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimelineQuery.all().between(min(5), min(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends");
        assertThatThrownBy(() -> TimelineQuery.all().from(min(5)).until(min(4))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimelineQuery.all().until(min(4)).from(min(5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQueryIsImmutable() {
        TimelineQuery base = TimelineQuery.all().types("incident.*");
        TimelineQuery narrower = base.actor("bob");
        assertThat(base.actors()).isEmpty();
        assertThat(narrower.actors()).hasSize(1);
        assertThat(TimelineQuery.all().typeGlobs()).isEmpty();
        assertThat(narrower.acceptsType("incident.closed")).isTrue();
        assertThat(narrower.acceptsType("other.closed")).isFalse();
    }

    private static Instant min(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    private static List<String> types(List<TimelineEntry> entries) {
        return entries.stream().map(TimelineEntry::type).collect(Collectors.toList());
    }
}
