package dev.incidentkit.core.internal;

import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.StoredEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.data.BytesCloudEventData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stored event as the CloudEvent {@link CloudEventCodec#toCloudEvent(StoredEvent)} makes of it,
 * read from the record on demand instead of copied into a builder: the dispatcher hands one to
 * every notification, and most notifiers read two or three attributes of it. Same attributes,
 * extensions (names, values and value types) and data bytes as the codec's event; equal to another
 * view of the same record and source, never to the codec's {@code CloudEventV1}, whose {@code
 * equals} requires its own class. Immutable and thread-safe: the data bytes are made once, by
 * whichever thread asks first (two racing threads make equal arrays).
 */
final class StoredCloudEvent implements CloudEvent {

    // HashSets, like the HashMap of the codec's CloudEventV1, so that both list the names in the same order.
    private static final Set<String> EXTENSIONS = names(List.of(CloudEventCodec.ACTOR, CloudEventCodec.INCIDENT_VERSION,
            CloudEventCodec.SCHEMA_VERSION, CloudEventCodec.RECORDED_AT, CloudEventCodec.PREV_HASH, CloudEventCodec.HASH));
    private static final Set<String> EXTENSIONS_WITH_COMMAND_ID = names(List.of(CloudEventCodec.ACTOR,
            CloudEventCodec.INCIDENT_VERSION, CloudEventCodec.SCHEMA_VERSION, CloudEventCodec.RECORDED_AT,
            CloudEventCodec.PREV_HASH, CloudEventCodec.HASH, CloudEventCodec.COMMAND_ID));

    private final URI source;
    private final EventRecord record;
    private @Nullable CloudEventData data;

    StoredCloudEvent(URI source, StoredEvent stored) {
        this.source = source;
        this.record = stored.record();
    }

    private static Set<String> names(List<String> names) {
        return Collections.unmodifiableSet(new HashSet<>(names));
    }

    @Override
    public CloudEventData getData() {
        CloudEventData d = data;
        if (d == null) {
            d = BytesCloudEventData.wrap(record.data().getBytes(StandardCharsets.UTF_8));
            data = d;
        }
        return d;
    }

    @Override
    public SpecVersion getSpecVersion() {
        return SpecVersion.V1;
    }

    @Override
    public String getId() {
        return record.eventId().toString();
    }

    @Override
    public String getType() {
        return record.type();
    }

    @Override
    public URI getSource() {
        return source;
    }

    @Override
    public String getDataContentType() {
        return CloudEventCodec.DATA_CONTENT_TYPE;
    }

    @Override
    public @Nullable URI getDataSchema() {
        return null;
    }

    @Override
    public String getSubject() {
        return record.incidentId();
    }

    @Override
    public OffsetDateTime getTime() {
        return OffsetDateTime.ofInstant(record.occurredAt(), ZoneOffset.UTC);
    }

    /** @throws IllegalArgumentException for a name that is no CloudEvents 1.0 attribute, as the SDK's events do */
    @Override
    public @Nullable Object getAttribute(String name) {
        switch (name) {
            case "specversion":
                return SpecVersion.V1;
            case "id":
                return getId();
            case "source":
                return source;
            case "type":
                return getType();
            case "datacontenttype":
                return getDataContentType();
            case "dataschema":
                return null;
            case "subject":
                return getSubject();
            case "time":
                return getTime();
            default:
                throw new IllegalArgumentException("Spec version v1 doesn't have attribute named " + name);
        }
    }

    @Override
    public @Nullable Object getExtension(String name) {
        switch (name) {
            case CloudEventCodec.ACTOR:
                return record.actor();
            case CloudEventCodec.INCIDENT_VERSION:
                return Math.toIntExact(record.version());
            case CloudEventCodec.SCHEMA_VERSION:
                return record.schemaVersion();
            case CloudEventCodec.RECORDED_AT:
                return record.recordedAt().toString();
            case CloudEventCodec.PREV_HASH:
                return record.prevHash();
            case CloudEventCodec.HASH:
                return record.hash();
            case CloudEventCodec.COMMAND_ID:
                return record.commandId().orElse(null);
            default:
                return null;
        }
    }

    @Override
    public Set<String> getExtensionNames() {
        return record.commandId().isPresent() ? EXTENSIONS_WITH_COMMAND_ID : EXTENSIONS;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StoredCloudEvent e && e.record.equals(record) && e.source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, record);
    }

    @Override
    public String toString() {
        return "CloudEvent{id='" + getId() + "', source=" + source + ", type='" + getType() + "', datacontenttype='"
                + getDataContentType() + "', subject='" + getSubject() + "', time=" + getTime() + ", data=" + getData()
                + ", extensions=" + getExtensionNames() + '}';
    }
}
