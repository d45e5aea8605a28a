package dev.incidentkit.core;

import java.util.Locale;

/**
 * Where an incident is in its lifecycle. {@link Lifecycle} holds the legal moves between them.
 *
 * @since 0.1.0
 */
public enum Status {
    /** Declared, nobody has acknowledged it yet. */
    OPEN,
    /** Someone has taken it. */
    ACKNOWLEDGED,
    /** Responders are looking for the cause. */
    INVESTIGATING,
    /** The cause is known. */
    IDENTIFIED,
    /** User impact has stopped; the fix is being watched. */
    MITIGATED,
    /** The incident is over. */
    RESOLVED,
    /**
     * Resolved and reviewed; only completing an action item, recording an SLA breach and (in
     * the standard {@link Lifecycle}) a reopen are allowed.
     */
    CLOSED,
    /** Declared by mistake or without customer impact. */
    CANCELED,
    /** Another incident covers the same problem. */
    DUPLICATE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** @return whether the incident is still being worked on: not resolved, closed, canceled or duplicate */
    public boolean isActive() {
        return this.compareTo(RESOLVED) < 0;
    }

    /**
     * @return whether the incident is closed, canceled or a duplicate: only a reopen (as the
     *     {@link Lifecycle} allows it), action-item completion and SLA breaches remain
     */
    public boolean isTerminal() {
        return this == CLOSED || this == CANCELED || this == DUPLICATE;
    }

    /** @return the lower-case name used in event data, such as {@code open} */
    public String wireName() {
        return wireName;
    }

    /**
     * @param text a status name in any case, such as {@code open} or {@code MITIGATED}
     * @return the status
     * @throws ValidationException if the text names no status
     */
    public static Status parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "must be one of open, acknowledged, investigating, "
                    + "identified, mitigated, resolved, closed, canceled, duplicate", text);
        }
    }
}
