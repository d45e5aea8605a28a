package dev.incidentkit.core.access;

import dev.incidentkit.core.ValidationException;
import java.util.Locale;

/**
 * The four roles of {@link RoleBasedAuthorizer}, each allowed what the one before it is, and
 * more. Not to be confused with {@link dev.incidentkit.core.Role}, the part someone plays in one
 * incident (commander, tech lead, comms lead).
 *
 * @since 0.2.0
 */
public enum AccessRole {
    /** Reads incidents, timelines, exports and metrics. */
    VIEWER,
    /** Declares incidents and works on them. */
    RESPONDER,
    /** Also resolves, closes, reopens, cancels, escalates and assigns roles on any incident. */
    COMMANDER,
    /** Also looks after the installation: users, tokens, the read model, notifications. */
    ADMIN;

    /**
     * @param other another role
     * @return whether this role is allowed everything {@code other} is
     */
    public boolean includes(AccessRole other) {
        return compareTo(other) >= 0;
    }

    /** @return the role's name in files, messages and on the command line, such as {@code viewer} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label a role's {@link #label()}, in any case
     * @return the role
     * @throws ValidationException if no role has that name
     */
    public static AccessRole parse(String label) {
        for (AccessRole role : values()) {
            if (role.label().equalsIgnoreCase(label.strip())) {
                return role;
            }
        }
        throw new ValidationException("role", "must be one of viewer, responder, commander, admin", label);
    }
}
