package dev.incidentkit.core.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.EventData;
import dev.incidentkit.core.internal.Validation;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.StoredEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Maps stored incident events to CloudEvents 1.0 and back, and reads and writes the JSON event
 * format.
 *
 * <p>The mapping: {@code id} is the event id, {@code source} this codec's source, {@code type} the
 * event type, {@code time} when it occurred, {@code subject} the incident id, {@code
 * datacontenttype} {@code application/json}, and {@code data} the event's snake_case JSON. The
 * rest of the envelope travels as extension attributes, named by the CloudEvents rule (lower-case
 * letters and digits): {@code actor}, {@code incidentversion} and {@code schemaversion}
 * (integers), {@code recordedat}, {@code commandid} (when there is one), {@code prevhash} and
 * {@code hash}. The store's global position is not carried: it belongs to the store.
 *
 * <p>Instances are immutable and thread-safe. The codec registers nothing global (no validator,
 * no format provider).
 *
 * @since 0.1.0
 */
public final class CloudEventCodec {

    /** The JSON event format's media type. */
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    /** The JSON batch format's media type. */
    public static final String BATCH_CONTENT_TYPE = "application/cloudevents-batch+json";
    /** The data content type of every incident event. */
    public static final String DATA_CONTENT_TYPE = "application/json";

    /** Extension attribute: who did it. */
    public static final String ACTOR = "actor";
    /** Extension attribute: the version within the incident. */
    public static final String INCIDENT_VERSION = "incidentversion";
    /** Extension attribute: the data's schema version. */
    public static final String SCHEMA_VERSION = "schemaversion";
    /** Extension attribute: when it was recorded. */
    public static final String RECORDED_AT = "recordedat";
    /** Extension attribute: the client command id. */
    public static final String COMMAND_ID = "commandid";
    /** Extension attribute: the previous event's hash. */
    public static final String PREV_HASH = "prevhash";
    /** Extension attribute: this event's hash. */
    public static final String HASH = "hash";

    private static final JsonFormat FORMAT = new JsonFormat();
    private static final ObjectMapper BATCH_MAPPER =
            new ObjectMapper().registerModule(JsonFormat.getCloudEventJacksonModule());

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    private final URI source;

    private CloudEventCodec(URI source) {
        this.source = source;
    }

    /**
     * @param application the application's name, such as {@code cli}
     * @return a codec whose source is {@code incident-management/<application>}
     * @throws ValidationException if the name does not match {@code [a-z0-9][a-z0-9._-]{0,62}}
     */
    public static CloudEventCodec forApplication(String application) {
        Validation.service("application", application);
        return new CloudEventCodec(URI.create("incident-management/" + application));
    }

    /**
     * @param source the CloudEvents {@code source} of every event this codec writes
     * @return the codec
     * @throws IllegalArgumentException if {@code source} is empty
     */
    public static CloudEventCodec withSource(URI source) {
        Objects.requireNonNull(source, "source");
        if (source.toString().isEmpty()) {
            throw new IllegalArgumentException("source must not be empty");
        }
        return new CloudEventCodec(source);
    }

    /** @return the CloudEvents {@code source} this codec writes */
    public URI source() {
        return source;
    }

    /**
     * @param event a recorded event
     * @return it as a CloudEvent
     */
    public CloudEvent toCloudEvent(RecordedEvent event) {
        return toCloudEvent(event.stored());
    }

    /**
     * @param stored a stored event
     * @return it as a CloudEvent
     */
    public CloudEvent toCloudEvent(StoredEvent stored) {
        EventRecord r = stored.record();
        CloudEventBuilder b = CloudEventBuilder.v1()
                .withId(r.eventId().toString())
                .withSource(source)
                .withType(r.type())
                .withTime(OffsetDateTime.ofInstant(r.occurredAt(), ZoneOffset.UTC))
                .withSubject(r.incidentId())
                .withDataContentType(DATA_CONTENT_TYPE)
                .withData(r.data().getBytes(StandardCharsets.UTF_8))
                .withExtension(ACTOR, r.actor())
                .withExtension(INCIDENT_VERSION, Math.toIntExact(r.version()))
                .withExtension(SCHEMA_VERSION, r.schemaVersion())
                .withExtension(RECORDED_AT, r.recordedAt().toString())
                .withExtension(PREV_HASH, r.prevHash())
                .withExtension(HASH, r.hash());
        r.commandId().ifPresent(id -> b.withExtension(COMMAND_ID, id));
        return b.build();
    }

