package dev.incidentkit.core.access;

import dev.incidentkit.core.AccessDeniedException;
import dev.incidentkit.core.Actor;

/**
 * Decides whether an actor may do something. {@link dev.incidentkit.core.IncidentManager} asks
 * it before every declaration and command, after validating the input and before writing; a
 * host that serves reads to people asks it for those ({@link Action.Read}). Set with {@code
 * IncidentKit.builder().authorizer(...)}; the default, {@link #allowAll()}, suits a host that
 * decides for itself before it calls IncidentKit.
 *
 * <p>Implementations must be thread-safe and quick: they run on every command, inside its retry
 * loop (a command that races another is authorized again against the new state).
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface Authorizer {

    /**
     * @param actor who asks
     * @param action what they ask to do
     * @return whether they may
     */
    boolean permits(Actor actor, Action action);

    /**
     * Throws unless the actor may do the action. Override it to say why in the exception.
     *
     * @param actor who asks
     * @param action what they ask to do
     * @throws AccessDeniedException if they may not
     */
    default void authorize(Actor actor, Action action) {
        if (!permits(actor, action)) {
            throw new AccessDeniedException(actor, action, "not allowed");
        }
    }

    /** @return an authorizer that allows everything to everyone: the embedded default */
    static Authorizer allowAll() {
        return AllowAll.INSTANCE;
    }

    /** The default, a named singleton so that a manager can skip asking it. */
    enum AllowAll implements Authorizer {
        /** The one instance. */
        INSTANCE;

        @Override
        public boolean permits(Actor actor, Action action) {
            return true;
        }

        @Override
        public String toString() {
            return "Authorizer.allowAll()";
        }
    }
}
