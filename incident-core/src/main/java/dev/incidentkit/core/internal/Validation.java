package dev.incidentkit.core.internal;

import dev.incidentkit.core.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/** The input rules of the design contract (section 11), each failing with a {@link ValidationException}. */
public final class Validation {

    public static final int MAX_TITLE = 200;
    public static final int MAX_TEXT = 10_000;
    public static final int MAX_ACTOR = 200;
    public static final int MAX_COMMAND_ID = 200;
    public static final int MAX_INCIDENT_ID = 64;
    /** An on-call id (a person, a schedule, an escalation policy), as {@code core.oncall} allows it. */
    public static final int MAX_ON_CALL_ID = 128;
    /** The most channels one page names. */
    public static final int MAX_CHANNELS = 16;

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

    /**
     * Normalises line breaks to {@code \n}: text pasted from Windows or an old Mac ({@code \r\n},
     * a lone {@code \r}) means the same lines, and the rules below refuse a {@code \r}.
     *
     * @return {@code value} with each {@code \r\n} and each lone {@code \r} turned into {@code \n}
     */
    public static String lineBreaks(String value) {
        if (value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** A note: optional free text up to 10,000 characters. */
    public static String note(String field, String value) {
        return text(field, value, 0, MAX_TEXT);
    }

    /** A service name: {@code [a-z0-9][a-z0-9._-]{0,62}}. */
    public static String service(String field, String value) {
        if (!isServiceName(value)) {
            throw new ValidationException(field, "must match [a-z0-9][a-z0-9._-]{0,62} (lower case letters, digits, '.', '_', '-')", value);
        }
        return value;
    }

    /**
     * The channels of a page: at most {@value #MAX_CHANNELS}, each named as a notifier or a
     * service is ({@code [a-z0-9][a-z0-9._-]{0,62}}), none twice; possibly none.
     *
     * @param invalid makes the exception for a rule and the value that breaks it, naming the field
     *     as the caller names it ({@code channels}, {@code data.channels})
     */
    public static List<String> channels(List<String> value, BiFunction<String, Object, ValidationException> invalid) {
        if (value.size() > MAX_CHANNELS) {
            throw invalid.apply("must name at most " + MAX_CHANNELS + " channels (was " + value.size() + ")", value);
        }
        for (int i = 0; i < value.size(); i++) {
            String channel = value.get(i);
            if (!isServiceName(channel)) {
                throw invalid.apply("must hold channel names that match [a-z0-9][a-z0-9._-]{0,62} "
                        + "(lower case letters, digits, '.', '_', '-')", channel);
            }
            if (value.subList(0, i).contains(channel)) {
                throw invalid.apply("must not name a channel twice", channel);
            }
        }
        return value;
    }

    /** {@code [a-z0-9][a-z0-9._-]{0,62}}, by hand: a regular expression allocates a matcher a call. */
    private static boolean isServiceName(String value) {
        int n = value.length();
        if (n < 1 || n > 63) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '.' || c == '_' || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** An instant that every store can hold. */
    public static Instant instant(String field, Instant value) {
        if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
            throw new ValidationException(field, "must lie between 1970 and 9999", value);
        }
        return value;
    }

    /**
     * One pass over the characters: this runs on every note of every command and every decode.
     * The length is counted in the same pass, and its error, if any, is reported first.
     */
    private static String check(String field, String value, int min, int max, boolean multiLine) {
        int codePoints = 0;
        String problem = null;
        boolean blank = true;
        for (int i = 0, n = value.length(); i < n; i++, codePoints++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    blank = false;
                    continue;
                }
                // An unpaired surrogate is no character: UTF-8 cannot encode it, so the hash chain
                // (and any UTF-8 store or export) would see a '?' instead, and two texts would share a hash.
                if (problem == null) {
                    problem = "must be well-formed Unicode (it holds an unpaired surrogate)";
                }
            } else if (isControl(c) && !(multiLine && (c == '\n' || c == '\t'))) {
                if (problem == null) {
                    problem = multiLine
                            ? "must not contain control characters other than newline and tab"
                            : "must not contain control characters or line breaks";
                }
            } else if (blank && !Character.isWhitespace(c)) {
                blank = false;
            }
        }
        if (codePoints < min || codePoints > max) {
            throw new ValidationException(field, min == 0
                    ? "must be at most " + max + " characters (was " + codePoints + ")"
                    : "must be " + min + " to " + max + " characters (was " + codePoints + ")", value);
        }
        if (problem != null) {
            throw new ValidationException(field, problem, value);
        }
        if (min > 0 && blank) {
            throw new ValidationException(field, "must not be blank", value);
        }
        return value;
    }

    private static boolean isControl(int cp) {
        // C0, DEL and C1 controls, plus the Unicode line and paragraph separators.
        return Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029;
    }
}
