package dev.incidentkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Role;
import java.time.Instant;
import java.util.Optional;

/** Incidents as {@code im} prints them: a line for a person, or JSON for a script. */
final class Printer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Printer() {}

    /** Prints what a command did: its sentence, or the incident as JSON. */
    static void result(Session session, Incident incident, String sentence) {
        if (session.options.json()) {
            session.env.out.println(json(incident));
        } else {
            session.env.out.println(sentence);
        }
    }

    static String json(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serializes", e);
        }
    }

    static ObjectNode json(Incident i) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", i.id());
        n.put("title", i.title());
        n.put("description", i.description());
        n.put("severity", i.severity().toString());
        n.put("status", i.status().wireName());
        n.put("service", i.service());
        ArrayNode services = n.putArray("correlated_services");
        i.correlatedServices().forEach(services::add);
        ObjectNode roles = n.putObject("roles");
        for (Role role : Role.values()) {
            i.role(role).ifPresentOrElse(a -> roles.put(role.wireName(), a.name()), () -> roles.putNull(role.wireName()));
        }
        n.put("war_room", i.warRoom());
        n.put("declared_by", i.declaredBy().name());
        Milestones m = i.milestones();
        ObjectNode ms = n.putObject("milestones");
        ms.put("impact_started_at", m.impactStartedAt().toString());
        ms.put("detected_at", m.detectedAt().toString());
        ms.put("declared_at", m.declaredAt().toString());
        put(ms, "acknowledged_at", m.acknowledgedAt());
        put(ms, "identified_at", m.identifiedAt());
        put(ms, "mitigated_at", m.mitigatedAt());
        put(ms, "resolved_at", m.resolvedAt());
        put(ms, "closed_at", m.closedAt());
        n.put("notes_count", i.notesCount());
        ArrayNode items = n.putArray("action_items");
        for (ActionItem item : i.actionItems()) {
            ObjectNode a = items.addObject();
            a.put("id", item.id());
            a.put("text", item.text());
            item.owner().ifPresentOrElse(o -> a.put("owner", o.name()), () -> a.putNull("owner"));
            item.due().ifPresentOrElse(d -> a.put("due", d.toString()), () -> a.putNull("due"));
            a.put("done", item.isDone());
        }
        n.put("reopen_count", i.reopenCount());
        n.put("version", i.version());
        return n;
    }

    private static void put(ObjectNode node, String field, Optional<Instant> value) {
        value.ifPresentOrElse(v -> node.put(field, v.toString()), () -> node.putNull(field));
    }
}
