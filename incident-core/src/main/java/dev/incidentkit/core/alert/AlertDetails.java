package dev.incidentkit.core.alert;

import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.internal.Validation;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a monitoring system says about one alert, as IncidentKit keeps it and as the events of the
 * incident it joins carry it ({@code incident.alert_attached}).
 *
 * <p>The constructor checks every rule and throws a {@link ValidationException} naming the field:
 * source as a service name ({@code [a-z0-9][a-z0-9._-]{0,62}}, such as {@code alertmanager});
 * dedup key 1 to 255 characters on one line; summary 1 to 1,024 characters; severity up to 32
 * characters on one line, as the source spells it ({@code critical}, {@code warning}); at most 64
 * labels, named as Prometheus names them ({@code [a-zA-Z_][a-zA-Z0-9_]*}, up to 128 characters),
 * with values up to 1,024 characters on one line; at most 64 annotations with values up to 10,000
 * characters; at most 16 links, each an absolute {@code http} or {@code https} URI of up to 2,048
 * characters, named by up to 128 characters.
 *
 * @param source the system that sent it and the integration it came through, such as {@code alertmanager}
 * @param dedupKey what makes two posts the same alert: Alertmanager's fingerprint, PagerDuty's {@code dedup_key}
 * @param summary what is wrong, one line or more
 * @param severity the source's word for how bad it is, possibly empty
 * @param labels the alert's identifying labels, sorted by name
 * @param annotations its descriptive annotations, sorted by name
 * @param links named URLs: the graph that fired it, a runbook
 * @param startsAt when the source says it started firing
 * @since 0.3.0
 */
public record AlertDetails(
        String source,
        String dedupKey,
        String summary,
        String severity,
        SortedMap<String, String> labels,
        SortedMap<String, String> annotations,
        SortedMap<String, String> links,
        Instant startsAt) {

    /** The most labels, annotations or links an alert may carry. */
    public static final int MAX_ENTRIES = 64;
    /** The most links an alert may carry. */
    public static final int MAX_LINKS = 16;

    /** Checks every rule; copies the maps, sorted and unmodifiable. */
    public AlertDetails {
        Validation.service("source", Objects.requireNonNull(source, "source"));
        Validation.singleLine("dedup_key", Objects.requireNonNull(dedupKey, "dedupKey"), 1, 255);
        Validation.text("summary", Objects.requireNonNull(summary, "summary"), 1, 1024);
        Validation.singleLine("severity", Objects.requireNonNull(severity, "severity"), 0, 32);
        labels = entries("labels", labels, MAX_ENTRIES, 1024, false);
        annotations = entries("annotations", annotations, MAX_ENTRIES, Validation.MAX_TEXT, true);
        links = entries("links", links, MAX_LINKS, 2048, false);
        links.forEach((name, url) -> requireWebLink("links." + name, url));
        Validation.instant("starts_at", Objects.requireNonNull(startsAt, "startsAt"));
    }

    /**
     * A firing alert with no severity, labels, annotations or links.
     *
     * @param source the source
     * @param dedupKey the dedup key
     * @param summary what is wrong
     * @param startsAt when it started
     * @return the details
     */
    public static AlertDetails of(String source, String dedupKey, String summary, Instant startsAt) {
        return new AlertDetails(source, dedupKey, summary, "", new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), startsAt);
    }

    /** @param value the severity @return these details with it */
    public AlertDetails withSeverity(String value) {
        return new AlertDetails(source, dedupKey, summary, value, labels, annotations, links, startsAt);
    }

    /** @param value the labels @return these details with them */
    public AlertDetails withLabels(Map<String, String> value) {
        return new AlertDetails(source, dedupKey, summary, severity, new TreeMap<>(value), annotations, links, startsAt);
    }

    /** @param value the annotations @return these details with them */
    public AlertDetails withAnnotations(Map<String, String> value) {
        return new AlertDetails(source, dedupKey, summary, severity, labels, new TreeMap<>(value), links, startsAt);
    }

    /** @param value the links, by name @return these details with them */
    public AlertDetails withLinks(Map<String, String> value) {
        return new AlertDetails(source, dedupKey, summary, severity, labels, annotations, new TreeMap<>(value), startsAt);
    }

    /**
     * @return the summary as an incident title: its first line, cut to 200 characters (with an
     *     ellipsis when cut)
     */
    public String title() {
        String line = summary.strip();
        int eol = line.indexOf('\n');
        if (eol >= 0) {
            line = line.substring(0, eol).strip();
        }
        line = line.replace('\t', ' ');
        if (line.codePointCount(0, line.length()) > Validation.MAX_TITLE) {
            line = line.substring(0, line.offsetByCodePoints(0, Validation.MAX_TITLE - 1)) + "\u2026";
        }
        return line.isBlank() ? dedupKey : line;
    }

    private static SortedMap<String, String> entries(String field, Map<String, String> map, int max, int maxValue,
            boolean multiLine) {
        Objects.requireNonNull(map, field);
        if (map.size() > max) {
            throw new ValidationException(field, "must have at most " + max + " entries (had " + map.size() + ")", map.size());
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), field + " name");
            String value = Objects.requireNonNull(e.getValue(), field + "." + name);
            if (field.equals("links")) {
                Validation.singleLine(field, name, 1, 128);
            } else {
                requireLabelName(field, name);
            }
            if (multiLine) {
                Validation.text(field + "." + name, value, 0, maxValue);
            } else {
                Validation.singleLine(field + "." + name, value, 0, maxValue);
            }
            copy.put(name, value);
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    /** Prometheus's label names: {@code [a-zA-Z_][a-zA-Z0-9_]*}, here up to 128 characters. */
    private static void requireLabelName(String field, String name) {
        boolean ok = !name.isEmpty() && name.length() <= 128;
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
        }
        if (!ok) {
            throw new ValidationException(field, "names must match [a-zA-Z_][a-zA-Z0-9_]* (at most 128 characters)", name);
        }
    }

    private static void requireWebLink(String field, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new ValidationException(field, "must be an absolute http or https URL", url);
    }
}
