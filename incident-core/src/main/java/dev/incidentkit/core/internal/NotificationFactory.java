package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.IncidentEvent;
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
                event.stored().record().actor(), note(event.event()), incidentLinks);
    }

    /** @return {@code base}, a slash unless it ends with one or with {@code =}, and the incident id */
    static URI link(URI base, String incidentId) {
        String b = base.toString();
        return URI.create(b.endsWith("/") || b.endsWith("=") ? b + incidentId : b + "/" + incidentId);
    }

    /** @return the text the actor gave with the event, if any */
    static Optional<String> note(IncidentEvent e) {
        String text;
        if (e instanceof IncidentEvent.Declared) {
            text = ((IncidentEvent.Declared) e).description();
        } else if (e instanceof IncidentEvent.Acknowledged) {
            text = ((IncidentEvent.Acknowledged) e).note();
        } else if (e instanceof IncidentEvent.StatusChanged) {
            text = ((IncidentEvent.StatusChanged) e).note();
        } else if (e instanceof IncidentEvent.NoteAdded) {
            text = ((IncidentEvent.NoteAdded) e).note();
        } else if (e instanceof IncidentEvent.SeverityChanged) {
            text = ((IncidentEvent.SeverityChanged) e).note();
        } else if (e instanceof IncidentEvent.ServiceCorrelated) {
            text = ((IncidentEvent.ServiceCorrelated) e).note();
        } else if (e instanceof IncidentEvent.ActionItemAdded) {
            text = ((IncidentEvent.ActionItemAdded) e).text();
        } else if (e instanceof IncidentEvent.ActionItemCompleted) {
            text = ((IncidentEvent.ActionItemCompleted) e).note();
        } else if (e instanceof IncidentEvent.Canceled) {
            text = ((IncidentEvent.Canceled) e).reason();
        } else if (e instanceof IncidentEvent.MarkedDuplicate) {
            text = ((IncidentEvent.MarkedDuplicate) e).note();
        } else {
            text = "";
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
