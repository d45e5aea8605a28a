package dev.incidentkit.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * The event data JSON, version {@value #VERSION}: the {@code data} of every stored event, and the
 * text its hash is computed over (see {@link CanonicalForm}). This class is its specification and
 * reference implementation.
 *
 * <p><b>Writing.</b> The data of an event is one JSON object, written compactly (no whitespace),
 * whose fields are those the event's {@link IncidentEvent#writeData writeData} writes, in that
 * order, each name once: each record's {@code writeData} and {@code read} are part of this
 * contract, and the golden vectors of the test kit pin every type. Names are snake_case; text,
 * enum values (their wire names, and {@code SEV-1} to {@code SEV-4} for severities), dates ({@link
 * java.time.format.DateTimeFormatter#ISO_LOCAL_DATE}, as {@link java.time.LocalDate#toString()}),
 * durations ({@link java.time.Duration#toString()}) and instants ({@link
 * java.time.format.DateTimeFormatter#ISO_INSTANT}) are strings; integers are decimal; booleans
 * are {@code true} and {@code false}; maps of strings (an alert's labels) are objects, their keys in
 * {@link String#compareTo} order, and lists of strings (a page's channels) are arrays, in their
 * order (since 0.4.0). An absent optional value is an absent field, never {@code
 * null}, though a reader takes {@code null} for absent. In strings, {@code "}
 * and {@code \} are escaped with a backslash, backspace, tab, newline, form feed and carriage
 * return as {@code \b \t \n \f \r}, other characters below U+0020 as {@code \}{@code u00xx} in
 * lower-case hex; everything else, non-ASCII and U+2028 included, is written as it is.
 *
 * <p><b>Reading.</b> Data is read as strictly as a command's input: the event's type picks its
 * reader (the event record's {@code read} method), which checks each field and throws a
 * {@link ValidationException} naming the field. Unknown fields are ignored; text after the object
 * is not.
 *
 * <p>The version is the {@code schemaVersion} stored with every event ({@link
 * IncidentEvent#SCHEMA_VERSION}). A change to what is written for an existing type is a new
 * version; adding a type is not.
 *
 * @since 0.2.0
 */
public final class EventDataFormat {

    /** The version of this format: the {@code schemaVersion} of every event it writes. */
    public static final int VERSION = 1;

    /** Lower-case hex in escapes, as 0.1.0 wrote them; {@code /} and non-ASCII as they are, whatever Jackson's defaults. */
    private static final ObjectMapper WRITER = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    /** Strict: text after the data object ({@code {..} garbage}, {@code {..}{..}}) is not event data. */
    private static final ObjectMapper READER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Each type's reader, in catalog order. */
    private static final Map<String, Function<EventDataReader, IncidentEvent>> READERS = readers();

    private EventDataFormat() {}

    private static Map<String, Function<EventDataReader, IncidentEvent>> readers() {
        Map<String, Function<EventDataReader, IncidentEvent>> r = new LinkedHashMap<>();
        r.put(EventTypes.DECLARED, IncidentEvent.Declared::read);
        r.put(EventTypes.ACKNOWLEDGED, IncidentEvent.Acknowledged::read);
        // Constants only: EventTypes.ALL is built from this table, so its class must not be initialised here.
        for (String type : List.of(EventTypes.INVESTIGATING, EventTypes.IDENTIFIED, EventTypes.MITIGATED,
                EventTypes.RESOLVED, EventTypes.CLOSED, EventTypes.REOPENED)) {
            r.put(type, in -> IncidentEvent.StatusChanged.read(type, in));
        }
        r.put(EventTypes.NOTE_ADDED, IncidentEvent.NoteAdded::read);
        r.put(EventTypes.SEVERITY_CHANGED, IncidentEvent.SeverityChanged::read);
        r.put(EventTypes.SERVICE_CORRELATED, IncidentEvent.ServiceCorrelated::read);
        r.put(EventTypes.ROLE_ASSIGNED, IncidentEvent.RoleAssigned::read);
        r.put(EventTypes.ACTION_ITEM_ADDED, IncidentEvent.ActionItemAdded::read);
        r.put(EventTypes.ACTION_ITEM_COMPLETED, IncidentEvent.ActionItemCompleted::read);
        r.put(EventTypes.POSTMORTEM_UPDATED, IncidentEvent.PostmortemUpdated::read);
        r.put(EventTypes.SLA_BREACHED, IncidentEvent.SlaBreached::read);
        r.put(EventTypes.CANCELED, IncidentEvent.Canceled::read);
        r.put(EventTypes.MARKED_DUPLICATE, IncidentEvent.MarkedDuplicate::read);
        r.put(EventTypes.ALERT_ATTACHED, IncidentEvent.AlertAttached::read);
        r.put(EventTypes.ALERT_RESOLVED, IncidentEvent.AlertResolved::read);
        r.put(EventTypes.PAGED, IncidentEvent.Paged::read);
        r.put(EventTypes.PUBLIC_UPDATE, IncidentEvent.PublicUpdatePosted::read);
        r.put(EventTypes.UPDATE_DUE, IncidentEvent.UpdateDue::read);
        return r;
    }

    /** @return every type this format reads, in catalog order */
    public static List<String> types() {
        return List.copyOf(READERS.keySet());
    }

    /**
     * @param event an event
     * @return its data, as compact JSON text
     */
    public static String encode(IncidentEvent event) {
        ObjectNode data = WRITER.createObjectNode();
        event.writeData(new EventDataWriter() {
            @Override
            public void string(String name, String value) {
                data.put(name, value);
            }

            @Override
            public void integer(String name, long value) {
                data.put(name, value);
            }

            @Override
            public void bool(String name, boolean value) {
                data.put(name, value);
            }

            @Override
            public void stringMap(String name, SortedMap<String, String> value) {
                ObjectNode object = data.putObject(name);
                value.forEach(object::put);
            }

            @Override
            public void stringList(String name, List<String> value) {
                ArrayNode array = data.putArray(name);
                value.forEach(array::add);
            }
        });
        try {
            return WRITER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings, numbers and booleans always writes", e);
        }
    }

    /**
     * Reads an event's data.
     *
     * @param type the event's type, such as {@code incident.declared}
     * @param schemaVersion the version its data was written with
     * @param json its data
     * @return the event
     * @throws ValidationException naming the field when the version is not {@value #VERSION}, the
     *     type unknown, the data malformed or not what the type requires
     */
    public static IncidentEvent decode(String type, int schemaVersion, String json) {
        if (schemaVersion != VERSION) {
            throw new ValidationException("schemaVersion", "must be " + VERSION, schemaVersion);
        }
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ValidationException("data", "must be a JSON object (" + e.getOriginalMessage() + ")", json);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new ValidationException("data", "must be a JSON object", json);
        }
        Function<EventDataReader, IncidentEvent> reader = READERS.get(type);
        if (reader == null) {
            throw new ValidationException("type", "must be one of " + EventTypes.ALL, type);
        }
        IncidentEvent event = reader.apply(new JsonDataReader(object));
        if (!event.type().equals(type)) {
            throw new ValidationException("type", "does not match its data, which describes " + event.type(), type);
        }
        return event;
    }
}
