package dev.incidentkit.notify.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Recipient;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Notifications as IncidentKit's core would hand them over, built with the CloudEvents SDK. */
final class TestNotifications {

    static final String EVENT_ID = "7c1f6f3e-1d7a-4c1e-9a55-0d2b9f0f4a11";
    static final URI SOURCE = URI.create("incident-management/test");
    static final OffsetDateTime TIME = OffsetDateTime.parse("2025-03-01T14:30:00Z");
    static final URI INCIDENT_PAGE = URI.create("https://status.example.com/incidents/INC-2025-001");
    static final String HOSTILE = "</script><img src=x onerror=alert(1)> | [x](javascript:alert(1)) <!here> @channel"
            + " <@U123|bob> <https://evil|click>";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestNotifications() {}

    static Builder notification() {
        return new Builder();
    }

    static final class Builder {
        private String type = "incident.mitigated";
        private String title = "Checkout latency";
        private String severity = "SEV-2";
        private String status = "mitigated";
        private String service = "checkout";
        private String actor = "bob";
        private Optional<String> note = Optional.of("Index added on orders");
        private List<URI> links = List.of(INCIDENT_PAGE);
        private Optional<Recipient> recipient = Optional.empty();

        /** Makes it a page for {@code recipient}. */
        Builder recipient(Recipient recipient) {
            this.recipient = Optional.of(recipient);
            return this;
        }

        Builder type(String type) {
            this.type = type;
            return this;
        }

        Builder title(String title) {
            this.title = title;
            return this;
        }

        Builder severity(String severity) {
            this.severity = severity;
            return this;
        }

        Builder status(String status) {
            this.status = status;
            return this;
        }

        Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        Builder note(String note) {
            this.note = Optional.of(note);
            return this;
        }

        Builder noNote() {
            this.note = Optional.empty();
            return this;
        }

        Builder links(List<URI> links) {
            this.links = links;
            return this;
        }

        /** The event's data: snake_case JSON, as core writes it. */
        byte[] data() {
            ObjectNode data = MAPPER.createObjectNode();
            data.put("incident_id", "INC-2025-001");
            data.put("title", title);
            data.put("severity", severity);
            data.put("service", service);
            data.put("status", status);
            note.ifPresent(n -> data.put("note", n));
            try {
                return MAPPER.writeValueAsBytes(data);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        CloudEvent event() {
            return CloudEventBuilder.v1()
                    .withId(EVENT_ID)
                    .withSource(SOURCE)
                    .withType(type)
                    .withTime(TIME)
                    .withSubject("INC-2025-001")
                    .withDataContentType("application/json")
                    .withData(data())
                    .withExtension("actor", actor)
                    .withExtension("incidentversion", 3)
                    .build();
        }

        Notification build() {
            return build(event());
        }

        Notification build(CloudEvent event) {
            return new Notification(event, "INC-2025-001", title, severity, status, service, actor, note, links,
                    recipient);
        }
    }
}
