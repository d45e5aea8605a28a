package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.testkit.Fixtures;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * axe-core on every page, each with data on it, on a server with logins (so that the login page
 * and the 403 page exist): no violation of impact serious or critical. Each page's results go to
 * {@code target/axe/<page>.txt}, all of them to {@code target/axe/summary.txt}.
 */
@DisplayName("In a browser: axe finds no serious or critical accessibility violation on any page")
class AccessibilityTest {

    @TempDir
    static Path dir;
    static Server server;
    static Browser browser;
    static String walkthrough;
    static String active;
    static String escalated;

    @BeforeAll
    static void start() {
        server = Server.withLogins(dir);
        walkthrough = Fixtures.walkthrough(server.incidents, server.clock).id();
        Fixtures.hostile(server.incidents, server.clock);
        active = server.declare(Optional.of("carl"), "Search results empty", "SEV-3", "search", "Declared by carl");
        server.command(Optional.of("carl"), active, "acknowledge", Server.JSON.createObjectNode().put("note", "On it"));
        // Escalated by the policy whose id, and whose first level's person, is the hostile text.
        escalated = server.declare(Optional.of("carl"), "Payments refused", "SEV-1", "payments", "Declared by carl");
        server.escalator.orElseThrow().tick();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, server);
    }

    @BeforeEach
    void loggedOut() {
        browser.driver().manage().deleteAllCookies();
    }

    static void logIn(String user) {
        browser.open(server.uri(), "/login");
        browser.byLabel("User").sendKeys(user);
        browser.byLabel("Password").sendKeys(Server.PASSWORD);
        browser.button("Log in").click();
        browser.await("to leave the login page", d -> !browser.path().startsWith("/login") ? true : null);
    }

    static void check(String path, String page) {
        browser.open(server.uri(), path);
        Accessibility.check(browser.driver(), page);
    }

    @Test
    @DisplayName("login page, also after a failed login")
    void login() {
        check("/login", "login");
        browser.byLabel("User").sendKeys("carl");
        browser.byLabel("Password").sendKeys("not the password");
        browser.button("Log in").click();
        browser.await("the failed login's message", d -> d.findElement(By.tagName("body")).getText().contains("password") ? true : null);
        Accessibility.check(browser.driver(), "login-failed");
    }

    @Test
    @DisplayName("dashboard")
    void dashboard() {
        logIn("carl");
        check("/", "dashboard");
    }

    @Test
    @DisplayName("declaration form, empty and with an error shown")
    void declare() {
        logIn("carl");
        check("/incidents/new", "declare");
        browser.byLabel("Title").sendKeys("   ");
        browser.byLabel("Service").sendKeys("checkout");
        browser.button("Create Incident").click();
        browser.await("#error-title", d -> d.findElements(By.id("error-title")).isEmpty() ? null : true);
        Accessibility.check(browser.driver(), "declare-error");
    }

    @Test
    @DisplayName("incident pages: the active one with every action opened, the walkthrough's, an escalated one")
    void incident() {
        logIn("carl");
        check("/incidents/" + active, "incident");
        for (WebElement s : browser.driver().findElements(By.cssSelector("details.action > summary"))) {
            s.click();
        }
        Accessibility.check(browser.driver(), "incident-actions-open");
        check("/incidents/" + walkthrough, "incident-closed");
        check("/incidents/" + escalated, "incident-escalated");
        assertThat(browser.driver().findElement(By.id("escalation-line")).getText()).startsWith("Escalation (").contains("level 2 due");
    }

    @Test
    @DisplayName("incident page with the communication forms previewed: the status update with an error, the public update as customers see it")
    void incidentPreviews() {
        logIn("carl");
        check("/incidents/" + active + "?preview=status-update&next_action=Restart&next_update_minutes=soon",
                "incident-status-update-preview");
        assertThat(browser.driver().findElement(By.id("su-minutes-error")).getText()).contains("whole number of minutes");
        check("/incidents/" + active + "?preview=public-update&title=Search%20issues&status=identified&impact=partial_outage"
                + "&message=We%20found%20the%20cause.", "incident-public-update-preview");
        assertThat(browser.driver().findElement(By.cssSelector("#public-update-preview .status-card")).getText())
                .contains("Identified: Search issues");
    }

    @Test
    @DisplayName("incident list, filtered")
    void list() {
        logIn("carl");
        check("/incidents", "list");
        check("/incidents?status=resolved&severity=SEV-2&service=checkout&text=latency", "list-filtered");
    }

    @Test
    @DisplayName("on call, with a hostile name, a running escalation, and with each schedule's table of shifts open")
    void onCall() {
        logIn("carl");
        check("/oncall", "oncall");
        assertThat(browser.driver().findElements(By.cssSelector("figure.oncall-picture svg[role=img]"))).hasSize(2);
        assertThat(browser.driver().findElement(By.cssSelector("table.escalations")).getText()).contains(escalated);
        // For a look at the picture: target/screenshots/oncall.png.
        browser.screenshot("oncall");
        for (WebElement s : browser.driver().findElements(By.cssSelector("details.chart-data > summary"))) {
            s.click();
        }
        Accessibility.check(browser.driver(), "oncall-tables-open");
    }

    @Test
    @DisplayName("metrics")
    void metrics() {
        logIn("carl");
        check("/metrics", "metrics");
        assertThat(browser.driver().findElements(By.cssSelector("figure.chart svg[role=img]"))).isNotEmpty();
    }

    @Test
    @DisplayName("alerts: the Alerts page (firing, resolved) and an incident with its alerts")
    void alerts() {
        String id = server.postAlerts("/api/v1/alerts/alertmanager", "alertmanager-firing.json").get("alerts").get(0)
                .get("incident_id").asText();
        server.postAlerts("/v2/enqueue", "pagerduty-trigger.json");
        server.postAlerts("/v2/enqueue", "pagerduty-resolve.json");
        logIn("carl");
        check("/alerts", "alerts");
        assertThat(browser.driver().findElement(By.id("firing-alerts")).getText()).contains("Checkout p99 latency above 2s");
        assertThat(browser.driver().findElement(By.id("resolved-alerts")).getText()).contains("DISK at 99%");
        check("/incidents/" + id, "incident-with-alerts");
        assertThat(browser.driver().findElement(By.id("alerts")).getText()).contains("Checkout p99 latency above 2s");
        check("/metrics", "metrics-with-alerts");
        assertThat(browser.driver().findElement(By.id("alert-figures")).getText()).isNotBlank();
    }

    @Test
    @DisplayName("404 for an unknown incident")
    void notFound() {
        logIn("carl");
        check("/incidents/INC-2099-999", "not-found");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    }

    @Test
    @DisplayName("403 for a user without a role")
    void notAllowed() {
        logIn(Server.NO_ROLE);
        check("/", "not-allowed");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    }
}
