package dev.incidentkit.notify.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Walks a JSON payload for the tests: every value of a field with a given name, wherever it is. */
final class PayloadAssertions {

    private PayloadAssertions() {}

    static List<String> valuesOf(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        collect(node, field, out);
        return out;
    }

    private static void collect(JsonNode node, String field, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals(field) && e.getValue().isTextual()) {
                    out.add(e.getValue().textValue());
                } else {
                    collect(e.getValue(), field, out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, field, out));
        }
    }

    /** Every string value anywhere in the tree. */
    static List<String> allStrings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.textValue());
        } else {
            node.forEach(child -> out.addAll(allStrings(child)));
        }
        return out;
    }
}
