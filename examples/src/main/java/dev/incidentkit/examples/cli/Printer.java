package dev.incidentkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.export.Exports;

/** Results as {@code im} prints them: a line for a person, or JSON for a script. */
final class Printer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Printer() {}

    /** Prints what a command did: its sentence, or the incident as JSON. */
    static void result(Session session, Incident incident, String sentence) {
        session.env.out.println(session.options.json() ? Exports.json(incident) : sentence);
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
