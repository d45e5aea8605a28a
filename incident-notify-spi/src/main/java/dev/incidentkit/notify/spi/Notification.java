package dev.incidentkit.notify.spi;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One notification: the CloudEvent of what happened, with typed accessors for what most
 * notifiers print.
 *
 * <p>Text fields hold the user's raw text: a notifier escapes it for its own format (Slack
 * mrkdwn, HTML, Markdown) so that a hostile title cannot inject markup, links or mentions.
 *
 * @param event the CloudEvent as recorded, {@code type} such as {@code incident.acknowledged}
 * @param incidentId the incident, such as {@code INC-2025-001}
 * @param title the incident's title
 * @param severity the incident's severity as printed, such as {@code SEV-2}
 * @param status the incident's status after the event, in the lower-case form of the event data
 *     ({@code "status": "open"}), such as {@code mitigated}
 * @param service the incident's primary service
 * @param actor who did what the event records
 * @param note the note the actor attached, if any
 * @param links links to the incident (a dashboard page, a runbook), possibly none
 * @since 0.1.0
 */
public record Notification(
        CloudEvent event,
        String incidentId,
        String title,
        String severity,
        String status,
        String service,
        String actor,
        Optional<String> note,
        List<URI> links) {

    /** Checks the components and copies the list. */
    public Notification {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(note, "note");
        links = List.copyOf(links);
    }

    /** @return the CloudEvent id: stable across delivery attempts, the idempotency key */
    public String id() {
        return event.getId();
    }

    /** @return the CloudEvent type, such as {@code incident.declared} */
    public String type() {
        return event.getType();
    }
}
