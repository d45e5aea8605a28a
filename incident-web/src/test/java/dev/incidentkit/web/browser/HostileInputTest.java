package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.testkit.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

@DisplayName("In a browser: hostile text in titles, notes, names and action items is shown as text and never runs")
class HostileInputTest {

    static final String TITLE = "</script><img src=x onerror=alert(1)> {{7*7}} \u202Eevil override\u202C";
    static final List<String> NOTES = List.of("javascript:alert(1)", "[x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">click</a> {{7*7}} ${7*7}", "\u202Egnp.exe");

    static Server server;
    static Browser browser;
    static String declared;
    static String fixture;

    @BeforeAll
    static void start() {
        server = Server.local();
        // The test kit's hostile incident (every text field hostile, a hostile actor), then one through the API.
        fixture = Fixtures.hostile(server.incidents, server.clock).id();
        declared = server.declare(Optional.empty(), TITLE, "SEV-1", "checkout", Fixtures.HOSTILE_DESCRIPTION);
        for (String note : NOTES) {
            server.command(Optional.empty(), declared, "notes", Server.JSON.createObjectNode().put("note", note));
        }
        server.command(Optional.empty(), declared, "action-items", Server.JSON.createObjectNode()
                .put("text", Fixtures.HOSTILE_ACTION_ITEM));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Browser.closeAll(browser, server);
    }

    @Test
    @DisplayName("the dashboard")
    void dashboard() {
        visit("/");
        assertThat(text()).contains("{{7*7}}").contains("</script><img src=x onerror=alert(1)>");
        assertThat(browser.driver().findElements(By.cssSelector("#active-incidents tr[data-incident]"))).hasSize(2);
    }

    @Test
    @DisplayName("the incident list, also when searched for the payload")
    void list() {
        visit("/incidents");
        assertThat(text()).contains("{{7*7}}").contains("</script><img src=x onerror=alert(1)>");
        visit("/incidents?text=" + java.net.URLEncoder.encode("<img src=x onerror=alert(1)>", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(text()).contains("</script><img src=x onerror=alert(1)>");
    }

    @Test
    @DisplayName("the incident declared through the API: title, notes, action item as literal text")
    void declaredIncident() {
        visit("/incidents/" + declared);
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("</script><img src=x onerror=alert(1)> {{7*7}}");
        assertThat(browser.driver().getTitle()).doesNotContain("49");
        String timeline = browser.driver().findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("javascript:alert(1)", "[x](javascript:alert(1))", "{{7*7}} ${7*7}",
                "<a href=\"javascript:alert(1)\">click</a>", "\u202Egnp.exe");
        assertThat(text()).contains("\u202Eevil override\u202C");
        assertThat(text()).contains("Fix | escaping of [links](javascript:void(0)) and <b>tags</b>");
    }

    @Test
    @DisplayName("the test kit's hostile incident, with a hostile actor and postmortem, and its actions opened")
    void fixtureIncident() {
        visit("/incidents/" + fixture);
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains(Fixtures.HOSTILE_PAYLOAD);
        assertThat(text()).contains("<b>@channel</b> *admin* | <!everyone>", "{{7*7}}", "${jndi:ldap://x/y}");
        for (WebElement s : browser.driver().findElements(By.cssSelector("details > summary"))) {
            s.click();
        }
        assertNothingRuns();
    }

    @Test
    @DisplayName("the metrics page, which names services and people")
    void metrics() {
        visit("/metrics");
    }

    private static void visit(String path) {
        browser.open(server.uri(), path);
        // The load event waits for every image, a failing one's onerror included; a live region's
        // refresh puts new markup in, so it gets one refresh's time as well.
        Pages.awaitLoaded(browser);
        if (!browser.driver().findElements(By.cssSelector("[data-live]")).isEmpty()) {
            Pages.awaitRefreshes(browser, Pages.refreshes(browser), 1);
            Pages.awaitLoaded(browser);
        }
        assertNothingRuns();
    }

    private static void assertNothingRuns() {
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.driver().findElements(By.cssSelector("img[src=x], img[src$='/x'], img[onerror]"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("a[href^='javascript' i], [onerror], [onclick], [onload]"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("script:not([src])"))).as("inline scripts").isEmpty();
        assertThat(browser.driver().findElements(By.xpath("//b[contains(., '@channel') or contains(., 'tags')]")))
                .as("markup from the text").isEmpty();
        assertBidiIsolated();
    }

    /**
     * Every text with a bidirectional control (U+202A-U+202E, U+2066-U+2069) is isolated (an
     * element on the way up with unicode-bidi isolate or plaintext: bdi, dir=auto) before its
     * block, or is its block's whole text (a block is a bidi paragraph of its own; the pages'
     * CSS makes some user-text elements blocks): an override cannot reorder the page's own words.
     */
    private static void assertBidiIsolated() {
        Object bad = browser.script("""
                const out = [];
                const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                while (walk.nextNode()) {
                  const t = walk.currentNode;
                  if (!/[\u202A-\u202E\u2066-\u2069]/.test(t.data)) continue;
                  let el = t.parentElement, ok = false;
                  while (el && el !== document.body) {
                    const cs = getComputedStyle(el);
                    if (/isolate|plaintext/.test(cs.unicodeBidi)) { ok = true; break; }
                    if (cs.display !== 'inline' && cs.display !== 'contents') {
                      ok = el.textContent.trim() === t.data.trim();
                      break;
                    }
                    el = el.parentElement;
                  }
                  if (!ok) out.push((el || document.body).outerHTML.slice(0, 300));
                }
                return out;
                """);
        assertThat((java.util.List<?>) bad).as("bidi controls in user text not isolated, in").isEmpty();
    }

    private static String text() {
        return browser.driver().findElement(By.tagName("body")).getText();
    }
}
