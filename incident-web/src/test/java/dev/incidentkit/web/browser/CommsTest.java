package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.event.IncidentEvent.NoteAdded;
import dev.incidentkit.core.event.IncidentEvent.PublicUpdatePosted;
import dev.incidentkit.core.event.RecordedEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

@DisplayName("In a browser, as a commander: preview and post the internal status update and a public update, and see them on the timeline")
class CommsTest {

    @TempDir
    static Path dir;
    static Server server;
    static Browser browser;

    @BeforeAll
    static void start() {
        server = Server.withLogins(dir);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, server);
    }

    private static String incident() {
        String id = server.declare(Optional.of("carl"), "Checkout failures", "SEV-1", "checkout", "500s on checkout");
        server.command(Optional.of("carl"), id, "acknowledge", Server.JSON.createObjectNode().put("role", "commander"));
        server.command(Optional.of("carl"), id, "postmortem", Server.JSON.createObjectNode()
                .put("impact", "~30% of checkout attempts failing with 500 errors")
                .put("root_cause", "Database connection pool exhaustion"));
        return id;
    }

    private static void logIn(String user) {
        browser.driver().manage().deleteAllCookies();
        browser.open(server.uri(), "/login");
        browser.byLabel("User").sendKeys(user);
        browser.byLabel("Password").sendKeys(Server.PASSWORD);
        browser.button("Log in").click();
        browser.await("to leave the login page", d -> !browser.path().startsWith("/login") ? true : null);
    }

    /** @return the button of this text inside {@code scope} (Browser.buttonBy looks at the whole page) */
    private static WebElement button(WebElement scope, String text) {
        return scope.findElement(By.xpath(".//button[normalize-space()=" + Browser.xpathLiteral(text) + "]"));
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getAttribute("value");
    }

    @Test
    @DisplayName("Post update: drafted, edited, previewed in place, posted as a note; Post public update: previewed as customers see it, posted, marked Public")
    void previewAndPost() {
        String id = incident();
        logIn("carl");
        browser.open(server.uri(), "/incidents/" + id);
        Pages.awaitLoaded(browser);

        WebElement update = Pages.openAction(browser, "Post update");
        assertThat(text("su-text")).startsWith("\uD83D\uDD34 SEV-1 Incident: Checkout failures")
                .contains("Impact: ~30% of checkout attempts failing with 500 errors", "Team: @carl (IC)",
                        "Current theory: Database connection pool exhaustion", "Next action: not known yet",
                        "ETA to next update: 15 minutes");
        Browser.byLabel(update, "Next action").sendKeys("Restarting order-service pods");
        WebElement minutes = Browser.byLabel(update, "Next update in");
        minutes.clear();
        minutes.sendKeys("20");
        button(update, "Preview").click();
        browser.await("the previewed text", d -> text("su-text").contains("Next action: Restarting order-service pods")
                && text("su-text").contains("ETA to next update: 20 minutes") ? true : null);
        assertThat(browser.path()).as("previewed in place").isEqualTo("/incidents/" + id);
        assertThat(Pages.navigations(browser)).isEqualTo(1);
        String previewed = text("su-text");
        browser.driver().findElement(Browser.buttonBy("Post Status Update")).click();
        Pages.awaitTimeline(browser, "Next action: Restarting order-service pods");

        List<RecordedEvent> history = server.incidents.history(id);
        assertThat(history.get(history.size() - 1).event()).isInstanceOfSatisfying(NoteAdded.class,
                n -> assertThat(n.note()).isEqualTo(previewed));

        WebElement pub = Pages.openAction(browser, "Post public update");
        assertThat(pub.findElement(By.className("public-warning")).getText()).startsWith("Public:");
        Browser.byLabel(pub, "Public title").sendKeys("Checkout issues");
        new Select(Browser.byLabel(pub, "Public status")).selectByVisibleText("Investigating");
        new Select(Browser.byLabel(pub, "Impact on services")).selectByVisibleText("Partial outage");
        button(pub, "Preview").click();
        WebElement message = Browser.byLabel(pub, "Message for customers");
        browser.await("the message refused before a preview", d -> "true".equals(message.getAttribute("aria-invalid")) ? true : null);
        assertThat(browser.driver().findElement(By.id("pu-message-error")).getText()).isEqualTo("The message is required.");
        assertThat(pub.findElements(By.cssSelector(".status-card"))).isEmpty();

        message.sendKeys("We are investigating reports of checkout failures.\nSome customers may see errors.");
        button(pub, "Preview").click();
        WebElement card = browser.await("the preview as customers see it", d -> {
            List<WebElement> c = d.findElements(By.cssSelector("#public-update-preview .status-card"));
            return c.isEmpty() ? null : c.get(0);
        });
        assertThat(card.getText()).contains("Investigating: Checkout issues",
                "We are investigating reports of checkout failures.\nSome customers may see errors.",
                "Affects checkout: Partial outage");
        assertThat(message.getAttribute("aria-invalid")).as("the error cleared").isNull();
        // For a look at both forms previewed: target/screenshots/incident-comms.png.
        browser.screenshot("incident-comms");
        assertThat(Pages.navigations(browser)).isEqualTo(1);
        long before = server.eventCount();
        browser.driver().findElement(Browser.buttonBy("Post Public Update")).click();
        Pages.awaitTimeline(browser, "Public update: Investigating");

        assertThat(server.eventCount()).isEqualTo(before + 1);
        history = server.incidents.history(id);
        assertThat(history.get(history.size() - 1).event()).isEqualTo(new PublicUpdatePosted("Checkout issues",
                dev.incidentkit.core.PublicStatus.INVESTIGATING, dev.incidentkit.core.ComponentStatus.PARTIAL_OUTAGE,
                "We are investigating reports of checkout failures.\nSome customers may see errors."));
        WebElement entry = browser.driver().findElements(By.cssSelector("#timeline li")).stream()
                .filter(li -> li.getText().contains("Public update: Investigating")).findFirst().orElseThrow();
        assertThat(entry.findElement(By.cssSelector(".badge.public")).getText()).isEqualTo("Public");
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("Next update due by");
        // The form starts from the update just posted, for the next one.
        WebElement again = Pages.openAction(browser, "Post public update");
        assertThat(Browser.byLabel(again, "Public title").getAttribute("value")).isEqualTo("Checkout issues");
        assertThat(again.getText()).contains("Last public update:");
    }

    @Test
    @DisplayName("a responder has Post update but no Post public update")
    void responder() {
        String id = incident();
        logIn("rita");
        browser.open(server.uri(), "/incidents/" + id);

        Pages.openAction(browser, "Post update");
        assertThat(browser.driver().findElements(Browser.summaryBy("Post public update"))).isEmpty();
    }
}
