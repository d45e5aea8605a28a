package dev.incidentkit.core.oncall;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The checks every on-call value makes; messages name the field and quote the value. */
final class Checks {

    private static final int SHOWN = 60;

    /** A name a machine keys on: a contact method's kind, a service. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private Checks() {}

    /**
     * @return an exception whose message reads as {@link dev.incidentkit.core.ValidationException}'s:
     *     the field, the rule, and the value in double quotes, control characters escaped,
     *     shortened to 60 characters
     */
    static IllegalArgumentException bad(String field, String rule, Object value) {
        String s = String.valueOf(value);
        StringBuilder shown = new StringBuilder("\"");
        s.codePoints().limit(SHOWN).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                shown.append(String.format("\\u%04x", cp));
            } else {
                shown.appendCodePoint(cp);
            }
        });
        if (s.codePointCount(0, s.length()) > SHOWN) {
            shown.append("...");
        }
        return new IllegalArgumentException(field + " " + rule + ", got " + shown.append('"'));
    }

    /** @return {@code value}, which must be 1 to 128 characters, not blank, on one line */
    static String id(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.length() > 128 || value.chars().anyMatch(Character::isISOControl)) {
            throw bad(field, "must be 1 to 128 characters, not blank, without control characters", value);
        }
        return value;
    }

    /** @return an unmodifiable copy of {@code values}, each an {@link #id} */
    static List<String> ids(String field, List<String> values) {
        List<String> copy = List.copyOf(Objects.requireNonNull(values, field));
        for (String v : copy) {
            id(field, v);
        }
        return copy;
    }

    /** @return {@code value}, which must match {@code [a-z0-9][a-z0-9._-]{0,62}}, such as {@code email} or {@code payments-api} */
    static String name(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!NAME.matcher(value).matches()) {
            throw bad(field, "must be 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit", value);
        }
        return value;
    }

    /** @return {@code value}, which must be 1 to 512 characters without control characters */
    static String text(String field, String value, int most) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty() || value.length() > most || value.chars().anyMatch(Character::isISOControl)) {
            throw bad(field, "must be 1 to " + most + " characters without control characters", value);
        }
        return value;
    }
}
