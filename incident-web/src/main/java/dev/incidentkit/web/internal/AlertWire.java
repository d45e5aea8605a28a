package dev.incidentkit.web.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertReceipt;
import dev.incidentkit.core.alert.AlertSignal;
import dev.incidentkit.core.alert.LabelMatcher;
import dev.incidentkit.core.alert.Silence;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON of alerts, receipts and silences, as the OpenAPI document's {@code Alert}, {@code AlertReceipt} and {@code Silence}. */
final class AlertWire {

    private AlertWire() {}

    static ObjectNode alerts(List<Alert> alerts) {
        ObjectNode out = WireFormat.JSON.createObjectNode();
        ArrayNode list = out.putArray("alerts");
        alerts.forEach(a -> list.add(alert(a)));
        return out;
    }

    static ObjectNode alert(Alert a) {
        AlertDetails d = a.details();
        ObjectNode out = WireFormat.JSON.createObjectNode();
        out.put("id", a.id());
        out.put("source", d.source());
        out.put("dedup_key", d.dedupKey());
        out.put("status", a.status().wireName());
        out.put("summary", d.summary());
        out.put("severity", d.severity());
        map(out.putObject("labels"), d.labels());
        map(out.putObject("annotations"), d.annotations());
        map(out.putObject("links"), d.links());
        out.put("starts_at", d.startsAt().toString());
        out.put("first_seen", a.firstSeen().toString());
        out.put("last_seen", a.lastSeen().toString());
        out.put("repeats", a.repeats());
        a.resolvedAt().ifPresent(t -> out.put("resolved_at", t.toString()));
        a.incidentId().ifPresent(id -> out.put("incident_id", id));
        a.suppressedBy().ifPresent(id -> out.put("suppressed_by", id));
        return out;
    }

    /** One signal's receipt: what the receiver did with it. */
    static ObjectNode receipt(AlertSignal signal, AlertReceipt receipt) {
        ObjectNode out = WireFormat.JSON.createObjectNode();
        out.put("dedup_key", signal.dedupKey());
        out.put("status", signal instanceof AlertSignal.Firing ? "firing"
                : signal instanceof AlertSignal.Resolved ? "resolved" : "acknowledged");
        out.put("outcome", receipt.outcome().name().toLowerCase(Locale.ROOT));
        receipt.alert().ifPresent(a -> {
            out.put("alert_id", a.id());
            out.put("repeats", a.repeats());
        });
        receipt.incidentId().ifPresent(id -> out.put("incident_id", id));
        return out;
    }

    static ObjectNode silences(List<Silence> silences) {
        ObjectNode out = WireFormat.JSON.createObjectNode();
        ArrayNode list = out.putArray("silences");
        silences.forEach(s -> list.add(silence(s)));
        return out;
    }

    static ObjectNode silence(Silence s) {
        ObjectNode out = WireFormat.JSON.createObjectNode();
        out.put("id", s.id());
        out.put("kind", s.kind() == Silence.Kind.SILENCE ? "silence" : "maintenance");
        ArrayNode matchers = out.putArray("matchers");
        for (LabelMatcher m : s.matchers()) {
            matchers.add(m.toString());
        }
        s.service().ifPresent(service -> out.put("service", service));
        out.put("starts_at", s.startsAt().toString());
        out.put("ends_at", s.endsAt().toString());
        out.put("created_by", s.createdBy().name());
        out.put("comment", s.comment());
        return out;
    }

    private static void map(ObjectNode out, Map<String, String> entries) {
        entries.forEach(out::put);
    }
}
