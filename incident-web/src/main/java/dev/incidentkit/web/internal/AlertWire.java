package dev.incidentkit.web.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertReceipt;
import dev.incidentkit.core.alert.AlertSignal;
import dev.incidentkit.core.alert.Silence;
import dev.incidentkit.core.export.JsonExport;
import java.util.List;
import java.util.Locale;

/** The JSON of alerts, receipts and silences, as the OpenAPI document's {@code Alert}, {@code AlertReceipt} and {@code Silence}. */
final class AlertWire {

    private AlertWire() {}

    static ObjectNode alerts(List<Alert> alerts) {
        ObjectNode out = WireFormat.JSON.createObjectNode();
        ArrayNode list = out.putArray("alerts");
        alerts.forEach(a -> list.add(alert(a)));
        return out;
    }

    /** {@link JsonExport#alertJson}: the one JSON form of an alert, here and in {@code im alerts}. */
    static ObjectNode alert(Alert a) {
        return JsonExport.alertJson(a);
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

    /** {@link JsonExport#silenceJson}: the one JSON form of a silence. */
    static ObjectNode silence(Silence s) {
        return JsonExport.silenceJson(s);
    }
}
