package dev.incidentkit.core.internal;

import dev.incidentkit.core.ValidationException;
import java.time.Instant;
import java.util.regex.Pattern;

/** The input rules of the design contract (section 11), each failing with a {@link ValidationException}. */
public final class Validation {

    public static final int MAX_TITLE = 200;
    public static final int MAX_TEXT = 10_000;
    public static final int MAX_ACTOR = 200;
    public static final int MAX_COMMAND_ID = 200;
    public static final int MAX_INCIDENT_ID = 64;

    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** Stores keep instants of years 1 to 9999 alike; IncidentKit keeps to the range all of them hold. */
    private static final Instant MIN_INSTANT = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

    private Validation() {}

    /** Text on one line: no control characters at all, {@code min..max} code points. */
    public static String singleLine(String field, String value, int min, int max) {
        return check(field, value, min, max, false);
    }

    /** Free text: newline and tab allowed, no other control characters, {@code min..max} code points. */
    public static String text(String field, String value, int min, int max) {
        return check(field, value, min, max, true);
    }

    /** A note: optional free text up to 10,000 characters. */
    public static String note(String field, String value) {
        return text(field, value, 0, MAX_TEXT);
    }

    /** A service name: {@code [a-z0-9][a-z0-9._-]{0,62}}. */
    public static String service(String field, String value) {
        if (!SERVICE.matcher(value).matches()) {
            throw new ValidationException(field, "must match [a-z0-9][a-z0-9._-]{0,62} (lower case letters, digits, '.', '_', '-')", value);
        }
        return value;
    }

    /** An instant that every store can hold. */
    public static Instant instant(String field, Instant value) {
        if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
            throw new ValidationException(field, "must lie between 1970 and 9999", value);
        }
        return value;
    }

    private static void checkLength(String field, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw new ValidationException(field, min == 0
                    ? "must be at most " + max + " characters (was " + length + ")"
                    : "must be " + min + " to " + max + " characters (was " + length + ")", value);
        }
    }

    /** One pass over the characters: this runs on every note of every command and every decode. */
    private static String check(String field, String value, int min, int max, boolean multiLine) {
        checkLength(field, value, min, max);
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                // An unpaired surrogate is no character: UTF-8 cannot encode it, so the hash chain
                // (and any UTF-8 store or export) would see a '?' instead, and two texts would share a hash.
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new ValidationException(field, "must be well-formed Unicode (it holds an unpaired surrogate)", value);
            }
            if (isControl(c) && !(multiLine && (c == '\n' || c == '\t'))) {
                throw new ValidationException(field, multiLine
                        ? "must not contain control characters other than newline and tab"
                        : "must not contain control characters or line breaks", value);
            }
        }
        if (min > 0 && value.isBlank()) {
            throw new ValidationException(field, "must not be blank", value);
        }
        return value;
    }

    private static boolean isControl(int cp) {
        // C0, DEL and C1 controls, plus the Unicode line and paragraph separators.
        return Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029;
    }
}
