package dev.incidentkit.core.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Acknowledgement;
import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Postmortem;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent.StatusChanged;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Exports an incident from its history: the Markdown postmortem, JSON, CloudEvents and a
 * plain-text timeline. Pure functions of the events (pass {@code incidents.history(id)}); user
 * text is escaped for each format by {@link Escaping}, and JSON by Jackson. In the Markdown
 * postmortem, titles, notes and names are plain text ({@link Escaping#markdown}: they show as
 * typed), and the written sections of the postmortem (summary, root cause, contributing factors,
 * impact, what went well or poorly, resolution) are Markdown, sanitized ({@link
 * Escaping#markdownProse}).
 *
 * <p><b>Times</b> are shown in UTC unless a zone is given: {@code HH:mm} for instants on the day
 * the incident was declared, {@code yyyy-MM-dd HH:mm} for others.
 *
 * <p><b>Duration</b>, in the postmortem, the text and the JSON, is how long users felt it: from
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
 * @since 0.1.0
 */
public final class Exports {

    /** The event types the postmortem's timeline leaves out: they have sections of their own. */
    private static final Set<String> NOT_IN_POSTMORTEM_TIMELINE = Set.of(
            EventTypes.POSTMORTEM_UPDATED, EventTypes.ACTION_ITEM_ADDED, EventTypes.ACTION_ITEM_COMPLETED);
    /** Headlines of these types already name the actor ("Acknowledged by bob", "Update from bob"). */
    private static final Set<String> HEADLINE_NAMES_ACTOR = Set.of(EventTypes.ACKNOWLEDGED, EventTypes.NOTE_ADDED);
    private static final String NOT_WRITTEN = "*Not written yet.*";
    private static final String TEXT_INDENT = "        ";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Exports() {}

    /**
     * The postmortem as Markdown, with times in UTC.
     *
     * @param history the incident's events (any order; its whole history)
     * @return the document, as the walkthrough's step 6 shows it, with the sections of the
     *     practice guides' template
     * @throws IllegalArgumentException if the events are not one incident's whole history
     * @see #markdown(List, ZoneId)
     */
    public static String markdown(List<RecordedEvent> history) {
        return markdown(history, ZoneOffset.UTC);
    }

    /**
     * The postmortem as Markdown: a title ({@code # Incident Postmortem - INC-2025-001}), then
     * the sections {@code Incident Summary} (title, severity at peak and now, service(s), duration,
     * status, date,
     * roles, and the written summary), {@code Timeline}, {@code Root Cause}, {@code Contributing
     * Factors}, {@code Impact}, {@code What Went Well}, {@code What Went Poorly}, {@code
     * Resolution} and {@code Action Items}. A section nobody wrote says so in italics. The
     * timeline leaves out postmortem edits and action items, which have their sections; the
     * resolution, when not written, falls back to the last resolution note, then to the first
     * mitigation's note. An action item's owner reads {@code owner: @bob}, with a WORD JOINER
     * after the {@code @} so that the pasted file notifies nobody.
     *
     * @param history the incident's events (any order; its whole history)
     * @param zone the zone to show times in
     * @return the document, ending with a newline
     * @throws IllegalArgumentException if the events are not one incident's whole history
     */
    public static String markdown(List<RecordedEvent> history, ZoneId zone) {
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

    /**
     * The timeline as plain text, with times in UTC.
     *
     * @param history the incident's events (any order; its whole history)
     * @return the text
     * @throws IllegalArgumentException if the events are not one incident's whole history
     * @see #text(List, ZoneId)
     */
    public static String text(List<RecordedEvent> history) {
        return text(history, ZoneOffset.UTC);
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
    public static String text(List<RecordedEvent> history, ZoneId zone) {
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

    /**
     * The incident as one JSON document: {@code format_version} (1), {@code incident} (the
     * snapshot, snake_case, absent values as {@code null}; {@code severity} is the current one,
     * {@code peak_severity} the most severe it has been), {@code duration} (as defined above,
     * or {@code null}), {@code timeline} (the entries in order) and {@code events} (each with its
     * envelope, hash chain and data as written). Instants are ISO-8601 UTC strings.
     *
     * @param history the incident's events (any order; its whole history)
     * @return the document, indented, ending with a newline
     * @throws IllegalArgumentException if the events are not one incident's whole history
     */
    public static String json(List<RecordedEvent> history) {
        List<RecordedEvent> events = byVersion(history);
        Incident incident = Incident.replay(events);
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", 1);
        root.set("incident", incidentJson(incident));
        Optional<Span> span = Span.of(incident);
        if (span.isPresent()) {
            ObjectNode d = root.putObject("duration");
            d.put("from", span.get().start.toString());
            d.put("to", span.get().end.toString());
            d.put("until", span.get().until);
            d.put("seconds", span.get().length().getSeconds());
        } else {
            root.putNull("duration");
        }
        ArrayNode timeline = root.putArray("timeline");
        for (TimelineEntry entry : Timeline.of(events)) {
            ObjectNode e = timeline.addObject();
            e.put("at", entry.at().toString());
            e.put("version", entry.version());
            e.put("actor", entry.actor().name());
            e.put("type", entry.type());
            e.put("headline", entry.headline());
            e.put("text", entry.text());
        }
        ArrayNode eventsJson = root.putArray("events");
        for (RecordedEvent event : events) {
            EventRecord r = event.stored().record();
            ObjectNode e = eventsJson.addObject();
            e.put("id", r.eventId().toString());
            e.put("incident_id", r.incidentId());
            e.put("version", r.version());
            e.put("type", r.type());
            e.put("schema_version", r.schemaVersion());
            e.put("occurred_at", r.occurredAt().toString());
            e.put("recorded_at", r.recordedAt().toString());
            e.put("actor", r.actor());
            putOptional(e, "command_id", r.commandId());
            try {
                e.set("data", JSON.readTree(r.data()));
            } catch (JsonProcessingException ex) {
                throw new IllegalArgumentException("event " + r.eventId() + " holds data that is not JSON", ex);
            }
            e.put("prev_hash", r.prevHash());
            e.put("hash", r.hash());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a tree of plain nodes always serializes", ex);
        }
    }

    /**
     * One incident snapshot as a JSON object, the {@code incident} member of {@link #json}: for a
     * tool that prints an incident without its history.
     *
     * @param incident the incident
     * @return the object, indented
     */
    public static String json(Incident incident) {
        try {
            return JSON.writeValueAsString(incidentJson(incident));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a tree of plain nodes always serializes", ex);
        }
    }

    /**
     * CloudEvents in the JSON event format, one event per line (JSON Lines), in the order given.
     * {@link Imports#cloudEventsLines} reads it back.
     *
     * @param events the events of one incident or of several, such as histories concatenated
     * @param codec the codec that maps them, and names their {@code source}
     * @return one line per event, each ending with a newline; empty for no events
     */
    public static String cloudEventsLines(List<RecordedEvent> events, CloudEventCodec codec) {
        Objects.requireNonNull(codec, "codec");
        StringBuilder out = new StringBuilder(600 * events.size());
        for (RecordedEvent e : events) {
            out.append(new String(codec.serialize(e.stored()), StandardCharsets.UTF_8)).append('\n');
        }
        return out.toString();
    }

    /**
     * CloudEvents in the JSON batch format ({@value CloudEventCodec#BATCH_CONTENT_TYPE}): one
     * JSON array of events, in the order given. {@link Imports#cloudEventsBatch} reads it back.
     *
     * @param events the events of one incident or of several, such as histories concatenated
     * @param codec the codec that maps them, and names their {@code source}
     * @return the batch
     */
    public static String cloudEventsBatch(List<RecordedEvent> events, CloudEventCodec codec) {
        Objects.requireNonNull(codec, "codec");
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (RecordedEvent e : events) {
            stored.add(e.stored());
        }
        return new String(codec.serializeBatch(stored), StandardCharsets.UTF_8);
    }

    private static List<RecordedEvent> byVersion(List<RecordedEvent> history) {
        List<RecordedEvent> events = new ArrayList<>(history);
        events.sort(Comparator.comparingLong(RecordedEvent::version));
        return events;
    }

    /** The headline, with its actor when it does not name one already. */
    private static String describe(TimelineEntry entry) {
        return HEADLINE_NAMES_ACTOR.contains(entry.type()) ? entry.headline()
                : entry.headline() + " by " + entry.actor().name();
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
            if (e.event() instanceof StatusChanged) {
                StatusChanged c = (StatusChanged) e.event();
                if (c.to() == Status.RESOLVED && !c.note().isBlank()) {
                    resolved = c.note();
                } else if (c.to() == Status.MITIGATED && mitigated.isEmpty() && !c.note().isBlank()) {
                    mitigated = c.note();
                }
            }
        }
        return resolved.isEmpty() ? mitigated : resolved;
    }

    /** {@code SEV-2 (Major)}, or {@code SEV-1 (Critical) at peak, SEV-3 (Minor) now}. */
    private static String severity(Incident incident) {
        String current = incident.severity() + " (" + incident.severity().label() + ")";
        if (incident.peakSeverity() == incident.severity()) {
            return current;
        }
        return incident.peakSeverity() + " (" + incident.peakSeverity().label() + ") at peak, " + current + " now";
    }

    private static String status(Incident incident) {
        String name = incident.status().wireName();
        String label = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return incident.duplicateOf().map(of -> label + " of " + of).orElse(label);
    }

    private static String roleLabel(Role role) {
        switch (role) {
            case COMMANDER: return "Commander";
            case TECH_LEAD: return "Tech Lead";
            case COMMS_LEAD: return "Comms Lead";
            default: throw new IllegalStateException("unhandled role " + role);
        }
    }

    private static String duration(Incident incident, Times times) {
        Optional<Span> span = Span.of(incident);
        if (span.isPresent()) {
            Span s = span.get();
            return minutes(s.length()) + " (" + times.format(s.start) + " - " + times.format(s.end)
                    + (s.until.equals("mitigated") ? "" : ", until " + s.until) + ")";
        }
        if (incident.status().isActive()) {
            return "ongoing since " + times.format(incident.milestones().impactStartedAt()) + ", not mitigated yet";
        }
        return "none: " + incident.status().wireName() + " without mitigation or resolution";
    }

    /** {@code 17 minutes}, {@code 1 hour 5 minutes}, {@code 2 days 3 hours}: whole minutes, rounded down. */
    static String minutes(Duration d) {
        long total = Math.max(0, d.toMinutes());
        if (total == 0) {
            return "under a minute";
        }
        long days = total / (24 * 60);
        long hours = total / 60 % 24;
        long minutes = total % 60;
        List<String> parts = new ArrayList<>(3);
        if (days > 0) {
            parts.add(days + (days == 1 ? " day" : " days"));
        }
        if (hours > 0) {
            parts.add(hours + (hours == 1 ? " hour" : " hours"));
        }
        if (minutes > 0) {
            parts.add(minutes + (minutes == 1 ? " minute" : " minutes"));
        }
        return String.join(" ", parts);
    }

    private static ObjectNode incidentJson(Incident i) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", i.id());
        o.put("title", i.title());
        o.put("description", i.description());
        o.put("severity", i.severity().toString());
        o.put("peak_severity", i.peakSeverity().toString());
        o.put("status", i.status().wireName());
        o.put("service", i.service());
        ArrayNode correlated = o.putArray("correlated_services");
        i.correlatedServices().forEach(correlated::add);
        ObjectNode roles = o.putObject("roles");
        for (Role role : Role.values()) {
            putOptional(roles, role.name().toLowerCase(Locale.ROOT), i.role(role).map(Actor::name));
        }
        o.put("war_room", i.warRoom());
        o.put("declared_by", i.declaredBy().name());
        Milestones m = i.milestones();
        ObjectNode milestones = o.putObject("milestones");
        milestones.put("impact_started_at", m.impactStartedAt().toString());
        milestones.put("detected_at", m.detectedAt().toString());
        milestones.put("declared_at", m.declaredAt().toString());
        putInstant(milestones, "acknowledged_at", m.acknowledgedAt());
        putInstant(milestones, "identified_at", m.identifiedAt());
        putInstant(milestones, "mitigated_at", m.mitigatedAt());
        putInstant(milestones, "resolved_at", m.resolvedAt());
        putInstant(milestones, "closed_at", m.closedAt());
        if (i.acknowledgement().isPresent()) {
            Acknowledgement a = i.acknowledgement().get();
            ObjectNode ack = o.putObject("acknowledgement");
            ack.put("by", a.by().name());
            ack.put("at", a.at().toString());
            ack.put("note", a.note());
        } else {
            o.putNull("acknowledgement");
        }
        o.put("last_update_at", i.lastUpdateAt().toString());
        o.put("notes_count", i.notesCount());
        ArrayNode items = o.putArray("action_items");
        for (ActionItem item : i.actionItems()) {
            ObjectNode a = items.addObject();
            a.put("id", item.id());
            a.put("text", item.text());
            putOptional(a, "owner", item.owner().map(Actor::name));
            putOptional(a, "due", item.due().map(LocalDate::toString));
            a.put("added_at", item.addedAt().toString());
            putInstant(a, "completed_at", item.completedAt());
        }
        Postmortem p = i.postmortem();
        ObjectNode pm = o.putObject("postmortem");
        pm.put("summary", p.summary());
        pm.put("root_cause", p.rootCause());
        pm.put("contributing_factors", p.contributingFactors());
        pm.put("impact", p.impact());
        pm.put("went_well", p.wentWell());
        pm.put("went_poorly", p.wentPoorly());
        pm.put("resolution", p.resolution());
        ArrayNode breaches = o.putArray("sla_breaches");
        for (SlaBreach b : i.slaBreaches()) {
            ObjectNode s = breaches.addObject();
            s.put("kind", b.kind().wireName());
            s.put("target", b.target().toString());
            s.put("deadline", b.deadline().toString());
        }
        o.put("reopen_count", i.reopenCount());
        putOptional(o, "cancel_reason", i.cancelReason());
        putOptional(o, "duplicate_of", i.duplicateOf());
        o.put("version", i.version());
        return o;
    }

    private static void putOptional(ObjectNode o, String field, Optional<String> value) {
        if (value.isPresent()) {
            o.put(field, value.get());
        } else {
            o.putNull(field);
        }
    }

    private static void putInstant(ObjectNode o, String field, Optional<Instant> value) {
        putOptional(o, field, value.map(Instant::toString));
    }

    /** The incident's duration: from the impact's start to the first mitigation, else the last resolution. */
    private static final class Span {
        final Instant start;
        final Instant end;
        final String until;

        private Span(Instant start, Instant end, String until) {
            this.start = start;
            this.end = end;
            this.until = until;
        }

        static Optional<Span> of(Incident incident) {
            Milestones m = incident.milestones();
            if (m.mitigatedAt().isPresent()) {
                return Optional.of(new Span(m.impactStartedAt(), m.mitigatedAt().get(), "mitigated"));
            }
            return m.resolvedAt().map(resolved -> new Span(m.impactStartedAt(), resolved, "resolved"));
        }

        Duration length() {
            Duration d = Duration.between(start, end);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    /** Formats instants in a zone: the time alone on the declaration's day, with the date on others. */
    private static final class Times {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
        private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

        final ZoneId zone;
        final LocalDate declaredDate;
        final String zoneName;

        Times(Incident incident, ZoneId zone) {
            this.zone = zone;
            this.declaredDate = incident.milestones().declaredAt().atZone(zone).toLocalDate();
            this.zoneName = zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
        }

        String format(Instant instant) {
            var local = instant.atZone(zone);
            return local.toLocalDate().equals(declaredDate) ? TIME.format(local) : DATE_TIME.format(local);
        }
    }
}
