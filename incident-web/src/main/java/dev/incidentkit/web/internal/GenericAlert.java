package dev.incidentkit.web.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertSignal;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;

/**
 * IncidentKit's own alert format ({@code POST /api/v1/alerts/generic}), for a system that can
 * post JSON but speaks neither Alertmanager nor PagerDuty: one alert, its fields named as {@link
 * AlertDetails} names them ({@code dedup_key}, {@code status} firing or resolved, {@code summary},
 * {@code severity}, {@code labels}, {@code annotations}, {@code links} by name, {@code starts_at},
 * {@code group_key}). The source is the integration's.
 */
final class GenericAlert {

    private GenericAlert() {}

    /**
     * @param body the post's body
     * @param source the integration's name
     * @param now when an alert without {@code starts_at} started
     * @return its signal
     * @throws ApiException 400 naming the first field at fault
     */
    static AlertSignal read(byte[] body, String source, Instant now) {
        ObjectNode root = AlertPayload.parse(body);
        String dedupKey = AlertPayload.requiredText(root, "dedup_key", "dedup_key");
        String status = AlertPayload.text(root, "status", "status").orElse("firing");
        Optional<String> groupKey = AlertPayload.text(root, "group_key", "group_key").filter(k -> !k.isEmpty());
        switch (status) {
            case "firing" -> {
                String summary = AlertPayload.requiredText(root, "summary", "summary");
                var labels = AlertPayload.strings(root, "labels", "labels");
                var annotations = AlertPayload.strings(root, "annotations", "annotations");
                var links = AlertPayload.strings(root, "links", "links");
                String severity = AlertPayload.text(root, "severity", "severity").orElse("");
                Instant startsAt = AlertPayload.instant(root, "starts_at", "starts_at").orElse(now);
                AlertDetails details = AlertPayload.details(() -> new AlertDetails(source, dedupKey, summary, severity,
                        new TreeMap<>(labels), new TreeMap<>(annotations), new TreeMap<>(links), startsAt), field -> field);
                try {
                    return new AlertSignal.Firing(details, groupKey);
                } catch (dev.incidentkit.core.ValidationException e) {
                    throw AlertPayload.invalid("group_key", "group_key " + e.rule() + ".");
                }
            }
            case "resolved" -> {
                try {
                    return new AlertSignal.Resolved(source, dedupKey);
                } catch (dev.incidentkit.core.ValidationException e) {
                    throw AlertPayload.invalid(e.field(), e.field() + " " + e.rule() + ".");
                }
            }
            default -> throw AlertPayload.invalid("status", "status must be firing or resolved.");
        }
    }
}
