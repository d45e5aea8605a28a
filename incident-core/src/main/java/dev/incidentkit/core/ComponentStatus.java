package dev.incidentkit.core;

import java.util.Locale;

/**
 * How a component (a service, as customers see it) works, in the words of a status page: what a
 * public update says of the services its incident affects, from the least to the most severe.
 *
 * @since 0.5.0
 */
public enum ComponentStatus {
    /** Working normally. */
    OPERATIONAL("Operational"),
    /** Working, but slower or less reliable than usual. */
    DEGRADED_PERFORMANCE("Degraded performance"),
    /** Down for some customers or some features. */
    PARTIAL_OUTAGE("Partial outage"),
    /** Down. */
    MAJOR_OUTAGE("Major outage");

    private final String label;

    ComponentStatus(String label) {
        this.label = label;
    }

    /** @return the words a status page shows, such as {@code Partial outage} */
    public String label() {
        return label;
    }

    /** @return the lower-case name in event data and JSON, such as {@code partial_outage} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param other another status
     * @return the more severe of the two
     */
    public ComponentStatus worst(ComponentStatus other) {
        return other.compareTo(this) > 0 ? other : this;
    }

    /**
     * @param text a component status in any case, with {@code _}, {@code -} or a space between
     *     words, such as {@code partial_outage} or {@code Partial outage}
     * @return the status
     * @throws ValidationException if the text names no component status
     */
    public static ComponentStatus parse(String text) {
        String name = text.strip().replace('-', '_').replace(' ', '_');
        for (ComponentStatus s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new ValidationException("impact",
                "must be one of operational, degraded_performance, partial_outage, major_outage", text);
    }
}
