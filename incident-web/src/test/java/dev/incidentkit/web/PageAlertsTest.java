package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.web.WebHarness.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the Alerts page and the incident page's Alerts section")
class PageAlertsTest {

    private final AlertHarness h = new AlertHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    @DisplayName("/alerts lists firing, suppressed and resolved alerts with source, summary, severity, repeats, times and incident")
    void alertsPage() {
        String id = h.alertmanager(AlertHarness.payload("alertmanager-firing.json")).json().get("alerts").get(0)
                .get("incident_id").asText();
        h.clock.advance(Duration.ofMinutes(2));
        h.alertmanager(AlertHarness.payload("alertmanager-firing.json"));
        h.post("/api/v1/silences", "carl", "{\"service\":\"billing\",\"ends_at\":\"2025-08-23T18:00:00Z\"}");
        h.postWithKey("/api/v1/alerts/generic", AlertHarness.ALERTMANAGER_KEY,
                "{\"dedup_key\":\"invoices\",\"summary\":\"Invoice queue stuck\",\"labels\":{\"service\":\"billing\"}}");
        h.pagerDuty(AlertHarness.payload("pagerduty-trigger.json"));
        h.pagerDuty(AlertHarness.payload("pagerduty-resolve.json"));

        String html = assertPage(h.get("/alerts", "vera"), 200);

        HtmlPages.assertNoInjectedScript(html);
        assertThat(html).contains("<a href=\"/alerts\" aria-current=\"page\">Alerts</a>");
        String firing = HtmlPages.between(html, "<table id=\"firing-alerts\"", "</table>");
        assertThat(firing).contains("<td>alertmanager</td>").contains("Checkout p99 latency above 2s")
                .contains("<td>critical</td>").contains("<td>2</td>")
                .contains("<time datetime=\"2025-08-23T14:00:00Z\">2025-08-23 14:00 UTC</time>")
                .contains("<time datetime=\"2025-08-23T14:02:00Z\">2025-08-23 14:02 UTC</time>")
                .contains("<a href=\"/incidents/" + id + "\">" + id + "</a>")
                .doesNotContain("Invoice queue stuck").doesNotContain("DISK at 99%");
        String suppressed = HtmlPages.between(html, "<table id=\"suppressed-alerts\"", "</table>");
        assertThat(suppressed).contains("Invoice queue stuck").contains("(suppressed)").contains("<span class=\"muted\">none</span>");
        String resolved = HtmlPages.between(html, "<table id=\"resolved-alerts\"", "</table>");
        assertThat(resolved).contains("<td>pagerduty</td>").contains("DISK at 99% on machine prod-datapipe03.example.com");

        assertThat(h.get("/alerts", "nora").status()).isEqualTo(403);
    }

    @Test
    @DisplayName("the incident page lists that incident's alerts; hostile alert text is escaped")
    void incidentPage() {
        ObjectNode payload = AlertmanagerReceiverTest.parse(AlertHarness.payload("alertmanager-firing.json"));
        ((ObjectNode) payload.get("alerts").get(1).get("annotations")).put("summary", HtmlPages.HOSTILE);
        ((ObjectNode) payload.get("alerts").get(1).get("labels")).put("severity", HtmlPages.ATTRIBUTE);
        Reply posted = h.alertmanager(payload.toString());
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String id = posted.json().get("alerts").get(0).get("incident_id").asText();
        h.postWithKey("/api/v1/alerts/generic", AlertHarness.PAGERDUTY_KEY,
                "{\"dedup_key\":\"other\",\"summary\":\"Another incident's alert\"}");

        String html = assertPage(h.get("/incidents/" + id, "vera"), 200);

        HtmlPages.assertNoInjectedScript(html);
        String section = HtmlPages.between(html, "<section aria-labelledby=\"alerts-heading\" id=\"alerts\" data-live>", "</section>");
        assertThat(section).contains("<h2 id=\"alerts-heading\">Alerts</h2>").contains("Checkout p99 latency above 2s")
                .contains("&lt;/script&gt;").doesNotContain("</script>").doesNotContain("Another incident's alert");
        assertThat(HtmlPages.decode(section)).contains(HtmlPages.HOSTILE).contains(HtmlPages.ATTRIBUTE);
        String alertsHtml = assertPage(h.get("/alerts", "vera"), 200);
        HtmlPages.assertNoInjectedScript(alertsHtml);
        assertThat(HtmlPages.decode(alertsHtml)).contains(HtmlPages.HOSTILE);
    }

    @Test
    @DisplayName("/metrics and GET /api/v1/metrics give the alert figures: alerts per incident and the noise")
    void metricsPage() {
        h.alertmanager(AlertHarness.payload("alertmanager-firing.json"));
        h.alertmanager(AlertHarness.payload("alertmanager-firing.json"));
        h.post("/api/v1/silences", "carl", "{\"service\":\"billing\",\"ends_at\":\"2025-08-23T18:00:00Z\"}");
        h.postWithKey("/api/v1/alerts/generic", AlertHarness.ALERTMANAGER_KEY,
                "{\"dedup_key\":\"invoices\",\"summary\":\"Invoice queue stuck\",\"labels\":{\"service\":\"billing\"}}");

        String html = assertPage(h.get("/metrics", "vera"), 200);

        String figures = HtmlPages.between(html, "<table id=\"alert-figures\"", "</table>");
        // 3 alerts (2 of one group, 1 suppressed), received 5 times; 2 joined 1 incident; 1 noise.
        assertThat(figures.replaceAll("\\s+", " ")).contains("<tr><td>3</td><td>5</td><td>2</td> <td>1</td><td>2.0</td><td>1</td> <td>1</td></tr>");
        var api = h.get("/api/v1/metrics", "vera").json().get("alerts");
        assertThat(api.get("alerts").asLong()).isEqualTo(3);
        assertThat(api.get("received").asLong()).isEqualTo(5);
        assertThat(api.get("alerts_per_incident").asDouble()).isEqualTo(2.0);
        assertThat(api.get("noise").asLong()).isEqualTo(1);
        try (WebHarness plain = new WebHarness()) {
            assertThat(assertPage(plain.get("/metrics", "vera"), 200)).doesNotContain("alert-figures");
            assertThat(plain.get("/api/v1/metrics", "vera").json().has("alerts")).isFalse();
        }
    }

    @Test
    @DisplayName("a server without alerts has no Alerts link, no Alerts page and no Alerts section")
    void withoutAlerts() {
        try (WebHarness plain = new WebHarness()) {
            String id = plain.declare();
            String dashboard = assertPage(plain.get("/", "vera"), 200);
            assertThat(dashboard).doesNotContain("href=\"/alerts\"");
            assertPage(plain.get("/alerts", "vera"), 404);
            assertThat(assertPage(plain.get("/incidents/" + id, "vera"), 200)).doesNotContain("alerts-heading");
            plain.get("/api/v1/alerts", "vera").problem(404);
            plain.post("/api/v1/silences", "carl", "{\"matchers\":[\"a=b\"],\"ends_at\":\"2025-08-23T16:00:00Z\"}").problem(404);
        }
    }
}
