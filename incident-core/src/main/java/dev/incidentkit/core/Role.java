package dev.incidentkit.core;

import java.util.Locale;

/**
 * The incident roles of the practice guides. The commander coordinates and does not debug, the
 * technical lead digs into the problem, the comms lead keeps stakeholders informed.
 *
 * @since 0.1.0
 */
public enum Role {
    /** Coordinates the response and decides. */
    COMMANDER,
    /** Leads the technical investigation. */
    TECH_LEAD,
    /** Writes the updates for stakeholders. */
    COMMS_LEAD;

    /** @return the form used on the command line and in event data, such as {@code tech-lead} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param text {@code commander}, {@code tech-lead}, {@code tech_lead}, {@code COMMS_LEAD}...
     * @return the role
     * @throws ValidationException if the text names no role
     */
    public static Role parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Role role : values()) {
            if (role.name().equals(s)) {
                return role;
            }
        }
        throw new ValidationException("role", "must be one of commander, tech-lead, comms-lead", text);
    }
}
