package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the On call page: who is on call now per schedule, and the next four weeks as a picture")
class PageOnCallTest {

    private final WebHarness h = new WebHarness(m -> m, b -> b.onCall(OnCallFixture.CONFIG));

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    @DisplayName("/oncall names who is on call now, until when and why, and draws each shift of four weeks as a named box")
    void page() {
        String html = assertPage(h.get("/oncall", "vera"), 200);

        assertThat(html).contains("<a href=\"/oncall\" aria-current=\"page\">On call</a>");
        String primary = HtmlPages.between(html, "<section class=\"oncall-schedule\" id=\"schedule-0\"", "</section>");
        String now = HtmlPages.between(primary, "<table class=\"oncall-now\">", "</table>");
        assertThat(now).contains("<th scope=\"row\"><bdi>ada</bdi></th><td><time datetime=\"2025-08-25T09:00:00Z\">"
                + "2025-08-25 09:00 UTC</time></td><td><bdi>layer Weekly</bdi></td>");
        assertThat(now).contains("<th scope=\"row\"><bdi>dan</bdi></th><td><time datetime=\"2025-08-23T18:00:00Z\">"
                + "2025-08-23 18:00 UTC</time></td><td><bdi>override 1</bdi></td>");

        // From now (Saturday 14:00) for 28 days = 672 hours = 1000 units; dan's override shares the first days in a second lane.
        assertThat(segments(primary)).containsExactly(
                "ada 2025-08-23T14:00:00Z 2025-08-25T09:00:00Z x=0.00 w=63.99 y=22.00 h=22.00",
                "dan 2025-08-23T14:00:00Z 2025-08-23T18:00:00Z x=0.00 w=5.95 y=44.00 h=22.00",
                "bo 2025-08-25T09:00:00Z 2025-09-01T09:00:00Z x=63.99 w=250.00 y=22.00 h=22.00",
                "cy 2025-09-01T09:00:00Z 2025-09-08T09:00:00Z x=313.99 w=250.00 y=22.00 h=22.00",
                "ada 2025-09-08T09:00:00Z 2025-09-15T09:00:00Z x=563.99 w=250.00 y=22.00 h=22.00",
                "bo 2025-09-15T09:00:00Z 2025-09-20T14:00:00Z x=813.99 w=186.01 y=22.00 h=22.00");
        // The name is text in each box wide enough, and in the legend with its colour: never the colour alone.
        assertThat(primary).contains(">bo</text>").contains(">cy</text>").doesNotContain(">dan</text>");
        assertThat(HtmlPages.between(primary, "<ul class=\"chart-legend\">", "</ul>"))
                .contains("fill=\"#1f5fa8\"/></svg> <bdi>ada</bdi>").contains("<bdi>dan</bdi>").contains("<bdi>bo</bdi>")
                .contains("<bdi>cy</bdi>");
        assertThat(HtmlPages.between(primary, "<table class=\"oncall-shifts\">", "</table>"))
                .contains("<th scope=\"row\"><bdi>dan</bdi></th><td><time datetime=\"2025-08-23T14:00:00Z\">2025-08-23 14:00 UTC"
                        + "</time></td><td><time datetime=\"2025-08-23T18:00:00Z\">2025-08-23 18:00 UTC</time></td>"
                        + "<td><bdi>override 1</bdi></td>");

        String db = HtmlPages.between(html, "<section class=\"oncall-schedule\" id=\"schedule-1\"", "</section>");
        assertThat(db).contains("Database &lt;b&gt;&amp;&lt;/b&gt; co").contains("Nobody is on call.");
        // Weekdays 09:00-17:00 Berlin, four weeks from a Saturday: 20 shifts, alternating.
        assertThat(segments(db)).hasSize(20).first().asString().startsWith("eve 2025-08-25T07:00:00Z 2025-08-25T15:00:00Z");
        HtmlPages.assertNoInjectedScript(html);
        assertThat(HtmlPages.decode(html)).contains(OnCallFixture.HOSTILE);
    }

    @Test
    @DisplayName("the page takes a viewer; without an on-call configuration there is neither page nor link")
    void rolesAndUnconfigured() {
        assertThat(h.get("/oncall", "nora").status()).isEqualTo(403);
        try (WebHarness plain = new WebHarness()) {
            assertThat(plain.get("/oncall", "vera").status()).isEqualTo(404);
            assertThat(assertPage(plain.get("/", "vera"), 200)).doesNotContain("href=\"/oncall\"");
        }
    }

    private static final Pattern SEGMENT = Pattern.compile("<g class=\"oncall-segment\" data-person=\"([^\"]*)\" "
            + "data-start=\"([^\"]*)\" data-end=\"([^\"]*)\"><rect x=\"([^\"]*)\" y=\"([^\"]*)\" width=\"([^\"]*)\" "
            + "height=\"([^\"]*)\"");

    private static java.util.List<String> segments(String html) {
        var out = new java.util.ArrayList<String>();
        Matcher m = SEGMENT.matcher(html);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " x=" + m.group(4) + " w=" + m.group(6) + " y=" + m.group(5)
                    + " h=" + m.group(7));
        }
        return out;
    }
}
