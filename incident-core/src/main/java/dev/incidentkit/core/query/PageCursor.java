package dev.incidentkit.core.query;

import dev.incidentkit.core.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a page ended: the sort value and the id of its last incident. The next page holds the
 * incidents strictly after that pair in the query's order (keyset pagination), so that an
 * incident declared or changed between two page reads neither shifts nor repeats the others.
 * The cursor also names the query it belongs to (its order and {@link IncidentQuery#fingerprint()
 * the fingerprint of its filters}), so that a query with another order or other filters refuses it.
 *
 * <p>Users see it as an opaque string ({@link #encode()}, {@link IncidentPage#nextCursor()});
 * stores read its fields.
 *
 * @param key the sort the cursor belongs to
 * @param direction the direction of that sort
 * @param filters the {@link IncidentQuery#fingerprint() fingerprint} of the filters of the query it
 *     belongs to: 16 lower-case hexadecimal digits
 * @param value the last incident's sort value ({@link IncidentQuery#sortValue})
 * @param incidentId the last incident's id
 * @since 0.2.0
 */
public record PageCursor(SortKey key, SortDirection direction, String filters, long value, String incidentId) {

    /**
     * The version of the cursor's text; a cursor of another version is refused. Version 2 is
     * {@code c2:<key>:<direction>:<filters>:<value>:<id length>:<id>} in UTF-8, base64url without
     * padding, with the key and direction by their names: the id's length, in UTF-16 units, makes
     * a cut-off cursor fail instead of naming another id. (Version 1 had neither names nor filters.)
     */
    private static final String VERSION = "c2";

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code filters} is not 16 lower-case hexadecimal digits
     */
    public PageCursor {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(incidentId, "incidentId");
        if (!FINGERPRINT.matcher(filters).matches()) {
            throw new IllegalArgumentException("filters must be 16 lower-case hexadecimal digits: " + filters);
        }
    }

    /** @return the cursor as URL-safe text, for a client to hand back */
    public String encode() {
        String plain = VERSION + ':' + key.name() + ':' + direction.name() + ':' + filters + ':' + value + ':'
                + incidentId.length() + ':' + incidentId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor that {@link #encode()} wrote.
     *
     * @param text the cursor
     * @return the cursor
     * @throws ValidationException if the text is not such a cursor, a cut-off one included
     */
    public static PageCursor parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            String plain = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(text))).toString();
            String[] parts = plain.split(":", 7);
            if (parts.length == 7 && parts[0].equals(VERSION) && !parts[6].isEmpty()
                    && parts[5].equals(Integer.toString(parts[6].length()))) {
                return new PageCursor(SortKey.valueOf(parts[1]), SortDirection.valueOf(parts[2]), parts[3],
                        Long.parseLong(parts[4]), parts[6]);
            }
        } catch (IllegalArgumentException | CharacterCodingException e) {
            // refused below
        }
        throw new ValidationException("cursor", "is not a page cursor: pass a nextCursor of an earlier page", text);
    }
}
