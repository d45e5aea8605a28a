package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.notify.spi.Notification;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Builds the {@link Notification} of an event with the incident it left, for every notifier of a dispatcher alike. */
final class NotificationFactory {

    private final CloudEventCodec codec;
    private final Optional<URI> links;

    NotificationFactory(CloudEventCodec codec, Optional<URI> links) {
        this.codec = codec;
        this.links = links;
    }

    Notification notification(RecordedEvent event, Incident incident) {
        List<URI> incidentLinks = links.isPresent() ? List.of(link(links.get(), incident.id())) : List.of();
        // What codec.toCloudEvent makes, without copying the record into a builder for every event.
        return new Notification(new StoredCloudEvent(codec.source(), event.stored()), incident.id(), incident.title(),
                incident.severity().toString(), incident.status().wireName(), incident.service(),
                event.stored().record().actor(), event.event().comment(), incidentLinks);
    }

    /** @return {@code base}, a slash unless it ends with one or with {@code =}, and the incident id */
    static URI link(URI base, String incidentId) {
        String b = base.toString();
        return URI.create(b.endsWith("/") || b.endsWith("=") ? b + incidentId : b + "/" + incidentId);
    }
}
