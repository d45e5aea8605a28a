package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.web.WebHarness.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("pages offer what the role may do: viewer vera, responder rita, commander carl, nora without a role")
class PageRolesTest {

    private final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private String declare(String severity) {
        Reply r = h.post("/api/v1/incidents", "carl", "{\"title\":\"Checkout latency\",\"severity\":\"" + severity
                + "\",\"service\":\"checkout\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("incident").get("id").asText();
    }

    private String page(String path, String user) {
        return assertPage(h.get(path, user), 200);
    }

    /** @return the {@code data-api} of every form of the page */
    private static List<String> forms(String html) {
        return HtmlPages.tags(html).stream().filter(t -> t.name().equals("form"))
                .flatMap(t -> t.attribute("data-api").stream()).toList();
    }

    private static List<String> actions(String html, String id) {
        String api = "/api/v1/incidents/" + id + "/";
        return forms(html).stream().filter(f -> f.startsWith(api)).map(f -> f.substring(api.length())).toList();
    }

    @Test
    @DisplayName("a viewer's incident page offers no action: only the hash check")
    void viewer() {
        String id = declare("SEV-2");

        String html = page("/incidents/" + id, "vera");

        assertThat(html).doesNotContain("details class=\"action\"").contains("Your role allows no action");
        assertThat(forms(html)).containsExactly("/api/v1/incidents/" + id + "/verify");
        assertThat(HtmlPages.tags(html)).filteredOn(t -> t.name().equals("form"))
                .allSatisfy(t -> assertThat(t.attribute("data-method")).hasValue("GET"));
    }

    @Test
    @DisplayName("a responder is offered Acknowledge on an open incident, not Close, Escalate, Cancel or Assign")
    void responder() {
        String id = declare("SEV-2");

        List<String> offered = actions(page("/incidents/" + id, "rita"), id);

        assertThat(offered).contains("acknowledge", "notes", "verify")
                .doesNotContain("close", "cancel", "escalate", "downgrade", "assign", "mark-duplicate", "reopen");
    }

    @Test
    @DisplayName("a responder's offer follows the status: after acknowledging, no Acknowledge but Investigate")
    void responderFollowsStatus() {
        String id = declare("SEV-2");
        assertThat(h.post("/api/v1/incidents/" + id + "/acknowledge", "rita", "{}").status()).isEqualTo(200);

        List<String> offered = actions(page("/incidents/" + id, "rita"), id);

        assertThat(offered).doesNotContain("acknowledge", "close").contains("investigate");
    }

    @Test
    @DisplayName("a commander sees Escalate and Downgrade as the severity allows: no Escalate on SEV-1, no Downgrade on SEV-4")
    void commanderSeverities() {
        String sev1 = declare("SEV-1");
        String sev2 = declare("SEV-2");
        String sev4 = declare("SEV-4");

        String one = page("/incidents/" + sev1, "carl");
        String two = page("/incidents/" + sev2, "carl");
        String four = page("/incidents/" + sev4, "carl");

        assertThat(actions(one, sev1)).doesNotContain("escalate").contains("downgrade");
        assertThat(actions(two, sev2)).contains("escalate", "downgrade");
        assertThat(actions(four, sev4)).contains("escalate").doesNotContain("downgrade");
        assertThat(options(two, "escalate-severity")).containsExactly("SEV-1");
        assertThat(options(two, "downgrade-severity")).containsExactly("SEV-3", "SEV-4");
        assertThat(options(one, "downgrade-severity")).containsExactly("SEV-2", "SEV-3", "SEV-4");
        assertThat(options(four, "escalate-severity")).containsExactly("SEV-1", "SEV-2", "SEV-3");
    }

    @Test
    @DisplayName("the dashboard's and the list's Declare Incident button is the commander's and responder's, not the viewer's")
    void declareButton() {
        assertThat(page("/", "vera")).doesNotContain("Declare Incident").doesNotContain("href=\"/incidents/new\"");
        assertThat(page("/incidents", "vera")).doesNotContain("Declare Incident");
        assertThat(page("/", "carl")).contains("<a class=\"button declare\" href=\"/incidents/new\">Declare Incident</a>");
        assertThat(page("/incidents", "carl")).contains("Declare Incident");
        assertThat(assertPage(h.get("/incidents/new", "vera"), 403)).contains("vera may not declare incidents.")
                .doesNotContain("data-api=\"/api/v1/incidents\"");
        assertThat(page("/incidents/new", "rita")).contains("data-api=\"/api/v1/incidents\"");
    }

    @Test
    @DisplayName("a user without any role reads no page: 403 everywhere, and the page names no incident")
    void noRole() {
        String id = declare("SEV-2");
        for (String path : List.of("/", "/incidents", "/incidents/" + id, "/metrics", "/incidents/new")) {
            String html = assertPage(h.get(path, "nora"), 403);
            assertThat(html).as(path).contains("Error 403").doesNotContain("Checkout latency");
        }
    }

    /** @return the option values of a select */
    private static List<String> options(String html, String selectId) {
        String select = HtmlPages.between(html, "<select id=\"" + selectId + "\"", "</select>");
        return HtmlPages.tags(select).stream().filter(t -> t.name().equals("option"))
                .flatMap(t -> t.attribute("value").stream()).toList();
    }
}
