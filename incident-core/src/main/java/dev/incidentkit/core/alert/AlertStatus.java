package dev.incidentkit.core.alert;

import java.util.Locale;

/**
 * Whether an alert is firing, as its source says.
 *
 * @since 0.3.0
 */
public enum AlertStatus {
    /** The condition holds. */
    FIRING,
    /** The condition no longer holds. */
    RESOLVED;

    /** @return the name on the wire and in the store: {@code firing} or {@code resolved} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
