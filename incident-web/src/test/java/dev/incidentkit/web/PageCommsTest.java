package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.sla.SlaMonitor;
import dev.incidentkit.web.HtmlPages.Tag;
import dev.incidentkit.web.WebHarness.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the incident page's communication: the status update drafted and previewed, the public update previewed, "
        + "public updates and reminders on the timeline, the next update due")
class PageCommsTest {

    private final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private void run(String id, String command, String user, String json) {
        Reply r = h.post("/api/v1/incidents/" + id + "/" + command, user, json);
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
    }

    /** The guides' SEV-1 at 14:23, as {@link CommsRoutesTest} has it. */
    private String guideIncident() {
        String id = h.declare("Checkout failures", "SEV-1", "checkout");
        run(id, "acknowledge", "carl", "{\"role\":\"commander\"}");
        run(id, "assign", "carl", "{\"role\":\"tech-lead\",\"assignee\":\"rita\"}");
        run(id, "assign", "carl", "{\"role\":\"comms-lead\",\"assignee\":\"carol\"}");
        run(id, "investigate", "rita", "{}");
        run(id, "postmortem", "carl", "{\"impact\":\"~30% of checkout attempts failing with 500 errors\","
                + "\"root_cause\":\"Database connection pool exhaustion\"}");
        h.clock.advance(Duration.ofMinutes(23));
        return id;
    }

    private String page(String path, String user) {
        return assertPage(h.get(path, user), 200);
    }

    private static Optional<Tag> byId(String html, String id) {
        return HtmlPages.tags(html).stream().filter(t -> t.attribute("id").equals(Optional.of(id))).findFirst();
    }

    private static String value(String html, String id) {
        return HtmlPages.decode(byId(html, id).orElseThrow(() -> new AssertionError("no #" + id)).attribute("value").orElse(""));
    }

    private static String textarea(String html, String id) {
        return HtmlPages.decode(HtmlPages.between(html, "<textarea id=\"" + id + "\"", "</textarea>").replaceFirst("^[^>]*>", ""));
    }

