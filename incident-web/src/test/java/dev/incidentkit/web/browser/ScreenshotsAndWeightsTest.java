package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Screenshots of the dashboard, an incident, the metrics and the public status page (to {@code target/screenshots}), and
 * what each page costs to load with an empty cache (to {@code target/page-weights.txt}), on a server without logins
 * holding the walkthrough and a few active incidents.
 */
@DisplayName("In a browser: screenshots of the main pages and what every page weighs")
class ScreenshotsAndWeightsTest {

    static Server server;
    static Browser browser;
    static String active;

    @BeforeAll
    static void start() {
        server = Server.local();
        Fixtures.walkthrough(server.incidents, server.clock);
        active = server.declare(Optional.empty(), "Payment gateway timeouts", "SEV-1", "payments",
                "Card payments time out after 30 s for about a third of attempts.");
        server.command(Optional.empty(), active, "acknowledge", Server.JSON.createObjectNode().put("note", "Paging the gateway team"));
        server.command(Optional.empty(), active, "notes", Server.JSON.createObjectNode().put("note", "Gateway status page reports degraded performance"));
        server.command(Optional.empty(), active, "correlate", Server.JSON.createObjectNode().put("service", "checkout"));
        server.incidents.postPublicUpdate(active, "Card payments failing", PublicStatus.INVESTIGATING,
                ComponentStatus.PARTIAL_OUTAGE, "Some card payments fail. We are investigating.", CommandContext.as("local"));
        server.incidents.postPublicUpdate(active, "Card payments failing", PublicStatus.IDENTIFIED,
                ComponentStatus.PARTIAL_OUTAGE, "Our payment provider has an outage; we are routing payments around it.",
                CommandContext.as("local"));
        String search = server.declare(Optional.empty(), "Search results empty for some queries", "SEV-3", "search", "");
        server.command(Optional.empty(), search, "investigate", Server.JSON.createObjectNode().put("note", "Reindexing"));
        server.declare(Optional.empty(), "Slow image thumbnails", "SEV-4", "media", "");
        // Ages and SLA clocks as a person would see them a while after the declarations.
        server.clock.advance(java.time.Duration.ofMinutes(12));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, server);
    }

    @Test
    @DisplayName("dashboard: screenshot and weight")
    void dashboard() throws Exception {
        PageWeight.Weight w = PageWeight.measureCold(browser, server.uri(), "/", "dashboard");
        assertThat(browser.driver().findElements(By.cssSelector("#active-incidents tr[data-incident]"))).hasSize(3);
        shot("dashboard");
        assertThat(w.entries()).extracting(PageWeight.Entry::name)
                .anySatisfy(n -> assertThat(n).contains("/assets/app.js"))
                .anySatisfy(n -> assertThat(n).contains("/assets/app.css"));
    }

    @Test
    @DisplayName("incident page: screenshot and weight")
    void incident() throws Exception {
        PageWeight.measureCold(browser, server.uri(), "/incidents/" + active, "incident");
        shot("incident");
    }

    @Test
    @DisplayName("metrics page: screenshot and weight")
    void metrics() throws Exception {
        PageWeight.measureCold(browser, server.uri(), "/metrics", "metrics");
        assertThat(browser.driver().findElements(By.cssSelector("figure.chart svg[role=img]"))).isNotEmpty();
        shot("metrics");
    }

    @Test
    @DisplayName("public status page: screenshot and weight, without the dashboard's assets")
    void status() throws Exception {
        PageWeight.Weight w = PageWeight.measureCold(browser, server.uri(), "/status", "status");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Partial outage");
        shot("status");
        assertThat(w.entries()).extracting(PageWeight.Entry::name).noneSatisfy(n -> assertThat(n).contains("/assets/"));
    }

    @Test
    @DisplayName("declaration form and incident list: weight")
    void others() {
        PageWeight.measureCold(browser, server.uri(), "/incidents/new", "declare");
        PageWeight.measureCold(browser, server.uri(), "/incidents", "list");
        // The same page again, its assets now cached (immutable, named by their hash): the document alone crosses.
        browser.open(server.uri(), "/incidents");
        PageWeight.Weight warm = PageWeight.measure(browser, "list-cached");
        assertThat(warm.entries().subList(1, warm.requests())).allSatisfy(e -> assertThat(e.transferBytes()).isZero());
    }

    private static void shot(String name) throws Exception {
        Path png = browser.screenshot(name);
        assertThat(Files.size(png)).isPositive();
    }
}
