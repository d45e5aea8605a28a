package dev.incidentkit.core.alert;

import dev.incidentkit.core.Declare;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The declarations of incidents that alerts open: a group's, and a source's storm. */
final class Declarations {

    /** The oldest impact start an alert gives its incident: older ones are taken as this old. */
    private static final Duration MAX_IMPACT_AGE = Duration.ofDays(30);

    private Declarations() {}

    /** The incident of a new group: its first alert's title, severity and service, its start as the impact's. */
    static Declare of(AlertDetails d, String service, Instant now, AlertRules rules) {
        StringBuilder description = new StringBuilder();
        String text = d.annotations().getOrDefault("description", d.summary().strip());
        if (!text.equals(d.title())) {
            description.append(text).append("\n\n");
        }
        description.append("Declared by an alert from ").append(d.source()).append(" (").append(d.dedupKey()).append(").");
        String full = description.toString();
        if (full.codePointCount(0, full.length()) > 10_000) {
            full = full.substring(0, full.offsetByCodePoints(0, 9_999)) + "\u2026";
        }
        return Declare.of(d.title(), rules.severityOf(d), service)
                .description(full)
                .impactStartedAt(impactStart(d, now))
                .detectedAt(now);
    }

    /** The storm incident of a source, past its storm limit. */
    static Declare storm(AlertDetails d, String service, Instant now, AlertRules rules) {
        return Declare.of("Alert storm from " + d.source() + ": more than " + rules.stormLimit()
                        + " new incidents in a minute", rules.severityOf(d), service)
                .description("Alerts from " + d.source() + " past the storm limit join this incident instead of "
                        + "declaring their own. The first was: " + d.title())
                .impactStartedAt(impactStart(d, now))
                .detectedAt(now);
    }

    /** The alert's start, so that MTTD means something: never after now, nor more than 30 days back. */
    static Instant impactStart(AlertDetails d, Instant now) {
        Instant start = d.startsAt().truncatedTo(ChronoUnit.MICROS);
        Instant earliest = now.minus(MAX_IMPACT_AGE);
        return start.isAfter(now) ? now : start.isBefore(earliest) ? earliest : start;
    }

}