    /**
     * Reads a CloudEvent back into the record a store keeps, checking every attribute and the data
     * as strictly as a command's input. The data is rewritten in IncidentKit's canonical form, so
     * that a JSON round trip (which may change whitespace) keeps the hash valid.
     *
     * @param event a CloudEvent written by {@link #toCloudEvent}, possibly by another process
     * @return the event as a store keeps it
     * @throws ValidationException naming the attribute or data field that is missing or wrong
     */
    public EventRecord toRecord(CloudEvent event) {
        UUID id = parse("id", event.getId(), UUID::fromString);
        if (!id.toString().equals(event.getId())) {
            // UUID.fromString also reads "1-1-1-1-1" and upper case: the id would change on import.
            throw new ValidationException("id", "must be a UUID in canonical lower-case form", event.getId());
        }
        String type = event.getType();
        if (!EventTypes.ALL.contains(type)) {
            throw new ValidationException("type", "must be one of " + EventTypes.ALL, type);
        }
        String subject = Optional.ofNullable(event.getSubject())
                .orElseThrow(() -> new ValidationException("subject", "must hold the incident id", "nothing"));
        Validation.singleLine("subject", subject, 1, Validation.MAX_INCIDENT_ID);
        OffsetDateTime time = Optional.ofNullable(event.getTime())
                .orElseThrow(() -> new ValidationException("time", "must be present", "nothing"));
        String contentType = event.getDataContentType();
        if (!DATA_CONTENT_TYPE.equals(contentType)) {
            throw new ValidationException("datacontenttype", "must be " + DATA_CONTENT_TYPE, String.valueOf(contentType));
        }
        CloudEventData data = Optional.ofNullable(event.getData())
                .orElseThrow(() -> new ValidationException("data", "must be present", "nothing"));
        int schemaVersion = intExtension(event, SCHEMA_VERSION);
        IncidentEvent typed = EventData.decode(type, schemaVersion, new String(data.toBytes(), StandardCharsets.UTF_8));
        int version = intExtension(event, INCIDENT_VERSION);
        if (version < 1) {
            throw new ValidationException(INCIDENT_VERSION, "must be at least 1", version);
        }
        String actor = Validation.singleLine(ACTOR, textExtension(event, ACTOR), 1, Validation.MAX_ACTOR);
        Instant recordedAt = parse(RECORDED_AT, textExtension(event, RECORDED_AT), Instant::parse);
        Optional<String> commandId = Optional.ofNullable(event.getExtension(COMMAND_ID)).map(Object::toString);
        commandId.ifPresent(c -> Validation.singleLine(COMMAND_ID, c, 1, Validation.MAX_COMMAND_ID));
        return new EventRecord(id, subject, version, type, schemaVersion, time.toInstant(), recordedAt, actor, commandId,
                EventData.encode(typed), hash(event, PREV_HASH), hash(event, HASH));
    }

    /**
     * @param event a recorded event
     * @return it in the JSON event format
     */
    public byte[] serialize(RecordedEvent event) {
        return serialize(event.stored());
    }

    /**
     * @param stored a stored event
     * @return it in the JSON event format
     */
    public byte[] serialize(StoredEvent stored) {
        return FORMAT.serialize(toCloudEvent(stored));
    }

    /**
     * @param json one CloudEvent in the JSON event format
     * @return the event
     * @throws ValidationException if the bytes are not a CloudEvent in the JSON format
     */
    public CloudEvent deserialize(byte[] json) {
        try {
            CloudEvent event = FORMAT.deserialize(json);
            if (event == null) {
                // The JSON literal null reads as no event at all.
                throw new IllegalArgumentException("no event");
            }
            return event;
        } catch (EventDeserializationException | IllegalArgumentException | IllegalStateException e) {
            throw new ValidationException("cloudevent", "must be a CloudEvent in the JSON event format (" + e.getMessage() + ")",
                    new String(json, StandardCharsets.UTF_8));
        }
    }

    /**
     * @param events stored events
     * @return them as one JSON batch ({@value #BATCH_CONTENT_TYPE}): an array of events
     */
    public byte[] serializeBatch(List<StoredEvent> events) {
        List<CloudEvent> cloudEvents = new ArrayList<>(events.size());
        for (StoredEvent e : events) {
            cloudEvents.add(toCloudEvent(e));
        }
        try {
            return BATCH_MAPPER.writeValueAsBytes(cloudEvents);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a CloudEvent built here always serializes", e);
        }
    }

    /**
     * @param json a JSON batch: an array of CloudEvents in the JSON event format
     * @return the events, in order
     * @throws ValidationException if the bytes are not such an array
     */
    public List<CloudEvent> deserializeBatch(byte[] json) {
        try {
            List<CloudEvent> events = BATCH_MAPPER.readValue(json, new TypeReference<List<CloudEvent>>() {});
            if (events == null || events.contains(null)) {
                // The JSON literal null reads as no list, and as no event inside one.
                throw new IllegalArgumentException("null where an array of events is expected");
            }
            return events;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new ValidationException("batch", "must be a JSON array of CloudEvents (" + e.getMessage() + ")",
                    new String(json, StandardCharsets.UTF_8));
        }
    }

    private static int intExtension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof String s) {
            return parse(name, s, Integer::parseInt);
        }
        throw new ValidationException(name, "must be an integer extension attribute", String.valueOf(value));
    }

    private static String textExtension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        if (value == null) {
            throw new ValidationException(name, "must be present", "nothing");
        }
        return value.toString();
    }

    private static String hash(CloudEvent event, String name) {
        String value = textExtension(event, name);
        if (!HEX_64.matcher(value).matches()) {
            throw new ValidationException(name, "must be 64 lower-case hex digits", value);
        }
        return value;
    }

    private static <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ValidationException(field, "is malformed (" + e.getMessage() + ")", value);
        }
    }
}
