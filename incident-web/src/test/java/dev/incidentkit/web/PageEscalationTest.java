package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the pages with an escalator: a line on an escalated incident's page, the running escalations on the On call page")
class PageEscalationTest {

    private static final String LINE = "<p class=\"escalation-line\" id=\"escalation-line\">";

    private final EscalationFixture f = new EscalationFixture();
    private final WebHarness h = f.h;

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    @DisplayName("the incident page says the level due next and when, whom the last level paged; then acknowledged, or ended")
    void incidentLine() {
        String checkout = h.declare();
        String payments = f.declarePayments();
        String search = h.declare("Search empty", "SEV-3", "search");
        f.escalator().tick();

        assertThat(line(checkout)).isEqualTo("Escalation (<bdi>checkout</bdi>): level 2 due "
                + "<time datetime=\"2025-08-23T14:05:00Z\">14:05 UTC</time>; paged <bdi>ada</bdi>, <bdi>dan</bdi>");
        assertThat(assertPage(h.get("/incidents/" + search, "vera"), 200)).doesNotContain("escalation-line");

        h.clock.advance(Duration.ofMinutes(2));
        h.post("/api/v1/incidents/" + checkout + "/acknowledge", "rita", "{}");
        for (long minutes : new long[] {10, 15, 30}) {
            h.clock.set(WebHarness.START.plus(Duration.ofMinutes(minutes)));
            f.escalator().tick();
        }
        assertThat(line(checkout)).isEqualTo("Escalation (<bdi>checkout</bdi>): acknowledged; paged <bdi>ada</bdi>, <bdi>dan</bdi>");
        String ended = line(payments);
        assertThat(ended).endsWith("</bdi>): ended after level 2; paged <bdi>eve</bdi>");
        assertThat(text(ended)).startsWith("Escalation (" + EscalationFixture.HOSTILE + ")");
    }

    @Test
    @DisplayName("a level due on another day is said with its day")
    void dueAnotherDay() {
        h.clock.set(java.time.Instant.parse("2025-08-23T23:58:00Z"));
        String checkout = h.declare();
        f.escalator().tick();
        assertThat(line(checkout)).contains("level 2 due <time datetime=\"2025-08-24T00:03:00Z\">2025-08-24 00:03 UTC</time>");
    }

    @Test
    @DisplayName("hostile policy and person ids are escaped on the incident page and the On call page")
    void hostileIds() {
        String payments = f.declarePayments();
        f.escalator().tick();

        String page = assertPage(h.get("/incidents/" + payments, "vera"), 200);
        HtmlPages.assertNoInjectedScript(page);
        assertThat(text(HtmlPages.between(page, LINE, "</p>")))
                .isEqualTo("Escalation (" + EscalationFixture.HOSTILE + "): level 2 due 14:10 UTC; paged " + EscalationFixture.HOSTILE);
        String oncall = assertPage(h.get("/oncall", "vera"), 200);
        HtmlPages.assertNoInjectedScript(oncall);
        assertThat(HtmlPages.decode(HtmlPages.between(oncall, "<table class=\"escalations\">", "</table>")))
                .contains(EscalationFixture.HOSTILE);
    }

    @Test
    @DisplayName("/oncall lists the running escalations soonest first: incident link, policy, next level, due, last paged")
    void runningTable() {
        String empty = assertPage(h.get("/oncall", "vera"), 200);
        assertThat(HtmlPages.between(empty, "<h2 id=\"escalations-heading\">Running escalations</h2>", "</section>"))
                .contains("No escalation is running.");

        String payments = f.declarePayments();
        String checkout = h.declare();
        f.escalator().tick();

        String table = HtmlPages.between(assertPage(h.get("/oncall", "vera"), 200), "<tbody>", "</tbody>");
        assertThat(table.split("<tr>", -1)).hasSize(3);
        assertThat(table.indexOf(checkout)).as("the one due soonest first").isLessThan(table.indexOf(payments));
        assertThat(table).contains("<tr><th scope=\"row\"><a href=\"/incidents/" + checkout + "\">" + checkout + "</a></th>"
                + "<td><bdi>checkout</bdi></td><td>level 2</td><td><time datetime=\"2025-08-23T14:05:00Z\">14:05 UTC</time></td>"
                + "<td><bdi>ada</bdi>, <bdi>dan</bdi></td></tr>");
        assertThat(table).contains("<td>level 2</td><td><time datetime=\"2025-08-23T14:10:00Z\">14:10 UTC</time></td>");

        h.post("/api/v1/incidents/" + checkout + "/acknowledge", "rita", "{}");
        f.escalator().tick();
        String after = HtmlPages.between(assertPage(h.get("/oncall", "vera"), 200), "<tbody>", "</tbody>");
        assertThat(after).doesNotContain(checkout).contains(payments);
    }

    @Test
    @DisplayName("without an escalator neither the line nor the table is shown")
    void withoutEscalator() {
        try (WebHarness plain = new WebHarness(m -> m, b -> b.onCall(OnCallFixture.CONFIG))) {
            String id = plain.declare();
            assertThat(assertPage(plain.get("/incidents/" + id, "vera"), 200)).doesNotContain("escalation-line");
            assertThat(assertPage(plain.get("/oncall", "vera"), 200)).doesNotContain("Running escalations");
        }
    }

    /** @return the text of escaped HTML as a browser shows it: its tags (every raw '<' is one) left out, references decoded */
    private static String text(String html) {
        return HtmlPages.decode(html.replaceAll("<[^>]*>", ""));
    }

    private String line(String id) {
        return HtmlPages.between(assertPage(h.get("/incidents/" + id, "vera"), 200), LINE, "</p>");
    }
}
