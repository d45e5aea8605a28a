package dev.incidentkit.web;

import dev.incidentkit.core.Actor;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An API token's metadata, as {@link Credentials#tokens()} lists them: never its secret, which
 * {@link Credentials#createToken} returns once and nothing stores.
 *
 * <p>A secret reads {@code ik_<id>_<43 characters of base64url>}, such as {@code
 * ik_tok_k3mz7q2a_…}: the id (public, shown in listings and error messages) followed by 32 random
 * bytes. The fixed {@code ik_tok_} prefix lets secret scanners recognize a leaked token.
 *
 * @param id the public identifier, {@code tok_} and 8 characters of {@code a-z2-7}
 * @param actor the user it acts as
 * @param label what it is for, as its creator named it, such as {@code ci deploys}
 * @param created when it was created
 * @param expires when it stops working, if ever
 * @since 0.2.0
 */
public record ApiToken(String id, Actor actor, String label, Instant created, Optional<Instant> expires) {

    /** Checks that no component is null. */
    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
    }

    /**
     * @param now the current instant
     * @return whether the token has expired at {@code now} (it has at its expiry instant itself)
     */
    public boolean expiredAt(Instant now) {
        return expires.isPresent() && !now.isBefore(expires.get());
    }
}
