package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.web.HtmlPages.Tag;
import dev.incidentkit.web.WebHarness.Reply;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the incidents list: filters in the URL, echoed in the form; pages of 25 by cursor, none repeated")
class PageListTest {

    private static final Pattern ROW = Pattern.compile("<tr data-incident=\"([^\"]+)\">");

    private final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }


    static List<String> rows(String html) {
        var out = new ArrayList<String>();
        Matcher m = ROW.matcher(HtmlPages.between(html, "<table id=\"incident-list\">", "</table>"));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** @return the values of a select's selected options */
    static List<String> selected(String html, String selectId) {
        String select = HtmlPages.between(html, "<select id=\"" + selectId + "\"", "</select>");
        return HtmlPages.tags(select).stream().filter(t -> t.name().equals("option") && t.attributes().contains("selected"))
                .map(t -> HtmlPages.decode(t.attribute("value").orElseThrow())).toList();
    }

    static String inputValue(String html, String id) {
        return HtmlPages.tags(html).stream().filter(t -> t.attribute("id").equals(Optional.of(id))).findFirst()
                .flatMap(t -> t.attribute("value")).map(HtmlPages::decode).orElseThrow();
    }

    static Optional<String> next(String html) {
        return HtmlPages.tags(html).stream().filter(t -> t.attribute("rel").equals(Optional.of("next")))
                .findFirst().flatMap(t -> t.attribute("href")).map(HtmlPages::decode);
    }

    @Test
    @DisplayName("without filters: every incident, Any selected, empty inputs, no Clear filters")
    void unfiltered() {
        String a = h.declare("Checkout latency", "SEV-2", "checkout");
        String b = h.declare("Login errors", "SEV-1", "auth");

        String html = assertPage(h.get("/incidents", "vera"), 200);

        assertThat(rows(html)).containsExactlyInAnyOrder(a, b);
        assertThat(selected(html, "f-status")).containsExactly("");
        assertThat(selected(html, "f-severity")).containsExactly("");
        assertThat(inputValue(html, "f-service")).isEmpty();
        assertThat(inputValue(html, "f-text")).isEmpty();
        assertThat(html).doesNotContain("Clear filters").doesNotContain("rel=\"next\"");
    }

    @Test
    @DisplayName("filters from the URL select the rows and are echoed back selected in the form, with Clear filters")
    void filtersEchoed() {
        String match = h.declare("Checkout latency", "SEV-1", "checkout");
        h.declare("Checkout latency", "SEV-2", "checkout");
        h.declare("Checkout latency", "SEV-1", "web");
        h.declare("Login errors", "SEV-1", "checkout");
        String resolved = h.declare("Checkout latency again", "SEV-1", "checkout");
        assertThat(h.post("/api/v1/incidents/" + resolved + "/resolve", "carl", "{}").status()).isEqualTo(200);

        String html = assertPage(h.get("/incidents?status=active&severity=SEV-1&service=checkout&text=latency", "vera"), 200);

        assertThat(rows(html)).containsExactly(match);
        assertThat(selected(html, "f-status")).containsExactly("active");
        assertThat(selected(html, "f-severity")).containsExactly("SEV-1");
        assertThat(inputValue(html, "f-service")).isEqualTo("checkout");
        assertThat(inputValue(html, "f-text")).isEqualTo("latency");
        assertThat(html).contains("<a href=\"/incidents\">Clear filters</a>");
        // The form sends the filters back to the list by GET: the URL keeps them.
        Tag form = HtmlPages.tags(html).stream().filter(t -> t.name().equals("form") && t.attribute("role").equals(Optional.of("search")))
                .findFirst().orElseThrow();
        assertThat(form.attribute("method")).hasValue("get");
        assertThat(form.attribute("action")).hasValue("/incidents");

        String resolvedList = assertPage(h.get("/incidents?status=resolved", "vera"), 200);
        assertThat(rows(resolvedList)).containsExactly(resolved);
        assertThat(selected(resolvedList, "f-status")).containsExactly("resolved");
    }

    @Test
    @DisplayName("a severity in a spelling the API accepts (P1, 1, sev1) filters the list and is echoed as the select's option")
    void severityAliasEchoed() {
        String one = h.declare("Database down", "SEV-1", "db");
        h.declare("Checkout latency", "SEV-2", "checkout");
        for (String alias : List.of("P1", "1", "sev1", "SEV-1")) {
            String html = assertPage(h.get("/incidents?severity=" + alias, "vera"), 200);

            assertThat(rows(html)).as(alias).containsExactly(one);
            assertThat(selected(html, "f-severity")).as(alias + ": the form shows the filter it applied").containsExactly("SEV-1");
        }
    }

    @Test
    @DisplayName("a filter the form has no field for (commander, sort, ...) is still in the form, so that Filter does not drop it")
    void everyFilterInTheForm() {
        String id = h.declare("Database down", "SEV-1", "db");
        assertThat(h.post("/api/v1/incidents/" + id + "/assign", "carl", "{\"role\":\"commander\",\"assignee\":\"carl\"}").status())
                .isEqualTo(200);
        String query = "commander=carl&role_holder=carl&declared_from=2025-01-01T00:00:00Z&declared_before=2026-01-01T00:00:00Z"
                + "&sort=severity&order=asc";

        String html = assertPage(h.get("/incidents?" + query, "vera"), 200);

        assertThat(rows(html)).containsExactly(id);
        String form = HtmlPages.between(html, "<form class=\"filters\"", "</form>");
        List<String> names = HtmlPages.tags(form).stream().flatMap(t -> t.attribute("name").stream()).toList();
        assertThat(names).as("the fields the filter form submits")
                .contains("commander", "role_holder", "declared_from", "declared_before", "sort", "order");
    }

    @Test
    @DisplayName("a list longer than a page links the next page with the same filters and a cursor; following the links lists each match once")
    void paging() {
        var matching = new LinkedHashSet<String>();
        for (int i = 0; i < 57; i++) {
            matching.add(h.declare("Latency & errors " + i, i % 2 == 0 ? "SEV-2" : "SEV-3", "checkout"));
            if (i % 10 == 0) {
                h.declare("Latency & errors " + i, "SEV-2", "web");
                h.declare("Unrelated " + i, "SEV-2", "checkout");
            }
        }
        String first = "/incidents?service=checkout&text=" + java.net.URLEncoder.encode("y & e", java.nio.charset.StandardCharsets.UTF_8);

        var seen = new ArrayList<String>();
        var sizes = new ArrayList<Integer>();
        Optional<String> link = Optional.of(first);
        while (link.isPresent()) {
            assertThat(sizes).as("pages followed").hasSizeLessThan(5);
            String html = assertPage(h.get(link.get(), "vera"), 200);
            List<String> rows = rows(html);
            seen.addAll(rows);
            sizes.add(rows.size());
            assertThat(inputValue(html, "f-service")).isEqualTo("checkout");
            assertThat(inputValue(html, "f-text")).isEqualTo("y & e");
            link = next(html);
            link.ifPresent(l -> assertThat(l).startsWith("/incidents?").contains("service=checkout").contains("text=y+%26+e")
                    .containsPattern("[?&]cursor=[^&]+"));
        }

        assertThat(sizes).containsExactly(25, 25, 7);
        assertThat(seen).doesNotHaveDuplicates().hasSize(57);
        assertThat(Set.copyOf(seen)).isEqualTo(matching);
    }

    @Test
    @DisplayName("a limit in the URL sets the page size and is kept in the next link")
    void limitKept() {
        for (int i = 0; i < 5; i++) {
            h.declare("Checkout latency " + i, "SEV-3", "checkout");
        }

        String html = assertPage(h.get("/incidents?limit=2", "vera"), 200);

        assertThat(rows(html)).hasSize(2);
        assertThat(next(html)).hasValueSatisfying(l -> assertThat(l).contains("limit=2"));
        assertThat(rows(assertPage(h.get(next(html).orElseThrow(), "vera"), 200))).hasSize(2).doesNotContainAnyElementsOf(rows(html));
    }
}
