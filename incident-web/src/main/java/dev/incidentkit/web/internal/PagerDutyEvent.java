package dev.incidentkit.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertSignal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An event of PagerDuty's Events API v2 ({@code POST /v2/enqueue}), as a signal. {@code trigger}
 * fires the alert of {@code dedup_key} (one is made up when absent, as PagerDuty does), {@code
 * acknowledge} and {@code resolve} name one. The payload's {@code summary}, {@code severity} and
 * {@code timestamp} are the alert's; its {@code source}, {@code component}, {@code group} and
 * {@code class} become labels of those names; {@code custom_details} the annotation {@code
 * custom_details} (its JSON); {@code links} and {@code client_url} links. {@code images} are ignored.
 */
final class PagerDutyEvent {

    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final int MAX_LINKS = 15;

    /** A checked event: the routing key to authenticate, and the signal to receive. */
    record Event(String routingKey, AlertSignal signal) {}

    private PagerDutyEvent() {}

    /**
     * @param root the event's body, parsed
     * @return its routing key, which authenticates it before the rest is read
     * @throws ApiException 401 if it has none
     */
    static String routingKey(ObjectNode root) {
        Optional<String> key = AlertPayload.text(root, "routing_key", "routing_key").filter(k -> !k.isEmpty());
        return key.orElseThrow(() -> new dev.incidentkit.web.AuthenticationException(
                "routing_key is required: the integration key of this receiver."));
    }

    /**
     * @param root the event's body, parsed
     * @param source the integration's name: the alert's source
     * @param now when an alert without {@code payload.timestamp} started
     * @return the signal
     * @throws ApiException 400 naming the first field at fault
     */
    static AlertSignal read(ObjectNode root, String source, Instant now) {
        String action = AlertPayload.requiredText(root, "event_action", "event_action");
        Optional<String> dedup = AlertPayload.text(root, "dedup_key", "dedup_key").filter(k -> !k.isEmpty());
        switch (action) {
            case "trigger" -> {
                return trigger(root, source, dedup.orElseGet(() -> UUID.randomUUID().toString().replace("-", "")), now);
            }
            case "acknowledge", "resolve" -> {
                String key = dedup.orElseThrow(() -> AlertPayload.invalid("dedup_key",
                        "dedup_key is required to " + action + " an alert."));
                checkKey(key);
                return action.equals("resolve") ? new AlertSignal.Resolved(source, key) : new AlertSignal.Acknowledged(source, key);
            }
            default -> throw AlertPayload.invalid("event_action", "event_action must be trigger, acknowledge or resolve.");
        }
    }

    private static AlertSignal trigger(ObjectNode root, String source, String dedupKey, Instant now) {
        JsonNode payload = AlertPayload.field(root, "payload").orElseThrow(
                () -> AlertPayload.invalid("payload", "payload is required to trigger an alert."));
        if (!payload.isObject()) {
            throw AlertPayload.invalid("payload", "payload must be an object.");
        }
        String summary = AlertPayload.requiredText(payload, "summary", "payload.summary");
        String affected = AlertPayload.requiredText(payload, "source", "payload.source");
        String severity = AlertPayload.requiredText(payload, "severity", "payload.severity");
        if (!SEVERITIES.contains(severity)) {
            throw AlertPayload.invalid("payload.severity", "payload.severity must be critical, error, warning or info.");
        }
        Instant startsAt = AlertPayload.instant(payload, "timestamp", "payload.timestamp").orElse(now);
        var labels = new TreeMap<String, String>();
        labels.put("source", affected);
        for (String name : new String[] {"component", "group", "class"}) {
            AlertPayload.text(payload, name, "payload." + name).filter(v -> !v.isEmpty()).ifPresent(v -> labels.put(name, v));
        }
        var annotations = new TreeMap<String, String>();
        AlertPayload.field(payload, "custom_details").ifPresent(d -> annotations.put("custom_details",
                d.isTextual() ? d.textValue() : WireFormat.write(d)));
        var links = new TreeMap<String, String>();
        var linkFields = new TreeMap<String, String>();
        AlertPayload.text(root, "client_url", "client_url").filter(u -> !u.isEmpty()).ifPresent(url -> {
            // The client's name names the link when it can (one line, up to 128 characters); it is not checked otherwise.
            String name = AlertPayload.text(root, "client", "client")
                    .filter(c -> !c.isBlank() && c.length() <= 128 && c.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f))
                    .orElse("Client");
            links.put(name, url);
            linkFields.put(name, "client_url");
        });
        Optional<JsonNode> list = AlertPayload.field(root, "links");
        if (list.isPresent()) {
            if (!list.get().isArray() || list.get().size() > MAX_LINKS) {
                throw AlertPayload.invalid("links", "links must be an array of at most " + MAX_LINKS + " links.");
            }
            for (int i = 0; i < list.get().size(); i++) {
                JsonNode link = list.get().get(i);
                String at = "links[" + i + "]";
                if (!link.isObject()) {
                    throw AlertPayload.invalid(at, at + " must be an object with href and text.");
                }
                String href = AlertPayload.requiredText(link, "href", at + ".href");
                String name = AlertPayload.text(link, "text", at + ".text").filter(t -> !t.isBlank()).orElse(href);
                if (name.length() > 128) {
                    name = name.substring(0, 127) + "\u2026";
                }
                links.put(name, href);
                linkFields.put(name, at + ".href");
            }
        }
        return new AlertSignal.Firing(AlertPayload.details(() -> new AlertDetails(source, dedupKey, summary, severity,
                labels, annotations, links, startsAt), field -> payloadName(field, linkFields)), Optional.empty());
    }

    private static void checkKey(String key) {
        if (key.length() > 255 || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw AlertPayload.invalid("dedup_key", "dedup_key must be 1 to 255 characters on one line.");
        }
    }

    private static String payloadName(String field, Map<String, String> linkFields) {
        if (field.startsWith("links.")) {
            return linkFields.getOrDefault(field.substring("links.".length()), "links");
        }
        return switch (field) {
            case "dedup_key" -> "dedup_key";
            case "summary" -> "payload.summary";
            case "severity" -> "payload.severity";
            case "starts_at" -> "payload.timestamp";
            case "labels.source" -> "payload.source";
            case "labels.component" -> "payload.component";
            case "labels.group" -> "payload.group";
            case "labels.class" -> "payload.class";
            case "annotations.custom_details" -> "payload.custom_details";
            case "links" -> "links";
            default -> "payload";
        };
    }
}
