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
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.alert.AlertDetails;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The body of an alert receiver, read as monitoring systems write it: one JSON object whose
 * unknown fields are ignored (a newer Alertmanager or PagerDuty client adds some), with the
 * parser's limits of the API's own bodies. Every refusal is a 400 naming the field by its path in
 * the payload, such as {@code alerts[2].labels.service}.
 */
final class AlertPayload {

    private static final ObjectMapper LENIENT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16)
                            .maxNumberLength(32)
                            .maxStringLength(1 << 20)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** RFC 3339 and ISO 8601 with an offset, with or without its colon ({@code +0000}, PagerDuty's example). */
    private static final DateTimeFormatter OFFSET_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private AlertPayload() {}

    /**
     * @param bytes a body
     * @return its object
     * @throws ApiException 400 naming {@code body} if it is not one well-formed JSON object
     */
    static ObjectNode parse(byte[] bytes) {
        JsonNode tree;
        try {
            tree = LENIENT.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw invalid("body", "The body is not well-formed JSON" + where + ".");
        } catch (IOException e) {
            throw invalid("body", "The body is not well-formed UTF-8 JSON.");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw invalid("body", "The body must be a JSON object.");
        }
        return object;
    }

    /** @return a 400 naming a field by its path in the payload */
    static ApiException invalid(String path, String detail) {
        return ApiException.badRequest(path, detail);
    }

    /** @return the value of a field, if it is there and not null */
    static Optional<JsonNode> field(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** @return the text of an optional field */
    static Optional<String> text(JsonNode parent, String name, String path) {
        Optional<JsonNode> value = field(parent, name);
        if (value.isPresent() && !value.get().isTextual()) {
            throw invalid(path, path + " must be a string.");
        }
        return value.map(JsonNode::textValue);
    }

    /** @return the text of a required field, not empty */
    static String requiredText(JsonNode parent, String name, String path) {
        String value = text(parent, name, path).orElseThrow(() -> invalid(path, path + " is required."));
        if (value.isEmpty()) {
            throw invalid(path, path + " must not be empty.");
        }
        return value;
    }

    /** @return an object of strings, such as labels; empty if absent */
    static Map<String, String> strings(JsonNode parent, String name, String path) {
        Optional<JsonNode> value = field(parent, name);
        var out = new TreeMap<String, String>();
        if (value.isEmpty()) {
            return out;
        }
        if (!value.get().isObject()) {
            throw invalid(path, path + " must be an object of strings.");
        }
        for (Map.Entry<String, JsonNode> e : value.get().properties()) {
            String at = path + "." + JsonBody.printable(e.getKey());
            if (!e.getValue().isTextual()) {
                throw invalid(at, at + " must be a string.");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /**
     * @return an optional instant in RFC 3339 ({@code 2025-08-23T14:30:00Z}, {@code
     *     2025-08-23T16:30:00.123+02:00}, {@code 2015-07-17T08:42:58.315+0000}); Go's zero time
     *     ({@code 0001-01-01T00:00:00Z}, Alertmanager's "not set") counts as absent
     */
    static Optional<Instant> instant(JsonNode parent, String name, String path) {
        Optional<String> text = text(parent, name, path);
        if (text.isEmpty() || text.get().isEmpty() || text.get().startsWith("0001-01-01T")) {
            return Optional.empty();
        }
        try {
            // Microseconds, as PostgreSQL keeps them: what is stored reads back equal.
            Instant at = OffsetDateTime.parse(text.get(), OFFSET_TIME).toInstant().truncatedTo(ChronoUnit.MICROS);
            if (at.isBefore(Instant.EPOCH) || at.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
                throw invalid(path, path + " must be between 1970 and 9999.");
            }
            return Optional.of(at);
        } catch (DateTimeException e) {
            throw invalid(path, path + " must be an RFC 3339 time such as 2025-08-23T14:30:00Z.");
        }
    }

    /** @return whether a text is an absolute http or https URL with a host, as an alert's links must be */
    static boolean webLink(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && url.length() <= 2048;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Builds an alert's details, turning the core's refusal into a 400 that names the field as
     * the payload spells it.
     *
     * @param details what builds them
     * @param path the payload's name of a field of {@link AlertDetails}, such as {@code
     *     labels.service} to {@code alerts[2].labels.service}
     * @return the details
     */
    static AlertDetails details(java.util.function.Supplier<AlertDetails> details, UnaryOperator<String> path) {
        try {
            return details.get();
        } catch (ValidationException e) {
            String field = path.apply(e.field());
            throw invalid(field, field + " " + e.rule() + ".");
        }
    }

    /** @return the lowercase hex SHA-256 of a text's UTF-8 bytes */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
