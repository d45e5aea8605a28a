package dev.incidentkit.core.query;

import dev.incidentkit.core.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page ended: the sort value and the id of its last incident. The next page holds the
 * incidents strictly after that pair in the query's order (keyset pagination), so that an
 * incident declared or changed between two page reads neither shifts nor repeats the others.
 *
 * <p>Users see it as an opaque string ({@link #encode()}, {@link IncidentPage#nextCursor()});
 * stores read its fields.
 *
 * @param key the sort the cursor belongs to
 * @param direction the direction of that sort
 * @param value the last incident's sort value ({@link IncidentQuery#sortValue})
 * @param incidentId the last incident's id
 * @since 0.2.0
 */
public record PageCursor(SortKey key, SortDirection direction, long value, String incidentId) {

    /**
     * The version of the cursor's text; a cursor of another version is refused. Version 1 is
     * {@code c1:<key>:<direction>:<value>:<id length>:<id>} in UTF-8, base64url without padding:
     * the id's length, in UTF-16 units, makes a cut-off cursor fail instead of naming another id.
     */
    private static final String VERSION = "c1";

    /** Checks that no component is null. */
    public PageCursor {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(incidentId, "incidentId");
    }

    /** @return the cursor as URL-safe text, for a client to hand back */
    public String encode() {
        String plain = VERSION + ':' + key.ordinal() + ':' + direction.ordinal() + ':' + value + ':'
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
            String[] parts = plain.split(":", 6);
            if (parts.length == 6 && parts[0].equals(VERSION) && !parts[5].isEmpty()
                    && parts[4].equals(Integer.toString(parts[5].length()))) {
                return new PageCursor(SortKey.values()[Integer.parseInt(parts[1])],
                        SortDirection.values()[Integer.parseInt(parts[2])], Long.parseLong(parts[3]), parts[5]);
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException | CharacterCodingException e) {
            // refused below
        }
        throw new ValidationException("cursor", "is not a page cursor: pass a nextCursor of an earlier page", text);
    }
}
