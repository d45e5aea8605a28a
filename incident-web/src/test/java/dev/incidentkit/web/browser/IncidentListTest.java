package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

@DisplayName("In a browser: the incident list's filters stay in the URL and its pages list every incident once")
class IncidentListTest {

    static final int CHECKOUT = 70;
    static Server server;
    static Browser browser;

    @BeforeAll
    static void start() {
        server = Server.local();
        CommandContext someone = CommandContext.as("carl");
        for (int i = 0; i < CHECKOUT; i++) {
            server.incidents.declare(Declare.of("Checkout latency " + i, Severity.SEV2, "checkout"), someone);
        }
        server.incidents.declare(Declare.of("Search outage", Severity.SEV1, "search"), someone);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, server);
    }

    @Test
    @DisplayName("filtering by service through the form keeps the values in the URL and the fields; Next page walks all 70 once")
    void filterAndPages() {
        browser.open(server.uri(), "/incidents");
        WebElement form = browser.driver().findElement(By.cssSelector("form[method=get], form:not([method])"));
        Browser.byLabel(form, "Service").sendKeys("checkout");
        new Select(Browser.byLabel(form, "Severity")).selectByValue("SEV-2");
        Browser.byLabel(form, "Service").submit();
        browser.await("the filtered list", d -> browser.path().contains("service=checkout") ? true : null);
        assertThat(browser.path()).startsWith("/incidents?").contains("severity=SEV-2");
        assertThat(browser.byLabel("Service").getAttribute("value")).isEqualTo("checkout");
        assertThat(new Select(browser.byLabel("Severity")).getFirstSelectedOption().getAttribute("value")).isEqualTo("SEV-2");

        Set<String> seen = new HashSet<>();
        int pages = 0;
        while (true) {
            pages++;
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#incident-list tbody tr"));
            assertThat(rows).isNotEmpty();
            for (WebElement r : rows) {
                String href = r.findElement(By.cssSelector("a[href*='/incidents/INC-']")).getAttribute("href");
                assertThat(seen.add(href)).as("listed twice: " + r.getText()).isTrue();
                assertThat(r.getText()).contains("checkout").doesNotContain("Search outage");
            }
            List<WebElement> next = browser.driver().findElements(By.linkText("Next page"));
            if (next.isEmpty()) {
                break;
            }
            assertThat(next.get(0).getAttribute("href")).contains("service=checkout").contains("severity=SEV-2");
            String before = browser.path();
            next.get(0).click();
            browser.await("the next page", d -> !browser.path().equals(before) ? true : null);
            assertThat(pages).as("pages").isLessThan(CHECKOUT + 1);
        }
        assertThat(seen).hasSize(CHECKOUT);
        assertThat(pages).as("a list of 70 has more than one page").isGreaterThan(1);
    }
}
