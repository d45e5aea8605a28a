package dev.incidentkit.notify.email;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Recipient;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Notifications as IncidentKit's core hands them over, built with the CloudEvents SDK. */
final class TestNotifications {

    static final URI SOURCE = URI.create("incident-management/test");
    static final OffsetDateTime TIME = OffsetDateTime.parse("2026-03-01T14:30:00Z");
    static final URI INCIDENT_PAGE = URI.create("https://incidents.example.com/incidents/INC-2026-001");
    static final String HOSTILE = "</title><script>alert(1)</script><img src=x onerror=alert(1)> \"quoted\" 'single'"
            + " & https://evil.example www.evil.example\r\nBcc: victim@example.com\nX-Injected: yes\u0000\u202E";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestNotifications() {}

    static Builder notification() {
        return new Builder();
    }

    static final class Builder {
        private String id = "7c1f6f3e-1d7a-4c1e-9a55-0d2b9f0f4a11";
        private String incidentId = "INC-2026-001";
        private String type = "incident.acknowledged";
        private String title = "Checkout 500s";
        private String severity = "SEV-1";
        private String status = "acknowledged";
        private String service = "checkout";
        private String actor = "bob";
        private Optional<String> note = Optional.of("Looking at the payment gateway");
        private List<URI> links = List.of(INCIDENT_PAGE);
        private Optional<Recipient> recipient = Optional.empty();
        private final Map<String, String> data = new LinkedHashMap<>();

        Builder id(String id) {
            this.id = id;
            return this;
        }

        Builder randomId() {
            return id(UUID.randomUUID().toString());
        }

        Builder incident(String incidentId) {
            this.incidentId = incidentId;
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

        Builder service(String service) {
            this.service = service;
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

        Builder recipient(Recipient recipient) {
            this.recipient = Optional.of(recipient);
            return this;
        }

        /** A field of the event's data besides those of the incident. */
        Builder data(String field, String value) {
            data.put(field, value);
            return this;
        }

        byte[] json() {
            ObjectNode d = MAPPER.createObjectNode();
            d.put("incident_id", incidentId);
            d.put("title", title);
            d.put("severity", severity);
            d.put("service", service);
            d.put("status", status);
            note.ifPresent(n -> d.put("note", n));
            data.forEach(d::put);
            try {
                return MAPPER.writeValueAsBytes(d);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        CloudEvent event() {
            return CloudEventBuilder.v1()
                    .withId(id)
                    .withSource(SOURCE)
                    .withType(type)
                    .withTime(TIME)
                    .withSubject(incidentId)
                    .withDataContentType("application/json")
                    .withData(json())
                    .withExtension("actor", actor)
                    .build();
        }

        Notification build() {
            return new Notification(event(), incidentId, title, severity, status, service, actor, note, links, recipient);
        }
    }
}
