package dev.incidentkit.core;

import java.util.Locale;

/**
 * Where an incident stands as its public updates tell customers: the words of a status page, not
 * the internal {@link Status}. Responders pick it with each public update, so that the page says
 * "Monitoring" only when they say so.
 *
 * @since 0.5.0
 */
public enum PublicStatus {
    /** The team knows something is wrong and is looking into it. */
    INVESTIGATING("Investigating"),
    /** The cause is known and a fix is under way. */
    IDENTIFIED("Identified"),
    /** A fix is in place and the team is watching it. */
    MONITORING("Monitoring"),
    /** The incident is over for customers. */
    RESOLVED("Resolved");

    private final String label;

    PublicStatus(String label) {
        this.label = label;
    }

    /** @return the word a status page shows, such as {@code Monitoring} */
    public String label() {
        return label;
    }

    /** @return the lower-case name in event data and JSON, such as {@code monitoring} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a public status in any case, such as {@code identified}
     * @return the status
     * @throws ValidationException if the text names no public status
     */
    public static PublicStatus parse(String text) {
        for (PublicStatus s : values()) {
            if (s.name().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new ValidationException("status", "must be one of investigating, identified, monitoring, resolved", text);
    }
}
