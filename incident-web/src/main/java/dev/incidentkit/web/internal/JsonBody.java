package dev.incidentkit.web.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A write's JSON body, read strictly: one object, no duplicate names, no trailing text, shallow
 * nesting, only the fields the route knows. A malformed body is a 400 naming the line and column
 * (never the text there); an unknown, missing or mistyped field a 422 naming it. A field of
 * value {@code null} counts as absent. There is no field for the actor: a body that names one
 * ({@code actor}, {@code as}, {@code user}) is refused like any unknown field.
 */
final class JsonBody {

    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16)
                            .maxNumberLength(32)
                            .maxStringLength(1 << 20)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /**
     * @param bytes the body
     * @param fields the names the route accepts
     * @return the body
     * @throws ApiException 400 if it is not one well-formed JSON object; 422 naming the first field it does not know
     */
    static JsonBody parse(byte[] bytes, Set<String> fields) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiException.badRequest("body", "The body is not well-formed JSON" + where + ".");
        } catch (IOException e) {
            throw ApiException.badRequest("body", "The body is not well-formed UTF-8 JSON.");
        }
        if (tree == null || tree.isMissingNode()) {
            throw ApiException.badRequest("body", "The body is empty; send a JSON object.");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ApiException.badRequest("body", "The body must be a JSON object, not " + kind(tree) + ".");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiException.invalid(printable(name), "Unknown field " + printable(name) + "; this route accepts "
                        + (fields.isEmpty() ? "no fields" : String.join(", ", new java.util.TreeSet<>(fields))) + ".");
            }
        }
        return new JsonBody(object);
    }

    /** @return the text of a required field */
    String text(String name) {
        return optionalText(name).orElseThrow(() -> ApiException.invalid(name, "Field " + name + " is required."));
    }

    /** @return the text of an optional field */
    Optional<String> optionalText(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(name, "Field " + name + " must be a string, not " + kind(value) + ".");
        }
        return Optional.of(value.textValue());
    }

    /** @return the text of an optional field, or empty text */
    String textOrEmpty(String name) {
        return optionalText(name).orElse("");
    }

    /** @return an optional boolean field */
    Optional<Boolean> optionalBoolean(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiException.invalid(name, "Field " + name + " must be true or false, not " + kind(value) + ".");
        }
        return Optional.of(value.booleanValue());
    }

    /** @return an optional whole number (a JSON integer, not {@code 15.0} nor {@code "15"}) */
    Optional<Long> optionalInteger(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.invalid(name, "Field " + name + " must be a whole number such as 15.");
        }
        return Optional.of(value.longValue());
    }

    /** @return an optional instant, ISO-8601 such as {@code 2025-08-23T14:30:00Z} */
    Optional<Instant> optionalInstant(String name) {
        return optionalText(name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw ApiException.invalid(name, "Field " + name + " must be an instant such as 2025-08-23T14:30:00Z.");
            }
        });
    }

    /** @return an optional date, ISO-8601 such as {@code 2025-09-01} */
    Optional<LocalDate> optionalDate(String name) {
        return optionalText(name).map(text -> {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw ApiException.invalid(name, "Field " + name + " must be a date such as 2025-09-01.");
            }
        });
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY, MISSING -> "nothing";
        };
    }

    /** A field name as a problem may show it: printable ASCII, at most 40 characters. */
    static String printable(String text) {
        var out = new StringBuilder();
        text.codePoints().limit(40).forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? (char) cp : '?'));
        return text.length() > 40 ? out + "..." : out.toString();
    }
}
