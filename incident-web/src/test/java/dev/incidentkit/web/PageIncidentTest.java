package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.web.WebHarness.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the incident page: status flow, SLA clocks on the manual clock, a timeline that says who did what")
class PageIncidentTest {

    private final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private String declare(String severity) {
        Reply r = h.post("/api/v1/incidents", "carl", "{\"title\":\"Database down\",\"severity\":\"" + severity
                + "\",\"service\":\"db\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("incident").get("id").asText();
    }

    private void run(String id, String command, String user, String json) {
        Reply r = h.post("/api/v1/incidents/" + id + "/" + command, user, json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** @return the timeline's entries as a reader sees them, tags left out */
    static List<String> timeline(String html) {
        var out = new ArrayList<String>();
        Matcher m = Pattern.compile("<li>(.*?)</li>", Pattern.DOTALL)
                .matcher(HtmlPages.between(html, "<ol id=\"timeline\" class=\"timeline\">", "</ol>"));
        while (m.find()) {
            out.add(HtmlPages.decode(m.group(1).replaceAll("<[^>]*>", " ")).replaceAll("\\s+", " ").strip());
        }
        return out;
    }

    @Test
    @DisplayName("the status flow marks the steps done, the current one, and the ones to come")
    void flow() {
        String id = declare("SEV-2");
        h.clock.advance(Duration.ofMinutes(2));
        run(id, "acknowledge", "rita", "{}");

        String flow = HtmlPages.between(assertPage(h.get("/incidents/" + id, "vera"), 200), "<ol class=\"flow\">", "</ol>");

        assertThat(flow).contains("<li class=\"done\">Open<span class=\"at\">2025-08-23 14:00 UTC</span></li>")
                .contains("<li class=\"current\" aria-current=\"step\">Acknowledged<span class=\"at\">2025-08-23 14:02 UTC</span></li>")
                .contains("<li class=\"todo\">Investigating</li>").contains("<li class=\"todo\">Closed</li>");
        assertThat(Pattern.compile("aria-current").matcher(flow).results().count()).isOne();
    }

    @Test
    @DisplayName("every SLA clock of the severity, with its target: left, then breached, then met")
    void slaClocks() {
        String id = declare("SEV-1");

        String at0 = HtmlPages.between(assertPage(h.get("/incidents/" + id, "vera"), 200), "<ul class=\"sla-list\">", "</ul>");
        assertThat(at0).contains("<li class=\"sla pending\">Acknowledge within 15m: 15m left</li>")
                .contains("<li class=\"sla pending\">Resolve within 1h 00m: 1h 00m left</li>");

        h.clock.advance(Duration.ofMinutes(20));
        String late = HtmlPages.between(assertPage(h.get("/incidents/" + id, "vera"), 200), "<ul class=\"sla-list\">", "</ul>");
        assertThat(late).contains("<li class=\"sla breached\">Acknowledge within 15m: breached, 5m over</li>")
                .contains("Resolve within 1h 00m: 40m left");

        run(id, "resolve", "carl", "{}");
        String resolved = HtmlPages.between(assertPage(h.get("/incidents/" + id, "vera"), 200), "<ul class=\"sla-list\">", "</ul>");
        assertThat(resolved).contains("<li class=\"sla pending\">Resolve within 1h 00m: met</li>");
    }

    @Test
    @DisplayName("each timeline entry names who did it, even when another name in the headline contains theirs")
    void timelineNamesTheActor() {
        String id = declare("SEV-2");
        run(id, "acknowledge", "rita", "{\"note\":\"looking\"}");
        run(id, "assign", "carl", "{\"role\":\"tech-lead\",\"assignee\":\"rita\"}");
        run(id, "assign", "carl", "{\"role\":\"comms-lead\",\"assignee\":\"carla\"}");
        run(id, "notes", "carl", "{\"note\":\"db failover started\"}");

        List<String> entries = timeline(assertPage(h.get("/incidents/" + id, "vera"), 200));

        assertThat(entries).anySatisfy(e -> assertThat(e).contains("Incident declared (SEV-2) by carl"))
                .anySatisfy(e -> assertThat(e).contains("Acknowledged by rita").doesNotContain("by rita by rita"))
                .anySatisfy(e -> assertThat(e).contains("rita assigned as tech-lead by carl"))
                .anySatisfy(e -> assertThat(e).contains("Update from carl").contains("db failover started"));
        // The headline names carla, not carl: without "by carl" the page would not say who assigned her.
        assertThat(entries).anySatisfy(e -> assertThat(e).contains("carla assigned as comms-lead by carl"));
    }
}
