package dev.incidentkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.export.JsonExport;
import dev.incidentkit.core.query.IncidentPage;

/**
 * Results as {@code im} prints them: a line for a person, or JSON for a script. Every JSON
 * document is an object that starts with {@code format_version} (now 1), so that a script can
 * tell a later format from this one: {@code {format_version, incident}} after a command that
 * changes an incident, {@code {format_version, incidents: [...], count, next_cursor}} from {@code list}, and
 * {@code show}'s {@code {format_version, incident, duration, timeline, events}} (the JSON export).
 */
final class Printer {

    /** The version of every JSON document {@code im} prints. */
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Printer() {}

    /** Prints what a command did: its sentence, or {@code {format_version, incident}}. */
    static void result(Session session, Incident incident, String sentence) {
        if (session.options.json()) {
            ObjectNode root = document();
            root.set("incident", tree(JsonExport.snapshot(incident)));
            session.env.out.println(json(root));
        } else {
            session.env.out.println(sentence);
        }
    }

    /**
     * Prints {@code {format_version, incidents: [...], count, next_cursor}}: a page of {@code list},
     * how many incidents the query selects in all, and the cursor of the next page (absent on the last).
     */
    static void page(Session session, IncidentPage page, long count) {
        ObjectNode root = document();
        ArrayNode list = root.putArray("incidents");
        page.incidents().forEach(i -> list.add(tree(JsonExport.snapshot(i))));
        root.put("count", count);
        page.nextCursor().ifPresent(c -> root.put("next_cursor", c));
        session.env.out.println(json(root));
    }

    /** @return a new JSON document, its {@code format_version} set */
    static ObjectNode document() {
        return JSON.createObjectNode().put("format_version", FORMAT_VERSION);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the library's JSON export is JSON", e);
        }
    }

    /** Prints a JSON tree built by a command. */
    static String json(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serializes", e);
        }
    }
}
