package dev.incidentkit.notify.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of this module: configured once, then only read, so thread-safe. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** @return a new empty JSON object */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * @param node a JSON tree built by a notifier
     * @return it as UTF-8 bytes
     */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers always serializes", e);
        }
    }

    /** @return the mapper, for reading */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
