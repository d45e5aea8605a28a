package dev.incidentkit.core.export;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.timeline.TimelineEntry;
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
import java.util.Optional;
import java.util.Set;

/**
 * What the exports of one incident share: its events in version order, how its severity, status
 * and duration read, and how its instants are shown. The duration is how long users felt it:
 * from the start of the impact to the first mitigation, else to the last resolution (see {@link
 * MarkdownExport}).
 */
final class ExportSupport {

    /** Headlines of these types already name the actor ("Acknowledged by bob", "Update from bob"). */
    private static final Set<String> HEADLINE_NAMES_ACTOR = Set.of(EventTypes.ACKNOWLEDGED, EventTypes.NOTE_ADDED);

    private ExportSupport() {}

    static List<RecordedEvent> byVersion(List<RecordedEvent> history) {
        List<RecordedEvent> events = new ArrayList<>(history);
        events.sort(Comparator.comparingLong(RecordedEvent::version));
        return events;
    }

    /** The headline, with its actor when it does not name one already. */
    static String describe(TimelineEntry entry) {
        return HEADLINE_NAMES_ACTOR.contains(entry.type()) ? entry.headline()
                : entry.headline() + " by " + entry.actor().name();
    }

    /** {@code SEV-2 (Major)}, or {@code SEV-1 (Critical) at peak, SEV-3 (Minor) now}. */
    static String severity(Incident incident) {
        String current = incident.severity() + " (" + incident.severity().label() + ")";
        if (incident.peakSeverity() == incident.severity()) {
            return current;
        }
        return incident.peakSeverity() + " (" + incident.peakSeverity().label() + ") at peak, " + current + " now";
    }

    static String status(Incident incident) {
        String name = incident.status().wireName();
        String label = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return incident.duplicateOf().map(of -> label + " of " + of).orElse(label);
    }

    static String duration(Incident incident, Times times) {
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

    /** The incident's duration: from the impact's start to the first mitigation, else the last resolution. */
    static final class Span {
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
    static final class Times {
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
