package dev.incidentkit.web;

import dev.incidentkit.core.Actor;
import java.time.Instant;
import java.util.Objects;

/**
 * A login session, as {@link Sessions} holds it at one moment. Its id and CSRF token are
 * secrets: {@link #toString()} shows neither.
 *
 * @param id the session's id, 32 random bytes in base64url: the value of the session cookie
 * @param actor who logged in
 * @param csrfToken a separate random secret that every write with this session must carry, such
 *     as in an {@code X-CSRF-Token} header; check it with {@link Sessions#csrfValid}
 * @param created when the login happened: the session ends at the latest this long after
 * @param lastSeen when it was last used: it ends when unused for the idle timeout
 * @since 0.2.0
 */
public record Session(String id, Actor actor, String csrfToken, Instant created, Instant lastSeen) {

    /** Checks that no component is null. */
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** @return the actor and instants, never the id or the CSRF token */
    @Override
    public String toString() {
        return "Session[actor=" + actor + ", created=" + created + ", lastSeen=" + lastSeen + "]";
    }
}
