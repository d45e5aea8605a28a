package dev.incidentkit.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertSignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prometheus Alertmanager's webhook payload, version 4, as signals: each alert of the group
 * fires or resolves by its own {@code status}; its dedup key is its {@code fingerprint} (or, when
 * a sender leaves that out, a SHA-256 of its sorted labels); its summary the annotation {@code
 * summary}, else the label {@code alertname}; its severity the label {@code severity}; its links
 * {@code generatorURL} ("Source") and the annotation {@code runbook_url} ("Runbook") when they are
 * absolute http(s) URLs. The payload's {@code groupKey} is the source's group of every alert.
 */
final class AlertmanagerWebhook {

    /** The most alerts one post may carry (Alertmanager's {@code max_alerts} is 0, unlimited, by default). */
    static final int MAX_ALERTS = 1000;
    private static final int MAX_GROUP_KEY = 1024;

    /** The signals of one post, all checked, and the count of alerts Alertmanager left out. */
    record Batch(List<AlertSignal> signals, long truncatedAlerts) {}

    private AlertmanagerWebhook() {}

    /**
     * @param body the post's body
     * @param source the integration's name: the alerts' source
     * @param now when an alert without {@code startsAt} started
     * @return every alert's signal
     * @throws ApiException 400 naming the first field at fault; nothing is then to be received
     */
    static Batch read(byte[] body, String source, Instant now) {
        ObjectNode root = AlertPayload.parse(body);
        Optional<String> version = AlertPayload.text(root, "version", "version");
        if (version.isPresent() && !version.get().equals("4")) {
            throw AlertPayload.invalid("version", "version must be \"4\", the Alertmanager webhook payload this receiver reads.");
        }
        // Any group key is a group: one too long, blank, or holding what IncidentKit keeps out of
        // text (controls, separators, lone surrogates) is kept as its hash.
        Optional<String> groupKey = AlertPayload.text(root, "groupKey", "groupKey").filter(k -> !k.isEmpty())
                .map(k -> k.length() > MAX_GROUP_KEY || k.isBlank() || k.chars().anyMatch(AlertmanagerWebhook::unkept)
                        ? "sha256:" + AlertPayload.sha256(k) : k);
        long truncated = 0;
        Optional<JsonNode> t = AlertPayload.field(root, "truncatedAlerts");
        if (t.isPresent()) {
            if (!t.get().canConvertToLong() || !t.get().isIntegralNumber() || t.get().longValue() < 0) {
                throw AlertPayload.invalid("truncatedAlerts", "truncatedAlerts must be a whole number, 0 or more.");
            }
            truncated = t.get().longValue();
        }
        JsonNode alerts = AlertPayload.field(root, "alerts").orElseThrow(
                () -> AlertPayload.invalid("alerts", "alerts is required: the group's alerts."));
        if (!alerts.isArray()) {
            throw AlertPayload.invalid("alerts", "alerts must be an array.");
        }
        if (alerts.size() > MAX_ALERTS) {
            throw AlertPayload.invalid("alerts", "alerts must hold at most " + MAX_ALERTS + " alerts (set max_alerts).");
        }
        var signals = new ArrayList<AlertSignal>();
        for (int i = 0; i < alerts.size(); i++) {
            signals.add(alert(alerts.get(i), "alerts[" + i + "]", source, groupKey, now));
        }
        return new Batch(List.copyOf(signals), truncated);
    }

    private static AlertSignal alert(JsonNode alert, String at, String source, Optional<String> groupKey, Instant now) {
        if (!alert.isObject()) {
            throw AlertPayload.invalid(at, at + " must be an object.");
        }
        String status = AlertPayload.requiredText(alert, "status", at + ".status");
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw AlertPayload.invalid(at + ".status", at + ".status must be firing or resolved.");
        }
        Map<String, String> labels = AlertPayload.strings(alert, "labels", at + ".labels");
        Map<String, String> annotations = AlertPayload.strings(alert, "annotations", at + ".annotations");
        Optional<String> fingerprint = AlertPayload.text(alert, "fingerprint", at + ".fingerprint").filter(f -> !f.isEmpty());
        if (fingerprint.isEmpty() && labels.isEmpty()) {
            throw AlertPayload.invalid(at + ".labels", at + ".labels must name an alert that has no fingerprint.");
        }
        String dedupKey = fingerprint.orElseGet(() -> fingerprint(labels));
        Instant startsAt = AlertPayload.instant(alert, "startsAt", at + ".startsAt").orElse(now);
        Optional<String> generator = AlertPayload.text(alert, "generatorURL", at + ".generatorURL");
        AlertPayload.instant(alert, "endsAt", at + ".endsAt");
        var links = new TreeMap<String, String>();
        generator.filter(AlertPayload::webLink).ifPresent(url -> links.put("Source", url));
        Optional.ofNullable(annotations.get("runbook_url")).filter(AlertPayload::webLink).ifPresent(url -> links.put("Runbook", url));
        String summary = Optional.ofNullable(annotations.get("summary")).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(labels.get("alertname")).filter(s -> !s.isBlank()))
                .orElse("Alert");
        AlertDetails details = AlertPayload.details(() -> new AlertDetails(source, dedupKey, summary,
                        labels.getOrDefault("severity", ""), new TreeMap<>(labels), new TreeMap<>(annotations), links, startsAt),
                field -> at + "." + payloadName(field, annotations.containsKey("summary")));
        if (status.equals("resolved")) {
            return new AlertSignal.Resolved(source, dedupKey);
        }
        return new AlertSignal.Firing(details, groupKey);
    }

    /** The payload's name of a field of {@link AlertDetails}. */
    private static String payloadName(String field, boolean summaryAnnotation) {
        return switch (field) {
            case "dedup_key" -> "fingerprint";
            case "summary" -> summaryAnnotation ? "annotations.summary" : "labels.alertname";
            case "severity" -> "labels.severity";
            case "starts_at" -> "startsAt";
            case "links.Source" -> "generatorURL";
            case "links.Runbook" -> "annotations.runbook_url";
            default -> field;
        };
    }

    /**
     * A fingerprint of an alert posted without one: the SHA-256 of its labels sorted by name, each
     * {@code name=value} and a newline, so that every post of the same labels is the same alert.
     */
    static String fingerprint(Map<String, String> labels) {
        var text = new StringBuilder();
        new TreeMap<>(labels).forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return "sha256:" + AlertPayload.sha256(text.toString());
    }

    private static boolean unkept(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || Character.isSurrogate((char) c);
    }
}
