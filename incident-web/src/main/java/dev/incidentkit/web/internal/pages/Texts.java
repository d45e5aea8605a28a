package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** How the pages write times, durations and names: short, in UTC, the same on every page. */
public final class Texts {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Texts() {}

    /** @return such as {@code 2025-08-23 14:30 UTC} */
    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    /** @return such as {@code 14:30} */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** @return such as {@code 2025-08-23} */
    public static String day(Instant instant) {
        return DAY.format(instant);
    }

    /** @return such as {@code 2025-08-23T14:30:00Z}, for a {@code <time datetime>} */
    public static String iso(Instant instant) {
        return instant.toString();
    }

    /**
     * @return the two largest units of a duration, such as {@code 45s}, {@code 12m}, {@code 1h 05m}
     *     or {@code 3d 4h}; a negative one as its absolute value
     */
    public static String duration(Duration duration) {
        long s = Math.abs(duration.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 24) {
            return h + "h " + String.format(Locale.ROOT, "%02dm", m % 60);
        }
        return (h / 24) + "d " + (h % 24) + "h";
    }

    /**
     * @return who made a timeline entry, or empty when its headline already names them as a whole
     *     word ({@code Acknowledged by carl}; not {@code carla assigned as comms-lead}, which carl did)
     */
    public static String by(TimelineEntry entry) {
        String name = entry.actor().name();
        Pattern named = Pattern.compile("(?<![\\w.@-])" + Pattern.quote(name) + "(?![\\w.@-])");
        return named.matcher(entry.headline()).find() ? "" : name;
    }

    /** @return such as {@code SEV-2} */
    public static String severity(Severity severity) {
        return severity.toString();
    }

    /** @return such as {@code SEV-2 (Major)}, as the walkthrough's form shows it */
    public static String severityWithLabel(Severity severity) {
        return severity + " (" + severity.label() + ")";
    }

    /** @return the CSS class of a severity's badge, such as {@code sev-2} */
    public static String severityClass(Severity severity) {
        return "sev-" + severity.level();
    }

    /** @return such as {@code Investigating} */
    public static String status(Status status) {
        String name = status.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** @return such as {@code Tech lead} */
    public static String role(Role role) {
        String name = role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return (Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }
}
