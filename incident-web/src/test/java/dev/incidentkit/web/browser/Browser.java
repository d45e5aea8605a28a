package dev.incidentkit.web.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium, driven by the system's chromedriver, for one test class. Nothing is
 * downloaded: the driver and the browser are named explicitly, so Selenium Manager never runs
 * (and {@code SE_OFFLINE=true}, set by surefire and as a system property, which Selenium hands
 * to Selenium Manager as an environment variable, stops it reaching out if it ever did).
 * Chromium's own background traffic (updates, sync, safe browsing, QUIC) is switched off, since
 * the only network here is loopback. Every profile is a fresh temporary directory, deleted on
 * {@link #close()}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;
    /**
     * Selenium 4.52 has no DevTools bindings for Chromium 150 and warns once per browser; these
     * tests use WebDriver and chromedriver's raw DevTools command only, which need none. Held
     * here because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger CDP_VERSION_LOG = java.util.logging.Logger.getLogger(
            "org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts Chromium.
     *
     * @throws IllegalStateException naming the packages to install if Chromium or chromedriver is missing
     */
    static Browser start() {
        requireExecutable(CHROMIUM);
        requireExecutable(CHROMEDRIVER);
        System.setProperty("SE_OFFLINE", "true");
        CDP_VERSION_LOG.setLevel(java.util.logging.Level.SEVERE);
        Path profile;
        Path logs = Path.of("target", "browser");
        try {
            profile = Files.createTempDirectory("incidentkit-chromium-");
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setPageLoadStrategy(PageLoadStrategy.NORMAL);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                "--mute-audio", "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(logs.resolve("chromedriver.log").toFile())
                .withAppendLog(true)
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            return new Browser(service, driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    private static void requireExecutable(Path path) {
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is missing: the browser tests need Debian's Chromium and its "
                    + "driver (apt-get install -y chromium chromium-driver)");
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Empties the browser's HTTP cache (through chromedriver's DevTools command), so that the next page loads cold. */
    void clearCache() {
        driver.executeCdpCommand("Network.clearBrowserCache", java.util.Map.of());
    }

    /** Opens a path (with its query) on a server and waits for the page to load. */
    void open(URI server, String path) {
        driver.get(server.resolve(path).toString());
    }

    /** @return the path and query of the page shown */
    String path() {
        URI u = URI.create(driver.getCurrentUrl());
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    /** @return the form control a {@code <label>} with this text names, by its {@code for} or by nesting */
    WebElement byLabel(String text) {
        List<WebElement> labels = driver.findElements(By.xpath("//label[normalize-space()=" + xpathLiteral(text) + "]"));
        if (labels.isEmpty()) {
            // A label may carry a marker after its text, such as "Title *" or "Role (optional)".
            labels = driver.findElements(By.xpath("//label[starts-with(normalize-space()," + xpathLiteral(text) + ")]"));
        }
        for (WebElement label : labels) {
            String target = label.getAttribute("for");
            if (target != null && !target.isEmpty()) {
                return driver.findElement(By.id(target));
            }
            List<WebElement> nested = label.findElements(By.cssSelector("input, select, textarea"));
            if (!nested.isEmpty()) {
                return nested.get(0);
            }
        }
        throw new NoSuchElementException("no form control labelled '" + text + "' on " + driver.getCurrentUrl());
    }

    /** @return the control labelled {@code text} inside {@code scope} (a form, a details element) */
    static WebElement byLabel(WebElement scope, String text) {
        for (WebElement label : scope.findElements(By.xpath(".//label[starts-with(normalize-space()," + xpathLiteral(text) + ")]"))) {
            String target = label.getAttribute("for");
            if (target != null && !target.isEmpty()) {
                return scope.findElement(By.id(target));
            }
            List<WebElement> nested = label.findElements(By.cssSelector("input, select, textarea"));
            if (!nested.isEmpty()) {
                return nested.get(0);
            }
        }
        throw new NoSuchElementException("no form control labelled '" + text + "' in " + scope.getTagName());
    }

    /** @return the button (or submit input) whose text is exactly this */
    WebElement button(String text) {
        return driver.findElement(buttonBy(text));
    }

    static By buttonBy(String text) {
        String t = xpathLiteral(text);
        return By.xpath("//button[normalize-space()=" + t + "] | //input[(@type='submit' or @type='button') and @value=" + t + "]");
    }

    /** @return the {@code <summary>} of an action's {@code <details>} whose text is exactly this */
    static By summaryBy(String text) {
        return By.xpath("//details/summary[normalize-space()=" + xpathLiteral(text) + "]");
    }

    /**
     * @param what what is awaited, for the message if it never comes
     * @return the condition's first non-null, non-false value, waiting at most {@link #WAIT}
     */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return await(what, WAIT, condition);
    }

    <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.withMessage(() -> what + " (on " + driver.getCurrentUrl() + ")");
        // A live refresh or a reload may replace an element between finding it and reading it.
        wait.ignoring(StaleElementReferenceException.class);
        return wait.until(condition);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Saves a PNG of the whole page at {@link #WIDTH} wide: the window is made as tall as the
     * document (at least {@link #HEIGHT}, at most 6000 px) for the shot, then put back.
     */
    Path screenshot(String name) {
        Path file = Path.of("target", "screenshots", name + ".png");
        Number height = (Number) script("return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)");
        // The window's size includes whatever is not viewport; the shot is of the viewport.
        Number chrome = (Number) script("return Math.max(0, window.outerHeight - window.innerHeight)");
        int h = Math.min(6000, Math.max(HEIGHT, height.intValue()));
        try {
            driver.manage().window().setSize(new Dimension(WIDTH, h + chrome.intValue()));
            await("the window resized to show " + h + " px", d -> ((Number) script("return window.innerHeight")).intValue() >= h ? true : null);
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        }
    }

    static String xpathLiteral(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        if (!s.contains("\"")) {
            return "\"" + s + "\"";
        }
        return "concat('" + s.replace("'", "',\"'\",'") + "')";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    /** Closes each in turn (nulls skipped: a start that failed), even when one fails; rethrows the first failure. */
    static void closeAll(AutoCloseable... things) {
        RuntimeException first = null;
        for (AutoCloseable t : things) {
            try {
                if (t != null) {
                    t.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A profile left in /tmp is untidy, not a test failure.
        }
    }
}
