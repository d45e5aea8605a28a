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
 * <p><b>Pages.</b> A notification with a {@linkplain #recipient() recipient} is a page (an {@code
 * incident.paged} event) for that one person, at that address: the notifier must deliver it to
 * {@link Recipient#address()} rather than to its usual destination (its channel, its service), and
 * answer {@link DeliveryResult#failed} when it cannot use the address, so that the page escalates
 * instead of going elsewhere. The dispatcher gives a notifier a recipient only of a kind it named
 * in {@link Notifier#contactKinds()}. Without a recipient, a notification of {@code
 * incident.paged} is news for the notifier's usual destination, like any other event.
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
 * @param recipient for a page, the one person it is for and the address to reach them at; empty
 *     for every other notification (since 0.4.0)
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
        List<URI> links,
        Optional<Recipient> recipient) {

    /**
     * Checks the components and copies the list.
     *
     * @since 0.4.0
     */
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
        Objects.requireNonNull(recipient, "recipient");
    }

    /**
     * A notification without a recipient: the constructor of 0.1.0 to 0.3.x, kept so that plugins
     * built against it compile and link.
     *
     * @param event the CloudEvent as recorded
     * @param incidentId the incident
     * @param title the incident's title
     * @param severity the incident's severity as printed
     * @param status the incident's status after the event
     * @param service the incident's primary service
     * @param actor who did what the event records
     * @param note the note the actor attached, if any
     * @param links links to the incident, possibly none
     * @since 0.1.0
     */
    public Notification(CloudEvent event, String incidentId, String title, String severity, String status,
            String service, String actor, Optional<String> note, List<URI> links) {
        this(event, incidentId, title, severity, status, service, actor, note, links, Optional.empty());
    }

    /**
     * @param recipient the person this notification pages, and where
     * @return a copy of this notification addressed to {@code recipient}, a page for that person
     * @since 0.4.0
     */
    public Notification withRecipient(Recipient recipient) {
        Objects.requireNonNull(recipient, "recipient");
        return new Notification(event, incidentId, title, severity, status, service, actor, note, links,
                Optional.of(recipient));
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
