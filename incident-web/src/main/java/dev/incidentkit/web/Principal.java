package dev.incidentkit.web;

import dev.incidentkit.core.Actor;
import java.util.Objects;

/**
 * Who a request comes from, as an {@link Authenticator} established it. Its actor is the actor
 * of every event the request records: a request never names its own.
 *
 * @param actor who calls
 * @param scheme how they proved it
 * @since 0.2.0
 */
public record Principal(Actor actor, Scheme scheme) {

    /** Checks that no component is null. */
    public Principal {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(scheme, "scheme");
    }

    /** How a principal was established. */
    public enum Scheme {
        /** An API token in {@code Authorization: Bearer}. */
        TOKEN,
        /** A session cookie from a login with a password: writes also need the CSRF token. */
        SESSION,
        /** A header set by a trusted single-sign-on proxy. */
        PROXY,
        /** No authenticator is configured: a server on loopback, acting as its local actor. */
        LOCAL
    }
}
