package dev.incidentkit.web;

import dev.incidentkit.web.CredentialsFile.Token;
import dev.incidentkit.web.internal.Secrets;
import dev.incidentkit.web.internal.TokenSecrets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Authenticates requests that carry an API token of {@link Credentials}: {@code Authorization:
 * Bearer ik_tok_…}.
 *
 * <ul>
 *   <li>No {@code Authorization} header, or one of another scheme (such as {@code Basic}): empty.
 *   <li>A bearer value that is not an IncidentKit secret, an unknown or revoked token, a secret
 *       that does not match its token's hash, or an expired token: {@link AuthenticationException}.
 *       The message names the token's public id where there is one, never the secret.
 *   <li>Otherwise: a {@link Principal} acting as the token's user, with {@link
 *       Principal.Scheme#TOKEN}. (Removing a user removes their tokens.)
 * </ul>
 *
 * <p>The secret's SHA-256 is compared with the stored one in constant time. Expiry is judged by
 * the credentials' clock. Thread-safe; logs nothing.
 *
 * @since 0.2.0
 */
public final class TokenAuthenticator implements Authenticator {

    private static final String BEARER = "bearer ";

    private final Credentials credentials;
    private final Clock clock;

    private TokenAuthenticator(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = credentials.clock();
    }

    /**
     * @param credentials whose tokens are accepted
     * @return the authenticator
     */
    public static TokenAuthenticator of(Credentials credentials) {
        return new TokenAuthenticator(credentials);
    }

    @Override
    public Optional<Principal> authenticate(WebRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.empty();
        }
        String secret = value.substring(BEARER.length()).strip();
        String id = TokenSecrets.idOf(secret).orElseThrow(() -> new AuthenticationException(
                "The bearer token is not an IncidentKit API token (ik_tok_...)."));
        Optional<Token> stored = credentials.token(id);
        // One hash comparison whether or not the id exists, so that timing does not tell ids apart.
        String expected = stored.map(Token::secretHash).orElse("sha256:" + "0".repeat(64));
        boolean matches = Secrets.constantTimeEquals(TokenSecrets.hash(secret), expected);
        if (stored.isEmpty() || !matches) {
            throw new AuthenticationException("API token " + id + " is unknown or was revoked.");
        }
        ApiToken token = stored.get().meta();
        Instant now = clock.instant();
        if (token.expiredAt(now)) {
            throw new AuthenticationException("API token " + id + " expired at " + token.expires().orElseThrow() + ".");
        }
        return Optional.of(new Principal(token.actor(), Principal.Scheme.TOKEN));
    }

    @Override
    public String toString() {
        return "TokenAuthenticator[" + credentials.file() + "]";
    }
}
