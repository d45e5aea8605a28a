package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deque.html.axecore.results.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

@DisplayName("The browser tests' own machinery: Chromium offline on loopback, axe, the Performance API, screenshots")
class BrowserInfrastructureTest {

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
    @DisplayName("Chromium opens a page of the server on loopback, and the Performance API counts what it loaded")
    void opensTheServer() throws Exception {
        browser.open(server.uri(), "/api/v1/openapi.json");

        assertThat(browser.driver().getPageSource()).contains("\"openapi\"");
        PageWeight.Weight w = PageWeight.read(browser, "openapi");
        assertThat(w.requests()).isEqualTo(1);
        assertThat(w.entries().get(0).type()).isEqualTo("document");
        assertThat(w.entries().get(0).encodedBytes()).isPositive();
    }

    @Test
    @DisplayName("axe runs on a page and finds a missing label as a critical violation; a label is found by its text")
    void axe() throws Exception {
        browser.driver().get("data:text/html,<!doctype html><html lang=en><title>t</title><main><h1>Form</h1>"
                + "<input id=x type=text></main>");

        assertThatThrownBy(() -> Accessibility.assertNoSeriousViolations("unlabelled",
                Accessibility.analyze(browser.driver(), "unlabelled")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("label [critical]");

        browser.driver().get("data:text/html,<!doctype html><html lang=en><title>t</title><main><h1>Form</h1>"
                + "<label for=x>Name</label><input id=x type=text></main>");
        Results ok = Accessibility.analyze(browser.driver(), "labelled");
        Accessibility.assertNoSeriousViolations("labelled", ok);
        assertThat(ok.getPasses()).isNotEmpty();
        assertThat(browser.byLabel("Name").getAttribute("id")).isEqualTo("x");
    }

    @Test
    @DisplayName("a screenshot is a PNG at least the window's size")
    void screenshot() throws Exception {
        browser.open(server.uri(), "/api/v1/openapi.json");

        Path png = browser.screenshot("infrastructure-openapi");

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        int width = ((bytes[16] & 0xff) << 24) | ((bytes[17] & 0xff) << 16) | ((bytes[18] & 0xff) << 8) | (bytes[19] & 0xff);
        int height = ((bytes[20] & 0xff) << 24) | ((bytes[21] & 0xff) << 16) | ((bytes[22] & 0xff) << 8) | (bytes[23] & 0xff);
        assertThat(width).isEqualTo(Browser.WIDTH);
        assertThat(height).isGreaterThanOrEqualTo(Browser.HEIGHT);
    }

    @Test
    @DisplayName("the server answers the test's own API calls: a declaration by the local actor")
    void declares() {
        String id = server.declare(Optional.empty(), "Checkout latency", "SEV-2", "checkout", "");

        assertThat(id).startsWith("INC-");
        browser.open(server.uri(), "/api/v1/incidents/" + id);
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("Checkout latency");
    }
}
