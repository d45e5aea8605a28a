package dev.incidentkit.web.internal;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The incident version as an entity tag, {@code "7"}, and If-Match read strictly: exactly one
 * strong tag of a version, {@code "7"}. A weak tag ({@code W/"7"}, which RFC 9110 forbids in
 * If-Match comparisons), a bare number, a list or {@code *} is refused with 400.
 */
final class ETags {

    private ETags() {}

    /** @return the entity tag of a version */
    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * @param header the If-Match header, if sent
     * @return the version it names
     * @throws ApiException (400) if it is not one strong tag of a version
     */
    static OptionalLong ifMatch(Optional<String> header) {
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        String value = header.get().strip();
        if (value.length() < 3 || value.length() > 21 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            throw invalid();
        }
        String digits = value.substring(1, value.length() - 1);
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw invalid();
            }
        }
        long version = Long.parseLong(digits);
        if (version < 1) {
            throw invalid();
        }
        return OptionalLong.of(version);
    }

    private static ApiException invalid() {
        return ApiException.badRequest("If-Match",
                "If-Match must be one strong entity tag of an incident version, such as \"7\", as sent in ETag.");
    }
}
