package dev.incidentkit.core.oncall;

import java.util.List;
import java.util.Objects;

/** The checks every on-call value makes; messages name the field and quote the value. */
final class Checks {

    private Checks() {}

    static IllegalArgumentException bad(String field, String rule, Object value) {
        return new IllegalArgumentException(field + " " + rule + ", got \"" + value + "\"");
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
}
