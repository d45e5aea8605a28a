package dev.incidentkit.web.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What the browser tests know of the dashboard's pages (issue 15's contract): where things are
 * and how a person uses them. Kept in one place, so that a page that moves a thing is fixed here
 * once.
 */
final class Pages {

    static final Pattern INCIDENT_PATH = Pattern.compile("/incidents/(INC-[A-Za-z0-9-]+)");
    /** How often app.js refreshes the live regions, and a margin for a busy machine. */
    static final Duration REFRESH = Duration.ofSeconds(5);

    private Pages() {}

    /** @return the incident id of the incident page shown, waiting for the browser to get there */
    static String awaitIncidentPage(Browser browser) {
        browser.await("an incident page", d -> INCIDENT_PATH.matcher(browser.path()).matches() ? true : null);
        Matcher m = INCIDENT_PATH.matcher(browser.path());
        m.matches();
        return m.group(1);
    }

    /** Fills the declaration form shown ({@code /incidents/new}) and presses Create Incident. */
    static void fillDeclaration(Browser browser, String title, String severityOption, String service, String description) {
        browser.byLabel("Title").sendKeys(title);
        new Select(browser.byLabel("Severity")).selectByVisibleText(severityOption);
        browser.byLabel("Service").sendKeys(service);
        browser.byLabel("Description").sendKeys(description);
        browser.button("Create Incident").click();
    }

    /** Opens the action whose summary reads {@code summary}; @return its {@code details.action} element */
    static WebElement openAction(Browser browser, String summary) {
        WebElement s = browser.await("the action " + summary, d -> d.findElement(Browser.summaryBy(summary)));
        WebElement details = s.findElement(By.xpath("./.."));
        if (details.getAttribute("open") == null) {
            s.click();
        }
        browser.await(summary + " opened", d -> details.getAttribute("open") != null ? true : null);
        return details;
    }

    /**
     * Opens an action, fills its fields (label text to value; a select is chosen by its visible
     * text) and presses its submit button; waits until the timeline contains {@code expect}.
     */
    static void act(Browser browser, String summary, Map<String, String> fields, String expect) {
        WebElement details = openAction(browser, summary);
        for (Map.Entry<String, String> f : fields.entrySet()) {
            WebElement control = Browser.byLabel(details, f.getKey());
            if ("select".equals(control.getTagName())) {
                new Select(control).selectByVisibleText(f.getValue());
            } else {
                control.clear();
                control.sendKeys(f.getValue());
            }
        }
        submitButton(details).click();
        awaitTimeline(browser, expect);
    }

    /** @return the submit button of an action's form */
    static WebElement submitButton(WebElement details) {
        List<WebElement> buttons = details.findElements(
                By.cssSelector("form button:not([type]), form button[type=submit], form input[type=submit]"));
        if (buttons.isEmpty()) {
            throw new org.openqa.selenium.NoSuchElementException("no submit button in " + details.getText());
        }
        return buttons.get(0);
    }

    /** Waits until the timeline ({@code #timeline}) contains the text, ignoring case. */
    static void awaitTimeline(Browser browser, String text) {
        String[] last = {""};
        try {
            browser.await("'" + text + "' in #timeline", d -> {
                List<WebElement> t = d.findElements(By.id("timeline"));
                last[0] = t.isEmpty() ? "(no #timeline)" : t.get(0).getText();
                return last[0].toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)) ? true : null;
            });
        } catch (TimeoutException e) {
            throw new AssertionError("'" + text + "' never appeared in #timeline, which reads:\n" + last[0]
                    + "\nform errors on the page: " + formErrors(browser), e);
        }
    }

    /** @return the texts of the page's form and field errors, for a failure's message */
    static List<String> formErrors(Browser browser) {
        return browser.driver().findElements(By.cssSelector(".form-error, .field-error")).stream()
                .map(WebElement::getText).filter(t -> !t.isBlank()).toList();
    }

    /** Waits for the load event and for every image to have loaded or failed. */
    static void awaitLoaded(Browser browser) {
        browser.await("the page and its images loaded", d -> Boolean.TRUE.equals(browser.script(
                "return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)")) ? true : null);
    }

    /** @return the live-refresh counter app.js keeps in {@code body.dataset.refreshed}, 0 before the first */
    static int refreshes(Browser browser) {
        Object v = browser.script("return document.body.dataset.refreshed || '0'");
        return Integer.parseInt(String.valueOf(v));
    }

    /** Waits until app.js has refreshed the live regions {@code n} more times than {@code from}. */
    static int awaitRefreshes(Browser browser, int from, int n) {
        if (Boolean.TRUE.equals(browser.script("return document.hidden"))) {
            throw new AssertionError("the page is hidden (a background tab), and app.js does not refresh a hidden page");
        }
        Duration timeout = REFRESH.multipliedBy(n).plusSeconds(5);
        return browser.await(n + " more refreshes of the live regions (body.dataset.refreshed) after " + from, timeout, d -> {
            int now = refreshes(browser);
            return now >= from + n ? now : null;
        });
    }

    /** @return how many navigations the document has had: 1 unless the page was reloaded or left */
    static long navigations(Browser browser) {
        return ((Number) browser.script("return performance.getEntriesByType('navigation').length")).longValue();
    }

    /**
     * Makes a request from the page with {@code fetch}, as the page's own script would, with
     * the CSRF token of {@code <meta name="csrf-token">} if there is one; @return its status
     */
    static long fetchFromPage(Browser browser, String method, String path, String json) {
        Object status = browser.driver() instanceof org.openqa.selenium.JavascriptExecutor js
                ? js.executeAsyncScript("""
                        const [method, path, body, done] = arguments;
                        const meta = document.querySelector('meta[name="csrf-token"]');
                        const headers = {'Content-Type': 'application/json'};
                        if (meta) { headers['X-CSRF-Token'] = meta.content; }
                        fetch(path, {method, headers, body: method === 'GET' ? undefined : body, credentials: 'same-origin'})
                            .then(r => done(r.status), e => done(-1));
                        """, method, path, json)
                : -1;
        return ((Number) status).longValue();
    }
}
