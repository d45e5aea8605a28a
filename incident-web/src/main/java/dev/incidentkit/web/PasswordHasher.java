package dev.incidentkit.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes passwords with PBKDF2-HMAC-SHA256 from the JDK, a random 16-byte salt and a 256-bit
 * result, and verifies them in constant time.
 *
 * <p>A hash is a self-describing string, part of the credentials file format:
 * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>} (standard base64 with padding).
 * Because each hash carries its own iteration count, raising the count later leaves existing
 * hashes verifiable.
 *
 * <p>Every method that takes a password as a {@code char[]} overwrites it with zeros before it
 * returns, whatever the outcome: keep no other copy. Thread-safe.
 *
 * @since 0.2.0
 */
public final class PasswordHasher {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The fewest iterations a hasher accepts: enough for tests, far too few for production. */
    public static final int MIN_ITERATIONS = 1_000;
    /** The most iterations a stored hash may ask for, so that a damaged file cannot stall a login. */
    static final int MAX_ITERATIONS = 10_000_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random;

    private PasswordHasher(int iterations, SecureRandom random) {
        this.iterations = iterations;
        this.random = random;
    }

    /** @return a hasher with {@link #DEFAULT_ITERATIONS} */
    public static PasswordHasher ofDefaults() {
        return new PasswordHasher(DEFAULT_ITERATIONS, new SecureRandom());
    }

    /**
     * @param iterations PBKDF2 iterations for new hashes; existing hashes keep their own
     * @return a hasher
     * @throws IllegalArgumentException if {@code iterations} is below {@link #MIN_ITERATIONS} or above
     *     10,000,000
     */
    public static PasswordHasher withIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be " + MIN_ITERATIONS + " to "
                    + MAX_ITERATIONS + ", got " + iterations);
        }
        return new PasswordHasher(iterations, new SecureRandom());
    }

    /** @return the iterations of new hashes */
    public int iterations() {
        return iterations;
    }

    /**
     * @param password the password, not empty; zeroed before this returns
     * @return its hash, as described in the class comment
     * @throws IllegalArgumentException if the password is empty (PBKDF2 in the JDK refuses an empty key)
     */
    public String hash(char[] password) {
        try {
            if (password.length == 0) {
                throw new IllegalArgumentException("a password must not be empty");
            }
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            byte[] hash = derive(password, salt, iterations);
            Base64.Encoder b64 = Base64.getEncoder();
            return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * @param encoded a hash made by {@link #hash}, with any iteration count
     * @param password the password to check; zeroed before this returns
     * @return whether it is the hashed password; false also if {@code encoded} is not a hash of
     *     this format or {@code password} is empty
     */
    public boolean verify(String encoded, char[] password) {
        try {
            String[] parts = encoded.split("\\$", -1);
            if (parts.length != 4 || !parts[0].equals(SCHEME) || password.length == 0) {
                return false;
            }
            int n = Integer.parseInt(parts[1]);
            if (n < 1 || n > MAX_ITERATIONS) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(derive(password, salt, n), expected);
        } catch (IllegalArgumentException e) {
            return false;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * @param encoded any string
     * @return whether it has this format (a scheme this class knows, iterations in range, base64
     *     salt and hash): what a credentials file is checked with when it is read
     */
    static boolean wellFormed(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        try {
            if (parts.length != 4 || !parts[0].equals(SCHEME)) {
                return false;
            }
            int n = Integer.parseInt(parts[1]);
            Base64.getDecoder().decode(parts[2]);
            return n >= 1 && n <= MAX_ITERATIONS && Base64.getDecoder().decode(parts[3]).length == HASH_BITS / 8;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("every Java platform since 8 has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "PasswordHasher[" + SCHEME + ", " + iterations + " iterations]";
    }

}
