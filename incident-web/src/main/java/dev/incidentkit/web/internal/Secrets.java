package dev.incidentkit.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets, their digests and their comparison, in one place so that each is done one way. */
public final class Secrets {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private Secrets() {
    }

    /**
     * @param random where the bytes come from
     * @param bytes how many random bytes
     * @return them in base64url without padding
     */
    public static String base64Url(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return BASE64URL.encodeToString(b);
    }

    /**
     * @param random where the characters come from
     * @param length how many
     * @return that many random characters of the lowercase base32 alphabet ({@code a-z2-7})
     */
    public static String base32(SecureRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(BASE32.charAt(random.nextInt(BASE32.length())));
        }
        return out.toString();
    }

    /**
     * @param text any text
     * @return the lowercase hex of the SHA-256 of its UTF-8 bytes
     */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Compares two strings in time that depends on their length only, never on where they
     * first differ.
     *
     * @param a one string
     * @param b another
     * @return whether they are equal
     */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
