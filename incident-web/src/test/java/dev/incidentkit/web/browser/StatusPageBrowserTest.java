package dev.incidentkit.web.browser;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.statuspage.StatusPages;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.web.IncidentWeb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The public status page as a customer sees it, in headless Chromium, on a server that lets
 * nobody in (its one authenticator refuses every request): Acme's page with four components, one
 * active incident on checkout with two public updates, and one resolved three days earlier. The
 * screenshot {@code target/screenshots/status-acme.png} is the README's {@code docs/status.png}.
 */
@DisplayName("In a browser: the public status page, without logging in")
class StatusPageBrowserTest {

    static final Instant NOW = Instant.parse("2025-08-23T14:40:00Z");
    static final String INTERNAL_TITLE = "LB config push broke TLS on checkout-lb-2 (rollback by jane)";

    static ManualClock clock;
    static IncidentManager incidents;
    static IncidentWeb web;
    static Browser browser;
    static String active;
    static String resolved;

    @BeforeAll
    static void start() {
        clock = ManualClock.at(NOW.minus(Duration.ofDays(3)));
        incidents = IncidentKit.builder().store(new InMemoryEventStore()).clock(clock).build();
        resolved = incidents.declare(Declare.of("Mail relay queue backed up", Severity.SEV3, "notifications")
                .description("relay-3 disk full"), as("carl")).id();
        incidents.postPublicUpdate(resolved, "Delayed order confirmation emails", PublicStatus.INVESTIGATING,
                ComponentStatus.DEGRADED_PERFORMANCE,
                "Order confirmation emails are arriving up to 20 minutes late. Orders themselves are not affected.",
                as("carl"));
        clock.advance(Duration.ofMinutes(42));
        incidents.postPublicUpdate(resolved, "Delayed order confirmation emails", PublicStatus.RESOLVED,
                ComponentStatus.OPERATIONAL, "Emails are flowing normally again, and every delayed email has been sent.",
                as("carl"));
        incidents.resolve(resolved, "Disk cleaned up, alert added", as("carl"));

        clock.set(NOW.minus(Duration.ofMinutes(40)));
        active = incidents.declare(Declare.of(INTERNAL_TITLE, Severity.SEV2, "checkout")
                .description("502s on 30% of POST /pay"), as("carl")).id();
        incidents.addNote(active, "Rolling back change 4711", as("carl"));
        clock.advance(Duration.ofMinutes(5));
        incidents.postPublicUpdate(active, "Checkout errors", PublicStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE,
                "Some customers see an error when they pay. We are investigating.", as("carl"));
        clock.advance(Duration.ofMinutes(20));
        incidents.postPublicUpdate(active, "Checkout errors", PublicStatus.IDENTIFIED, ComponentStatus.PARTIAL_OUTAGE,
                "We found a faulty configuration change and are rolling it back.\n"
                        + "Payments that failed can be retried safely; no card was charged twice.", as("carl"));
        clock.set(NOW);
        web = IncidentWeb.builder(incidents).port(0)
                .authenticator(request -> Optional.empty())
                .statusPage(StatusPages.builder(incidents).components("checkout", "payments", "search", "notifications").build())
                .statusPageTitle("Acme status")
                .start();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, web, incidents);
    }

    @Test
    @DisplayName("shows the headline, the components in words, the active incident's two updates and the history; "
            + "loads nothing but the page, its stylesheet and icon")
    void whatACustomerSees() {
        browser.clearCache();
        browser.open(web.uri(), "/status");
        Pages.awaitLoaded(browser);

        assertThat(browser.driver().getTitle()).isEqualTo("Acme status: Partial outage");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Partial outage");
        List<String> components = browser.driver().findElements(By.cssSelector("#components li")).stream()
                .map(WebElement::getText).toList();
        assertThat(components).containsExactly("checkout\nPartial outage", "payments\nOperational", "search\nOperational",
                "notifications\nOperational");
        WebElement card = browser.driver().findElement(By.id(active));
        assertThat(card.findElement(By.tagName("h3")).getText()).isEqualTo("Checkout errors");
        List<WebElement> updates = card.findElements(By.cssSelector(".updates li"));
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).getText()).startsWith("Identified Aug 23, 14:25 UTC")
                .contains("rolling it back.\nPayments that failed");
        assertThat(updates.get(1).getText()).startsWith("Investigating Aug 23, 14:05 UTC");
        WebElement history = browser.driver().findElement(By.id("history"));
        assertThat(history.getText()).contains("Wednesday, August 20, 2025").contains("Delayed order confirmation emails")
                .contains("Resolved").contains("after 42 min");
        String page = browser.driver().findElement(By.tagName("body")).getText();
        assertThat(page).doesNotContain(INTERNAL_TITLE).doesNotContain("4711").doesNotContain("carl").doesNotContain("relay-3")
                .doesNotContain("Log out").doesNotContain("Dashboard");
        assertThat(browser.driver().findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("link[rel=alternate][type='application/atom+xml']")))
                .hasSize(1);

        PageWeight.Weight w = PageWeight.measure(browser, "status-acme");
        assertThat(w.entries()).extracting(PageWeight.Entry::name)
                .allSatisfy(n -> assertThat(n).startsWith(web.uri() + "status"));
    }

    @Test
    @DisplayName("axe finds no violation at all, with the history's updates closed and opened")
    void accessible() {
        browser.open(web.uri(), "/status");
        Results closed = Accessibility.check(browser.driver(), "status");
        assertThat(closed.getViolations()).as(Accessibility.describe(closed.getViolations())).isEmpty();
        for (WebElement s : browser.driver().findElements(By.cssSelector("#history details > summary"))) {
            s.click();
        }
        Results open = Accessibility.check(browser.driver(), "status-history-open");
        assertThat(open.getViolations()).as(Accessibility.describe(open.getViolations())).isEmpty();
        assertThat(browser.driver().findElement(By.id("history")).getText()).contains("every delayed email has been sent");
    }

    @Test
    @DisplayName("screenshot (the README's docs/status.png)")
    void screenshot() throws Exception {
        browser.open(web.uri(), "/status");
        Pages.awaitLoaded(browser);
        for (WebElement s : browser.driver().findElements(By.cssSelector("#history details > summary"))) {
            s.click();
        }
        Path png = browser.screenshot("status-acme");
        assertThat(Files.size(png)).isPositive();
    }
}
