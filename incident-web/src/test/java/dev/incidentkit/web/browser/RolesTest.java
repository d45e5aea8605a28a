package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

@DisplayName("In a browser, on a server with logins: what a viewer and a commander may do, and who must log in first")
class RolesTest {

    @TempDir
    static Path dir;
    static Server server;
    static Browser browser;
    static String id;

    @BeforeAll
    static void start() {
        server = Server.withLogins(dir);
        id = server.declare(Optional.of("carl"), "Checkout latency", "SEV-2", "checkout", "Declared by carl");
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

    /** Logs in through the login page, from wherever it was sent with {@code next}. */
    static void logIn(String user) {
        browser.byLabel("User").sendKeys(user);
        browser.byLabel("Password").sendKeys(Server.PASSWORD);
        browser.button("Log in").click();
        browser.await("to leave the login page", d -> !browser.path().startsWith("/login") ? true : null);
    }

    @Test
    @DisplayName("without a session, the dashboard sends the browser to the login page, which returns it there")
    void mustLogIn() {
        browser.open(server.uri(), "/");

        browser.await("the login page", d -> browser.path().startsWith("/login") ? true : null);
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isNotBlank();
        logIn("vera");
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.driver().findElements(By.cssSelector("#active-incidents tr[data-incident='" + id + "']"))).hasSize(1);
    }

    @Test
    @DisplayName("Log out ends the session: the browser is on the login page, and the dashboard sends it there again")
    void logOut() {
        browser.open(server.uri(), "/");
        browser.await("the login page", d -> browser.path().startsWith("/login") ? true : null);
        logIn("vera");

        browser.button("Log out").click();

        browser.await("the login page after logging out", d -> browser.path().startsWith("/login") ? true : null);
        browser.open(server.uri(), "/");
        browser.await("the login page again", d -> browser.path().startsWith("/login") ? true : null);
    }

    @Test
    @DisplayName("login's next= brings the browser back to the incident it asked for; an outside next= does not leave the site")
    void next() {
        browser.open(server.uri(), "/incidents/" + id);
        browser.await("the login page", d -> browser.path().startsWith("/login") ? true : null);
        logIn("carl");
        assertThat(browser.path()).isEqualTo("/incidents/" + id);

        browser.driver().manage().deleteAllCookies();
        browser.open(server.uri(), "/login?next=" + "https://evil.example/");
        logIn("carl");
        assertThat(browser.driver().getCurrentUrl()).startsWith(server.origin() + "/");
    }

    @Test
    @DisplayName("a viewer sees no action and no write form; a write forged from the page with the CSRF token gets 403 and records nothing")
    void viewer() {
        browser.open(server.uri(), "/login?next=/incidents/" + id);
        logIn("vera");
        assertThat(browser.path()).isEqualTo("/incidents/" + id);

        assertThat(browser.driver().findElements(By.cssSelector("details.action"))).isEmpty();
        List<WebElement> writes = browser.driver().findElements(By.cssSelector("form[data-api]"));
        assertThat(writes).as("write forms other than logout and the hash-chain check (a GET)")
                .allSatisfy(f -> assertThat(isLogoutOrRead(f)).as(f.getAttribute("data-api")).isTrue());
        assertThat(browser.driver().findElements(By.cssSelector("a.declare"))).as("Declare Incident for a viewer").isEmpty();
        assertThat(browser.script("return document.querySelector('meta[name=\"csrf-token\"]').content"))
                .asString().matches("[A-Za-z0-9_-]{43}");

        long before = server.eventCount();
        long version = server.incidents.get(id).version();
        long status = Pages.fetchFromPage(browser, "POST", "/api/v1/incidents/" + id + "/acknowledge",
                "{\"note\":\"forged by a viewer\"}");

        assertThat(status).isEqualTo(403);
        assertThat(server.eventCount()).isEqualTo(before);
        assertThat(server.incidents.get(id).version()).isEqualTo(version);
    }

    @Test
    @DisplayName("a commander sees the actions and acknowledges from the page, as carl")
    void commander() {
        browser.open(server.uri(), "/login?next=/incidents/" + id);
        logIn("carl");

        assertThat(browser.driver().findElements(By.cssSelector("details.action > summary")))
                .extracting(WebElement::getText)
                .contains("Acknowledge", "Add update", "Mitigate", "Resolve", "Escalate", "Assign role");
        WebElement ack = Pages.openAction(browser, "Acknowledge");
        Browser.byLabel(ack, "Note").sendKeys("On it");
        ack.findElement(Browser.buttonBy("Acknowledge Incident")).click();
        Pages.awaitTimeline(browser, "acknowledged by carl");
        assertThat(server.incidents.get(id).status().wireName()).isEqualTo("acknowledged");
    }

    @Test
    @DisplayName("a page forged without the CSRF token cannot write with the session either")
    void noToken() {
        browser.open(server.uri(), "/login?next=/incidents/" + id);
        logIn("carl");
        long before = server.eventCount();

        Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json'},
                        body: '{"note":"no token"}', credentials: 'same-origin'}).then(r => done(r.status), e => done(-1));
                """, "/api/v1/incidents/" + id + "/notes");

        assertThat(((Number) status).longValue()).isEqualTo(403);
        assertThat(server.eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("a viewer is not offered the declaration: no Declare Incident on the dashboard, and /incidents/new answers Not allowed")
    void viewerCannotDeclare() {
        browser.open(server.uri(), "/login");
        logIn("vera");
        assertThat(browser.driver().findElements(By.cssSelector("a.declare"))).as("Declare Incident for a viewer").isEmpty();

        browser.open(server.uri(), "/incidents/new");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(browser.driver().findElements(By.cssSelector("form[data-api='/api/v1/incidents']"))).isEmpty();
    }

    @Test
    @DisplayName("a user without a role logs in and gets Not allowed, not the dashboard")
    void noRole() {
        browser.open(server.uri(), "/login");
        logIn(Server.NO_ROLE);

        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(browser.driver().findElements(By.id("active-incidents"))).isEmpty();
    }

    private static boolean isLogoutOrRead(WebElement form) {
        String method = String.valueOf(form.getAttribute("data-method"));
        return "/api/v1/session".equals(form.getAttribute("data-api")) && "DELETE".equals(method) || "GET".equals(method);
    }
}
