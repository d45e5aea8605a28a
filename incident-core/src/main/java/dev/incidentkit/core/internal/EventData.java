package dev.incidentkit.core.internal;

import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.format.EventDataFormat;

/**
 * Event data to and from its JSON form, {@link EventDataFormat}. Encoding runs on every command,
 * so it streams through {@link JsonObjectWriter} instead of the format's reference encoder,
 * which builds a tree first; a property test and the golden vectors hold the two byte for byte
 * equal.
 */
public final class EventData {

    private EventData() {}

    /** @return the event's data as compact JSON, exactly as {@link EventDataFormat#encode} writes it */
    public static String encode(IncidentEvent event) {
        JsonObjectWriter out = JsonObjectWriter.start();
        event.writeData(out);
        return out.finish();
    }

    /**
     * Reads event data, checking it as strictly as a command's input: {@link EventDataFormat#decode}.
     *
     * @throws ValidationException naming the field when the data is malformed or does not fit
     *     the type
     */
    public static IncidentEvent decode(String type, int schemaVersion, String json) {
        return EventDataFormat.decode(type, schemaVersion, json);
    }
}
