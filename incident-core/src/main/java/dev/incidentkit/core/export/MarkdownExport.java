package dev.incidentkit.core.export;

import static dev.incidentkit.core.export.ExportSupport.byVersion;
import static dev.incidentkit.core.export.ExportSupport.describe;
import static dev.incidentkit.core.export.ExportSupport.duration;
import static dev.incidentkit.core.export.ExportSupport.severity;
import static dev.incidentkit.core.export.ExportSupport.status;

import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Postmortem;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent.StatusChanged;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.ExportSupport.Times;
import dev.incidentkit.core.statuspage.PublicUpdate;
import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The postmortem of an incident as Markdown, from its history: a pure function of the events
 * (pass {@code incidents.history(id)}). Titles, notes and names are plain text ({@link
 * Escaping#markdown}: they show as typed), and the written sections of the postmortem (summary,
 * root cause, contributing factors, impact, what went well or poorly, resolution) are Markdown,
 * sanitized ({@link Escaping#markdownProse}).
 *
 * <p><b>Times</b> are shown in UTC unless a zone is given: {@code HH:mm} for instants on the day
 * the incident was declared, {@code yyyy-MM-dd HH:mm} for others.
 *
 * <p><b>Duration</b>, in the postmortem, the {@link TextExport text} and the {@link JsonExport JSON}, is how long users felt it: from
 * the start of the impact ({@code impact_started_at}, which defaults to the detection, which
 * defaults to the declaration) to the first mitigation ({@code 17 minutes (14:30 - 14:47)} in the
 * walkthrough, where the impact started at the declaration; {@code 49 minutes (13:58 - 14:47)}
 * for an impact that began 32 minutes before it). An incident resolved without a mitigation step
 * counts until its resolution, and says so ({@code 45 minutes (14:30 - 15:15, until resolved)}).
 * An incident with neither has no duration: it is {@code ongoing} while active, and has {@code
 * none} once canceled, marked duplicate (or, with a custom lifecycle, closed) without either.
 *
 * <p><b>Severity</b> is the peak one with the current one when they differ ({@code SEV-1
 * (Critical) at peak, SEV-3 (Minor) now}): an incident escalated to SEV-1 and downgraded once
 * under control was a SEV-1 incident.
 *
 * <p>Thread-safe; no state.
 *
 * @since 0.2.0
 */
public final class MarkdownExport {

    /**
     * The event types the postmortem's timeline leaves out: those with sections of their own, and
     * the reminders that an update was due (the updates, or the breach, tell the story).
     */
    private static final Set<String> NOT_IN_POSTMORTEM_TIMELINE = Set.of(
            EventTypes.POSTMORTEM_UPDATED, EventTypes.ACTION_ITEM_ADDED, EventTypes.ACTION_ITEM_COMPLETED,
            EventTypes.PUBLIC_UPDATE, EventTypes.UPDATE_DUE);
    private static final String NOT_WRITTEN = "*Not written yet.*";

    private MarkdownExport() {}

    /**
     * The postmortem as Markdown, with times in UTC.
     *
     * @param history the incident's events (any order; its whole history)
     * @return the document, as the walkthrough's step 6 shows it, with the sections of the
     *     practice guides' template
     * @throws IllegalArgumentException if the events are not one incident's whole history
     * @see #postmortem(List, ZoneId)
     */
    public static String postmortem(List<RecordedEvent> history) {
        return postmortem(history, ZoneOffset.UTC);
    }

    /**
     * The postmortem as Markdown: a title ({@code # Incident Postmortem - INC-2025-001}), then
     * the sections {@code Incident Summary} (title, severity at peak and now, service(s), duration,
     * status, date, roles, and the written summary), {@code Timeline}, {@code Root Cause}, {@code Contributing
     * Factors}, {@code Impact}, {@code What Went Well}, {@code What Went Poorly}, {@code
     * Resolution} and {@code Action Items}; when customers were told anything, {@code Public
     * Updates} follows the timeline, each update with its time, public status and title (since
     * 0.5.0). A section nobody wrote says so in italics. The timeline leaves out postmortem edits,
     * action items and public updates, which have their sections, and update reminders; the
     * resolution, when not written, falls back to the last resolution note, then to the first
     * mitigation's note. An action item's owner reads {@code owner: @bob}, with a WORD JOINER
     * after the {@code @} so that the pasted file notifies nobody.
     *
     * @param history the incident's events (any order; its whole history)
     * @param zone the zone to show times in
     * @return the document, ending with a newline
     * @throws IllegalArgumentException if the events are not one incident's whole history
     */
    public static String postmortem(List<RecordedEvent> history, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        List<RecordedEvent> events = byVersion(history);
        Incident incident = Incident.replay(events);
        Times times = new Times(incident, zone);
        StringBuilder md = new StringBuilder(256 + 160 * events.size());

        md.append(new MarkdownInline(MarkdownInline.Position.HEADING, "").markup("# Incident Postmortem - ")
                .line(incident.id()).toMarkdown()).append("\n\n");

        md.append("## Incident Summary\n\n");
        md.append(item("- **Title:** ").line(incident.title()).toMarkdown()).append('\n');
        md.append("- **Severity:** ").append(severity(incident)).append('\n');
        List<String> services = incident.services();
        md.append(item(services.size() == 1 ? "- **Service:** " : "- **Services:** ").line(String.join(", ", services))
                .toMarkdown()).append('\n');
        md.append("- **Duration:** ").append(duration(incident, times)).append('\n');
        md.append(item("- **Status:** ").line(status(incident)).toMarkdown()).append('\n');
        md.append(item("- **Date:** " + times.declaredDate + " (times in ").line(times.zoneName).markup(")").toMarkdown())
                .append('\n');
        for (Role role : Role.values()) {
            Optional<Actor> holder = incident.role(role);
            if (holder.isPresent()) {
                md.append(item("- **" + roleLabel(role) + ":** ").line(holder.get().name()).toMarkdown()).append('\n');
            }
        }
        if (!MarkdownInline.shownLines(incident.description()).isEmpty()) {
            md.append(item("- **Description:** ").lines(incident.description()).toMarkdown()).append('\n');
        }
        String summary = Escaping.markdownProse(incident.postmortem().summary());
        if (!summary.isEmpty()) {
            md.append('\n').append(MarkdownProse.afterList(summary)).append('\n');
        }

        md.append("\n## Timeline\n\n");
        for (TimelineEntry entry : Timeline.of(events)) {
            if (NOT_IN_POSTMORTEM_TIMELINE.contains(entry.type())) {
                continue;
            }
            MarkdownInline line = item("- **" + times.format(entry.at()) + "** - ").line(describe(entry));
            if (!MarkdownInline.shownLines(entry.text()).isEmpty()) {
                line.markup(": ").lines(entry.text());
            }
            md.append(line.toMarkdown()).append('\n');
        }

        List<PublicUpdate> publicUpdates = PublicUpdate.in(events);
        if (!publicUpdates.isEmpty()) {
            md.append("\n## Public Updates\n\n");
            for (PublicUpdate p : publicUpdates) {
                md.append(item("- **" + times.format(p.postedAt()) + "** - " + p.status().label() + ": ").line(p.title())
                        .markup(" (" + p.impact().label().toLowerCase(Locale.ROOT) + ")").markup(": ").lines(p.message())
                        .toMarkdown()).append('\n');
            }
        }

        Postmortem pm = incident.postmortem();
        section(md, "Root Cause", Escaping.markdownProse(pm.rootCause()));
        section(md, "Contributing Factors", Escaping.markdownProse(pm.contributingFactors()));
        section(md, "Impact", Escaping.markdownProse(pm.impact()));
        section(md, "What Went Well", Escaping.markdownProse(pm.wentWell()));
        section(md, "What Went Poorly", Escaping.markdownProse(pm.wentPoorly()));
        // Written, the resolution is prose; taken from a status change, it is a note: plain text.
        String resolution = Escaping.markdownProse(pm.resolution());
        section(md, "Resolution", resolution.isEmpty() ? Escaping.markdownBlock(resolutionFromEvents(events)) : resolution);

        md.append("\n## Action Items\n\n");
        if (incident.actionItems().isEmpty()) {
            md.append("*No action items yet.*\n");
        }
        for (ActionItem item : incident.actionItems()) {
            MarkdownInline line = item(item.isDone() ? "- [x]" : "- [ ]");
            if (!MarkdownInline.shownLines(item.text()).isEmpty()) {
                line.markup(" ").lines(item.text());
            }
            if (item.owner().isPresent() || item.due().isPresent()) {
                line.markup(" (");
                // "@" + name would notify the owner wherever the file is pasted: it reads the same, joined.
                item.owner().ifPresent(o -> line.markup("owner: @" + MarkdownSyntax.WORD_JOINER).line(o.name()));
                item.due().ifPresent(d -> line.markup(item.owner().isPresent() ? ", due: " : "due: ").markup(d.toString()));
                line.markup(")");
            }
            md.append(line.toMarkdown()).append('\n');
        }
        return md.toString();
    }


    /** A list item's paragraph, its continuation lines indented under its text. */
    private static MarkdownInline item(String marker) {
        return new MarkdownInline(MarkdownInline.Position.PARAGRAPH, "  ").markup(marker);
    }

    private static void section(StringBuilder md, String heading, String markdown) {
        md.append("\n## ").append(heading).append("\n\n").append(markdown.isEmpty() ? NOT_WRITTEN : markdown).append('\n');
    }

    /** The note of the last resolution, else that of the first mitigation, else nothing. */
    private static String resolutionFromEvents(List<RecordedEvent> events) {
        String resolved = "";
        String mitigated = "";
        for (RecordedEvent e : events) {
            if (e.event() instanceof StatusChanged c) {
                if (c.to() == Status.RESOLVED && !c.note().isBlank()) {
                    resolved = c.note();
                } else if (c.to() == Status.MITIGATED && mitigated.isEmpty() && !c.note().isBlank()) {
                    mitigated = c.note();
                }
            }
        }
        return resolved.isEmpty() ? mitigated : resolved;
    }

    private static String roleLabel(Role role) {
        return switch (role) {
            case COMMANDER -> "Commander";
            case TECH_LEAD -> "Tech Lead";
            case COMMS_LEAD -> "Comms Lead";
        };
    }
}
