package dev.incidentkit.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.internal.Instants;
import dev.incidentkit.core.internal.Validation;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** The fields of one data object, each failure naming its field as {@code data.<name>}. */
final class JsonDataReader implements EventDataReader {

    private final ObjectNode node;

    JsonDataReader(ObjectNode node) {
        this.node = node;
    }

    @Override
    public String string(String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new ValidationException(field(name), "must be a string", v == null ? "nothing" : v);
        }
        return v.textValue();
    }

    @Override
    public Optional<String> optionalString(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(string(name));
    }

    @Override
    public SortedMap<String, String> stringMap(String name) {
        JsonNode v = node.get(name);
        SortedMap<String, String> map = new TreeMap<>();
        if (v == null || v.isNull()) {
            return map;
        }
        if (!v.isObject()) {
            throw new ValidationException(field(name), "must be an object of strings", v);
        }
        for (Map.Entry<String, JsonNode> entry : v.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new ValidationException(field(name) + "." + entry.getKey(), "must be a string", entry.getValue());
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    @Override
    public List<String> stringList(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new ValidationException(field(name), "must be an array of strings", v);
        }
        List<String> list = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode element = v.get(i);
            if (!element.isTextual()) {
                throw new ValidationException(field(name) + "[" + i + "]", "must be a string", element);
            }
            list.add(element.textValue());
        }
        return List.copyOf(list);
    }

    @Override
    public boolean bool(String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isBoolean()) {
            throw new ValidationException(field(name), "must be true or false", v == null ? "nothing" : v);
        }
        return v.booleanValue();
    }

    @Override
    public int positiveInt(String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1) {
            throw new ValidationException(field(name), "must be a positive integer", v == null ? "nothing" : v);
        }
        return v.intValue();
    }

    @Override
    public <T> T parse(String name, Function<String, T> parser) {
        String raw = string(name);
        try {
            return parser.apply(raw);
        } catch (ValidationException e) {
            throw new ValidationException(field(name), e.rule(), raw);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new ValidationException(field(name), "is malformed (" + e.getMessage() + ")", raw);
        }
    }

    @Override
    public Instant instant(String name) {
        return Validation.instant(field(name), parse(name, Instants::parse));
    }

    @Override
    public String singleLine(String name, int maxLength) {
        return Validation.singleLine(field(name), string(name), 1, maxLength);
    }

    @Override
    public String text(String name) {
        return Validation.text(field(name), string(name), 1, Validation.MAX_TEXT);
    }

    @Override
    public String note(String name) {
        return Validation.note(field(name), string(name));
    }

    @Override
    public Optional<String> optionalNote(String name) {
        return optionalString(name).map(t -> Validation.note(field(name), t));
    }

    @Override
    public String service(String name) {
        return Validation.service(field(name), string(name));
    }

    @Override
    public ValidationException invalid(String name, String rule, Object value) {
        return new ValidationException(field(name), rule, value);
    }

    private static String field(String name) {
        return "data." + name;
    }
}
