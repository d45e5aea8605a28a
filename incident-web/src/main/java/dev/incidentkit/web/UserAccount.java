package dev.incidentkit.web;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.access.AccessRole;
import java.time.Instant;
import java.util.Objects;

/**
 * A user of an installation, as {@link Credentials#users()} lists them: never their password
 * hash.
 *
 * @param actor who they act as
 * @param role what they may do
 * @param hasPassword whether they can log in with a password; a user without one only comes
 *     through a single-sign-on proxy ({@link TrustedHeaderAuthenticator}) or with API tokens
 * @param created when they were added
 * @since 0.2.0
 */
public record UserAccount(Actor actor, AccessRole role, boolean hasPassword, Instant created) {

    /** Checks that no component is null. */
    public UserAccount {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(created, "created");
    }
}
