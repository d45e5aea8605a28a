package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.testkit.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

@DisplayName("In a browser: the live regions refresh in place, without a reload, and leave what a person is typing alone")
class LiveRefreshTest {

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
    @DisplayName("an incident declared through the API appears on the open dashboard with the next refresh, the page never reloaded")
    void newIncidentAppears() {
        browser.open(server.uri(), "/");
        browser.script("window.__mark = 'still here'");
        long navigations = Pages.navigations(browser);
        int before = Pages.refreshes(browser);

        String id = server.declare(Optional.empty(), "Search results empty", "SEV-3", "search", "Declared by the API");
        long declared = System.nanoTime();

        WebElement row = browser.await("a dashboard row for " + id, Pages.REFRESH.multipliedBy(2).plusSeconds(2),
                d -> d.findElements(By.cssSelector("#active-incidents tr[data-incident='" + id + "']")).stream()
                        .findFirst().orElse(null));
        long millis = (System.nanoTime() - declared) / 1_000_000;

        // A refresh already under way when it was declared may have missed it; the one after may not.
        assertThat(Pages.refreshes(browser)).as("refreshes it took").isBetween(before + 1, before + 2);
        assertThat(millis).as("ms until the row appeared").isLessThan(Pages.REFRESH.toMillis() * 2);
        assertThat(browser.script("return window.__mark")).isEqualTo("still here");
        assertThat(Pages.navigations(browser)).isEqualTo(navigations);
        WebElement link = row.findElement(By.cssSelector("td:first-child a, th:first-child a"));
        assertThat(link.getAttribute("href")).isEqualTo(server.origin() + "/incidents/" + id);
        assertThat(row.getText()).contains("SEV-3", "search");
        assertThat(browser.driver().findElement(By.id("activity")).getText()).contains(id);
        System.out.printf("LiveRefreshTest: %s appeared on the dashboard %d ms after its declaration%n", id, millis);
    }

    @Test
    @DisplayName("half a note typed on the incident page keeps its text and the focus through two refreshes")
    void typingSurvivesRefreshes() {
        String id = server.declare(Optional.empty(), Fixtures.WALKTHROUGH_TITLE, "SEV-2", "checkout", "");
        browser.open(server.uri(), "/incidents/" + id);
        long navigations = Pages.navigations(browser);
        WebElement details = Pages.openAction(browser, "Add update");
        WebElement note = Browser.byLabel(details, "Update");
        note.click();
        note.sendKeys("Found slow query in orders ta");
        int before = Pages.refreshes(browser);

        Pages.awaitRefreshes(browser, before, 2);
        // Something recorded meanwhile must reach the page too, while the typing stays.
        server.command(Optional.empty(), id, "notes", Server.JSON.createObjectNode().put("note", "Paged the DBA"));
        Pages.awaitRefreshes(browser, Pages.refreshes(browser), 2);

        assertThat(ExpectedConditions.stalenessOf(note).apply(browser.driver()))
                .as("the textarea was replaced by a refresh").isFalse();
        assertThat(note.getAttribute("value")).isEqualTo("Found slow query in orders ta");
        assertThat(browser.script("return document.activeElement === arguments[0]", note)).isEqualTo(true);
        assertThat(details.getAttribute("open")).isNotNull();
        assertThat(Pages.navigations(browser)).isEqualTo(navigations);
        List<WebElement> live = browser.driver().findElements(By.cssSelector("[data-live]"));
        assertThat(live).as("live regions").isNotEmpty()
                .allSatisfy(r -> assertThat(r.getAttribute("id")).isNotBlank())
                .allSatisfy(r -> assertThat(r.findElements(By.tagName("form"))).as("forms in a live region").isEmpty());
        Pages.awaitTimeline(browser, "Paged the DBA");

        note.sendKeys("ble");
        assertThat(note.getAttribute("value")).isEqualTo("Found slow query in orders table");
    }

    @Test
    @DisplayName("when someone else moves the incident on, the incident page says its actions are out of date, without a reload")
    void staleActionsAreNamed() {
        String id = server.declare(Optional.empty(), "Checkout 502s", "SEV-2", "checkout", "");
        browser.open(server.uri(), "/incidents/" + id);
        long navigations = Pages.navigations(browser);
        assertThat(browser.driver().findElement(By.id("actions-stale")).getText()).isEmpty();

        server.command(Optional.empty(), id, "resolve", Server.JSON.createObjectNode().put("note", "Fixed elsewhere"));

        browser.await("the actions named out of date", Pages.REFRESH.multipliedBy(2).plusSeconds(2),
                d -> d.findElement(By.id("actions-stale")).getText().contains("reload") ? true : null);
        assertThat(browser.driver().findElement(By.cssSelector("#head .status")).getText()).isEqualTo("Resolved");
        assertThat(Pages.navigations(browser)).isEqualTo(navigations);
    }
}
