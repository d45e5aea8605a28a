package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.web.WebHarness.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Real Alertmanager and PagerDuty payloads with one field replaced by any JSON value: never a
 * 5xx; a refusal (4xx) writes nothing at all, however far into the payload the bad field is; an
 * acceptance names the alerts it received.
 */
class AlertPayloadProperties {

    private static AlertHarness h;

    @BeforeContainer
    static void start() {
        h = new AlertHarness();
    }

    @AfterContainer
    static void stop() {
        h.close();
    }

    @Property(tries = 150)
    void alertmanager(@ForAll("alertmanagerPaths") String path, @ForAll("values") String value) {
        ObjectNode payload = AlertmanagerReceiverTest.parse(AlertHarness.payload("alertmanager-firing.json"));
        replace(payload, path, value);
        long events = h.events().size();
        int alerts = h.alerts().size();

        Reply r = h.alertmanager(payload.toString());

        assertThat(r.status()).as(path + " = " + value + " -> " + r.body()).isLessThan(500);
        if (r.status() >= 400) {
            JsonNode p = r.problem(r.status());
            assertThat(p.get("detail").asText()).doesNotContain("</script>");
            assertThat(h.events()).as("a refusal writes no event").hasSize((int) events);
            assertThat(h.alerts()).as("a refusal stores no alert").hasSize(alerts);
        } else {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("alerts").size()).isEqualTo(r.json().get("received").asInt());
        }
    }

    @Property(tries = 150)
    void pagerDuty(@ForAll("pagerDutyPaths") String path, @ForAll("values") String value) {
        ObjectNode event = AlertmanagerReceiverTest.parse(AlertHarness.payload("pagerduty-trigger.json"));
        replace(event, path, value);
        long events = h.events().size();
        int alerts = h.alerts().size();

        Reply r = h.pagerDuty(event.toString());

        assertThat(r.status()).as(path + " = " + value + " -> " + r.body()).isLessThan(500);
        if (r.status() >= 400) {
            assertThat(h.events()).as("a refusal writes no event").hasSize((int) events);
            assertThat(h.alerts()).as("a refusal stores no alert").hasSize(alerts);
        } else {
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.json().get("dedup_key").asText()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> alertmanagerPaths() {
        return Arbitraries.of("version", "groupKey", "truncatedAlerts", "status", "commonLabels", "alerts", "alerts.0",
                "alerts.1.status", "alerts.1.labels", "alerts.1.labels.service", "alerts.1.labels.severity",
                "alerts.1.labels.new_label", "alerts.0.annotations.summary", "alerts.0.annotations.runbook_url",
                "alerts.0.startsAt", "alerts.1.endsAt", "alerts.1.generatorURL", "alerts.1.fingerprint", "alerts.0.extra");
    }

    @Provide
    Arbitrary<String> pagerDutyPaths() {
        return Arbitraries.of("routing_key", "event_action", "dedup_key", "payload", "payload.summary", "payload.source",
                "payload.severity", "payload.timestamp", "payload.component", "payload.class", "payload.custom_details",
                "links", "links.0", "links.0.href", "links.0.text", "client_url", "images", "payload.extra");
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of(HtmlPages.HOSTILE, "", " ", "firing", "resolved", "trigger", "resolve", "acknowledge", "4",
                        "critical", "info", "2025-08-23T14:30:00Z", "2015-07-17T08:42:58.315+0000", "0001-01-01T00:00:00Z",
                        "https://example.com/x", "javascript:alert(1)", "line\nbreak", "x".repeat(2000), "\u202Eevil"));
        return Arbitraries.oneOf(
                text.map(AlertPayloadProperties::quote),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("null", "true", "[]", "{}", "[1,\"a\"]", "{\"a\":\"b\"}", "{\"a\":{\"b\":1}}", "1e400", "-0",
                        "[{\"status\":\"firing\"}]", "{\"</script>\":\"x\"}"));
    }

    /** Sets the value at a dotted path (numbers index arrays), creating the last field if it is missing. */
    private static void replace(ObjectNode root, String path, String json) {
        JsonNode value;
        try {
            value = WebHarness.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.isArray() ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (node instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) node).set(last, value);
        }
    }

    private static String quote(String s) {
        return WebHarness.JSON.getNodeFactory().textNode(s).toString();
    }
}
