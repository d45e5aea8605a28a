package dev.incidentkit.core.export;

import static dev.incidentkit.core.export.ExportSupport.byVersion;
import static dev.incidentkit.core.export.ExportSupport.describe;
import static dev.incidentkit.core.export.ExportSupport.duration;
import static dev.incidentkit.core.export.ExportSupport.severity;
import static dev.incidentkit.core.export.ExportSupport.status;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.ExportSupport.Times;
import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * The timeline of an incident as plain text, from its history: a pure function of the events
 * (pass {@code incidents.history(id)}), safe to print on a terminal ({@link Escaping#plainText}).
 * Severity and duration read as in the {@link MarkdownExport postmortem}.
 *
 * <p><b>Times</b> are shown in UTC unless a zone is given: {@code HH:mm} for instants on the day
 * the incident was declared, {@code yyyy-MM-dd HH:mm} for others.
 *
 * <p>Thread-safe; no state.
 *
 * @since 0.2.0
 */
public final class TextExport {

    private static final String TEXT_INDENT = "        ";

    private TextExport() {}

    /**
     * The timeline as plain text, with times in UTC.
     *
     * @param history the incident's events (any order; its whole history)
     * @return the text
     * @throws IllegalArgumentException if the events are not one incident's whole history
     * @see #timeline(List, ZoneId)
     */
    public static String timeline(List<RecordedEvent> history) {
        return timeline(history, ZoneOffset.UTC);
    }

    /**
     * The timeline as plain text, as the walkthrough's "Timeline View" shows it: a short header,
     * then one line per event ({@code 14:32 - Acknowledged by bob}) followed by its text,
     * indented by eight spaces. Every event is there, postmortem edits and action items
     * included. No control character but newline and tab is left in, so the text is safe to
     * print on a terminal.
     *
     * @param history the incident's events (any order; its whole history)
     * @param zone the zone to show times in
     * @return the text, ending with a newline
     * @throws IllegalArgumentException if the events are not one incident's whole history
     */
    public static String timeline(List<RecordedEvent> history, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        List<RecordedEvent> events = byVersion(history);
        Incident incident = Incident.replay(events);
        Times times = new Times(incident, zone);
        StringBuilder out = new StringBuilder(256 + 120 * events.size());
        out.append(Escaping.plainTextLine(incident.id())).append(" - ").append(Escaping.plainTextLine(incident.title()))
                .append('\n');
        out.append("Severity: ").append(severity(incident)).append('\n');
        out.append(incident.services().size() == 1 ? "Service: " : "Services: ")
                .append(Escaping.plainTextLine(String.join(", ", incident.services()))).append('\n');
        out.append("Status: ").append(Escaping.plainTextLine(status(incident))).append('\n');
        out.append("Duration: ").append(Escaping.plainTextLine(duration(incident, times))).append('\n');
        out.append("Date: ").append(times.declaredDate).append(" (times in ").append(Escaping.plainTextLine(times.zoneName))
                .append(")\n");
        if (!incident.description().isBlank()) {
            out.append("Description:\n");
            for (String line : Escaping.plainText(incident.description()).split("\n", -1)) {
                out.append(TEXT_INDENT).append(line).append('\n');
            }
        }
        out.append('\n');
        for (TimelineEntry entry : Timeline.of(events)) {
            out.append(times.format(entry.at())).append(" - ").append(Escaping.plainTextLine(describe(entry))).append('\n');
            if (!entry.text().isEmpty()) {
                for (String line : Escaping.plainText(entry.text()).split("\n", -1)) {
                    out.append(TEXT_INDENT).append(line).append('\n');
                }
            }
        }
        return out.toString();
    }
}
