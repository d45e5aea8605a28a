package dev.incidentkit.core.timeline;

import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the timeline of an incident from its history: a pure projection.
 *
 * @since 0.1.0
 */
public final class Timeline {

    /**
     * The order of every timeline: by {@code occurredAt}, ties by version, and, across incidents,
     * by incident id last (which never decides within one incident).
     */
    public static final Comparator<TimelineEntry> ORDER = Comparator.comparing(TimelineEntry::at)
            .thenComparingLong(TimelineEntry::version)
            .thenComparing(TimelineEntry::incidentId);

    private Timeline() {}

    /**
     * @param history an incident's events, in any order (the events of several incidents give
     *     their timelines merged)
     * @return its timeline: entries in {@code occurredAt} order, ties by version ({@link #ORDER})
     */
    public static List<TimelineEntry> of(List<RecordedEvent> history) {
        List<TimelineEntry> entries = new ArrayList<>(history.size());
        for (RecordedEvent e : history) {
            entries.add(entry(e));
        }
        entries.sort(ORDER);
        return List.copyOf(entries);
    }

    /**
     * @param e one event
     * @return its timeline entry
     */
    public static TimelineEntry entry(RecordedEvent e) {
        IncidentEvent event = e.event();
        return new TimelineEntry(e.incidentId(), e.occurredAt(), e.version(), e.actor(), e.type(),
                event.headline(e.actor()), event.timelineText());
    }
}
