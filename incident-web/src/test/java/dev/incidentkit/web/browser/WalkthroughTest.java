package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.testkit.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

@DisplayName("In a browser, on a server without logins: the walkthrough from the dashboard to the postmortem, and a declaration refused")
class WalkthroughTest {

    static Server server;
    static Browser browser;

    @BeforeAll
    static void start() {
        server = Server.local();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, server);
    }

    @Test
    @DisplayName("declare from the dashboard, acknowledge, update, escalate, correlate, mitigate, resolve, postmortem, action item; exports answer and the chain is intact")
    void walkthrough() {
        browser.open(server.uri(), "/");
        WebElement declare = browser.driver().findElement(By.cssSelector("a.declare"));
        assertThat(declare.getText()).isEqualTo("Declare Incident");
        declare.click();
        browser.await("the declaration form", d -> browser.path().equals("/incidents/new") ? true : null);

        Pages.fillDeclaration(browser, Fixtures.WALKTHROUGH_TITLE, "SEV-2 (Major)", Fixtures.WALKTHROUGH_SERVICE,
                Fixtures.WALKTHROUGH_DESCRIPTION);
        String id = Pages.awaitIncidentPage(browser);

        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains(Fixtures.WALKTHROUGH_TITLE);
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .contains("SEV-2", Fixtures.WALKTHROUGH_SERVICE, Fixtures.WALKTHROUGH_DESCRIPTION);

        WebElement ack = Pages.openAction(browser, "Acknowledge");
        Browser.byLabel(ack, "Note").sendKeys(Fixtures.WALKTHROUGH_ACK_NOTE);
        assertThat(ack.findElement(By.cssSelector("textarea[name=note]")).getAttribute("value"))
                .isEqualTo(Fixtures.WALKTHROUGH_ACK_NOTE);
        ack.findElement(Browser.buttonBy("Acknowledge Incident")).click();
        Pages.awaitTimeline(browser, "acknowledged");
        assertThat(timeline()).anySatisfy(e -> assertThat(e).containsIgnoringCase("acknowledged by local"));
        Pages.awaitTimeline(browser, Fixtures.WALKTHROUGH_ACK_NOTE);

        Pages.act(browser, "Add update", Map.of("Update", Fixtures.WALKTHROUGH_NOTES.get(0)), Fixtures.WALKTHROUGH_NOTES.get(0));
        Pages.act(browser, "Escalate", Map.of("Severity", "SEV-1 (Critical)"), "SEV-1");
        Pages.act(browser, "Correlate service", Map.of("Service", "payments"), "payments");
        Pages.act(browser, "Mitigate", Map.of("Note", Fixtures.WALKTHROUGH_MITIGATE_NOTE), Fixtures.WALKTHROUGH_MITIGATE_NOTE);
        Pages.act(browser, "Resolve", Map.of("Note", Fixtures.WALKTHROUGH_RESOLVE_NOTE), Fixtures.WALKTHROUGH_RESOLVE_NOTE);
        Map<String, String> postmortem = new LinkedHashMap<>();
        postmortem.put("Summary", "A missing index on orders.created_at slowed checkout.");
        postmortem.put("Root cause", "Slow query in the orders table");
        Pages.act(browser, "Postmortem", postmortem, "ostmortem");
        Pages.act(browser, "Add action item", Map.of("What is to be done", "Add a query-time alert on orders", "Owner", "carl"), "Add a query-time alert on orders");

        assertThat(server.incidents.find(id).orElseThrow().status().wireName()).isEqualTo("resolved");
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .contains("SEV-1", "payments", "Add a query-time alert on orders");

        List<String> exports = browser.driver().findElements(By.cssSelector("a[href*='/export?format=']")).stream()
                .map(a -> a.getAttribute("href")).collect(Collectors.toList());
        assertThat(exports).extracting(h -> h.substring(h.indexOf("format=") + 7))
                .containsExactlyInAnyOrder("md", "json", "cloudevents", "text");
        for (String href : exports) {
            assertThat(href).startsWith(server.origin() + "/api/v1/incidents/" + id + "/export?format=");
            assertThat(Pages.fetchFromPage(browser, "GET", href.substring(server.origin().length()), ""))
                    .as(href).isEqualTo(200);
        }

        browser.button("Check hash chain").click();
        String verified = browser.await("a result in #verify-result", d -> {
            String t = d.findElement(By.id("verify-result")).getText();
            return t.isBlank() ? null : t;
        });
        assertThat(verified).matches("Hash chain intact: \\d+ events verified\\.");
        assertThat(verified).isEqualTo("Hash chain intact: " + server.incidents.history(id).size() + " events verified.");
    }

    @Test
    @DisplayName("a blank title is refused next to the Title field, which is marked invalid, and nothing is declared")
    void blankTitle() {
        long before = server.eventCount();
        browser.open(server.uri(), "/incidents/new");

        Pages.fillDeclaration(browser, "   ", "SEV-3 (Minor)", "checkout", "No title given");

        WebElement error = browser.await("an error shown in #error-title", d -> {
            List<WebElement> e = d.findElements(By.id("error-title"));
            return !e.isEmpty() && e.get(0).isDisplayed() && !e.get(0).getText().isBlank() ? e.get(0) : null;
        });
        assertThat(error.getAttribute("class")).contains("field-error");
        WebElement title = browser.byLabel("Title");
        assertThat(title.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(title.getAttribute("aria-describedby")).as("the error is tied to the field").contains("error-title");
        assertThat(browser.path()).doesNotMatch(Pages.INCIDENT_PATH.pattern());
        assertThat(server.eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("an empty title does not declare either: the browser or the server says why at the field")
    void emptyTitle() {
        long before = server.eventCount();
        browser.open(server.uri(), "/incidents/new");

        Pages.fillDeclaration(browser, "", "SEV-4 (Low)", "checkout", "No title given");

        // Either the browser's own validation (a required field) holds the form back, or the server's answer is shown.
        browser.await("the browser's or the server's refusal of the empty title", d -> {
            WebElement t = browser.byLabel("Title");
            boolean native_ = !String.valueOf(browser.script("return arguments[0].validationMessage", t)).isEmpty();
            boolean server_ = !d.findElements(By.cssSelector("#error-title")).isEmpty()
                    && !d.findElement(By.id("error-title")).getText().isBlank();
            return native_ || server_ ? true : null;
        });
        assertThat(browser.path()).doesNotMatch(Pages.INCIDENT_PATH.pattern());
        assertThat(server.eventCount()).isEqualTo(before);
    }

    private static List<String> timeline() {
        return browser.driver().findElements(By.cssSelector("#timeline li")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }
}
