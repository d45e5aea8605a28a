package dev.incidentkit.core.timeline;

import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.IncidentEvent.Acknowledged;
import dev.incidentkit.core.event.IncidentEvent.ActionItemAdded;
import dev.incidentkit.core.event.IncidentEvent.ActionItemCompleted;
import dev.incidentkit.core.event.IncidentEvent.Canceled;
import dev.incidentkit.core.event.IncidentEvent.Declared;
import dev.incidentkit.core.event.IncidentEvent.MarkedDuplicate;
import dev.incidentkit.core.event.IncidentEvent.NoteAdded;
import dev.incidentkit.core.event.IncidentEvent.PostmortemUpdated;
import dev.incidentkit.core.event.IncidentEvent.RoleAssigned;
import dev.incidentkit.core.event.IncidentEvent.ServiceCorrelated;
import dev.incidentkit.core.event.IncidentEvent.SeverityChanged;
import dev.incidentkit.core.event.IncidentEvent.SlaBreached;
import dev.incidentkit.core.event.IncidentEvent.StatusChanged;
import dev.incidentkit.core.event.RecordedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

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
        String actor = e.actor().name();
        String headline;
        String text;
        if (event instanceof Declared) {
            Declared d = (Declared) event;
            headline = "Incident declared (" + d.severity() + ")";
            text = d.title();
        } else if (event instanceof Acknowledged) {
            Acknowledged a = (Acknowledged) event;
            headline = "Acknowledged by " + actor + a.role().map(r -> " as " + r.wireName()).orElse("");
            text = a.note();
        } else if (event instanceof StatusChanged) {
            StatusChanged c = (StatusChanged) event;
            headline = c.isReopen() ? "Incident reopened" : "Incident " + c.to().wireName();
            text = c.note();
        } else if (event instanceof NoteAdded) {
            headline = "Update from " + actor;
            text = ((NoteAdded) event).note();
        } else if (event instanceof SeverityChanged) {
            SeverityChanged c = (SeverityChanged) event;
            headline = (c.to().isMoreSevereThan(c.from()) ? "Escalated" : "Downgraded") + " from " + c.from() + " to " + c.to();
            text = c.note();
        } else if (event instanceof ServiceCorrelated) {
            ServiceCorrelated c = (ServiceCorrelated) event;
            headline = "Service " + c.service() + " correlated";
            text = c.note();
        } else if (event instanceof RoleAssigned) {
            RoleAssigned r = (RoleAssigned) event;
            headline = r.assignee().name() + " assigned as " + r.role().wireName();
            text = "";
        } else if (event instanceof ActionItemAdded) {
            ActionItemAdded a = (ActionItemAdded) event;
            headline = "Action item #" + a.itemId() + " added";
            text = a.text();
        } else if (event instanceof ActionItemCompleted) {
            ActionItemCompleted c = (ActionItemCompleted) event;
            headline = "Action item #" + c.itemId() + " completed";
            text = c.note();
        } else if (event instanceof PostmortemUpdated) {
            headline = "Postmortem updated";
            text = "";
        } else if (event instanceof SlaBreached) {
            SlaBreached b = (SlaBreached) event;
            headline = "SLA breached: " + b.kind().wireName() + " within "
                    + b.target().toString().substring(2).toLowerCase(Locale.ROOT);
            text = "";
        } else if (event instanceof Canceled) {
            headline = "Incident canceled";
            text = ((Canceled) event).reason();
        } else if (event instanceof MarkedDuplicate) {
            MarkedDuplicate m = (MarkedDuplicate) event;
            headline = "Marked as duplicate of " + m.duplicateOf();
            text = m.note();
        } else {
            throw new IllegalStateException("unhandled event " + event);
        }
        return new TimelineEntry(e.incidentId(), e.occurredAt(), e.version(), e.actor(), e.type(), headline, text);
    }
}
