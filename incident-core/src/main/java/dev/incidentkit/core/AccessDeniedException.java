package dev.incidentkit.core;

import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.access.Authorizer;

/**
 * The {@link Authorizer} refused an action to its actor. Thrown before anything is written.
 *
 * @since 0.2.0
 */
public final class AccessDeniedException extends IncidentException {

    private static final long serialVersionUID = 1L;

    private final transient Actor actor;
    private final transient Action action;

    /**
     * @param actor who asked
     * @param action what they asked to do
     * @param reason why not, as one clause, such as {@code a viewer only reads}
     */
    public AccessDeniedException(Actor actor, Action action, String reason) {
        super(actor.name() + " may not " + action.describe() + ": " + reason + ".");
        this.actor = actor;
        this.action = action;
    }

    /** @return who asked */
    public Actor actor() {
        return actor;
    }

    /** @return what they asked to do */
    public Action action() {
        return action;
    }
}
