package dev.incidentkit.core;

import java.util.Locale;

/**
 * The three SLA clocks of a severity: time to acknowledge, time to resolve, and the longest
 * silence between two updates.
 *
 * @since 0.1.0
 */
public enum SlaKind {
    /** Acknowledge within the target. */
    ACK,
    /** Resolve within the target. */
    RESOLVE,
    /** Post an update at least every so often. */
    UPDATE;

    /** @return the name in event data: {@code ack}, {@code resolve} or {@code update} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code ack}, {@code resolve} or {@code update}, in any case
     * @return the kind
     * @throws ValidationException if the text names no kind
     */
    public static SlaKind parse(String text) {
        for (SlaKind kind : values()) {
            if (kind.name().equalsIgnoreCase(text.strip())) {
                return kind;
            }
        }
        throw new ValidationException("kind", "must be one of ack, resolve, update", text);
    }
}