    private static String selected(String html, String selectId) {
        String select = HtmlPages.between(html, "<select id=\"" + selectId + "\"", "</select>");
        return HtmlPages.tags(select).stream().filter(t -> t.name().equals("option") && t.attributes().contains("selected"))
                .map(t -> t.attribute("value").orElseThrow()).findFirst().orElse("");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    @DisplayName("Post update: the fields and the text drafted from the incident, the text exactly the API's preview")
    void draftedUpdate() {
        String id = guideIncident();

        String html = page("/incidents/" + id, "rita");

        assertThat(html).contains("<summary>Post update</summary>");
        assertThat(byId(html, "status-update").orElseThrow().attributes()).doesNotContain("open");
        assertThat(value(html, "su-impact")).isEqualTo("~30% of checkout attempts failing with 500 errors");
        assertThat(value(html, "su-theory")).isEqualTo("Database connection pool exhaustion");
        assertThat(value(html, "su-next")).isEmpty();
        assertThat(value(html, "su-minutes")).isEqualTo("15");
        String api = h.get("/api/v1/incidents/" + id + "/status-update", "rita").json().get("text").asText();
        assertThat(textarea(html, "su-text")).isEqualTo(api).contains("Team: @carl (IC), @rita (Tech Lead), @carol (Comms)");
        assertThat(HtmlPages.tags(html)).filteredOn(t -> t.attribute("data-api").isPresent())
                .extracting(t -> t.attribute("data-api").get()).contains("/api/v1/incidents/" + id + "/notes")
                .doesNotContain("/api/v1/incidents/" + id + "/public-updates");
        assertThat(html).doesNotContain("Post public update");
    }

    @Test
    @DisplayName("its preview is the page's own GET: the form open, the fields as sent, the text edited as the API edits it")
    void previewedUpdate() {
        String id = guideIncident();
        String query = "impact=&current_theory=" + enc("Pool exhausted") + "&next_action=" + enc("Restarting order-service pods")
                + "&next_update_minutes=30";

        String html = page("/incidents/" + id + "?preview=status-update&" + query, "rita");

        assertThat(byId(html, "status-update").orElseThrow().attributes()).contains("open");
        assertThat(value(html, "su-impact")).isEmpty();
        assertThat(value(html, "su-next")).isEqualTo("Restarting order-service pods");
        assertThat(value(html, "su-minutes")).isEqualTo("30");
        String api = h.get("/api/v1/incidents/" + id + "/status-update?" + query, "rita").json().get("text").asText();
        assertThat(textarea(html, "su-text")).isEqualTo(api).contains("Impact: not known yet", "ETA to next update: 30 minutes");
    }

    @Test
    @DisplayName("a bad field of the preview is named next to it; the text keeps the draft's value for it")
    void previewWithAnError() {
        String id = guideIncident();

        String html = page("/incidents/" + id + "?preview=status-update&next_update_minutes=soon&next_action=Rollback", "rita");

        assertThat(HtmlPages.between(html, "id=\"su-minutes-error\" data-error-for=\"next_update_minutes\">", "</p>"))
                .contains("whole number of minutes");
        assertThat(value(html, "su-minutes")).isEqualTo("soon");
        assertThat(textarea(html, "su-text")).contains("Next action: Rollback", "ETA to next update: 15 minutes");
    }

    @Test
    @DisplayName("Post public update: the commander's only, with the warning that it is public and choices prefilled")
    void publicForm() {
        String id = guideIncident();

        String html = page("/incidents/" + id, "carl");

        assertThat(html).contains("<summary>Post public update</summary>");
        assertThat(HtmlPages.decode(HtmlPages.between(html, "<p class=\"public-warning\" id=\"pu-warning\">", "</p>")))
                .contains("Public:").contains("customers read this on the status page");
        assertThat(value(html, "pu-title")).isEmpty();
        assertThat(selected(html, "pu-status")).isEqualTo("investigating");
        assertThat(selected(html, "pu-impact")).isEqualTo("major_outage");
        assertThat(HtmlPages.tags(html)).filteredOn(t -> t.attribute("data-api").isPresent())
                .extracting(t -> t.attribute("data-api").get()).contains("/api/v1/incidents/" + id + "/public-updates");
        assertThat(page("/incidents/" + id, "vera")).doesNotContain("Post public update").doesNotContain("Post update");
    }

    @Test
    @DisplayName("its preview shows the update as customers will see it; a bad field is named and nothing is previewed")
    void publicPreview() {
        String id = guideIncident();
        String base = "/incidents/" + id + "?preview=public-update&title=" + enc("Checkout issues");

        String html = page(base + "&status=identified&impact=partial_outage&message="
                + enc("We found the cause.\nA fix is rolling out."), "carl");
        String bad = page(base + "&status=down&impact=partial_outage&message=", "carl");

        assertThat(byId(html, "public-update").orElseThrow().attributes()).contains("open");
        String card = HtmlPages.between(html, "<article class=\"status-card\"", "</article>");
        assertThat(card.replaceAll("<[^>]*>", "")).contains("Identified: Checkout issues", "We found the cause.\nA fix is rolling out.",
                "Affects checkout: Partial outage", "Posted: 2025-08-23 14:23 UTC");
        assertThat(selected(html, "pu-status")).isEqualTo("identified");
        assertThat(bad).doesNotContain("<article class=\"status-card\"");
        assertThat(HtmlPages.between(bad, "data-error-for=\"status\">", "</p>")).contains("investigating, identified");
        assertThat(HtmlPages.between(bad, "data-error-for=\"message\">", "</p>")).contains("required");
        assertThat(value(bad, "pu-title")).isEqualTo("Checkout issues");
    }

    @Test
    @DisplayName("after a public update: its badge on the timeline, and the form starts from it")
    void afterAPublicUpdate() {
        String id = guideIncident();
        run(id, "public-updates", "carl", "{\"title\":\"Checkout issues\",\"status\":\"monitoring\",\"impact\":\"degraded_performance\","
                + "\"message\":\"A fix is in place.\"}");

        String html = page("/incidents/" + id, "carl");

        assertThat(PageIncidentTest.timeline(html)).anySatisfy(e -> assertThat(e)
                .contains("Public Public update: Monitoring \u00b7 Checkout issues by carl").contains("A fix is in place."));
        assertThat(html).contains("<span class=\"badge public\">Public</span>");
        assertThat(value(html, "pu-title")).isEqualTo("Checkout issues");
        assertThat(selected(html, "pu-status")).isEqualTo("monitoring");
        assertThat(selected(html, "pu-impact")).isEqualTo("degraded_performance");
        assertThat(html).contains("Last public update: 2025-08-23 14:23 UTC, Monitoring \u00b7 Degraded performance.");
    }

    @Test
    @DisplayName("the next update due reads in words, the update clock as a cadence, and a reminder is marked on the timeline")
    void nextUpdateAndReminder() {
        String id = h.declare("Checkout failures", "SEV-1", "checkout");
        run(id, "acknowledge", "carl", "{\"role\":\"commander\"}");

        String fresh = page("/incidents/" + id, "vera");
        assertThat(HtmlPages.between(fresh, "<p class=\"next-update\" id=\"next-update\">", "</p>"))
                .isEqualTo("Next update due by 2025-08-23 14:15 UTC (15m left)");
        assertThat(HtmlPages.between(fresh, "<ul class=\"sla-list\">", "</ul>")).contains("Update every 15m: 15m left");

        try (SlaMonitor monitor = SlaMonitor.builder(h.incidents).actor("ada").build()) {
            h.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
            monitor.tick();
        }
        String reminded = page("/incidents/" + id, "vera");
        assertThat(PageIncidentTest.timeline(reminded)).anySatisfy(e -> assertThat(e)
                .isEqualTo("14:10 - Reminder Update due by 14:15 UTC by ada "
                        + "Reminder to carl (commander): post an update by 14:15 UTC (one every 15m)"));
        assertThat(reminded).contains("<span class=\"badge reminder\">Reminder</span>");
        assertThat(HtmlPages.between(reminded, "<p class=\"next-update\" id=\"next-update\">", "</p>")).contains("(4m left)");

        h.clock.advance(Duration.ofMinutes(8));
        assertThat(HtmlPages.between(page("/incidents/" + id, "vera"), "<p class=\"next-update\" id=\"next-update\">", "</p>"))
                .isEqualTo("Next update overdue: it was due by 2025-08-23 14:15 UTC (3m over)");
        run(id, "resolve", "carl", "{}");
        assertThat(page("/incidents/" + id, "vera")).doesNotContain("id=\"next-update\"");
    }

    @Test
    @DisplayName("the preview buttons: one per form, each naming the region it fills, whose id is on the page")
    void previewButtons() {
        String id = guideIncident();

        String html = page("/incidents/" + id, "carl");

        List<Tag> buttons = HtmlPages.tags(html).stream().filter(t -> t.attribute("data-preview").isPresent()).toList();
        assertThat(buttons).extracting(t -> t.attribute("data-preview").get())
                .containsExactly("status-update-preview", "public-update-preview");
        assertThat(byId(html, "status-update-preview")).isPresent();
        assertThat(byId(html, "public-update-preview")).isPresent();
        assertThat(buttons.get(1).attribute("formaction")).hasValue("/incidents/" + id + "#public-update");
        assertThat(buttons.get(1).attribute("formmethod")).hasValue("get");
    }
}
