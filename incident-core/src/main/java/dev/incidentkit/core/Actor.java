package dev.incidentkit.core;

import dev.incidentkit.core.internal.Validation;

/**
 * Who acts: a user name, an e-mail address or a system such as {@code alertmanager}. Every
 * command and every event carries one.
 *
 * @param name 1 to 200 characters, no control characters
 * @since 0.1.0
 */
public record Actor(String name) implements Comparable<Actor> {

    /**
     * Checks the name.
     *
     * @throws ValidationException if the name is blank, longer than 200 characters, or holds a
     *     control character or an unpaired surrogate
     */
    public Actor {
        Validation.singleLine("actor", name, 1, Validation.MAX_ACTOR);
    }

    /**
     * @param name who acts
     * @return the actor
     * @throws ValidationException if the name is not a valid actor
     */
    public static Actor of(String name) {
        return new Actor(name);
    }

    @Override
    public int compareTo(Actor other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
