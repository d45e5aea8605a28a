package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

@DisplayName("In a browser: the dashboard lists the active incidents with their columns, the activity and the metrics; unknown pages are 404")
class DashboardTest {

    static Server server;
    static Browser browser;
    static String walkthrough;
    static String active;
    static String canceled;

    @BeforeAll
    static void start() {
        server = Server.local();
        walkthrough = Fixtures.walkthrough(server.incidents, server.clock).id();
        active = server.declare(Optional.empty(), "Payment gateway timeouts", "SEV-2", "payments", "");
        server.command(Optional.empty(), active, "acknowledge", Server.JSON.createObjectNode().put("role", "commander"));
        canceled = server.declare(Optional.empty(), "False alarm", "SEV-4", "search", "");
        server.command(Optional.empty(), canceled, "cancel", Server.JSON.createObjectNode().put("reason", "No impact"));
        server.clock.advance(Duration.ofMinutes(23));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, server);
    }

    @Test
    @DisplayName("one row per active incident, linked, with severity badge, status, service, age, commander and SLA")
    void activeIncidents() {
        browser.open(server.uri(), "/");

        assertThat(browser.driver().findElements(By.cssSelector("#active-incidents thead th"))).extracting(WebElement::getText)
                .containsExactly("Incident", "Severity", "Status", "Service", "Age", "Commander", "SLA");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#active-incidents tbody tr[data-incident]"));
        assertThat(rows).extracting(r -> r.getAttribute("data-incident")).containsExactly(active);
        List<WebElement> cells = rows.get(0).findElements(By.tagName("td"));
        assertThat(cells.get(0).findElement(By.tagName("a")).getAttribute("href")).isEqualTo(server.origin() + "/incidents/" + active);
        WebElement badge = cells.get(1).findElement(By.cssSelector("span.badge"));
        assertThat(badge.getAttribute("class")).contains("sev-2");
        assertThat(badge.getText()).isEqualTo("SEV-2");
        assertThat(cells.get(2).getText()).isEqualToIgnoringCase("Acknowledged");
        assertThat(cells.get(3).getText()).isEqualTo("payments");
        assertThat(cells.get(4).getText()).isEqualTo("23m");
        assertThat(cells.get(5).getText()).isEqualTo("local");
        assertThat(cells.get(6).getText()).isNotBlank();
    }

    @Test
    @DisplayName("recent activity across incidents, and MTTA, MTTR and the volumes")
    void activityAndMetrics() {
        browser.open(server.uri(), "/");

        String activity = browser.driver().findElement(By.id("activity")).getText();
        assertThat(activity).contains(walkthrough, active, canceled, Fixtures.WALKTHROUGH_ACK_NOTE);
        String metrics = browser.driver().findElement(By.id("dashboard-metrics")).getText();
        assertThat(metrics).contains("MTTA", "MTTR", "Volume by severity", "Volume by service", "checkout", "payments");
        // The walkthrough was acknowledged 2 minutes and resolved 45 minutes after its declaration.
        assertThat(metrics).contains("45m");
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).containsIgnoringCase("Response times");
    }

    @Test
    @DisplayName("an unknown incident and an unknown page are 404 pages headed Not found")
    void notFound() {
        for (String path : List.of("/incidents/INC-2099-999", "/no/such/page")) {
            assertThat(server.get(path).statusCode()).as(path).isEqualTo(404);
            browser.open(server.uri(), path);
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).as(path).isEqualTo("Not found");
        }
    }
}
