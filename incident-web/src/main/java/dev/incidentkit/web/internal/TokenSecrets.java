package dev.incidentkit.web.internal;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of an API token's secret, {@code ik_<id>_<32 random bytes, base64url>} with an id of
 * {@code tok_} and 8 characters of {@code a-z2-7}, and the hash the credentials file keeps of it.
 */
public final class TokenSecrets {

    private static final Pattern SECRET = Pattern.compile("ik_(tok_[a-z2-7]{8})_[A-Za-z0-9_-]{43}");
    private static final int SECRET_BYTES = 32;

    private TokenSecrets() {
    }

    /**
     * @param random where the id comes from
     * @return a new token id, {@code tok_} and 8 characters of {@code a-z2-7} (40 bits: ids only
     *     need to be unique within one file, and the caller draws again on a collision)
     */
    public static String newId(SecureRandom random) {
        return "tok_" + Secrets.base32(random, 8);
    }

    /**
     * @param id the token's id
     * @param random where the secret's 32 bytes come from
     * @return the secret
     */
    public static String newSecret(String id, SecureRandom random) {
        return "ik_" + id + "_" + Secrets.base64Url(random, SECRET_BYTES);
    }

    /**
     * @param secret text that may be a secret
     * @return its token id, if it has the shape of a secret
     */
    public static Optional<String> idOf(String secret) {
        Matcher m = SECRET.matcher(secret);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * A plain SHA-256, not a password hash: a secret holds 256 random bits, so guessing it from
     * its hash is hopeless however fast the hash, and a slow one would only slow every request.
     *
     * @param secret a secret
     * @return {@code sha256:} and the 64 lowercase hex digits of its SHA-256
     */
    public static String hash(String secret) {
        return "sha256:" + Secrets.sha256Hex(secret);
    }
}
