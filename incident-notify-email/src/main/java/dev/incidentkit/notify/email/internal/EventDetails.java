package dev.incidentkit.notify.email.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.incidentkit.notify.spi.Notification;
import io.cloudevents.CloudEventData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of an event's data that a message shows beside the incident's own (severity, status,
 * service, actor, note): the from and to of a severity change, the assignee of a role, the reason
 * of a cancel. Read from the CloudEvent's JSON data by field name; a field that is missing or
 * empty is left out, and data that is no JSON object gives no details.
 */
public final class EventDetails {

    /** One fact: a label and the raw (user) text of its value. */
    public record Detail(String label, String value) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<String[]>> FIELDS = new LinkedHashMap<>();

    static {
        fields("incident.declared", "description", "Description", "impact_started_at", "Impact started",
                "detected_at", "Detected");
        fields("incident.acknowledged", "role", "Role");
        for (String status : List.of("investigating", "identified", "mitigated", "resolved", "closed", "reopened")) {
            fields("incident." + status, "from", "From", "to", "To");
        }
        fields("incident.severity_changed", "from", "From", "to", "To");
        fields("incident.service_correlated", "service", "Correlated service");
        fields("incident.role_assigned", "role", "Role", "assignee", "Assignee");
        fields("incident.action_item_added", "item_id", "Action item", "text", "Text", "owner", "Owner", "due", "Due");
        fields("incident.action_item_completed", "item_id", "Action item");
        fields("incident.postmortem_updated", "summary", "Summary", "root_cause", "Root cause", "contributing_factors",
                "Contributing factors", "impact", "Impact", "went_well", "What went well", "went_poorly",
                "What went poorly", "resolution", "Resolution");
        fields("incident.sla_breached", "kind", "SLA", "target", "Target", "deadline", "Deadline");
        fields("incident.canceled", "reason", "Reason");
        fields("incident.marked_duplicate", "duplicate_of", "Duplicate of");
        fields("incident.alert_attached", "summary", "Alert", "source", "Source", "severity", "Alert severity");
        fields("incident.alert_resolved", "summary", "Alert", "source", "Source", "repeats", "Repeats");
        fields("incident.paged", "person", "Person", "level", "Level", "round", "Round", "why", "Why",
                "channels", "Channels");
    }

    private EventDetails() {}

    private static void fields(String type, String... pairs) {
        List<String[]> list = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            list.add(new String[] {pairs[i], pairs[i + 1]});
        }
        FIELDS.put(type, List.copyOf(list));
    }

    /**
     * @param n a notification
     * @return the details its event's data holds, in a fixed order, possibly none
     */
    public static List<Detail> of(Notification n) {
        List<String[]> fields = FIELDS.get(n.type());
        if (fields == null) {
            return List.of();
        }
        JsonNode data = data(n);
        List<Detail> out = new ArrayList<>();
        for (String[] field : fields) {
            text(data.path(field[0])).ifPresent(v -> out.add(new Detail(field[1], v)));
        }
        return List.copyOf(out);
    }

    /**
     * @param n a notification
     * @param field a field of its data
     * @return the field's text, if the data has it
     */
    public static Optional<String> field(Notification n, String field) {
        return text(data(n).path(field));
    }

    private static Optional<String> text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> text(v).ifPresent(items::add));
            return items.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", items));
        }
        if (value.isValueNode() && !value.isNull()) {
            String text = value.asText();
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        }
        return Optional.empty();
    }

    private static JsonNode data(Notification n) {
        CloudEventData data = n.event().getData();
        if (data == null) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(data.toBytes());
            return node != null && node.isObject() ? node : MissingNode.getInstance();
        } catch (IOException | RuntimeException e) {
            return MissingNode.getInstance();
        }
    }
}
