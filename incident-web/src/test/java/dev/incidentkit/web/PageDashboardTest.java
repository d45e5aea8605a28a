package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.web.WebHarness.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dashboard over a story on the harness's manual clock: at 14:00 carl declares w (SEV-3,
 * web), b (SEV-1, db), c (SEV-2, checkout), e (SEV-4, checkout) and x (SEV-2, web), and cancels
 * x; rita acknowledges e at 14:04; carl resolves e at 15:04.
 */
@DisplayName("the dashboard: active incidents most severe first with their SLA clocks, MTTA and MTTR, volumes, responders")
class PageDashboardTest {

    private static final Pattern ROW = Pattern.compile("<tr data-incident=\"([^\"]+)\">(.*?)</tr>", Pattern.DOTALL);

    private final WebHarness h = new WebHarness();
    private String w;
    private String b;
    private String c;
    private String e;
    private String x;

    @BeforeEach
    void declare() {
        w = h.declare("Web errors", "SEV-3", "web");
        b = h.declare("Database down", "SEV-1", "db");
        c = h.declare("Checkout latency", "SEV-2", "checkout");
        e = h.declare("Checkout typo", "SEV-4", "checkout");
        x = h.declare("False alarm", "SEV-2", "web");
        run(x, "cancel", "carl", "{\"reason\":\"not an incident\"}");
    }

    @AfterEach
    void stop() {
        h.close();
    }


    private void run(String id, String command, String user, String json) {
        Reply r = h.post("/api/v1/incidents/" + id + "/" + command, user, json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private String dashboard() {
        return assertPage(h.get("/", "vera"), 200);
    }

    /** @return the active incidents' rows, by id, in the page's order */
    static Map<String, String> active(String html) {
        var out = new LinkedHashMap<String, String>();
        Matcher m = ROW.matcher(HtmlPages.between(html, "<table id=\"active-incidents\">", "</table>"));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** @return a table's body rows as their cells' text */
    static List<List<String>> table(String html) {
        var rows = new ArrayList<List<String>>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(HtmlPages.between(html, "<tbody>", "</tbody>"));
        while (row.find()) {
            var cells = new ArrayList<String>();
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(row.group(1));
            while (cell.find()) {
                cells.add(HtmlPages.decode(cell.group(1).replaceAll("<[^>]*>", "")).strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String section(String html, String heading) {
        return HtmlPages.between(html, heading, "</table>");
    }

    @Test
    @DisplayName("only active incidents (open to mitigated), most severe first, whatever the order they were declared in")
    void activeOnly() {
        Map<String, String> rows = active(dashboard());

        assertThat(rows.keySet()).containsExactly(b, c, w, e);
        assertThat(rows.get(b)).contains("<span class=\"badge sev-1\">SEV-1</span>").contains("Database down")
                .contains("<td>Open</td>").contains("<td>db</td>");

        h.clock.advance(Duration.ofMinutes(4));
        run(e, "acknowledge", "rita", "{}");
        run(c, "mitigate", "carl", "{}");
        h.clock.advance(Duration.ofHours(1));
        run(e, "resolve", "carl", "{}");

        rows = active(dashboard());
        assertThat(rows.keySet()).containsExactly(b, c, w);
        assertThat(rows.get(c)).contains("<td>Mitigated</td>");
        assertThat(rows.get(b)).contains("<td>1h 04m</td>");
    }

    @Test
    @DisplayName("SLA clocks: time left, then breached once the clock passes the SEV-1 acknowledgement target of 15 minutes")
    void slaClocks() {
        Map<String, String> at0 = active(dashboard());
        assertThat(at0.get(b)).contains("<span class=\"sla pending\">Acknowledge: 15m left</span>")
                .doesNotContain("breached");
        assertThat(at0.get(c)).contains("Acknowledge: 30m left");

        h.clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertThat(active(dashboard()).get(b)).contains("Acknowledge: 1s left").doesNotContain("breached");

        h.clock.advance(Duration.ofSeconds(61));
        Map<String, String> later = active(dashboard());
        assertThat(later.get(b)).contains("<span class=\"sla breached\">Acknowledge: breached, 1m over</span>");
        assertThat(later.get(c)).contains("<span class=\"sla pending\">Acknowledge: 14m left</span>");

        run(b, "acknowledge", "rita", "{}");
        run(c, "acknowledge", "rita", "{}");
        Map<String, String> acknowledged = active(dashboard());
        assertThat(acknowledged.get(b)).as("a late acknowledgement stays a breach").contains("Acknowledge: breached, 1m over")
                .contains("Resolve: 44m left");
        assertThat(acknowledged.get(c)).as("a met clock is no longer shown").doesNotContain("Acknowledge:")
                .contains("Resolve: 3h 44m left");
    }

    @Test
    @DisplayName("MTTA and MTTR read - without data, then the acknowledgement's and the resolution's means; responders by first acknowledgement")
    void figures() {
        String before = dashboard();
        assertThat(before).contains("<dt>MTTA</dt><dd>-</dd>").contains("<dt>MTTR</dt><dd>-</dd>")
                .contains("No acknowledgements yet.");

        h.clock.advance(Duration.ofMinutes(4));
        run(e, "acknowledge", "rita", "{}");
        h.clock.advance(Duration.ofHours(1));
        run(e, "resolve", "carl", "{}");

        String after = dashboard();
        assertThat(after).contains("<dt>MTTA</dt><dd>4m</dd>").contains("<dt>MTTR</dt><dd>1h 04m</dd>")
                .contains("<dt>Incidents</dt><dd>4</dd>");
        assertThat(table(section(after, "<table id=\"responders\">"))).containsExactly(List.of("rita", "1", "4m"));
    }

    @Test
    @DisplayName("volume by severity lists every severity; by service most first; canceled incidents are left out")
    void volumes() {
        String html = dashboard();

        assertThat(table(section(html, "<h3>Volume by severity</h3>"))).containsExactly(
                List.of("SEV-1", "1", ""), List.of("SEV-2", "1", ""), List.of("SEV-3", "1", ""), List.of("SEV-4", "1", ""));
        List<List<String>> services = table(section(html, "<h3>Volume by service</h3>"));
        assertThat(services.get(0)).containsExactly("checkout", "2", "");
        assertThat(services.subList(1, 3)).containsExactlyInAnyOrder(List.of("db", "1", ""), List.of("web", "1", ""));
        assertThat(services).hasSize(3);
        assertThat(section(html, "<h3>Volume by service</h3>")).contains("<meter min=\"0\" max=\"2\" value=\"2\"");
    }

    @Test
    @DisplayName("recent activity names the incidents' latest entries, newest first, linked to their pages")
    void activity() {
        h.clock.advance(Duration.ofMinutes(4));
        run(e, "acknowledge", "rita", "{\"note\":\"on it\"}");

        String list = HtmlPages.between(dashboard(), "<ol id=\"activity\" class=\"timeline\">", "</ol>");

        assertThat(list).contains("<a href=\"/incidents/" + e + "\">" + e + "</a>").contains("<q dir=\"auto\">on it</q>");
        assertThat(list.indexOf(e)).as("the newest first").isLessThan(list.indexOf(b));
        assertThat(list).contains("<time datetime=\"2025-08-23T14:04:00Z\">14:04</time>");
    }
}
