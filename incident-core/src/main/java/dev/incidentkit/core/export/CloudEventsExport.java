package dev.incidentkit.core.export;

import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Events as CloudEvents in JSON, one per line or as one batch, written by a {@link
 * CloudEventCodec}; {@link Imports} reads either back into a store.
 *
 * <p>Thread-safe; no state.
 *
 * @since 0.2.0
 */
public final class CloudEventsExport {

    private CloudEventsExport() {}

    /**
     * CloudEvents in the JSON event format, one event per line (JSON Lines), in the order given.
     * {@link Imports#cloudEventsLines} reads it back.
     *
     * @param events the events of one incident or of several, such as histories concatenated
     * @param codec the codec that maps them, and names their {@code source}
     * @return one line per event, each ending with a newline; empty for no events
     */
    public static String lines(List<RecordedEvent> events, CloudEventCodec codec) {
        Objects.requireNonNull(codec, "codec");
        StringBuilder out = new StringBuilder(600 * events.size());
        for (RecordedEvent e : events) {
            out.append(new String(codec.serialize(e.stored()), StandardCharsets.UTF_8)).append('\n');
        }
        return out.toString();
    }

    /**
     * CloudEvents in the JSON batch format ({@value CloudEventCodec#BATCH_CONTENT_TYPE}): one
     * JSON array of events, in the order given. {@link Imports#cloudEventsBatch} reads it back.
     *
     * @param events the events of one incident or of several, such as histories concatenated
     * @param codec the codec that maps them, and names their {@code source}
     * @return the batch
     */
    public static String batch(List<RecordedEvent> events, CloudEventCodec codec) {
        Objects.requireNonNull(codec, "codec");
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (RecordedEvent e : events) {
            stored.add(e.stored());
        }
        return new String(codec.serializeBatch(stored), StandardCharsets.UTF_8);
    }
}
