package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Holds an answer to the schema the OpenAPI document gives its route's 200 (or another status): every required field
 * present, no field the schema does not name (unless it has additionalProperties), each value of
 * a documented type and enum. A small reading of JSON Schema, enough for the document's shapes.
 */
final class DocumentedShape {

    private static final JsonNode DOCUMENT = read();

    private DocumentedShape() {}

    /**
     * @param template the route's path template, such as {@code /api/v1/schedules/{id}/shifts}
     * @param answer the answer's JSON
     */
    static void assertMatches(String template, JsonNode answer) {
        assertMatches("GET", template, 200, answer);
    }

    /**
     * @param method the route's method, such as {@code PUT}
     * @param template the route's path template
     * @param status the answer's status, whose schema it must have
     * @param answer the answer's JSON
     */
    static void assertMatches(String method, String template, int status, JsonNode answer) {
        String operation = method.toLowerCase(java.util.Locale.ROOT);
        JsonNode schema = DOCUMENT.path("paths").path(template).path(operation).path("responses").path(Integer.toString(status))
                .path("content").path("application/json").path("schema");
        assertThat(schema.isMissingNode()).as("a " + status + " schema of " + method + " " + template).isFalse();
        List<String> errors = new ArrayList<>();
        check(schema, answer, "$", errors);
        assertThat(errors).as(method + " " + template + " " + status + " against its schema").isEmpty();
    }

    private static void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            check(DOCUMENT.at(ref.substring(1)), value, at, errors);
            return;
        }
        JsonNode type = schema.path("type");
        if (!type.isMissingNode()) {
            List<String> types = new ArrayList<>();
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
            } else {
                types.add(type.asText());
            }
            String actual = value.isNull() ? "null" : value.isObject() ? "object" : value.isArray() ? "array"
                    : value.isTextual() ? "string" : value.isBoolean() ? "boolean" : value.isIntegralNumber() ? "integer" : "number";
            if (!types.contains(actual) && !(actual.equals("integer") && types.contains("number"))) {
                errors.add(at + " is " + actual + ", documented " + types);
                return;
            }
        }
        if (schema.has("enum") && !value.isNull()) {
            boolean listed = false;
            for (JsonNode e : schema.get("enum")) {
                listed |= e.equals(value);
            }
            if (!listed) {
                errors.add(at + " is " + value + ", not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(at + " lacks required " + required.asText());
                }
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), at + "." + field.getKey(), errors);
                } else if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
                    check(schema.get("additionalProperties"), field.getValue(), at + "." + field.getKey(), errors);
                } else {
                    errors.add(at + " has undocumented " + field.getKey());
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
            }
        }
    }

    private static JsonNode read() {
        try (InputStream in = DocumentedShape.class.getResourceAsStream("/dev/incidentkit/web/openapi.json")) {
            return WebHarness.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
